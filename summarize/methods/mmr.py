"""Relevance-then-redundancy methods: ``mmr`` (the default), ``centroid`` and ``lexrank``."""

from __future__ import annotations

import numpy as np

from summarize import score
from summarize.options import Options
from summarize.redundancy import content_units
from summarize.relevance import focus_on_query, relevance
from summarize.select import eligible_sentences, mmr_select
from summarize.types import Budget, Cluster, Selection


def mmr(cluster: Cluster, budget: Budget, options: Options) -> tuple[Selection, np.ndarray]:
    """Maximal Marginal Relevance (Carbonell and Goldstein 1998) over ``relevance.relevance``, with redundancy by
    cosine or by coverage (``options.redundancy``, ``redundancy.content_units``)."""
    scores = relevance(cluster, options)
    selection = mmr_select(
        cluster.vectors.matrix, scores, cluster.texts, budget,
        lambda_=options.lambda_, redundancy_threshold=options.redundancy_threshold,
        cost_exponent=options.cost_exponent, eligible=eligible_sentences(cluster.texts, options.min_words),
        coverage=content_units(cluster, options.redundancy), coverage_threshold=options.coverage_threshold,
    )  # fmt: skip
    return selection, scores


def by_score_without_repeats(scores: np.ndarray, cluster: Cluster, budget: Budget, options: Options) -> Selection:
    """Take sentences by score, skipping ones too similar to a chosen one (the reranker of Radev et al. 2004)."""
    return mmr_select(
        cluster.vectors.matrix, scores, cluster.texts, budget,
        lambda_=1.0, redundancy_threshold=options.redundancy_threshold,
        eligible=eligible_sentences(cluster.texts, options.min_words),
    )  # fmt: skip


def centroid(cluster: Cluster, budget: Budget, options: Options) -> tuple[Selection, np.ndarray]:
    """Similarity to the cluster centroid, redundancy-filtered (Radev et al. 2004)."""
    scores = focus_on_query(score.normalise(score.centroid_scores(cluster.vectors.matrix)), cluster, options)
    return by_score_without_repeats(scores, cluster, budget, options), scores


def lexrank(cluster: Cluster, budget: Budget, options: Options) -> tuple[Selection, np.ndarray]:
    """Graph centrality, redundancy-filtered (Erkan and Radev 2004)."""
    scores = score.normalise(score.lexrank_scores(cluster.vectors.matrix, threshold=options.lexrank_threshold))
    scores = focus_on_query(scores, cluster, options)
    return by_score_without_repeats(scores, cluster, budget, options), scores
