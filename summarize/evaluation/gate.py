"""The quality gate: fail when a system's ROUGE-2 recall drops below its committed baseline.

A baselines file (the repository's ``evaluation/baselines.json``, passed as ``--gate``) maps
dataset -> system -> metric -> recall; a drop of more than
``tolerance`` (0.003 by default) is a failure.
"""

from __future__ import annotations

import json
from pathlib import Path

from summarize.evaluation.harness import SystemScores

TOLERANCE = 0.003


def load_baselines(path: str | Path) -> dict[str, dict[str, dict[str, float]]]:
    """Read the baselines file (dataset -> system -> metric -> recall)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def check_gate(
    dataset: str,
    scores: list[SystemScores],
    baselines: dict[str, dict[str, dict[str, float]]],
    tolerance: float = TOLERANCE,
) -> tuple[list[str], list[str]]:
    """Compare ``scores`` with the baselines of ``dataset``: (lines for passes, lines for failures)."""
    passes: list[str] = []
    failures: list[str] = []
    by_system = {s.system: s for s in scores}
    for system, metrics in sorted(baselines.get(dataset, {}).items()):
        if system not in by_system:
            continue
        for metric, baseline in sorted(metrics.items()):
            measured = by_system[system].recall(metric)
            line = f"{dataset} {system} {metric} recall {measured:.5f} (baseline {baseline:.5f}, tolerance {tolerance})"
            (failures if measured < baseline - tolerance else passes).append(line)
    return passes, failures
