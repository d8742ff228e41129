"""Fit the weights of summarize's ``learned`` relevance on clusters with reference summaries.

Each sentence's label is what it would bring to a fixed-length summary: its ROUGE-1 and ROUGE-2 recall against the
cluster's references (stemmed, as ROUGE -m), each relative to the issue's target (DPP's 39.84, ICSISumm's 9.81),
per word of budget it spends. Ridge regression of the labels on standardised ``summarize.relevance_features``
(Hoerl and Kennard 1970) gives one weight per feature, returned on the raw features' scale; the last feature is
the constant 1, whose weight is the intercept, so features @ weights is the predicted label. The fit is closed
form (NumPy, no randomness); machines may differ only in the last bits of floating point.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from summarize import relevance_features
from summarize.evaluation.rouge import RougeOptions, RougeScorer

TARGET_RECALL = {"ROUGE-1": 0.3984, "ROUGE-2": 0.0981}
"""Issue 4's targets, DPP's ROUGE-1 and ICSISumm's ROUGE-2 recall: each label half is divided by its target, so both
halves of the goal weigh alike, as in ``benchmarks/quality.py``'s model selection, which reads them from here."""
LABEL_OPTIONS = RougeOptions(metrics=tuple(TARGET_RECALL), stem=True)
"""The labels' ROUGE: -m (stemmed), stop words kept, no length cut (a sentence is scored whole)."""
RIDGE_ALPHA = 1.0
"""The ridge penalty on standardised features; with thousands of sentences it only guards against collinearity."""


def sentence_labels(cluster: Any, references: Sequence[str], scorer: RougeScorer | None = None) -> np.ndarray:
    """Per sentence of a prepared cluster: (ROUGE-1 / 0.3984 + ROUGE-2 / 0.0981) recall per word."""
    scorer = scorer or RougeScorer(LABEL_OPTIONS)
    labels = np.zeros(len(cluster.texts))
    for i, text in enumerate(cluster.texts):
        scores = scorer.score(text, list(references))
        gain = sum(scores[metric].recall / target for metric, target in TARGET_RECALL.items())
        labels[i] = gain / max(len(text.split()), 1)
    return labels


def training_rows(clusters: Sequence[Any], references: Sequence[Sequence[str]]) -> list[tuple[np.ndarray, np.ndarray]]:
    """(features, labels) of every cluster, computed once so that many folds can share them."""
    scorer = RougeScorer(LABEL_OPTIONS)
    return [
        (relevance_features(cluster), sentence_labels(cluster, refs, scorer))
        for cluster, refs in zip(clusters, references, strict=True)
    ]


def fit_weights(rows: Sequence[tuple[np.ndarray, np.ndarray]], alpha: float = RIDGE_ALPHA) -> tuple[float, ...]:
    """Ridge regression of the labels on the standardised features (the last column is the constant 1, left out of
    the penalty), returned as raw-scale weights, the last being the intercept; 9 significant digits."""
    features = np.vstack([f for f, _ in rows])[:, :-1]
    labels = np.concatenate([y for _, y in rows])
    mean, spread = features.mean(axis=0), features.std(axis=0)
    spread[spread == 0] = 1.0
    standard = (features - mean) / spread
    weights = np.linalg.solve(
        standard.T @ standard + alpha * np.eye(standard.shape[1]), standard.T @ (labels - labels.mean())
    )
    raw = weights / spread
    intercept = labels.mean() - float(mean @ raw)
    return tuple(float(f"{w:.9g}") for w in (*raw, intercept))
