"""Score sentences: centrality in the cluster, a lead-position prior, a stand-alone penalty and a learned mix.

All functions are pure and vectorised over a CSR matrix of unit TF-IDF rows; none builds a
dense n x n matrix. The one quadratic object, LexRank's similarity graph, is sparse and bounded: at most
``EDGE_BUDGET`` (2^23) edges or ``MIN_NEIGHBOURS`` per sentence, whichever is more (see ``similarity_graph``).
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


EDGE_BUDGET = 1 << 23
"""Edges the LexRank graph may hold (8.4 million, about 100 MB as CSR): each sentence keeps at most
``max(MIN_NEIGHBOURS, EDGE_BUDGET // n)`` of its strongest edges, so the graph is exact up to n = 2896 sentences."""
MIN_NEIGHBOURS = 32
WORK_BUDGET = 1 << 21
"""Candidate products per block of rows (an upper bound on the block's entries before thresholding, ~25 MB)."""


def neighbour_cap(n: int, edge_budget: int = EDGE_BUDGET) -> int:
    """Most edges one sentence keeps in the LexRank graph of ``n`` sentences (``n`` or more: no cap at all)."""
    return max(MIN_NEIGHBOURS, edge_budget // max(n, 1))


def similarity_graph(
    matrix: csr_matrix, threshold: float, chunk_rows: int = 4096, max_neighbours: int | None = None
) -> csr_matrix:
    """Sparse cosine graph of the edges >= ``threshold``, each row cut to its ``max_neighbours`` strongest ones.

    Built block by block of rows, each block's product bounded by ``WORK_BUDGET`` candidate entries, so memory
    stays O(kept edges) = O(n * max_neighbours) and no n x n matrix exists. With the default cap
    (``neighbour_cap``) the graph is exactly Erkan and Radev's (2004) thresholded graph whenever no sentence has
    more neighbours than the cap, and a k-nearest-neighbour graph (k = cap, ties broken by column) otherwise.
    Time is proportional to the candidate pairs: sum over terms of (sentences holding the term) squared.
    """
    from scipy.sparse import csr_matrix as csr

    n = matrix.shape[0]
    if n == 0:
        return csr((0, 0))
    cap = neighbour_cap(n) if max_neighbours is None else max_neighbours
    transposed = matrix.T.tocsr()  # terms x sentences
    holders = np.diff(transposed.indptr)  # sentences holding each term
    row_of = np.repeat(np.arange(n), np.diff(matrix.indptr))
    work = np.bincount(row_of, weights=holders[matrix.indices], minlength=n)  # candidate entries per row
    data, indices, counts = [], [], []
    for start, end in _row_blocks(work, WORK_BUDGET, chunk_rows):
        block = matrix[start:end] @ transposed
        kept = np.flatnonzero(block.data >= threshold)
        rows = np.searchsorted(block.indptr, kept, side="right") - 1  # ascending: entries stay grouped by row
        columns, values = block.indices[kept], block.data[kept]
        if cap < n:
            keep = _strongest_per_row(rows, columns, values, end - start, cap)
            rows, columns, values = rows[keep], columns[keep], values[keep]
        data.append(values)
        indices.append(columns)
        counts.append(np.bincount(rows, minlength=end - start))
    indptr = np.concatenate(([0], np.cumsum(np.concatenate(counts))))
    return csr((np.concatenate(data), np.concatenate(indices), indptr), shape=(n, n))


def _row_blocks(work: np.ndarray, budget: float, max_rows: int) -> list[tuple[int, int]]:
    """Consecutive row ranges of at most ``max_rows`` rows, each summing to about ``budget`` of ``work`` or less."""
    n = len(work)
    total = np.cumsum(work)
    cuts = np.searchsorted(total, np.arange(budget, total[-1], budget), side="right")
    bounds = np.unique(np.concatenate(([0, n], cuts, np.arange(0, n, max(int(max_rows), 1)))).astype(np.int64))
    return list(zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True))


_BINS = 256


def _strongest_per_row(rows: np.ndarray, columns: np.ndarray, values: np.ndarray, n_rows: int, cap: int) -> np.ndarray:
    """Mask of each row's ``cap`` largest values (ties: lower column first), in O(entries) vectorised work.

    A histogram of every row's values over ``_BINS`` equal bins finds the bin holding its cap-th largest value;
    entries above that bin are kept, entries below dropped, and only the few entries inside it are sorted.
    """
    keep = np.ones(rows.size, dtype=bool)
    if rows.size == 0 or np.bincount(rows, minlength=n_rows).max() <= cap:
        return keep
    low, high = float(values.min()), float(values.max())
    bins = np.minimum(((values - low) * (_BINS / max(high - low, 1e-300))).astype(np.int64), _BINS - 1)
    histogram = np.bincount(rows * _BINS + bins, minlength=n_rows * _BINS).reshape(n_rows, _BINS)
    at_or_above = np.cumsum(histogram[:, ::-1], axis=1)[:, ::-1]  # entries of the row in this bin or higher
    boundary = (at_or_above >= cap).sum(axis=1) - 1  # the bin of the cap-th largest value (-1: row under the cap)
    row_boundary = boundary[rows]
    keep = bins > row_boundary
    inside = np.flatnonzero(bins == row_boundary)
    if inside.size:
        above = np.zeros(n_rows, dtype=np.int64)  # entries kept above the boundary bin, per row
        has_bin = boundary >= 0
        higher = np.minimum(boundary + 1, _BINS - 1)
        above[has_bin] = np.where(boundary[has_bin] + 1 < _BINS, at_or_above[has_bin, higher[has_bin]], 0)
        order = inside[np.lexsort((columns[inside], -values[inside], rows[inside]))]
        ordered_rows = rows[order]
        rank = np.arange(order.size) - np.searchsorted(ordered_rows, ordered_rows, side="left")
        keep[order[rank < cap - above[ordered_rows]]] = True
    return keep


def lexrank_scores(
    matrix: csr_matrix,
    threshold: float = 0.1,
    damping: float = 0.85,
    tol: float = 1e-8,
    max_iter: int = 200,
    max_neighbours: int | None = None,
) -> np.ndarray:
    """Thresholded continuous LexRank (Erkan and Radev 2004): PageRank over the weighted cosine graph.

    The graph is ``similarity_graph``'s: exact up to 2896 sentences, each sentence's strongest edges beyond.
    """
    n = matrix.shape[0]
    if n == 0:
        return np.zeros(0)
    graph = similarity_graph(matrix, threshold, max_neighbours=max_neighbours)
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
      | (?:in\ addition|on\ the\ other\ hand|as\ such|for\ example|for\ instance|at\ the\ same\ time|in\ turn|
           as\ a\ result|after\ that|by\ contrast|in\ contrast|even\ so|in\ that\ case|because\ of\ this)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_FIRST_PERSON_START = re.compile(r"""^[\"'“‘(]*(?:I(?=[\s'’])|We|Our|My|Me)\b""")
"""A sentence in the first person: outside a quotation with its speaker it is a piece of someone's quote (case
matters: "US officials" is not "us")."""
_OPENING_QUOTE = re.compile(r"^[\"“‘']|^``")
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|told|tells|stated|states|added|adds|noted|notes|wrote|writes|posted|argued|asked|"
    r"according\ to|announced|declared|insisted|warned|explained|remarked)\b",
    re.IGNORECASE | re.VERBOSE,
)


