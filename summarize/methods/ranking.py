"""Fixed-ranking baselines: ``lead`` (the DUC baseline) and ``random`` (a floor for comparison)."""

from __future__ import annotations

import numpy as np

from summarize.options import Options
from summarize.order import latest_first
from summarize.select import eligible_sentences, ranked_select
from summarize.types import Budget, Cluster, Selection


def in_order(order: list[int], cluster: Cluster, budget: Budget, options: Options) -> Selection:
    """Take sentences down a fixed ranking, as the baselines do."""
    return ranked_select(order, cluster.texts, budget, eligible_sentences(cluster.texts, options.min_words))


def lead(cluster: Cluster, budget: Budget, options: Options) -> tuple[Selection, np.ndarray]:
    """The start of the most recent document, then of the next most recent."""
    order = latest_first(cluster.sentences, cluster.documents)
    scores = np.zeros(len(order))
    scores[order] = np.linspace(1.0, 0.0, num=len(order), endpoint=False)
    return in_order(order, cluster, budget, options), scores


def random(cluster: Cluster, budget: Budget, options: Options) -> tuple[Selection, np.ndarray]:
    """A random ranking drawn from ``options.random_state``."""
    scores = np.random.default_rng(options.random_state).random(len(cluster.sentences))
    return in_order(np.argsort(-scores, kind="stable").tolist(), cluster, budget, options), scores
