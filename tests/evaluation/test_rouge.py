"""Fast unit tests of summarize.evaluation.rouge on tiny hand-made summaries, one ROUGE-1.5.5 option at a time."""

from __future__ import annotations

import numpy as np
import pytest

from summarize.evaluation.rouge import (
    RougeScorer,
    Score,
    Tokenizer,
    bootstrap,
    canonical_metric,
    evaluate,
    format_result,
    morph_stem,
    perl_resample_indices,
    porter_stem,
    rouge_l,
    rouge_n,
    rouge_s,
)
from summarize.evaluation.rouge.score import skip_bigram_counts
from summarize.evaluation.rouge.tokenize import perl_split

# --- tokenisation --------------------------------------------------------------------------------------------


def test_tokens_lowercase_ascii_and_split_on_non_alphanumerics() -> None:
    assert Tokenizer().tokens("U.S. well-known $5 Café\tNAÏVE") == ["u", "s", "well", "known", "5", "caf", "na", "ve"]


def test_perl_split_keeps_leading_empty_field_and_drops_trailing() -> None:
    assert perl_split(" a b  ") == ["", "a", "b"]
    assert perl_split("   ") == []


def test_word_limit_counts_raw_whitespace_words_not_tokens() -> None:
    # Two raw words ("O'Brien's", "well-known") become five tokens; the third word is cut (-l 2).
    assert Tokenizer(word_limit=2).tokens("O'Brien's well-known tale") == ["o", "brien", "s", "well", "known"]


def test_word_limit_spans_lines_and_counts_a_leading_space_as_a_word() -> None:
    assert Tokenizer(word_limit=3).tokens("a b\nc d e") == ["a", "b", "c"]
    assert Tokenizer(word_limit=2).tokens(" a b c") == ["a"]  # Perl's split yields a leading empty field


def test_word_limit_applies_to_references_too() -> None:
    assert rouge_n("c d", ["a b c d"], n=1).recall == 0.5
    assert rouge_n("c d", ["a b c d"], n=1, word_limit=2).recall == 0.0


def test_byte_limit_counts_utf8_bytes_and_cuts_inside_words() -> None:
    assert Tokenizer(byte_limit=6).tokens("café xy") == ["caf"]  # 'é' is two bytes, so 'x' is past byte 6
    assert Tokenizer(byte_limit=5).tokens("ab\ncdef") == ["ab", "cde"]


def test_byte_limit_for_rouge_l_keeps_perl_running_total_quirk() -> None:
    tok = Tokenizer(byte_limit=5)
    assert tok.tokens("abc\nde\nfgh") == ["abc", "de"]
    assert tok.sentence_tokens("abc\nde\nfgh") == [["abc"], ["de"], ["fgh"]]


def test_word_and_byte_limit_together_are_rejected() -> None:
    with pytest.raises(ValueError):
        Tokenizer(word_limit=10, byte_limit=10)


# --- stemming (-m) and stop words (-s) -----------------------------------------------------------------------


def test_stemming_looks_up_wordnet_exceptions_before_porter() -> None:
    assert porter_stem("children") == "children"
    assert morph_stem("children") == "child"
    assert morph_stem("better") == "well"  # adv.exc overrides adj.exc ('good'), as in the original DB
    assert rouge_n("children", ["child"], stem=True).recall == 1.0
    assert rouge_n("children", ["child"]).recall == 0.0


def test_stemming_skips_tokens_of_three_characters_or_fewer() -> None:
    # 'was' would become 'wa' (Porter) and 'men' 'man' (noun.exc), but three-letter tokens are left alone.
    assert Tokenizer(stem=True).tokens("The children were running; geese ran, men was") == [
        "the", "child", "be", "run", "goose", "ran", "men", "was",
    ]  # fmt: skip
    assert (porter_stem("was"), morph_stem("men")) == ("wa", "man")


def test_porter_has_rouge_step4_modification() -> None:
    # Standard Porter leaves 'agreement' alone (-ement with m=1); ROUGE-1.5.5's version then strips -ent.
    assert porter_stem("agreement") == "agreem"
    assert porter_stem("establishment") == "establish"  # the separate -ment check; -ent alone leaves 'establishm'
    assert porter_stem("generalizations") == "gener"
    assert porter_stem("happiness") == "happi"


