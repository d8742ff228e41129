"""One ``RougeOptions`` through the ROUGE code and the harness, one builder of the Perl command line, result types
in their own module and no import circle in the evaluation code (issue 18)."""

from __future__ import annotations

import ast
import warnings
from pathlib import Path
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

PACKAGE = Path(__file__).resolve().parents[2] / "summarize" / "evaluation"
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


def _imports(path: Path) -> set[str]:
    """Modules of ``summarize.evaluation`` that ``path`` imports, at module level or inside functions (absolute
    imports: the package uses no relative ones)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0 and node.module, f"relative import in {path}"
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)  # ``from package import module``
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("summarize.evaluation")}


def test_no_import_circle_in_the_evaluation_code() -> None:
    modules: dict[str, Path] = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parents[1]).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    # A package's __init__ re-exporting its own modules is not a circle; any other edge counts, lazy ones too.
    graph = {
        name: {m for m in _imports(path) if m in modules and m != name and not m.startswith(f"{name}.")}
        for name, path in modules.items()
    }
    assert "summarize.evaluation.rouge.options" in graph["summarize.evaluation.rouge.perl"]  # the graph is read
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                pytest.fail("import circle: " + " -> ".join([*trail[trail.index(nxt) :], nxt]))
            if nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