def standalone_penalties(texts: Sequence[str], penalty: float = 0.5, min_words: int = 6) -> np.ndarray:
    """Down-weight sentences that cannot stand alone: a leading pronoun or connective, a first-person sentence or a
    quotation with no speaker named, a fragment. (A sentence whose quotation marks do not pair up is not eligible at
    all: ``select.eligible_sentences``.)

    English only (the patterns are English). Returns a multiplier in (0, 1] per sentence.
    """
    weights = np.ones(len(texts))
    for i, text in enumerate(texts):
        if len(text.split()) < min_words or _DANGLING_START.match(text):  # a fragment, or a leading pronoun
            weights[i] = penalty
        elif (_FIRST_PERSON_START.match(text) or _OPENING_QUOTE.match(text)) and not _ATTRIBUTION.search(text):
            weights[i] = penalty  # someone's words with no speaker named (the speaker is searched for only here)
    return weights


def normalise(scores: np.ndarray) -> np.ndarray:
    """Scale scores into [0, 1] by the maximum (MMR mixes relevance with cosine similarity, also in [0, 1])."""
    top = float(scores.max()) if scores.size else 0.0
    return scores / top if top > 0 else np.zeros_like(scores, dtype=float)


RELEVANCE_FEATURES = (
    "centroid",
    "lead_prior",
    "first_sentence",
    "relative_position",
    "log_words",
    "quote",
    "recency",
    "mean_document_frequency",
    "document_frequency_density",
    "concept_weight",
    "concept_density",
    "constant",
)
"""The sentence features the learned relevance weighs, in column order (``relevance_features``); ``constant`` is 1
for every sentence, so its weight is the model's intercept."""
LEARNED_HALF_LIFE = 3.0
"""The learned model's own lead-prior half-life, fixed so that its weights keep their meaning."""
_QUOTE = re.compile(r"``|''|[\"“”]")


