"""One ``RougeOptions`` through the ROUGE code and the harness, one builder of the Perl command line, result types
in their own module and no import circle in the evaluation code (issue 18)."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

from summarize.evaluation import harness
from summarize.evaluation.rouge import (
    Aggregate,
    Interval,
    MetricResult,
    RougeOptions,
    RougeScorer,
    Score,
    evaluate,
    rouge_l,
    rouge_n,
)
from summarize.evaluation.rouge.perl import rouge_flags

PEER = "the cat sat on the mat\nthe dog barked"
REFS = ["the cat was sitting on the mat", "a dog barked at the cat"]


def test_duc_setting_builds_the_official_command_line() -> None:
    options = harness.duc_options(100)
    assert options.arguments() == [
        "-n", "4", "-x", "-2", "4", "-u", "-m", "-l", "100", "-p", "0.5", "-c", "95", "-r", "1000",
        "-f", "A", "-t", "0",
    ]  # fmt: skip
    assert options.flags() == "-n 4 -x -2 4 -u -m -l 100 -p 0.5 -c 95 -r 1000 -f A -t 0"
    assert rouge_flags(options) == options.arguments()  # the 0.1 helper delegates to the one builder


def test_metric_names_are_canonical_and_values_checked_once() -> None:
    assert RougeOptions(metrics=("rouge1", "ROUGE-1", "rouge-su4")).metrics == ("ROUGE-1", "ROUGE-SU4")
    for bad in ({"alpha": 1.5}, {"multi_ref": "C"}, {"confidence": 101.0}, {"resamples": 0}, {"word_limit": -1}):
        with pytest.raises(ValueError):
            RougeOptions(**bad)
    with pytest.raises(ValueError, match="not both"):
        RougeOptions(word_limit=10, byte_limit=10)
    with pytest.raises(ValueError, match="one skip distance"):
        RougeOptions(metrics=("ROUGE-SU4", "ROUGE-S2")).arguments()


def test_an_options_object_and_keywords_score_alike() -> None:
    options = RougeOptions(metrics=("ROUGE-1", "ROUGE-2", "ROUGE-L"), stem=True, word_limit=8, alpha=0.8)
    keywords: dict[str, Any] = {"stem": True, "word_limit": 8, "alpha": 0.8}
    assert RougeScorer(options).score(PEER, REFS) == RougeScorer(options.metrics, **keywords).score(PEER, REFS)
    assert rouge_n(PEER, REFS, n=2, options=options) == rouge_n(PEER, REFS, n=2, **keywords)
    assert rouge_l(PEER, REFS, options=options) == rouge_l(PEER, REFS, **keywords)
    peers, refs = {"a": PEER, "b": "the mat"}, {"a": REFS, "b": REFS}
    by_object = evaluate(peers, refs, options.replace(resamples=30))
    by_keywords = evaluate(peers, refs, metrics=options.metrics, resamples=30, **keywords)
    assert by_object == by_keywords


def test_the_harness_scores_under_the_options_it_is_given() -> None:
    assert harness.duc_options(150, resamples=10) == RougeOptions(
        metrics=harness.METRICS, stem=True, word_limit=150, resamples=10
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        legacy = harness.RougeSetting(word_limit=150, resamples=10)
    assert legacy == harness.duc_options(150, resamples=10)
    assert any(issubclass(w.category, DeprecationWarning) for w in caught)


def test_result_types_have_their_own_module() -> None:
    for kind in (Score, Interval, Aggregate, MetricResult):
        assert kind.__module__ == "summarize.evaluation.rouge.results"


def test_no_import_circle_in_the_evaluation_code() -> None:
    """``aggregate`` and ``perl`` imported each other (lazily); the package-wide graph of ``test_architecture``
    (lazy imports included) now has the evaluation code in it and no circle through it."""
    from test_architecture import find_cycle, import_graph

    graph = import_graph()
    evaluation = {name: targets for name, targets in graph.items() if name.startswith("summarize.evaluation")}
    assert "summarize.evaluation.rouge.options" in evaluation["summarize.evaluation.rouge.perl"]  # the code is read
    assert "summarize.evaluation.rouge.aggregate" not in evaluation["summarize.evaluation.rouge.perl"]
    assert find_cycle(evaluation) is None
