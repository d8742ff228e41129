"""The registry of summarisation methods, ours and sumy's, all over the same sentences and budget.

A method takes the prepared ``Cluster`` (sentences and TF-IDF rows), the ``Budget`` and the
``Options`` and returns the ``Selection`` plus one score per sentence. Ours: ``mmr`` (default),
``centroid``, ``lexrank``, ``lead`` and ``random``. sumy's algorithms are wrapped as baselines:
sumy ranks the sentences and our budget filler takes them in that order.
"""

from __future__ import annotations

import json
import pkgutil
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from summarize import score
from summarize.options import Options
from summarize.order import document_rank, latest_first
from summarize.select import Selection, eligible_sentences, mmr_select, ranked_select
from summarize.types import Budget

if TYPE_CHECKING:
    from summarize.represent import Cluster


MethodFunction = Callable[["Cluster", Budget, Options], "tuple[Selection, np.ndarray]"]


def query_similarity(cluster: Cluster, query: str) -> np.ndarray:
    """Cosine similarity of every sentence to the query's TF-IDF vector, in the cluster's own terms and IDF."""
    from summarize.represent import transform

    query_vector = transform([query], cluster.vectors, cluster.language)
    return np.asarray((cluster.vectors.matrix @ query_vector.T).toarray()).ravel()


def focus_on_query(scores: np.ndarray, cluster: Cluster, options: Options) -> np.ndarray:
    """Mix scores with similarity to the query: (1 - w) centrality + w query relevance, rescaled into [0, 1].

    Query-focused summarisation as in the DUC 2005-2007 task (Dang 2005); the mix of centrality and query relevance
    is that of biased LexRank (Otterbacher, Erkan and Radev 2005), taken as a linear blend of the two scores.
    """
    if options.query is None or options.query_weight == 0.0:
        return scores
    weight = options.query_weight
    similarity = score.normalise(query_similarity(cluster, options.query))
    return score.normalise((1.0 - weight) * score.normalise(scores) + weight * similarity)


@cache
def shipped_relevance_weights() -> tuple[float, ...]:
    """The learned relevance's weights shipped in ``summarize/data/relevance_weights.json`` (how they were fitted is
    written beside them); one per ``score.RELEVANCE_FEATURES`` name, checked."""
    data = json.loads(pkgutil.get_data("summarize", "data/relevance_weights.json") or b"{}")
    if tuple(data.get("features", ())) != score.RELEVANCE_FEATURES:
        raise RuntimeError("summarize/data/relevance_weights.json does not match score.RELEVANCE_FEATURES")
    return tuple(float(w) for w in data["weights"])


def relevance_features(cluster: Cluster) -> np.ndarray:
    """The learned relevance's features of every sentence (``score.RELEVANCE_FEATURES``, one row per sentence)."""
    return score.relevance_features(
        cluster.vectors.matrix, cluster.sentences, cluster.texts, document_rank(cluster.documents)
    )


def hand_made_centrality(cluster: Cluster, options: Options) -> np.ndarray:
    """Centroid, LexRank, both (``combined``) or concept centrality, times the news-lead prior when it is on."""
    matrix = cluster.vectors.matrix
    if options.centrality == "lexrank":
        central = score.lexrank_scores(matrix, threshold=options.lexrank_threshold)
    elif options.centrality == "concepts":
        from summarize.concepts import concept_relevance

        central = concept_relevance(cluster, options)
    elif options.centrality == "combined":
        central = score.normalise(score.centroid_scores(matrix)) + score.normalise(
            score.lexrank_scores(matrix, threshold=options.lexrank_threshold)
        )
    else:
        central = score.centroid_scores(matrix)
    if options.position_weight:  # generic importance: it weights centrality, not the query part
        prior = score.lead_prior(cluster.sentences, options.position_half_life)
        central = central * ((1.0 - options.position_weight) + options.position_weight * prior)
    return central


