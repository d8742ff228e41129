"""The ``summarize`` command's application object, its shared options and its entry point (the subcommands
register themselves on ``app`` from their own modules; ``summarize.cli`` imports them all).

``summarize PATH... [OPTIONS]`` is short for ``summarize run PATH... [OPTIONS]``; the other
subcommands are ``split``, ``methods``, ``evaluate`` and ``batch``. Heavy modules (NumPy, SciPy,
sumy) are imported only inside the commands that need them.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from summarize.cli.help import HumanHelpCommand, format_group_help
from summarize.errors import SummarizeError, UsageError
from summarize.methods import METHODS

if TYPE_CHECKING:
    from summarize.api import Summarizer

_GROUP_OPTIONS = {"--help", "-h", "--version", "--install-completion", "--show-completion"}

HELP = """Summarise a cluster of news articles about one event into one short, non-redundant summary.

Examples:

  summarize seeds/ --words 150

  summarize a.txt b.html --sentences 3 --format markdown

  summarize cluster.json --query "missile production" --format json

  summarize artikel.txt --language german --sentences 3

  cat article.txt | summarize - --words 60

  summarize split seeds/001_8392e74e520cd89a.txt

  summarize evaluate ../shared/data/duc2004 --method mmr --method lead

`summarize PATH...` is short for `summarize run PATH...`. Shell completion: `summarize --install-completion`.
"""


class DefaultCommandGroup(TyperGroup):
    """A group that runs ``run`` when the first word is not a subcommand (``summarize seeds/``), and whose help
    shows ``run``'s arguments and options with its own (``summarize.cli.help``)."""

    default_command = "run"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for command in self.commands.values():  # typer builds plain TyperCommands; only their help differs
            if type(command) is TyperCommand:
                command.__class__ = HumanHelpCommand

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # click's Context: vendored by typer >= 0.20
        if args and args[0] not in self.commands and args[0] not in _GROUP_OPTIONS:
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        format_group_help(self, ctx, formatter, self.default_command)


app = typer.Typer(
    cls=DefaultCommandGroup,
    help=HELP,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line on stderr and return the Exit to raise."""
    typer.echo(f"summarize: error: {message}", err=True)
    return typer.Exit(code)


def warn(message: str) -> None:
    """One warning line on stderr."""
    typer.echo(f"summarize: warning: {message}", err=True)


# Options shared by ``run`` and ``batch``.
Words = Annotated[int | None, typer.Option("--words", "-w", help="Budget in words (default 150).")]
Sentences = Annotated[int | None, typer.Option("--sentences", "-s", help="Budget in sentences.")]
Chars = Annotated[int | None, typer.Option("--chars", "-c", help="Budget in characters.")]
Lambda = Annotated[float, typer.Option("--lambda", help="MMR weight of relevance against redundancy, in [0, 1].")]
Seed = Annotated[int, typer.Option("--seed", help="Seed of the random method.")]
Compress = Annotated[
    bool,
    typer.Option(
        "--compress/--no-compress",
        help="Delete leading connectives, trailing attributions and short parentheticals; --no-compress keeps every "
        "sentence verbatim.",
    ),
]
QueryWeight = Annotated[
    float, typer.Option("--query-weight", help="Weight of similarity to the query against centrality, in [0, 1].")
]
MaxInputBytes = Annotated[
    int,
    typer.Option(
        "--max-input-bytes", min=1, help="Refuse more input than this many bytes in all, checked before reading."
    ),
]
ClusterMaxInputBytes = Annotated[  # batch's: the limit holds for each cluster
    int,
    typer.Option(
        "--max-input-bytes", min=1, help="Refuse a cluster of more than this many bytes, checked before reading."
    ),
]

Offline = Annotated[
    bool,
    typer.Option(
        "--offline",
        help="Refuse URLs: never touch the network (as does SUMMARIZE_OFFLINE=1 in the environment).",
    ),
]
FetchTimeout = Annotated[
    float,
    typer.Option(
        "--timeout",
        metavar="SECONDS",
        help="Give up on a URL that takes longer than this to fetch (connecting, each read and in all).",
    ),
]


def method_choices_help() -> str:
    """The --method help: every name in the method registry."""
    return f"One of: {', '.join(METHODS)}."


def build_summarizer(
    method: str,
    *,
    lambda_: float,
    language: str,
    seed: int,
    query: str | None,
    query_weight: float,
    compress: bool,
    max_input_bytes: int | None,
) -> Summarizer:
    """The Summarizer that ``run`` and ``batch`` configure from their shared options (``--seed`` is
    ``random_state``), checked before any input is read."""
    from summarize.api import Summarizer

    summarizer = Summarizer(
        method, lambda_=lambda_, language=language, random_state=seed, query=query, query_weight=query_weight,
        compress=compress, max_input_bytes=max_input_bytes,
    )  # fmt: skip
    summarizer.validate()
    return summarizer


def check_one_budget(words: int | None, sentences: int | None, chars: int | None) -> None:
    """UsageError when more than one of --words, --sentences and --chars is given."""
    if sum(b is not None for b in (words, sentences, chars)) > 1:
        raise UsageError("give only one of --words, --sentences and --chars")


def _version(value: bool) -> None:
    if value:
        from summarize import __version__

        typer.echo(f"summarize {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    pass


def _click_exceptions() -> Any:
    """The module of click's exception classes as typer raises them: its vendored copy (typer >= 0.20) or click."""
    from importlib import import_module

    try:
        return import_module("typer._click.exceptions")
    except ImportError:
        return import_module("click.exceptions")


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app; user errors become one line on stderr, never a traceback."""
    click_errors = _click_exceptions()
    try:
        code = app(args=argv, prog_name="summarize", standalone_mode=False)
    except click_errors.NoArgsIsHelpError as error:  # bare "summarize": the help, as before
        error.show()
        return error.exit_code
    except click_errors.ClickException as error:  # bad options and arguments: one line, like our own errors
        message = "; ".join(line.strip() for line in error.format_message().splitlines() if line.strip())
        context = getattr(error, "ctx", None)
        hint = f" (see '{context.command_path} --help')" if context is not None else ""
        typer.echo(f"summarize: error: {message}{hint}", err=True)
        return error.exit_code
    except (getattr(click_errors, "Abort", typer.Abort), typer.Abort):  # end of input at a prompt
        typer.echo("summarize: aborted", err=True)
        return 1
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    except SummarizeError as error:
        typer.echo(f"summarize: error: {error}", err=True)
        return error.exit_code
    except KeyboardInterrupt:
        typer.echo("summarize: interrupted", err=True)
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # the promise is: never a traceback
        if os.environ.get("SUMMARIZE_DEBUG"):
            raise
        typer.echo(
            f"summarize: internal error: {type(error).__name__}: {error} (set SUMMARIZE_DEBUG=1 for details)",
            err=True,
        )
        return 1
    if code == 130:  # typer turns Ctrl-C into exit code 130, silently
        typer.echo("summarize: interrupted", err=True)
    return code if isinstance(code, int) else 0


def entry_point() -> None:
    sys.exit(main())
