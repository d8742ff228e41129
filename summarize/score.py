"""Score sentences: centrality in the cluster, a lead-position prior and a stand-alone penalty.

All functions are pure and vectorised over a CSR matrix of unit TF-IDF rows; none builds a
dense n x n matrix.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

    from summarize.types import Sentence


def centroid_scores(matrix: csr_matrix) -> np.ndarray:
    """Cosine of each sentence to the cluster centroid (Radev et al. 2004, centroid-based summarisation)."""
    centroid = np.asarray(matrix.mean(axis=0)).ravel()
    norm = float(np.linalg.norm(centroid))
    if norm == 0.0:
        return np.zeros(matrix.shape[0])
    return np.asarray(matrix @ (centroid / norm)).ravel()


def similarity_graph(matrix: csr_matrix, threshold: float, chunk_rows: int = 4096) -> csr_matrix:
    """Sparse cosine graph keeping edges >= ``threshold``, built chunk by chunk so memory stays O(edges)."""
    from scipy.sparse import csr_matrix as csr
    from scipy.sparse import vstack

    n = matrix.shape[0]
    transposed = matrix.T.tocsc()
    blocks = []
    for start in range(0, n, chunk_rows):
        block = (matrix[start : start + chunk_rows] @ transposed).tocsr()
        block.data[block.data < threshold] = 0.0
        block.eliminate_zeros()
        blocks.append(block)
    return vstack(blocks, format="csr") if blocks else csr((0, 0))


def lexrank_scores(
    matrix: csr_matrix, threshold: float = 0.1, damping: float = 0.85, tol: float = 1e-8, max_iter: int = 200
) -> np.ndarray:
    """Thresholded continuous LexRank (Erkan and Radev 2004): PageRank over the weighted cosine graph."""
    n = matrix.shape[0]
    if n == 0:
        return np.zeros(0)
    graph = similarity_graph(matrix, threshold)
    degree = np.asarray(graph.sum(axis=1)).ravel()
    dangling = degree == 0.0
    inverse = np.divide(1.0, degree, out=np.zeros_like(degree), where=~dangling)
    transition_t = graph.T.tocsr().multiply(inverse[np.newaxis, :]).tocsr()  # column-scaled = (D^-1 A)^T
    rank = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        spread = transition_t @ rank + rank[dangling].sum() / n
        updated = (1.0 - damping) / n + damping * spread
        if np.abs(updated - rank).sum() < tol:
            rank = updated
            break
        rank = updated
    return rank * n  # mean 1, comparable across cluster sizes


def lead_prior(sentences: Sequence[Sentence], half_life: float = 3.0) -> np.ndarray:
    """A news-lead prior in (0, 1]: 1 for a document's first sentence, halving every ``half_life`` sentences."""
    positions = np.fromiter((s.position for s in sentences), dtype=float, count=len(sentences))
    return np.power(0.5, positions / half_life)


_DANGLING_START = re.compile(
    r"""^[\"'“‘(]*(?:
        (?:he|she|it|they|these|those|this|that|his|her|its|their|them|him|such)\b
      | (?:however|but|and|also|moreover|meanwhile|instead|still|yet|so|thus|therefore|furthermore|nevertheless|
           nonetheless|additionally|besides|separately|similarly|likewise|then|otherwise|hence|indeed|again)\b
      | (?:in\ addition|on\ the\ other\ hand|as\ such|for\ example|for\ instance|at\ the\ same\ time|in\ turn)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_OPENING_QUOTE = re.compile(r"^[\"“‘']|^``")
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|told|tells|stated|states|added|adds|noted|notes|wrote|writes|posted|argued|asked|"
    r"according\ to|announced|declared|insisted|warned|explained|remarked)\b",
    re.IGNORECASE | re.VERBOSE,
)


def standalone_penalties(texts: Sequence[str], penalty: float = 0.5, min_words: int = 6) -> np.ndarray:
    """Down-weight sentences that cannot stand alone: a leading pronoun or connective, an orphan quote, a fragment.

    English only (the patterns are English). Returns a multiplier in (0, 1] per sentence.
    """
    weights = np.ones(len(texts))
    for i, text in enumerate(texts):
        dangling = bool(_DANGLING_START.match(text))
        orphan_quote = bool(_OPENING_QUOTE.match(text)) and not _ATTRIBUTION.search(text)
        fragment = len(text.split()) < min_words
        if dangling or orphan_quote or fragment:
            weights[i] = penalty
    return weights


def normalise(scores: np.ndarray) -> np.ndarray:
    """Scale scores into [0, 1] by the maximum (MMR mixes relevance with cosine similarity, also in [0, 1])."""
    top = float(scores.max()) if scores.size else 0.0
    return scores / top if top > 0 else np.zeros_like(scores, dtype=float)