def test_stopword_removal_uses_smart_list() -> None:
    peer, ref = "the dog chased the cat", "a dog chased a cat"  # 'the', 'a' are SMART stop words
    assert rouge_n(peer, [ref]).recall == 0.6
    assert rouge_n(peer, [ref], remove_stopwords=True).recall == 1.0
    assert Tokenizer(remove_stopwords=True).tokens("Sat. the dog") == ["dog"]  # SMART lists 'sat' too


# --- ROUGE-N and multiple references (-f) --------------------------------------------------------------------


def test_rouge_n_clips_counts() -> None:
    score = rouge_n("the the the cat", ["the cat sat"], n=1)
    assert (score.hits, score.model_count, score.peer_count) == (2, 3, 4)
    assert rouge_n("the cat", ["the the the dog cat"], n=1).hits == 2
    assert rouge_n("a b c d", ["a b x d"], n=2).recall == 0.33333


def test_multi_reference_a_sums_counts_instead_of_averaging_scores() -> None:
    score = rouge_n("a b c d", ["a b", "c d e f g h"], n=1, multi_ref="A")
    assert (score.hits, score.model_count, score.peer_count) == (4, 8, 8)
    assert score.recall == 0.5  # averaging per-reference recalls (1.0, 0.33333) would give 0.66667


def test_multi_reference_b_takes_best_recall_reference() -> None:
    score = rouge_n("a b c d", ["a b", "c d e f g h"], n=1, multi_ref="B")
    assert (score.recall, score.precision) == (1.0, 0.5)


def test_multi_reference_b_keeps_first_reference_on_ties() -> None:
    score = rouge_n("a b", ["a c", "a b c d"], n=1, multi_ref="B")  # both recalls are 0.5
    assert (score.model_count, score.precision) == (2, 0.5)


# --- alpha (-p) ----------------------------------------------------------------------------------------------


def test_alpha_weights_precision_against_recall() -> None:
    peer, refs = "a b", ["a b c d"]  # R = 0.5, P = 1.0
    assert rouge_n(peer, refs).fmeasure == 0.66667
    assert rouge_n(peer, refs, alpha=0.8).fmeasure == 0.83333
    assert rouge_n(peer, refs, alpha=1.0).fmeasure == 1.0  # alpha -> 1 favours precision
    assert rouge_n(peer, refs, alpha=0.0).fmeasure == 0.5
    with pytest.raises(ValueError):
        rouge_n(peer, refs, alpha=1.5)


def test_f_is_computed_from_rounded_recall_and_precision() -> None:
    score = rouge_n("a b c d e f", ["a"])  # R = 1, P = 1/6 -> 0.16667
    assert (score.recall, score.precision) == (1.0, 0.16667)
    assert score.fmeasure == 0.28572  # from the rounded P; the exact F would round to 0.28571


# --- ROUGE-L -------------------------------------------------------------------------------------------------


def test_rouge_l_takes_union_lcs_over_peer_sentences() -> None:
    # Lin (2004): reference w1..w5, candidate sentences share w1 w2 and w1 w3 w5 -> union LCS of 4 words.
    score = rouge_l("a b f g h\na c h i e", ["a b c d e"])
    assert (score.hits, score.model_count, score.peer_count) == (4, 5, 10)
    assert rouge_l("a c h i e a b f g h", ["a b c d e"]).hits == 3  # one sentence: plain LCS (a c e)
    assert rouge_l("a c h i e\na b f g h", ["a b c d e"]).hits == 4


def test_rouge_l_clips_hits_by_unigram_counts() -> None:
    assert rouge_l("a b", ["a b\na b"]).recall == 0.5  # without clipping each model sentence would hit twice


def test_rouge_l_marks_lcs_with_perl_tie_breaking() -> None:
    # LCS("a b", "b a") is 'a' or 'b'; ROUGE marks 'a', whose only peer copy the first sentence already used.
    assert rouge_l("b a", ["a\na b"]).hits == 1


# --- ROUGE-S / SU (-2, -u) -----------------------------------------------------------------------------------


