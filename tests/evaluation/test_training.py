"""The fit behind the learned relevance: labels, the ridge regression, and the shipped weights being that fit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np

from summarize import Document, prepare
from summarize.evaluation.training import fit_weights, sentence_labels

ROOT = Path(__file__).resolve().parents[2]


def test_fit_recovers_the_weights_of_a_linear_rule() -> None:
    rng = np.random.default_rng(0)
    truth = np.array([0.5, -2.0, 0.0, 1.5])
    rows = []
    for _ in range(20):
        features = rng.random((200, 4)) * [1.0, 3.0, 10.0, 0.1]  # unlike scales: the weights come back raw
        rows.append((np.column_stack([features, np.ones(200)]), features @ truth + 7.0))  # the constant column last
    np.testing.assert_allclose(fit_weights(rows), [*truth, 7.0], rtol=1e-3, atol=1e-3)


def test_labels_are_reference_recall_per_word() -> None:
    cluster = prepare(
        [Document("Rebels seized the capital on Monday. A spokesman for the weather office spoke today.")]
    )
    labels = sentence_labels(cluster, ["Rebels seized the capital on Monday."])
    assert labels[0] > labels[1] > 0.0  # "the" still matches: stop words count in ROUGE-1 recall


def test_the_shipped_weights_are_the_fit_on_duc2004(duc2004: Path) -> None:
    check = [sys.executable, str(ROOT / "benchmarks" / "train_relevance.py"), "--data", str(duc2004), "--check"]
    result = subprocess.run(check, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
