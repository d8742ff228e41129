"""The ``ilp`` method: exact bigram-concept coverage (Gillick and Favre 2009), built on ``summarize.concepts``."""

from __future__ import annotations

import numpy as np

from summarize.concepts import Concepts, coverage_scores, exclusive_pairs, extract_concepts, ilp_select
from summarize.methods.mmr import mmr
from summarize.options import Options
from summarize.relevance import query_similarity
from summarize.score import normalise, standalone_penalties
from summarize.select import eligible_sentences
from summarize.types import Budget, Cluster, Selection


def ilp(cluster: Cluster, budget: Budget, options: Options) -> tuple[Selection, np.ndarray]:
    """Gillick and Favre's (2009) exact concept coverage over the eligible sentences.

    Concepts get the lead prior (``concept_position_weight``). With a ``query`` the objective mixes
    ``1 - query_weight`` of concept coverage with ``query_weight`` of each chosen sentence's query similarity
    (scaled so the most query-like sentence is worth the most valuable sentence's concepts). Sentences that cannot
    stand alone are left out rather than down-weighted (``standalone_penalty`` < 1), and no two sentences at
    cosine >= ``redundancy_threshold`` are chosen together. A cluster too small to repeat any bigram has no
    concepts, and no sentence that fits the budget may hold one: ``mmr`` summarises such a cluster instead.
    """
    concepts = extract_concepts(cluster, options.min_df, options.concept_position_weight, options.position_half_life)
    values = None
    if options.query is not None and options.query_weight > 0.0:  # the linear mix of biased LexRank, as in mmr
        similarity = normalise(query_similarity(cluster, options.query))  # cosines of non-negative vectors
        top = float(coverage_scores(concepts).max()) if concepts.weights.size else 1.0
        concepts = Concepts(concepts.incidence, (1.0 - options.query_weight) * concepts.weights, concepts.names)
        values = options.query_weight * max(top, 1.0) * similarity
    if not (concepts.weights > 0).any() and values is None:
        return mmr(cluster, budget, options)
    eligible = eligible_sentences(cluster.texts, options.min_words)
    if options.standalone_penalty < 1.0 and cluster.language == "english":
        stands = standalone_penalties(cluster.written_texts, penalty=options.standalone_penalty) == 1.0
        if (eligible & stands).any():
            eligible &= stands
    pairs = exclusive_pairs(cluster.vectors.matrix, options.redundancy_threshold)
    selection = ilp_select(
        concepts, cluster.texts, budget, eligible, pairs, language=cluster.language, sentence_values=values
    )
    if not selection.indices:  # no sentence that fits covers a concept: coverage cannot choose
        return mmr(cluster, budget, options)
    return selection, normalise(coverage_scores(concepts))
