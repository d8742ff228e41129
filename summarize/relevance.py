"""How relevant each sentence is: centrality, the news-lead prior, query focus and the learned relevance.

Every method that scores sentences reads its relevance from here. The centralities ``mmr`` can use are one
registry, ``CENTRALITY_FUNCTIONS`` (name -> function of the cluster and the options); ``CENTRALITIES`` is its keys.
"""

from __future__ import annotations

import json
import pkgutil
from collections.abc import Callable
from functools import cache

import numpy as np

from summarize import score
from summarize.options import Options
from summarize.order import document_rank
from summarize.types import Cluster

Centrality = Callable[[Cluster, Options], np.ndarray]


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
    """The learned relevance's features of every sentence (``score.RELEVANCE_FEATURES``, one row per sentence);
    the concept features use Gillick and Favre's bigram concepts (those in ``MIN_DF`` or more documents)."""
    from summarize.concepts import concept_relevance

    return score.relevance_features(
        cluster.vectors.matrix, cluster.sentences, cluster.texts, document_rank(cluster.documents),
        concept_relevance(cluster),
    )  # fmt: skip


def centroid_centrality(cluster: Cluster, options: Options) -> np.ndarray:
    """Cosine to the cluster's centroid (Radev et al. 2004)."""
    return score.centroid_scores(cluster.vectors.matrix)


def lexrank_centrality(cluster: Cluster, options: Options) -> np.ndarray:
    """LexRank's stationary distribution over the thresholded cosine graph (Erkan and Radev 2004)."""
    return score.lexrank_scores(cluster.vectors.matrix, threshold=options.lexrank_threshold)


def combined_centrality(cluster: Cluster, options: Options) -> np.ndarray:
    """Centroid plus LexRank, each rescaled into [0, 1]."""
    return score.normalise(centroid_centrality(cluster, options)) + score.normalise(
        lexrank_centrality(cluster, options)
    )


def concept_centrality(cluster: Cluster, options: Options) -> np.ndarray:
    """Each sentence's bigram-concept weight (Gillick and Favre 2009; document frequency only)."""
    from summarize.concepts import concept_relevance

    return concept_relevance(cluster, options.min_df)


def learned_centrality(cluster: Cluster, options: Options) -> np.ndarray:
    """A linear mix of centrality, position, length, quotation and topic-word features (``score.learned_scores``)."""
    fitted = options.relevance_weights or shipped_relevance_weights()
    return score.learned_scores(relevance_features(cluster), fitted)


CENTRALITY_FUNCTIONS: dict[str, Centrality] = {
    "centroid": centroid_centrality,
    "lexrank": lexrank_centrality,
    "combined": combined_centrality,
    "concepts": concept_centrality,
    "learned": learned_centrality,
}
"""``mmr``'s relevances by name (``Summarizer(centrality=...)``); a new one is one function and one line here."""
CENTRALITIES = tuple(CENTRALITY_FUNCTIONS)
HAS_OWN_POSITION = frozenset({"learned"})
"""Centralities with position among their features: no lead prior multiplies them."""


def hand_made_centrality(cluster: Cluster, options: Options) -> np.ndarray:
    """The chosen centrality, times the news-lead prior when it is on (and the centrality has no position feature)."""
    central = CENTRALITY_FUNCTIONS[options.centrality](cluster, options)
    if options.position_weight and options.centrality not in HAS_OWN_POSITION:
        # generic importance: it weights centrality, not the query part
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
    central = hand_made_centrality(cluster, options)
    weights = np.ones(len(cluster.sentences))
    if options.standalone_penalty < 1.0 and cluster.language == "english":
        weights *= score.standalone_penalties(cluster.written_texts, penalty=options.standalone_penalty)
    return score.normalise(focus_on_query(central, cluster, options) * weights)