def relevance(cluster: Cluster, options: Options) -> np.ndarray:
    """Centrality (biased toward the query if there is one) times a stand-alone penalty, in [0, 1].

    The penalty judges each sentence as written: compression deletes a leading connective, not the sentence's need
    for the one before it.

    The ``learned`` centrality has position among its features, so no lead prior multiplies it; the stand-alone
    penalty does, as it guards readability, which ROUGE (and so the fitted weights) cannot see.
    """
    if options.centrality == "learned":
        fitted = options.relevance_weights or shipped_relevance_weights()
        central = score.learned_scores(relevance_features(cluster), fitted)
    else:
        central = hand_made_centrality(cluster, options)
    weights = np.ones(len(cluster.sentences))
    if options.standalone_penalty < 1.0 and cluster.language == "english":
        weights *= score.standalone_penalties(cluster.written_texts, penalty=options.standalone_penalty)
    return score.normalise(focus_on_query(central, cluster, options) * weights)


def _mmr(cluster: Cluster, budget: Budget, options: Options) -> tuple[Selection, np.ndarray]:
    scores = relevance(cluster, options)
    selection = mmr_select(
        cluster.vectors.matrix, scores, cluster.texts, budget,
        lambda_=options.lambda_, redundancy_threshold=options.redundancy_threshold,
        cost_exponent=options.cost_exponent, eligible=eligible_sentences(cluster.texts, options.min_words),
    )  # fmt: skip
    return selection, scores


def _by_score_without_repeats(scores: np.ndarray, cluster: Cluster, budget: Budget, options: Options) -> Selection:
    """Take sentences by score, skipping ones too similar to a chosen one (the reranker of Radev et al. 2004)."""
    return mmr_select(
        cluster.vectors.matrix, scores, cluster.texts, budget,
        lambda_=1.0, redundancy_threshold=options.redundancy_threshold,
        eligible=eligible_sentences(cluster.texts, options.min_words),
    )  # fmt: skip


def _in_order(order: list[int], cluster: Cluster, budget: Budget, options: Options) -> Selection:
    """Take sentences down a fixed ranking, as the baselines do."""
    return ranked_select(order, cluster.texts, budget, eligible_sentences(cluster.texts, options.min_words))


def _centroid(cluster: Cluster, budget: Budget, options: Options) -> tuple[Selection, np.ndarray]:
    scores = focus_on_query(score.normalise(score.centroid_scores(cluster.vectors.matrix)), cluster, options)
    return _by_score_without_repeats(scores, cluster, budget, options), scores


def _lexrank(cluster: Cluster, budget: Budget, options: Options) -> tuple[Selection, np.ndarray]:
    scores = score.normalise(score.lexrank_scores(cluster.vectors.matrix, threshold=options.lexrank_threshold))
    scores = focus_on_query(scores, cluster, options)
    return _by_score_without_repeats(scores, cluster, budget, options), scores


def _lead(cluster: Cluster, budget: Budget, options: Options) -> tuple[Selection, np.ndarray]:
    order = latest_first(cluster.sentences, cluster.documents)
    scores = np.zeros(len(order))
    scores[order] = np.linspace(1.0, 0.0, num=len(order), endpoint=False)
    return _in_order(order, cluster, budget, options), scores


def _random(cluster: Cluster, budget: Budget, options: Options) -> tuple[Selection, np.ndarray]:
    scores = np.random.default_rng(options.random_state).random(len(cluster.sentences))
    return _in_order(np.argsort(-scores, kind="stable").tolist(), cluster, budget, options), scores


def _ilp(cluster: Cluster, budget: Budget, options: Options) -> tuple[Selection, np.ndarray]:
    from summarize.concepts import ilp_method

    return ilp_method(cluster, budget, options)


def _sumy(algorithm: str) -> MethodFunction:
    def run(cluster: Cluster, budget: Budget, options: Options) -> tuple[Selection, np.ndarray]:
        from summarize.baselines import sumy_scores

        scores = score.normalise(sumy_scores(algorithm, cluster))
        return _in_order(np.argsort(-scores, kind="stable").tolist(), cluster, budget, options), scores

    run.__doc__ = f"sumy's {algorithm} as a baseline: its ranking, our budget."
    return run


METHODS: dict[str, MethodFunction] = {
    "mmr": _mmr,
    "centroid": _centroid,
    "lexrank": _lexrank,
    "lead": _lead,
    "random": _random,
    "ilp": _ilp,
    **{f"sumy-{name}": _sumy(name) for name in ("lexrank", "lsa", "textrank", "luhn", "kl", "sumbasic")},
}
