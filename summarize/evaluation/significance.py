"""Is system A better than system B? A paired randomisation test over clusters.

Under the null hypothesis the two systems' per-cluster scores are exchangeable, so the sign of
each paired difference is random; the p-value is the share of random sign flips whose mean
difference is at least as extreme as the observed one (two-sided; Noreen 1989; the approximate
randomisation test recommended for summarisation by Rankel et al. 2011).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def paired_permutation_test(
    scores_a: Sequence[float], scores_b: Sequence[float], resamples: int = 10_000, seed: int = 0
) -> float:
    """Two-sided p-value that A and B score the same, from paired per-cluster scores (sign-flip test)."""
    a = np.asarray(scores_a, dtype=float)
    b = np.asarray(scores_b, dtype=float)
    if a.shape != b.shape or a.ndim != 1 or a.size == 0:
        raise ValueError("need two equally long, non-empty lists of paired scores")
    differences = a - b
    observed = abs(differences.mean())
    rng = np.random.default_rng(seed)
    signs = rng.choice(np.array([-1.0, 1.0]), size=(resamples, differences.size))
    flipped = np.abs(signs @ differences) / differences.size
    extreme = int(np.count_nonzero(flipped >= observed - 1e-12))
    return (extreme + 1) / (resamples + 1)
