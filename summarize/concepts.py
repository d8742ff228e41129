"""Bigram concepts and exact concept-coverage selection (Gillick and Favre 2009, "A Scalable Global Model").

A concept is a bigram of stemmed words (a bigram of two stop words is not one), weighted by the number of the
cluster's documents that contain it; concepts in fewer than ``min_df`` documents are dropped. A summary's value
is the total weight of the distinct concepts it covers, so a fact repeated across outlets counts once and
redundancy needs no separate penalty. ``ilp_select`` maximises that value exactly under the budget with
``scipy.optimize.milp`` (HiGHS); ``coverage_scores`` gives the same weights as a per-sentence relevance for MMR.
Everything is built from sparse sentence x concept incidence matrices, with no loop over sentence pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, pairwise
from typing import TYPE_CHECKING

import numpy as np

from summarize.languages import WORD, stop_words
from summarize.options import MIN_DF
from summarize.select import budget_capacity, cut_to_budget, sentence_costs
from summarize.types import Budget, Selection

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

    from summarize.types import Cluster

ILP_NODE_LIMIT = 20_000
"""Branch-and-bound nodes HiGHS may explore; past it the best solution found so far is used (deterministic, unlike
a time limit). DUC 2004 clusters need far fewer."""
ILP_TIME_LIMIT = 120.0
"""A last guard in seconds for pathological inputs; a solve that reaches it may differ from run to run."""
MAX_ILP_SENTENCES = 2_000
"""Above this many eligible sentences the greedy approximation replaces the ILP (time, and determinism)."""


@dataclass(frozen=True)
class Concepts:
    """A sentence x concept 0/1 incidence matrix (CSR), the concepts' weights and their names (``"w1 w2"``)."""

    incidence: csr_matrix
    weights: np.ndarray
    names: tuple[str, ...]


def sentence_tokens(texts: Sequence[str], language: str = "english") -> list[list[str]]:
    """Lower-cased, stemmed word tokens of each text, stop words kept (they may sit inside a concept)."""
    from summarize.represent import stem_words

    token_lists = [WORD.findall(text.lower()) for text in texts]
    words = list(dict.fromkeys(chain.from_iterable(token_lists)))
    stems = dict(zip(words, stem_words(words, language), strict=True))
    return [[stems[w] for w in tokens] for tokens in token_lists]


def extract_concepts(
    cluster: Cluster,
    min_df: int = MIN_DF,
    position_weight: float = 0.0,
    half_life: float = 3.0,
) -> Concepts:
    """Bigram concepts of the cluster weighted by document frequency (Gillick and Favre 2009).

    With ``position_weight`` p > 0 a document counts ``1 - p + p * 0.5 ** (k / half_life)`` instead of 1, where k
    is the position of its first sentence holding the concept: facts from the leads weigh more. With fewer
    documents than ``min_df`` sentences are counted instead of documents, so one article still has concepts.
    """
    from scipy.sparse import csr_matrix as csr

    texts = cluster.texts
    n = len(texts)
    tokens = cluster.derived.get("stemmed_tokens")  # relevance and redundancy both read them: tokenise once
    if tokens is None:
        tokens = cluster.derived["stemmed_tokens"] = sentence_tokens(texts, cluster.language)
    stops = stop_words(cluster.language)
    vocabulary = {t: i for i, t in enumerate(dict.fromkeys(chain.from_iterable(tokens)))}
    if n == 0 or not vocabulary:
        return Concepts(csr((n, 0)), np.zeros(0), ())
    lengths = np.fromiter(map(len, tokens), dtype=np.int64, count=n)
    ids = np.fromiter((vocabulary[t] for t in chain.from_iterable(tokens)), dtype=np.int64, count=int(lengths.sum()))
    is_stop = np.fromiter((t in stops for t in vocabulary), dtype=bool, count=len(vocabulary))
    is_number = np.fromiter((t.isdigit() for t in vocabulary), dtype=bool, count=len(vocabulary))  # "1 2", "the 1998"
    rows = np.repeat(np.arange(n), lengths)
    pair = rows[:-1] == rows[1:]  # consecutive tokens of the same sentence
    first, second, row = ids[:-1][pair], ids[1:][pair], rows[:-1][pair]
    keep = ~(is_stop[first] & is_stop[second]) & ~is_number[first] & ~is_number[second]
    size = len(vocabulary)
    codes = first[keep] * size + second[keep]
    row = row[keep]
    if codes.size == 0:
        return Concepts(csr((n, 0)), np.zeros(0), ())
    unique, column = np.unique(codes, return_inverse=True)
    incidence = csr((np.ones(codes.size), (row, column)), shape=(n, unique.size))
    incidence.sum_duplicates()
    incidence.data[:] = 1.0
    unit, position = _counting_units(cluster, min_df)
    prior = (1.0 - position_weight) + position_weight * np.power(0.5, position / half_life)
    coo = incidence.tocoo()
    # per (unit, concept): the earliest sentence holding it; sort by (concept, unit, position) and take firsts
    order = np.lexsort((position[coo.row], unit[coo.row], coo.col))
    col, un, rw = coo.col[order], unit[coo.row][order], coo.row[order]
    firsts = np.ones(col.size, dtype=bool)
    firsts[1:] = (col[1:] != col[:-1]) | (un[1:] != un[:-1])
    frequency = np.bincount(col[firsts], minlength=unique.size)
    weights = np.bincount(col[firsts], weights=prior[rw[firsts]], minlength=unique.size)
    kept = np.flatnonzero(frequency >= min(min_df, int(unit.max()) + 1))
    words = list(vocabulary)
    names = tuple(f"{words[c // size]} {words[c % size]}" for c in unique[kept].tolist())
    return Concepts(incidence[:, kept].tocsr(), weights[kept], names)


