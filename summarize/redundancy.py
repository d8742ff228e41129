"""Redundancy against everything a summary already says, not only against its closest sentence.

MMR's classic redundancy is the largest TF-IDF cosine between a candidate and one chosen sentence (Carbonell and
Goldstein 1998). Paraphrases of one fact spread over several sentences slip under it: on the seeds three
sentences saying that Japan and the U.S. agreed to upgrade their military cooperation have pairwise cosines of
0.22-0.27. Coverage judges a candidate against the union of what the summary covers, in the spirit of Lin and
Bilmes's (2011) submodular coverage: the share of the candidate's content that is already covered, as stemmed
content words weighted by their TF-IDF in the sentence (``"words"``) or as bigram concepts weighted by document
frequency (``"concepts"``, Gillick and Favre 2009). A share in [0, 1] joins the cosine in the MMR
penalty and has its own threshold that turns a sentence away (``select.mmr_select``, ``select.CoverageTracker``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

    from summarize.types import Cluster

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
