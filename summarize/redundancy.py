"""Redundancy against everything a summary already says, not only against its closest sentence.

MMR's classic redundancy is the largest TF-IDF cosine between a candidate and one chosen sentence (Carbonell and
Goldstein 1998). Paraphrases of one fact spread over several sentences slip under it: on the seeds three
sentences saying that Japan and the U.S. agreed to upgrade their military cooperation have pairwise cosines of
0.22-0.27. Coverage judges a candidate against the union of what the summary covers, in the spirit of Lin and
Bilmes's (2011) submodular coverage: the share of the candidate's content that is already covered, as stemmed
content words weighted by their TF-IDF in the sentence (``"words"``) or as bigram concepts weighted by document
frequency (``"concepts"``, Gillick and Favre 2009). A share in [0, 1] takes the place of the cosine in the MMR
penalty and in the threshold that turns a sentence away.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

    from summarize.represent import Cluster

REDUNDANCY_MEASURES = ("cosine", "words", "concepts")
"""``cosine``: the largest cosine to one chosen sentence; ``words``: the TF-IDF weighted share of a sentence's
content words the summary already holds; ``concepts``: the weighted share of its bigram concepts already held."""


def content_units(cluster: Cluster, measure: str) -> csr_matrix | None:
    """The sentence x unit weights coverage is counted in (None for ``cosine``): rows are not normalised."""
    if measure == "cosine":
        return None
    if measure == "words":
        return cluster.vectors.matrix.tocsr()
    if measure == "concepts":
        from summarize.concepts import extract_concepts

        concepts = extract_concepts(cluster, min_df=1)
        return concepts.incidence.multiply(concepts.weights[np.newaxis, :]).tocsr()
    raise ValueError(f"unknown redundancy measure {measure!r}; choose from {', '.join(REDUNDANCY_MEASURES)}")


class CoverageTracker:
    """Covered share of every sentence's units, updated in O(units of the pick + nnz) per pick (no pair loop)."""

    def __init__(self, units: csr_matrix) -> None:
        self.units = units
        totals = np.asarray(units.sum(axis=1)).ravel()
        self.inverse_total = np.divide(1.0, totals, out=np.zeros_like(totals), where=totals > 0)
        self.covered = np.zeros(units.shape[1], dtype=bool)
        self.share = np.zeros(units.shape[0])

    def add(self, pick: int) -> None:
        """Mark the pick's units as covered and recompute every sentence's covered share."""
        start, end = self.units.indptr[pick], self.units.indptr[pick + 1]
        self.covered[self.units.indices[start:end]] = True
        self.share = np.asarray(self.units @ self.covered.astype(float)).ravel() * self.inverse_total