def relevance_features(
    matrix: csr_matrix,
    sentences: Sequence[Sentence],
    texts: Sequence[str],
    document_ranks: Sequence[int],
    concept_weights: np.ndarray | None = None,
) -> np.ndarray:
    """One row of ``RELEVANCE_FEATURES`` per sentence, all O(terms) vectorised work (no LexRank: it does not scale).

    Centrality, position (a lead prior, the first sentence, the relative position), length, quotation, the
    document's place in reading order (0 first, 1 last: oldest to newest when dated), how many of the cluster's
    documents hold the sentence's terms (their mean fraction, and their sum per word: topic-word density, the
    signal of SumBasic and of Gillick and Favre's document-frequency weights), the total weight of the sentence's
    bigram concepts (``concept_weights``: the document frequencies of its bigrams, the units RegSum's bigram
    regression scores; Hong and Nenkova 2014) relative to the cluster's best, and the same per word, and a constant
    for the intercept.
    The stand-alone test is not one: it is a readability guard applied after.
    """
    from scipy.sparse import csr_matrix as csr

    n = len(sentences)
    position = np.fromiter((s.position for s in sentences), dtype=float, count=n)
    document = np.fromiter((s.doc_index for s in sentences), dtype=np.int64, count=n)
    words = np.fromiter((len(t.split()) for t in texts), dtype=float, count=n)
    documents = len(document_ranks)  # one rank per document, so every doc_index is below it
    sentences_in_document = np.bincount(document, minlength=documents)[document]
    presence = csr((np.ones(matrix.nnz), matrix.indices, matrix.indptr), shape=matrix.shape)  # sentence holds term
    holders = csr((np.ones(n), (document, np.arange(n))), shape=(documents, n)) @ presence  # document x term
    present_documents = max(len(np.unique(document)), 1)  # exact copies and empty documents hold no sentences
    document_fraction = np.asarray((holders > 0).sum(axis=0)).ravel() / present_documents
    terms = np.diff(presence.indptr)
    fraction_sum = np.asarray(presence @ document_fraction).ravel()
    concepts = np.zeros(n) if concept_weights is None else np.asarray(concept_weights, dtype=float)
    ranks = np.asarray(document_ranks, dtype=float)
    recency = ranks[document] / max(documents - 1, 1)
    return np.column_stack(
        [
            normalise(centroid_scores(matrix)),
            lead_prior(sentences, LEARNED_HALF_LIFE),
            position == 0,
            position / np.maximum(sentences_in_document, 1),
            np.log1p(words),
            [bool(_QUOTE.search(t)) for t in texts],
            recency,
            np.where(terms > 0, fraction_sum / np.maximum(terms, 1), 0.0),
            fraction_sum / np.maximum(words, 1.0),
            normalise(concepts),
            normalise(concepts / np.maximum(words, 1.0)),
            np.ones(n),
        ]
    ).astype(float)


def learned_scores(features: np.ndarray, weights: Sequence[float]) -> np.ndarray:
    """The linear model's predicted gain of each sentence (ROUGE recall per word), clipped at 0, scaled by the best.

    The weights come from ridge regression of per-sentence ROUGE-1 and ROUGE-2 recall per word on the features
    (``evaluation/training.py``), in the spirit of regression-based sentence scoring (RegSum, Hong and Nenkova 2014).
    Dividing by the maximum keeps ratios: a sentence predicted to bring half as much scores half as much.
    """
    return normalise(np.maximum(features @ np.asarray(weights, dtype=float), 0.0))
