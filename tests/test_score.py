"""Centrality, the lead prior and the stand-alone penalty, checked against direct dense computations."""

from __future__ import annotations

import numpy as np
import pytest
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
        "As a result, the alliance will hold more joint drills next year.",
        "I just hope to God that years from now we don't hear about him again.",
        "“I have done pretty well out of it,” said the former prime minister on Monday.",
        "US officials said the command would report to Hawaii for now.",
    ]
    penalties = standalone_penalties(texts, penalty=0.5)
    assert penalties.tolist() == [1.0, 0.5, 0.5, 0.5, 0.5, 1.0, 0.5, 0.5, 0.5, 1.0, 1.0]


def learned_feature_cluster():
    from summarize import Document, prepare

    return prepare(
        [
            Document("Storm hits the coast of Chile today. Officials said the storm damaged “many” homes. Rain fell."),
            Document("The storm moved north overnight. Chile declared an emergency in three regions after it."),
        ]
    )


def test_relevance_features_are_the_named_sentence_properties() -> None:
    from summarize import RELEVANCE_FEATURES, relevance_features

    cluster = learned_feature_cluster()
    features = relevance_features(cluster)
    column = {name: features[:, i] for i, name in enumerate(RELEVANCE_FEATURES)}
    positions = np.array([s.position for s in cluster.sentences])
    documents = np.array([s.doc_index for s in cluster.sentences])
    assert features.shape == (len(cluster.sentences), len(RELEVANCE_FEATURES))
    np.testing.assert_array_equal(column["first_sentence"], positions == 0)
    np.testing.assert_array_equal(column["recency"], documents)  # two documents: rank 0 (oldest) and 1
    np.testing.assert_array_equal(column["quote"], ["“" in t for t in cluster.texts])
    np.testing.assert_allclose(column["lead_prior"], 0.5 ** (positions / 3.0))
    np.testing.assert_allclose(column["log_words"], np.log1p([len(t.split()) for t in cluster.texts]))
    np.testing.assert_array_equal(column["constant"], 1.0)
    # "storm" and "chile" are in both documents, "coast" in one: the first sentence's terms are storm, hit, coast,
    # chile, today, so its mean document fraction is (1 + 0.5 + 0.5 + 1 + 0.5) / 5
    assert column["mean_document_frequency"][0] == pytest.approx(3.5 / 5)
    assert column["document_frequency_density"][0] == pytest.approx(3.5 / 7)
    assert column["centroid"].min() >= 0.0 and column["centroid"].max() == pytest.approx(1.0)


def test_learned_scores_are_predictions_clipped_at_zero_over_the_best() -> None:
    from summarize.score import learned_scores

    features = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [0.5, 0.5, 1.0]])  # the constant column last
    np.testing.assert_allclose(learned_scores(features, (2.0, 1.0, 0.0)), [1.0, 0.5, 0.75])  # ratios kept
    np.testing.assert_allclose(learned_scores(features, (-1.0, 0.0, 0.5)), [0.0, 1.0, 0.0])  # clipped at 0


def test_the_shipped_weights_name_every_feature() -> None:
    from summarize import RELEVANCE_FEATURES
    from summarize.relevance import shipped_relevance_weights

    weights = shipped_relevance_weights()
    assert len(weights) == len(RELEVANCE_FEATURES) and all(np.isfinite(weights))
