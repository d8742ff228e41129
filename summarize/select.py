"""Select sentences under a length budget with Maximal Marginal Relevance.

MMR (Carbonell and Goldstein 1998) picks, at each step, the sentence maximising
``lambda * relevance - (1 - lambda) * max cosine to the sentences already chosen``. The maximum
similarity is updated incrementally: one sparse row of cosines per pick, read from the term postings
of the pick's terms, then O(n) vector work per pick, so no n x n matrix is ever built. Sentences
at or above ``redundancy_threshold`` to a chosen one are never taken: the same fact copied across
outlets appears once. Optionally the gain is divided by
``cost ** cost_exponent`` (Lin and Bilmes 2010, budgeted submodular maximisation).

With ``coverage`` (sentence x unit weights, ``summarize.redundancy``) a sentence's redundancy is the larger of that
cosine and the share of its units the summary already covers, in the spirit of Lin and Bilmes's (2011) coverage:
a paraphrase spread over several chosen sentences counts as said. Sentences whose covered share is above
``coverage_threshold`` are never taken.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from summarize.types import Budget, Selection  # Selection: re-exported

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix


_QUOTE_MARK = re.compile(r"``|''|[\"“”„]")
"""Double quotation marks in any of the styles news text uses (straight, curly, low-high, DUC's ``...'')."""


def balanced_quotes(text: str) -> bool:
    """Whether the sentence's double quotation marks pair up: an odd count means a quotation opened or closed in
    another sentence, and the sentence would show an orphan mark (``... determines our future.”``)."""
    return len(_QUOTE_MARK.findall(text)) % 2 == 0


def eligible_sentences(texts: Sequence[str], min_words: int) -> np.ndarray:
    """Sentences that can stand in a summary: long enough (a floor against fragments) and with their quotation
    marks paired (``balanced_quotes``). If none is, the long enough ones; if none is long enough, all of them."""
    long_enough = np.fromiter((len(t.split()) >= min_words for t in texts), dtype=bool, count=len(texts))
    if not long_enough.any():
        return np.ones(len(texts), dtype=bool)
    paired = long_enough & np.fromiter(map(balanced_quotes, texts), dtype=bool, count=len(texts))
    return paired if paired.any() else long_enough


def sentence_costs(texts: Sequence[str], budget: Budget) -> np.ndarray:
    """What each sentence spends of the budget: its words, 1, or its characters plus the joining space."""
    if budget.words is not None:
        return np.fromiter((len(t.split()) for t in texts), dtype=float, count=len(texts))
    if budget.sentences is not None:
        return np.ones(len(texts))
    return np.fromiter((len(t) + 1 for t in texts), dtype=float, count=len(texts))


def budget_capacity(budget: Budget) -> float:
    """The budget in cost units (``chars`` gets one extra for the space that never follows the last sentence)."""
    return float(budget.limit + 1 if budget.chars is not None else budget.limit)


def cut_to_budget(text: str, remaining: float, budget: Budget) -> str:
    """The start of ``text`` that fits in ``remaining`` budget: whole words, or characters, as ROUGE's -l/-b cut."""
    if budget.words is not None:
        return " ".join(text.split()[: int(remaining)])
    if budget.chars is not None:
        return text[: max(int(remaining) - 1, 0)].rstrip()
    return text


class CoverageTracker:
    """Covered share of every sentence's units, updated in O(units of the pick + nnz) per pick (no pair loop)."""

    def __init__(self, units: csr_matrix) -> None:
        self.units = units
        totals = np.asarray(units.sum(axis=1)).ravel()
        self.inverse_total = np.divide(1.0, totals, out=np.zeros_like(totals), where=totals > 0)
        self.covered = np.zeros(units.shape[1], dtype=bool)
        self.share = np.zeros(units.shape[0])

    def add(self, pick: int) -> None:
        """Mark the pick's units as covered and recompute every sentence's covered share."""
        start, end = self.units.indptr[pick], self.units.indptr[pick + 1]
        self.covered[self.units.indices[start:end]] = True
        self.share = np.asarray(self.units @ self.covered.astype(float)).ravel() * self.inverse_total


def mmr_select(
    matrix: csr_matrix,
    relevance: np.ndarray,
    texts: Sequence[str],
    budget: Budget,
    lambda_: float = 0.7,
    redundancy_threshold: float | None = 0.5,
    cost_exponent: float = 0.0,
    eligible: np.ndarray | None = None,
    coverage: csr_matrix | None = None,
    coverage_threshold: float = 1.0,
) -> Selection:
    """Greedy MMR under the budget; with ``lambda_=1`` it is a redundancy-filtered walk down the relevance ranking."""
    n = len(texts)
    costs = sentence_costs(texts, budget)
    capacity = budget_capacity(budget)
    max_similarity = np.zeros(n)
    available = costs > 0 if eligible is None else (costs > 0) & eligible
    if redundancy_threshold is None:
        redundancy_threshold = np.inf
    scale = np.power(np.maximum(costs, 1.0), cost_exponent) if cost_exponent else np.ones(n)
    chosen: list[int] = []
    spent = 0.0
    cut_text: str | None = None
    transposed: csr_matrix | None = None
    covered = CoverageTracker(coverage) if coverage is not None else None
    while True:
        remaining = capacity - spent
        if remaining <= 0:
            break
        fits = costs <= remaining
        candidates = available & (max_similarity < redundancy_threshold)
        redundancy = max_similarity
        if covered is not None:
            if coverage_threshold < 1.0:  # 1 turns the threshold off (and floating point cannot push a share over it)
                candidates &= covered.share <= coverage_threshold
            redundancy = np.maximum(max_similarity, covered.share)
        if not budget.truncate:
            candidates &= fits
        if not candidates.any():
            break
        gain = (lambda_ * relevance - (1.0 - lambda_) * redundancy) / scale
        pick = int(np.argmax(np.where(candidates, gain, -np.inf)))
        chosen.append(pick)
        available[pick] = False
        if costs[pick] > remaining:  # only reachable with truncate: cut and stop
            cut_text = cut_to_budget(texts[pick], remaining, budget)
            break
        spent += costs[pick]
        if covered is not None:
            covered.add(pick)
        if matrix.shape[1]:
            if transposed is None:
                transposed = matrix.T.tocsr()  # terms x sentences, built once: each pick then costs its terms' postings
            similar = matrix[pick] @ transposed  # cosine of the pick to every sentence sharing a term with it
            columns = similar.indices
            max_similarity[columns] = np.maximum(max_similarity[columns], similar.data)
    return Selection(indices=tuple(chosen), cut_text=cut_text)


def ranked_select(
    order: Sequence[int], texts: Sequence[str], budget: Budget, eligible: np.ndarray | None = None
) -> Selection:
    """Walk a fixed ranking (lead, random, sumy baselines) and keep every eligible sentence that still fits."""
    costs = sentence_costs(texts, budget)
    if eligible is not None:
        costs = np.where(eligible, costs, 0.0)
    capacity = budget_capacity(budget)
    chosen: list[int] = []
    spent = 0.0
    for index in order:
        remaining = capacity - spent
        if remaining <= 0:
            break
        if costs[index] <= 0:
            continue
        if costs[index] > remaining:
            if budget.truncate:
                chosen.append(index)
                return Selection(indices=tuple(chosen), cut_text=cut_to_budget(texts[index], remaining, budget))
            continue
        chosen.append(index)
        spent += costs[index]
    return Selection(indices=tuple(chosen))