def _counting_units(cluster: Cluster, min_df: int) -> tuple[np.ndarray, np.ndarray]:
    """The unit each sentence counts in (its document; its own index if the cluster has too few documents)."""
    n = len(cluster.sentences)
    doc = np.fromiter((s.doc_index for s in cluster.sentences), dtype=np.int64, count=n)
    position = np.fromiter((s.position for s in cluster.sentences), dtype=float, count=n)
    if len(cluster.documents) < min(min_df, 2) or len(np.unique(doc)) < min_df:
        return np.arange(n), position
    return doc, position


def coverage_scores(concepts: Concepts) -> np.ndarray:
    """Each sentence's total concept weight (its concept-coverage value when chosen alone)."""
    return np.asarray(concepts.incidence @ concepts.weights).ravel()


def ilp_select(
    concepts: Concepts,
    texts: Sequence[str],
    budget: Budget,
    eligible: np.ndarray | None = None,
    exclusive_pairs: np.ndarray | None = None,
    time_limit: float = ILP_TIME_LIMIT,
    language: str = "english",
    sentence_values: np.ndarray | None = None,
) -> Selection:
    """The sentences covering the most concept weight within the budget: Gillick and Favre's (2009) ILP.

    maximise sum_j w_j c_j (+ sum_i v_i s_i with ``sentence_values`` v)  subject to  sum_i l_i s_i <= L,
    c_j <= sum_{i holds j} s_i,  s_a + s_b <= 1 for each pair in ``exclusive_pairs``, all binary. Solved by HiGHS
    through ``scipy.optimize.milp`` (within ``ILP_NODE_LIMIT`` nodes); for more than ``MAX_ILP_SENTENCES``
    candidates, or if HiGHS finds no solution, the greedy one (``greedy_coverage``) is used. With
    ``budget.truncate`` the words left over are filled by the start of the sentence adding the most uncovered
    weight, as ROUGE's ``-l`` cut would.
    """
    n = len(texts)
    costs = sentence_costs(texts, budget)
    capacity = budget_capacity(budget)
    allowed = (costs > 0) & (costs <= capacity)
    if eligible is not None:
        allowed &= eligible
    chosen = None
    if int(allowed.sum()) <= MAX_ILP_SENTENCES:
        chosen = _solve(concepts, costs, capacity, allowed, exclusive_pairs, time_limit, sentence_values)
    if chosen is None:
        chosen = greedy_coverage(concepts, costs, capacity, allowed, exclusive_pairs, sentence_values=sentence_values)
    weights = coverage_scores(concepts)
    chosen = sorted(chosen, key=lambda i: (-weights[i], i))  # "picked" order: most valuable first
    remaining = capacity - float(costs[chosen].sum()) if chosen else capacity
    if not budget.truncate or remaining <= 0 or n == len(chosen):
        return Selection(indices=tuple(chosen))
    return _fill(concepts, texts, budget, chosen, remaining, eligible, exclusive_pairs, costs, language)


