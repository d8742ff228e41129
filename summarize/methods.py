"""The registry of summarisation methods, ours and sumy's, all over the same sentences and budget.

A method takes the prepared ``Cluster`` (sentences and TF-IDF rows), the ``Budget`` and the
``Options`` and returns the ``Selection`` plus one score per sentence. Ours: ``mmr`` (default),
``centroid``, ``lexrank``, ``lead`` and ``random``. sumy's algorithms are wrapped as baselines:
sumy ranks the sentences and our budget filler takes them in that order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from summarize import score
from summarize.options import Options
from summarize.order import latest_first
from summarize.select import Selection, eligible_sentences, mmr_select, ranked_select
from summarize.types import Budget

if TYPE_CHECKING:
    from summarize.represent import Cluster


MethodFunction = Callable[["Cluster", Budget, Options], "tuple[Selection, np.ndarray]"]


def relevance(cluster: Cluster, options: Options) -> np.ndarray:
    """Centrality, times a lead-position prior and a stand-alone penalty, scaled into [0, 1]."""
    matrix = cluster.vectors.matrix
    if options.centrality == "lexrank":
        central = score.lexrank_scores(matrix, threshold=options.lexrank_threshold)
    elif options.centrality == "combined":
        central = score.normalise(score.centroid_scores(matrix)) + score.normalise(
            score.lexrank_scores(matrix, threshold=options.lexrank_threshold)
        )
    else:
        central = score.centroid_scores(matrix)
    weights = np.ones(len(cluster.sentences))
    if options.position_weight:
        prior = score.lead_prior(cluster.sentences, options.position_half_life)
        weights *= (1.0 - options.position_weight) + options.position_weight * prior
    if options.standalone_penalty < 1.0 and cluster.language == "english":
        weights *= score.standalone_penalties(cluster.texts, penalty=options.standalone_penalty)
    return score.normalise(central * weights)


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
    scores = score.normalise(score.centroid_scores(cluster.vectors.matrix))
    return _by_score_without_repeats(scores, cluster, budget, options), scores


def _lexrank(cluster: Cluster, budget: Budget, options: Options) -> tuple[Selection, np.ndarray]:
    scores = score.normalise(score.lexrank_scores(cluster.vectors.matrix, threshold=options.lexrank_threshold))
    return _by_score_without_repeats(scores, cluster, budget, options), scores


def _lead(cluster: Cluster, budget: Budget, options: Options) -> tuple[Selection, np.ndarray]:
    order = latest_first(cluster.sentences, cluster.documents)
    scores = np.zeros(len(order))
    scores[order] = np.linspace(1.0, 0.0, num=len(order), endpoint=False)
    return _in_order(order, cluster, budget, options), scores


def _random(cluster: Cluster, budget: Budget, options: Options) -> tuple[Selection, np.ndarray]:
    scores = np.random.default_rng(options.random_state).random(len(cluster.sentences))
    return _in_order(np.argsort(-scores, kind="stable").tolist(), cluster, budget, options), scores


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
    **{f"sumy-{name}": _sumy(name) for name in ("lexrank", "lsa", "textrank", "luhn", "kl", "sumbasic")},
}
