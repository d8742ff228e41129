"""The everyday subcommands: ``run`` (the default), ``split`` and ``methods``."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path
from typing import Annotated

import typer

from summarize.cli.app import (
    Chars,
    Compress,
    FetchTimeout,
    Lambda,
    MaxInputBytes,
    Offline,
    QueryWeight,
    Seed,
    Sentences,
    Words,
    app,
    build_summarizer,
    check_one_budget,
    fail,
    method_choices_help,
    warn,
)
from summarize.errors import UsageError
from summarize.fetch import DEFAULT_TIMEOUT
from summarize.languages import supported_languages as registered_languages
from summarize.methods import DEFAULT_METHOD, METHODS, method_help, query_methods
from summarize.options import DEFAULT_MAX_INPUT_BYTES, Options


def _complete_languages(incomplete: str) -> list[str]:
    """Shell completion of --language: the supported languages."""
    from summarize.api import supported_languages

    return [language for language in supported_languages() if language.startswith(incomplete)]


def _complete_methods(incomplete: str) -> list[str]:
    """Shell completion of --method: the method names."""
    return [name for name in METHODS if name.startswith(incomplete)]


def _complete_formats(incomplete: str) -> list[str]:
    """Shell completion of --format."""
    return [name for name in ("text", "markdown", "json") if name.startswith(incomplete)]


PathsArgument = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH...",
        help="Files or directories to read (.txt, .md, .html, or a .json/.jsonl cluster), or http(s) URLs to fetch; "
        "- reads standard input.",
    ),
]
Recursive = Annotated[bool, typer.Option("--recursive", "-r", help="Read directories recursively.")]
Language = Annotated[
    str,
    typer.Option(
        "--language",
        metavar="LANGUAGE",
        help="The documents' language (splitter, stemmer, stop words): " + ", ".join(registered_languages()) + ".",
        autocompletion=_complete_languages,
    ),
]


def read_inputs(
    paths: list[str],
    recursive: bool,
    max_bytes: int | None = DEFAULT_MAX_INPUT_BYTES,
    offline: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> tuple:
    """Load the documents, printing one warning line per skipped file; more than ``max_bytes`` is an error.

    http(s) URLs are fetched unless ``offline`` or ``SUMMARIZE_OFFLINE`` says not to, which refuses them before
    anything is read.
    """
    from summarize.fetch import OFFLINE_VARIABLE, is_url, offline_requested, timeout_problem
    from summarize.load import load_documents

    problem = timeout_problem(timeout)
    if problem:
        raise UsageError(problem)
    if offline or offline_requested():
        for path in paths:
            if is_url(path):
                why = "--offline" if offline else f"{OFFLINE_VARIABLE} is set"
                raise UsageError(f"refusing to fetch {path}: {why} (no network access)")
    result = load_documents(
        paths, recursive=recursive, stdin=sys.stdin, max_bytes=max_bytes, fetch_urls=True, fetch_timeout=timeout
    )
    for message in result.warnings:
        warn(message)
    return result.documents


def write_output(text: str, output: Path | None, inputs: list[str]) -> None:
    """Print, or write to ``output`` atomically; never overwrite one of the inputs."""
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from summarize.output import write_text_atomically

    write_text_atomically(output, text if text.endswith("\n") else text + "\n", inputs)


@app.command(
    "run",
    help="Summarise the documents at PATH... into one summary (the default command).",
    epilog="Examples: summarize seeds/ --words 150 --format markdown; "
    'summarize cluster.json --query "missile production" --format json',
)
def run(
    paths: PathsArgument,
    words: Words = None,
    sentences: Sentences = None,
    chars: Chars = None,
    truncate: Annotated[
        bool,
        typer.Option(
            "--truncate", help="Cut the last sentence at the budget, as ROUGE does, instead of leaving it out."
        ),
    ] = False,
    method: Annotated[
        str,
        typer.Option(
            "--method",
            "-m",
            metavar="METHOD",
            help=method_choices_help(),
            show_default=True,
            autocompletion=_complete_methods,
        ),
    ] = DEFAULT_METHOD,
    lambda_: Lambda = Options.lambda_,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="Output format: text, markdown or json.",
            autocompletion=_complete_formats,
        ),
    ] = "text",
    query: Annotated[
        str | None,
        typer.Option(
            "--query", "-q", help=f"Focus the summary on this question or topic ({', '.join(query_methods())})"
        ),
    ] = None,
    query_weight: QueryWeight = Options.query_weight,
    compress: Compress = Options.compress,
    recursive: Recursive = False,
    language: Language = Options.language,
    seed: Seed = Options.random_state,
    max_input_bytes: MaxInputBytes = DEFAULT_MAX_INPUT_BYTES,
    offline: Offline = False,
    timeout: FetchTimeout = DEFAULT_TIMEOUT,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to this file instead of standard output."),
    ] = None,
) -> None:
    from summarize.render import FORMATS, render

    if output_format not in FORMATS:
        raise fail(f"unknown format {output_format!r}; choose from: {', '.join(FORMATS)}", 2)
    check_one_budget(words, sentences, chars)
    from summarize.api import SummarizeWarning

    summarizer = build_summarizer(
        method, lambda_=lambda_, language=language, seed=seed, query=query, query_weight=query_weight,
        compress=compress, max_input_bytes=None,  # read_inputs enforces --max-input-bytes, on the bytes as read
    )  # fmt: skip
    if output is not None:
        from summarize.output import check_output

        check_output(output, paths)  # a bad -o fails before the work, not after it
    documents = read_inputs(paths, recursive, max_input_bytes, offline, timeout)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SummarizeWarning)
        summary = summarizer.summarize(documents, words=words, sentences=sentences, chars=chars, truncate=truncate)
    for warning in caught:  # ours as one line each; anything else as Python would have shown it
        if issubclass(warning.category, SummarizeWarning):
            warn(str(warning.message))
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    write_output(render(summary, output_format), output, paths)


@app.command("split", help="Print the sentences of PATH..., one per line, as the summariser sees them.")
def split(
    paths: PathsArgument,
    recursive: Recursive = False,
    language: Language = Options.language,
    max_input_bytes: MaxInputBytes = DEFAULT_MAX_INPUT_BYTES,
    offline: Offline = False,
    timeout: FetchTimeout = DEFAULT_TIMEOUT,
) -> None:
    from summarize.api import extract_sentences, supported_languages

    if language not in supported_languages():
        raise UsageError(f"unsupported language {language!r}; choose from: {', '.join(supported_languages())}")
    documents = read_inputs(paths, recursive, max_input_bytes, offline, timeout)
    lines = [sentence.text for sentence in extract_sentences(documents, language)]
    sys.stdout.write("".join(line + "\n" for line in lines))


@app.command("methods", help="List the summarisation methods.")
def methods() -> None:
    descriptions = method_help()
    width = max(map(len, descriptions))
    for name, description in descriptions.items():
        typer.echo(f"{name:<{width}}  {description}")