def _solve(
    concepts: Concepts,
    costs: np.ndarray,
    capacity: float,
    allowed: np.ndarray,
    exclusive_pairs: np.ndarray | None,
    time_limit: float,
    sentence_values: np.ndarray | None = None,
) -> list[int] | None:
    """The ILP's optimal sentences, or None when HiGHS stops without a feasible solution."""
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import csr_matrix as csr
    from scipy.sparse import hstack, identity, vstack

    n, m = concepts.incidence.shape
    if not allowed.any():
        return []
    if m == 0 and sentence_values is None:
        return None  # nothing to cover: let the greedy fallback take the first sentences that fit
    # a concept held by no allowed sentence can never be covered: its variable is fixed at 0
    reachable = np.asarray(concepts.incidence[allowed].sum(axis=0)).ravel() > 0
    values = np.zeros(n) if sentence_values is None else sentence_values
    objective = np.concatenate([-values, -concepts.weights * reachable])
    blocks = [csr(np.concatenate([costs, np.zeros(m)])[np.newaxis, :])]
    upper = [np.array([capacity])]
    if m:
        blocks.append(hstack([-concepts.incidence.T, identity(m, format="csr")], format="csr"))  # c_j <= sum s_i
        upper.append(np.zeros(m))
    if exclusive_pairs is not None and len(exclusive_pairs):
        k = len(exclusive_pairs)
        rows = np.repeat(np.arange(k), 2)
        pairs = csr((np.ones(2 * k), (rows, exclusive_pairs.ravel())), shape=(k, n + m))
        blocks.append(pairs)
        upper.append(np.ones(k))
    matrix = vstack(blocks, format="csr")
    constraints = LinearConstraint(matrix, -np.inf, np.concatenate(upper))
    bounds = Bounds(np.zeros(n + m), np.concatenate([allowed.astype(float), reachable.astype(float)]))
    result = milp(
        objective,
        constraints=constraints,
        integrality=np.ones(n + m),
        bounds=bounds,
        options={"time_limit": time_limit, "node_limit": ILP_NODE_LIMIT, "disp": False},
    )
    if result.x is None:
        return None
    return np.flatnonzero(result.x[:n] > 0.5).tolist()


def greedy_coverage(
    concepts: Concepts,
    costs: np.ndarray,
    capacity: float,
    allowed: np.ndarray,
    exclusive_pairs: np.ndarray | None = None,
    cost_exponent: float = 1.0,
    sentence_values: np.ndarray | None = None,
) -> list[int]:
    """Budgeted greedy concept coverage: add the sentence with most uncovered weight per cost ** r that fits.

    Lin and Bilmes (2010) show this, compared with the best single sentence, is a constant-factor approximation.
    """
    incidence = concepts.incidence
    uncovered = concepts.weights.astype(float).copy()
    available = allowed.copy()
    scale = np.power(np.maximum(costs, 1.0), cost_exponent)
    values = np.zeros(len(costs)) if sentence_values is None else sentence_values
    partners = _partner_lists(exclusive_pairs, len(costs))
    chosen: list[int] = []
    spent = 0.0
    while True:
        candidates = available & (costs <= capacity - spent)
        if not candidates.any():
            break
        gain = (np.asarray(incidence @ uncovered).ravel() + values) / scale
        pick = int(np.argmax(np.where(candidates, gain, -np.inf)))
        chosen.append(pick)
        spent += costs[pick]
        available[pick] = False
        available[partners[pick].indices] = False
        uncovered[incidence[pick].indices] = 0.0
    best_single = np.where(allowed, coverage_scores(concepts) + values, -np.inf)
    if allowed.any():
        single = int(np.argmax(best_single))
        covered = np.zeros(len(uncovered), dtype=bool)
        covered[incidence[chosen].indices] = True
        if best_single[single] > float(concepts.weights[covered].sum()) + float(values[chosen].sum()):
            return [single]
    return chosen