def test_skip_bigram_counts_with_gap_and_unigrams() -> None:
    tokens = list("abcdefg")
    assert sum(skip_bigram_counts(tokens, 4, unigrams=False).values()) == 20
    assert sum(skip_bigram_counts(tokens, 4, unigrams=True).values()) == 26  # the last token adds no unigram
    assert sum(skip_bigram_counts(tokens, None, unigrams=False).values()) == 21


def test_rouge_su4_respects_max_gap() -> None:
    peer, refs = "a x x x x x b", ["a b"]  # 'a .. b' is five words apart
    assert rouge_s(peer, refs, 4).recall == 0.5  # only the unigram 'a' matches
    assert rouge_s(peer, refs, None).recall == 1.0
    assert rouge_s(peer, refs, 4, unigrams=False).recall == 0.0


# --- metric names, scorer, aggregation -----------------------------------------------------------------------


def test_canonical_metric_names() -> None:
    assert [canonical_metric(m) for m in ("rouge1", "ROUGE-2", "rougeL", "rouge-su4", "ROUGE-S*")] == [
        "ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-SU4", "ROUGE-S*",
    ]  # fmt: skip
    with pytest.raises(ValueError):
        canonical_metric("bleu")


def test_scorer_returns_requested_metrics() -> None:
    scores = RougeScorer(["rouge1", "rougeL", "rouge-su4"]).score("the cat sat", ["the cat sat down"])
    assert list(scores) == ["ROUGE-1", "ROUGE-L", "ROUGE-SU4"]
    assert scores["ROUGE-1"].recall == 0.75


def test_perl_rng_reproduced() -> None:
    # Perl: srand(0); int(rand(50)) x 5 -> 8 37 4 43 28 ; srand(1) -> 2 22 41 16 28
    idx = perl_resample_indices(50, 2)
    assert idx[0, :5].tolist() == [8, 37, 4, 43, 28]
    assert idx[1, :5].tolist() == [2, 22, 41, 16, 28]


def test_bootstrap_is_deterministic_and_brackets_the_mean() -> None:
    rng = np.random.default_rng(3)
    scores = [Score.from_counts(int(h), 100, 100) for h in rng.integers(20, 60, size=40)]
    first, again = bootstrap(scores, resamples=300), bootstrap(scores, resamples=300)
    assert first == again
    assert bootstrap(scores, resamples=300, seed=7) != first
    for iv in (first.recall, first.precision, first.fmeasure):
        assert iv.low < iv.mean < iv.high
    plain = np.mean([s.recall for s in scores])
    assert abs(first.recall.mean - plain) < 0.01


def test_bootstrap_of_constant_scores_is_a_point() -> None:
    agg = bootstrap([Score(0.4, 0.5, 0.44444)] * 5, resamples=50)
    assert (agg.recall.mean, agg.recall.low, agg.recall.high) == (0.4, 0.4, 0.4)


def test_bootstrap_interval_is_perl_order_statistic() -> None:
    recalls = [0.1 * k for k in range(1, 8)]
    agg = bootstrap([Score(r, r, r) for r in recalls], confidence=90, resamples=200)
    means = np.sort(np.asarray(recalls)[perl_resample_indices(7, 200)].mean(axis=1))
    # delta = 200 * 5 / 100 = 10: bounds are the 11th smallest and the 190th smallest resample means
    assert agg.recall.low == round(means[10], 5)
    assert agg.recall.high == round(means[189], 5)
    assert agg.recall.mean == round(means.mean(), 5)


def test_evaluate_and_format_like_rouge_output() -> None:
    peers = {"d2": "a b c", "d1": "a b"}
    refs = {"d1": ["a b c"], "d2": ["a b c d"]}
    result = evaluate(peers, refs, metrics=["ROUGE-1"], system="SYS", resamples=20)["ROUGE-1"]
    assert list(result.per_eval) == ["d1", "d2"]
    text = format_result(result)
    assert "SYS ROUGE-1 Eval d1.SYS R:0.66667 P:1.00000 F:0.80000" in text
    assert "SYS ROUGE-1 Average_R: " in text and "(95%-conf.int. " in text
    with pytest.raises(KeyError):
        evaluate({"d3": "a"}, refs)
