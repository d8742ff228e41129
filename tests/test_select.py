"""Selection under a budget: never over it, filled as far as whole sentences allow, MMR's trade-off."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import csr_matrix

from summarize.select import balanced_quotes, eligible_sentences, mmr_select, ranked_select, sentence_costs
from summarize.types import Budget


def unit_rows(rows: list[list[float]]) -> csr_matrix:
    dense = np.asarray(rows, dtype=float)
    return csr_matrix(dense / np.linalg.norm(dense, axis=1, keepdims=True))


TEXTS = [
    "one two three four five six seven eight nine ten",  # 10 words
    "alpha beta gamma delta epsilon zeta eta theta",  # 8
    "red green blue cyan magenta",  # 5
    "north south east",  # 3
]
ORTHOGONAL = unit_rows([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]])


def test_word_budget_is_never_exceeded_and_filled_greedily() -> None:
    relevance = np.array([1.0, 0.9, 0.8, 0.7])
    selection = mmr_select(ORTHOGONAL, relevance, TEXTS, Budget(words=16), lambda_=1.0)
    # 10 fits, 8 does not (18 > 16), 5 fits (15), 3 does not (18): nothing else fits.
    assert selection.indices == (0, 2)
    assert sum(len(TEXTS[i].split()) for i in selection.indices) <= 16


def test_fill_leaves_no_room_for_any_unchosen_sentence() -> None:
    rng = np.random.default_rng(0)
    texts = [" ".join(["w"] * int(k)) for k in rng.integers(3, 30, size=40)]
    matrix = unit_rows(np.eye(40).tolist())
    for limit in (7, 31, 100, 250):
        selection = mmr_select(matrix, rng.random(40), texts, Budget(words=limit), lambda_=0.7)
        used = sum(len(texts[i].split()) for i in selection.indices)
        assert used <= limit
        unchosen = [len(t.split()) for i, t in enumerate(texts) if i not in selection.indices]
        assert not unchosen or min(unchosen) > limit - used


def test_char_budget_counts_the_joining_spaces() -> None:
    selection = mmr_select(ORTHOGONAL, np.array([1.0, 0.9, 0.8, 0.7]), TEXTS, Budget(chars=len(TEXTS[0]) + 1 + 27))
    chosen = " ".join(TEXTS[i] for i in selection.indices)
    assert len(chosen) <= len(TEXTS[0]) + 28
    assert selection.indices == (0, 2)  # "red green blue cyan magenta" is 27 characters


def test_sentence_budget() -> None:
    selection = mmr_select(ORTHOGONAL, np.array([0.1, 0.9, 0.8, 0.7]), TEXTS, Budget(sentences=2), lambda_=1.0)
    assert selection.indices == (1, 2)


def test_truncate_cuts_the_last_sentence_at_the_budget() -> None:
    selection = mmr_select(ORTHOGONAL, np.array([1.0, 0.9, 0.8, 0.7]), TEXTS, Budget(words=13, truncate=True))
    assert selection.indices == (0, 1)
    assert selection.cut_text == "alpha beta gamma"


def test_near_duplicates_are_never_both_chosen() -> None:
    matrix = unit_rows([[1, 0, 0], [1, 0.05, 0], [0, 0, 1]])
    texts = ["a b c d e f", "a b c d e f", "x y z u v w"]
    selection = mmr_select(matrix, np.array([1.0, 0.99, 0.2]), texts, Budget(words=100), redundancy_threshold=0.5)
    assert sorted(selection.indices) == [0, 2]


def test_lower_lambda_prefers_diverse_sentences() -> None:
    matrix = unit_rows([[1, 0.0], [1, 0.6], [0, 1.0]])  # 0 and 1 overlap (cos 0.86) but stay under the threshold
    texts = ["a b c d e f"] * 3
    relevance = np.array([1.0, 0.95, 0.5])
    relevant = mmr_select(matrix, relevance, texts, Budget(sentences=2), lambda_=1.0, redundancy_threshold=0.95)
    diverse = mmr_select(matrix, relevance, texts, Budget(sentences=2), lambda_=0.3, redundancy_threshold=0.95)
    assert relevant.indices == (0, 1)
    assert diverse.indices == (0, 2)


def test_cost_exponent_favours_short_sentences() -> None:
    relevance = np.array([1.0, 0.9, 0.8, 0.7])
    plain = mmr_select(ORTHOGONAL, relevance, TEXTS, Budget(sentences=1), lambda_=1.0)
    scaled = mmr_select(ORTHOGONAL, relevance, TEXTS, Budget(sentences=1), lambda_=1.0, cost_exponent=1.0)
    assert plain.indices == (0,)
    assert scaled.indices == (0,)  # a sentence budget costs 1 per sentence: scaling changes nothing
    by_words = mmr_select(ORTHOGONAL, relevance, TEXTS, Budget(words=3), lambda_=1.0, cost_exponent=1.0)
    assert by_words.indices == (3,)


def test_ranked_select_walks_the_order_and_skips_what_does_not_fit() -> None:
    selection = ranked_select([1, 0, 2, 3], TEXTS, Budget(words=12))
    assert selection.indices == (1, 3)  # 8 words, 10 does not fit, 5 does not fit, 3 fits (11)


def test_ineligible_sentences_are_skipped_unless_nothing_is_eligible() -> None:
    eligible = eligible_sentences(TEXTS, min_words=6)
    assert eligible.tolist() == [True, True, False, False]
    assert eligible_sentences(["a b", "c"], min_words=6).tolist() == [True, True]
    selection = ranked_select([3, 2, 1, 0], TEXTS, Budget(words=100), eligible)
    assert selection.indices == (1, 0)


@pytest.mark.parametrize(
    ("text", "paired"),
    [
        ("Austin said China is “engaging in coercive behavior,” adding more.", True),
        ('Austin said China is “engaging in coercive behavior," adding more.', True),  # mixed styles still pair
        ("He called it ``a disaster'' on Monday.", True),
        ("Er sagte „nein“ und ging.", True),
        ("Now is a critical phase when our decision today determines our future.”", False),
        ("After that, we'd like to open five every year.\"", False),
        ("It's the students' choice, officials said.", True),  # apostrophes are not quotation marks
    ],
)
def test_quotation_marks_must_pair(text: str, paired: bool) -> None:
    assert balanced_quotes(text) is paired


def test_a_sentence_with_an_orphan_quotation_mark_is_not_eligible_unless_nothing_else_is() -> None:
    texts = ["one two three four five six.”", "one two three four five six seven", "short"]
    assert eligible_sentences(texts, min_words=6).tolist() == [False, True, False]
    assert eligible_sentences(texts[:1], min_words=6).tolist() == [True]
    selection = mmr_select(unit_rows(np.eye(3).tolist()), np.array([1.0, 0.5, 0.1]), texts, Budget(words=100),
                           eligible=eligible_sentences(texts, 6))  # fmt: skip
    assert selection.indices == (1,)


def test_coverage_turns_away_a_paraphrase_that_no_single_sentence_matches() -> None:
    # units a..f; sentence 3 repeats what 0 and 1 say between them, and is cosine-far from each (0.58)
    units = csr_matrix(np.array([[1, 1, 1, 0, 0, 0], [0, 0, 0, 1, 1, 1], [0, 0, 0, 0, 0, 0], [1, 1, 0, 1, 0, 0]],
                                dtype=float))  # fmt: skip
    dense = np.array([[1, 1, 1, 0, 0, 0, 0], [0, 0, 0, 1, 1, 1, 0], [0, 0, 0, 0, 0, 0, 1], [1, 1, 0, 1, 0, 0, 0]])
    matrix = unit_rows(dense.tolist())
    texts = ["a b c d e f"] * 4
    relevance = np.array([1.0, 0.9, 0.5, 0.8])
    plain = mmr_select(matrix, relevance, texts, Budget(sentences=3), lambda_=0.7, redundancy_threshold=0.7)
    covered = mmr_select(matrix, relevance, texts, Budget(sentences=3), lambda_=0.7, redundancy_threshold=0.7,
                         coverage=units, coverage_threshold=0.5)  # fmt: skip
    assert plain.indices == (0, 1, 3)
    assert covered.indices == (0, 1, 2)


def test_coverage_off_is_plain_mmr() -> None:
    rng = np.random.default_rng(1)
    matrix = unit_rows(rng.random((30, 12)).tolist())
    texts = [" ".join(["w"] * int(k)) for k in rng.integers(5, 25, size=30)]
    relevance = rng.random(30)
    plain = mmr_select(matrix, relevance, texts, Budget(words=80), lambda_=1.0, redundancy_threshold=0.9)
    covered = mmr_select(matrix, relevance, texts, Budget(words=80), lambda_=1.0, redundancy_threshold=0.9,
                         coverage=matrix, coverage_threshold=1.0)  # fmt: skip
    assert plain == covered  # with lambda 1 the penalty has no weight, and a threshold of 1 turns nothing away


@pytest.mark.parametrize("budget", [Budget(words=5), Budget(sentences=3), Budget(chars=40)])
def test_costs_match_the_unit(budget: Budget) -> None:
    costs = sentence_costs(TEXTS, budget)
    expected = {"words": [10, 8, 5, 3], "sentences": [1, 1, 1, 1], "chars": [len(t) + 1 for t in TEXTS]}[budget.unit]
    assert costs.tolist() == expected


@pytest.mark.parametrize("kwargs", [{}, {"words": 0}, {"words": -3}, {"words": 5, "chars": 9}])
def test_invalid_budgets_are_refused(kwargs: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        Budget(**kwargs)
