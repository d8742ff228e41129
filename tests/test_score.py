"""Centrality, the lead prior and the stand-alone penalty, checked against direct dense computations."""

from __future__ import annotations

import numpy as np
from scipy.sparse import random as sparse_random

from summarize.score import centroid_scores, lead_prior, lexrank_scores, similarity_graph, standalone_penalties
from summarize.types import Sentence


def random_unit_rows(n: int, d: int, seed: int = 0):
    matrix = sparse_random(n, d, density=0.2, random_state=seed, format="csr")
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return matrix.multiply(1.0 / norms[:, None]).tocsr()


def test_centroid_scores_are_cosines_to_the_mean_vector() -> None:
    matrix = random_unit_rows(30, 50)
    dense = matrix.toarray()
    centroid = dense.mean(axis=0)
    expected = dense @ centroid / np.linalg.norm(centroid)
    np.testing.assert_allclose(centroid_scores(matrix), expected, rtol=1e-10)


def test_similarity_graph_keeps_exactly_the_edges_over_the_threshold() -> None:
    matrix = random_unit_rows(60, 40, seed=1)
    dense = matrix.toarray() @ matrix.toarray().T
    graph = similarity_graph(matrix, threshold=0.2, chunk_rows=7).toarray()
    np.testing.assert_allclose(graph, np.where(dense >= 0.2, dense, 0.0), atol=1e-12)


def test_lexrank_matches_dense_power_iteration() -> None:
    matrix = random_unit_rows(40, 30, seed=2)
    similarity = matrix.toarray() @ matrix.toarray().T
    adjacency = np.where(similarity >= 0.1, similarity, 0.0)
    degree = adjacency.sum(axis=1)
    transition = np.divide(adjacency, degree[:, None], out=np.full_like(adjacency, 1 / 40), where=degree[:, None] > 0)
    n = len(degree)
    rank = np.full(n, 1 / n)
    for _ in range(500):
        rank = 0.15 / n + 0.85 * transition.T @ rank
    np.testing.assert_allclose(lexrank_scores(matrix, threshold=0.1), rank * n, rtol=1e-5)


def test_lead_prior_halves_every_half_life() -> None:
    sentences = [Sentence("x", 0, position) for position in (0, 3, 6)]
    np.testing.assert_allclose(lead_prior(sentences, half_life=3.0), [1.0, 0.5, 0.25])


def test_standalone_penalty_hits_dangling_starts_orphan_quotes_and_fragments() -> None:
    texts = [
        "Japan is home to more than 50,000 U.S. troops stationed across the country.",
        "He added that the new capabilities would advance collective deterrence.",
        "However, the commander has no operational authority over those forces.",
        "These new operational capabilities will advance our collective deterrence.",
        "“Now is a critical phase when our decision today determines our future.”",
        "“Now is a critical phase,” Foreign Minister Yoko Kamikawa said in Tokyo.",
        "Quad talks ended.",
    ]
    penalties = standalone_penalties(texts, penalty=0.5)
    assert penalties.tolist() == [1.0, 0.5, 0.5, 0.5, 0.5, 1.0, 0.5]