def _partner_lists(exclusive_pairs: np.ndarray | None, n: int) -> csr_matrix:
    """Symmetric sparse adjacency: row i holds the sentences that may not be chosen with sentence i."""
    from scipy.sparse import csr_matrix as csr

    pairs = np.empty((0, 2), dtype=np.int64) if exclusive_pairs is None else np.asarray(exclusive_pairs).reshape(-1, 2)
    rows = np.concatenate((pairs[:, 0], pairs[:, 1]))
    columns = np.concatenate((pairs[:, 1], pairs[:, 0]))
    return csr((np.ones(len(rows), dtype=bool), (rows, columns)), shape=(n, n))


def _fill(
    concepts: Concepts,
    texts: Sequence[str],
    budget: Budget,
    chosen: list[int],
    remaining: float,
    eligible: np.ndarray | None,
    exclusive_pairs: np.ndarray | None,
    costs: np.ndarray,
    language: str = "english",
) -> Selection:
    """Add the start of the sentence whose cut to ``remaining`` covers the most new weight (ties: earlier index)."""
    covered = np.zeros(concepts.incidence.shape[1], dtype=bool)
    covered[concepts.incidence[chosen].indices] = True
    candidates = np.ones(len(texts), dtype=bool) if eligible is None else eligible.copy()
    candidates &= costs > 0
    candidates[chosen] = False
    if exclusive_pairs is not None and len(exclusive_pairs):
        taken = np.zeros(len(texts), dtype=bool)
        taken[chosen] = True
        first, second = exclusive_pairs[:, 0], exclusive_pairs[:, 1]
        candidates[second[taken[first]]] = False
        candidates[first[taken[second]]] = False
    if not candidates.any():
        return Selection(indices=tuple(chosen))
    indices = np.flatnonzero(candidates)
    cuts = [cut_to_budget(texts[i], remaining, budget) for i in indices.tolist()]
    index_of = {name: j for j, name in enumerate(concepts.names)}
    gains = np.zeros(len(indices))
    for k, tokens in enumerate(sentence_tokens(cuts, language)):
        held = {index_of.get(f"{a} {b}", -1) for a, b in pairwise(tokens)} - {-1}
        new = [j for j in held if not covered[j]]
        gains[k] = float(concepts.weights[new].sum()) if new else 0.0
    if gains.max() <= 0.0 and chosen:
        return Selection(indices=tuple(chosen))
    best = int(np.argmax(gains))
    pick = int(indices[best])
    if costs[pick] <= remaining:
        return Selection(indices=(*chosen, pick))
    return Selection(indices=(*chosen, pick), cut_text=cuts[best])


def exclusive_pairs(matrix: csr_matrix, threshold: float) -> np.ndarray:
    """Pairs (a, b), a < b, of sentences whose TF-IDF cosine is at least ``threshold``: never both in a summary.

    The pairs come from ``score.similarity_graph`` (sparse, memory bounded), as for LexRank.
    """
    from scipy.sparse import triu

    from summarize.score import similarity_graph

    if matrix.shape[0] < 2 or matrix.shape[1] == 0 or threshold > 1.0:
        return np.zeros((0, 2), dtype=np.int64)
    graph = similarity_graph(matrix, max(threshold - 1e-9, 1e-9))
    similar = triu(graph + graph.T, k=1).tocoo()  # symmetric even where a row was capped
    return np.column_stack([similar.row, similar.col]).astype(np.int64)


def concept_relevance(cluster: Cluster, min_df: int = MIN_DF) -> np.ndarray:
    """Each sentence's concept weight (document frequency only; ``relevance`` applies the lead prior itself)."""
    return coverage_scores(extract_concepts(cluster, min_df))
