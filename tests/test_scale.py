"""The bounds that make size a non-issue: LexRank's capped graph, linear MMR updates, linear term counting."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import csr_matrix
from scipy.sparse import random as sparse_random

from summarize.represent import content_terms, term_counts, tfidf_vectors
from summarize.score import EDGE_BUDGET, MIN_NEIGHBOURS, lexrank_scores, neighbour_cap, similarity_graph
from summarize.select import mmr_select
from summarize.types import Budget


def tied_unit_rows(n: int, d: int, seed: int) -> csr_matrix:
    """Random non-negative unit rows with few distinct values, so many cosines tie exactly."""
    matrix = sparse_random(n, d, density=0.2, random_state=seed, format="csr")
    matrix.data = np.round(matrix.data * 4) / 4 + 0.25
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return matrix.multiply(1.0 / norms[:, None]).tocsr()


def strongest_edges(dense: np.ndarray, threshold: float, cap: int) -> np.ndarray:
    """Reference: per row, the ``cap`` largest cosines >= threshold, ties to the lower column."""
    kept = np.zeros_like(dense)
    for i, row in enumerate(dense):
        columns = np.flatnonzero(row >= threshold).tolist()
        for j in sorted(columns, key=lambda j: (-row[j], j))[:cap]:
            kept[i, j] = row[j]
    return kept


@pytest.mark.parametrize("cap", [1, 4, 25])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_capped_graph_keeps_each_rows_strongest_edges(cap: int, seed: int) -> None:
    matrix = tied_unit_rows(120, 30, seed)
    dense = matrix.toarray() @ matrix.toarray().T
    graph = similarity_graph(matrix, threshold=0.1, chunk_rows=17, max_neighbours=cap).toarray()
    expected = strongest_edges(dense, 0.1, cap)
    assert np.array_equal(graph != 0, expected != 0)
    np.testing.assert_allclose(graph, expected, atol=1e-12)
    assert (np.count_nonzero(graph, axis=1) <= cap).all()


def test_the_default_cap_is_exact_below_the_edge_budget() -> None:
    assert neighbour_cap(2896) >= 2896
    assert neighbour_cap(100_000) == EDGE_BUDGET // 100_000
    assert neighbour_cap(10_000_000) == MIN_NEIGHBOURS
    matrix = tied_unit_rows(150, 20, 3)
    uncapped = similarity_graph(matrix, threshold=0.05, max_neighbours=150).toarray()
    np.testing.assert_array_equal(similarity_graph(matrix, threshold=0.05).toarray(), uncapped)
    np.testing.assert_array_equal(lexrank_scores(matrix), lexrank_scores(matrix, max_neighbours=150))


def test_graph_memory_is_bounded_by_the_cap_on_a_dense_cluster() -> None:
    rng = np.random.default_rng(0)
    dense = rng.random((600, 5)) + 0.1  # every pair of sentences is similar: 360,000 edges over the threshold
    matrix = csr_matrix(dense / np.linalg.norm(dense, axis=1, keepdims=True))
    graph = similarity_graph(matrix, threshold=0.1, max_neighbours=8)
    assert graph.nnz == 600 * 8
    scores = lexrank_scores(matrix, max_neighbours=8)
    assert scores.shape == (600,) and np.isfinite(scores).all()


def test_mmr_updates_agree_with_the_dense_computation() -> None:
    rng = np.random.default_rng(4)
    matrix = tied_unit_rows(200, 40, 5)
    texts = [" ".join(["w"] * int(k)) for k in rng.integers(6, 25, size=200)]
    relevance = rng.random(200)
    selection = mmr_select(matrix, relevance, texts, Budget(words=120), lambda_=0.6, redundancy_threshold=0.6)
    similarity = matrix.toarray() @ matrix.toarray().T
    chosen: list[int] = []
    spent, costs = 0, np.array([len(t.split()) for t in texts])
    while True:
        best, best_gain = None, -np.inf
        for i in range(200):
            if i in chosen or costs[i] > 120 - spent:
                continue
            redundancy = max((similarity[i, j] for j in chosen), default=0.0)
            if redundancy >= 0.6:
                continue
            gain = 0.6 * relevance[i] - 0.4 * redundancy
            if gain > best_gain:
                best, best_gain = i, gain
        if best is None:
            break
        chosen.append(best)
        spent += costs[best]
    assert list(selection.indices) == chosen


def test_term_counts_match_the_per_sentence_analyzer() -> None:
    texts = ["Stocks fell 3% as the Fed's chair spoke.", "The chairs spoke; stocks rose!", "", "1999 2000", "Fed"]
    counts, terms = term_counts(texts)
    for row, text in enumerate(texts):
        expected: dict[str, int] = {}
        for term in content_terms(text):
            expected[term] = expected.get(term, 0) + 1
        start, end = counts.indptr[row], counts.indptr[row + 1]
        got = {terms[c]: int(v) for c, v in zip(counts.indices[start:end], counts.data[start:end], strict=True)}
        assert got == expected
    assert list(terms) == sorted(terms)


def test_tfidf_of_sentences_without_content_words_is_empty() -> None:
    vectors = tfidf_vectors(["the and of", "123"])
    assert vectors.matrix.shape == (2, 0) and vectors.terms == ()
