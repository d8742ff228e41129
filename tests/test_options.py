"""Every parameter declared once (``summarize.options.Options``): the API, get_params and the CLI agree with it,
and every out-of-range value is a UsageError naming the parameter and its range."""

from __future__ import annotations

import inspect
from dataclasses import fields
from pathlib import Path

import pytest

from summarize import Document, Summarizer, UsageError, summarize
from summarize.cli import app
from summarize.options import DEFAULTS, PARAMETERS, Options

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = Document("Tokyo hosted the talks on Sunday. Both sides agreed to build more missiles together.", id="a")


def test_the_summarizer_takes_exactly_the_options_with_their_defaults() -> None:
    signature = inspect.signature(Summarizer.__init__).parameters
    names = [name for name in signature if name not in {"self", "method"}]
    assert sorted(names) == sorted(f.name for f in fields(Options))
    for name in names:
        assert signature[name].default == DEFAULTS[name], name
    assert list(Summarizer().get_params()) == ["method", *(f.name for f in fields(Options))]


def test_set_params_changes_exactly_the_options() -> None:
    summarizer = Summarizer().set_params(lambda_=0.4, min_df=2, language="german")
    assert summarizer.validate() == Options(lambda_=0.4, min_df=2, language="german")
    with pytest.raises(UsageError, match="unknown parameter 'lamda'"):
        Summarizer().set_params(lamda=0.4)


def test_every_parameter_has_a_help_line() -> None:
    assert all(spec.metadata["help"] for spec in PARAMETERS.values())


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"position_weight": 5.0}, r"position_weight must be a number in \[0, 1\], got 5.0"),
        ({"position_half_life": 0}, r"position_half_life must be a number > 0, got 0"),
        ({"min_words": -4}, r"min_words must be an integer >= 0, got -4"),
        ({"min_words": 2.5}, r"min_words must be an integer >= 0, got 2.5"),
        ({"lambda_": 1.5}, r"lambda must be a number in \[0, 1\], got 1.5"),
        ({"lambda_": float("nan")}, r"lambda must be a number in \[0, 1\], got nan"),
        ({"standalone_penalty": 0.0}, r"standalone_penalty must be a number in \(0, 1\], got 0.0"),
        ({"redundancy_threshold": -0.1}, r"redundancy_threshold must be a number >= 0, got -0.1"),
        ({"lexrank_threshold": 2.0}, r"lexrank_threshold must be a number in \[0, 1\], got 2.0"),
        ({"cost_exponent": -1.0}, r"cost_exponent must be a number >= 0, got -1.0"),
        ({"random_state": -1}, r"random_state must be an integer >= 0, got -1"),
        ({"query_weight": 2}, r"query_weight must be a number in \[0, 1\], got 2"),
        ({"min_df": 0}, r"min_df must be an integer >= 1, got 0"),
        ({"concept_position_weight": -0.5}, r"concept_position_weight must be a number in \[0, 1\], got -0.5"),
        ({"support_threshold": 1.5}, r"support_threshold must be a number in \[0, 1\], got 1.5"),
        ({"max_input_bytes": 0}, r"max_input_bytes must be an integer >= 1 or None, got 0"),
        ({"compress": "yes"}, r"compress must be True or False, got 'yes'"),
        ({"centrality": "pagerank"}, r"centrality must be one of centroid, lexrank, combined, concepts, learned"),
        ({"min_words": True}, r"min_words must be an integer >= 0, got True"),
    ],
)
def test_an_out_of_range_parameter_is_a_usage_error_naming_it(params: dict, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        Summarizer(**params).validate()
    with pytest.raises(UsageError, match=message):
        summarize([ARTICLE], sentences=1, **params)


def test_edge_values_of_each_range_are_accepted() -> None:
    Summarizer(lambda_=0.0, position_weight=1.0, standalone_penalty=1.0, min_words=0, redundancy_threshold=1.01,
               max_input_bytes=None, random_state=2**40).validate()  # fmt: skip


@pytest.mark.parametrize(
    "budgets", [{"words": 150, "sentences": 3}, {"words": 60, "chars": 300}, {"sentences": 1, "chars": 300}]
)
def test_two_budgets_are_an_error_whichever_values_they_have(budgets: dict) -> None:
    with pytest.raises(UsageError, match="exactly one budget"):
        summarize([ARTICLE], **budgets)
    with pytest.raises(UsageError, match="exactly one budget"):
        Summarizer().summarize([ARTICLE], **budgets)


def test_no_budget_means_150_words_and_a_positional_budget_is_words() -> None:
    seeds = [ROOT / "seeds"]
    assert summarize(seeds).text == summarize(seeds, 150).text == summarize(seeds, words=150).text


def _cli_defaults(command: str) -> dict[str, object]:
    import typer.main

    click_command = typer.main.get_command(app).commands[command]  # type: ignore[attr-defined]
    return {p.name: p.default for p in click_command.params}


@pytest.mark.parametrize("command", ["run", "batch"])
def test_the_cli_options_default_to_the_options_defaults(command: str) -> None:
    """Each of run's and batch's options that sets a parameter has that parameter's default."""
    from summarize.methods import DEFAULT_METHOD

    cli_to_parameter = {"lambda_": "lambda_", "query": "query", "query_weight": "query_weight",
                        "compress": "compress", "language": "language", "seed": "random_state",
                        "max_input_bytes": "max_input_bytes"}  # fmt: skip
    defaults = _cli_defaults(command)
    for option, parameter in cli_to_parameter.items():
        assert defaults[option] == DEFAULTS[parameter], option
    assert defaults["method"] == DEFAULT_METHOD


def test_run_and_batch_build_their_summarizer_in_one_place() -> None:
    """Neither command calls Summarizer(...) itself: both go through cli.build_summarizer."""
    for name in ("commands.py", "batch.py"):
        source = (ROOT / "summarize" / "cli" / name).read_text(encoding="utf-8")
        assert "Summarizer(" not in source and "build_summarizer(" in source, name
