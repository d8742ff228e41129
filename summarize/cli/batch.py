"""``summarize batch INPUT -o OUTPUT``: many clusters, in parallel, resumable (see ``summarize.batch``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from summarize.cli.app import (
    Chars,
    ClusterMaxInputBytes,
    Compress,
    Lambda,
    QueryWeight,
    Seed,
    Sentences,
    Words,
    app,
    build_summarizer,
    check_one_budget,
    method_choices_help,
    warn,
)
from summarize.methods import DEFAULT_METHOD
from summarize.options import DEFAULT_MAX_INPUT_BYTES, Options

EPILOG = """INPUT is a JSONL file, one cluster a line: {"id": "c1", "documents": ["text", {"text": "...", "title":
"...", "url": "...", "published": "2024-07-28"}]}, or a directory holding one folder per cluster. A line's
optional "query" focuses that cluster's summary on its topic, in place of --query.

Each line of OUTPUT is {"id": ..., "summary": {...}} (the json format of `summarize run`, with "warnings" when
a file was skipped or a bad "published" date dropped) or {"id": ..., "error": "..."}, in input order.
Rerunning the same command skips the clusters already in OUTPUT.
Exit status: 0 when every cluster was summarised, 1 when some became error records, 2 for bad options.

Examples: summarize batch clusters.jsonl -o summaries.jsonl --jobs 2;
summarize batch ../shared/data/duc2004/docs -o duc.jsonl --words 100;
summarize batch clusters.jsonl -o out.jsonl --engine dask --scheduler tcp://10.0.0.5:8786"""


@app.command(
    "batch", help="Summarise many clusters (JSONL or a directory of cluster folders) into JSONL.", epilog=EPILOG
)
def batch(
    source: Annotated[str, typer.Argument(metavar="INPUT", help="A JSONL file or a directory of cluster folders.")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Append records to this JSONL file (resumable); default: standard output."),
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (Dask workers with --engine dask).")] = 1,
    engine: Annotated[str, typer.Option("--engine", help="process (a local process pool) or dask.")] = "process",
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Address of a Dask scheduler (default: a local Dask cluster).")
    ] = None,
    words: Words = None,
    sentences: Sentences = None,
    chars: Chars = None,
    truncate: Annotated[
        bool, typer.Option("--truncate", help="Cut the last sentence at the budget instead of leaving it out.")
    ] = False,
    method: Annotated[str, typer.Option("--method", "-m", help=method_choices_help())] = DEFAULT_METHOD,
    lambda_: Lambda = Options.lambda_,
    query: Annotated[
        str | None,
        typer.Option("--query", "-q", help='Focus every summary on this topic (a cluster\'s own "query" wins).'),
    ] = None,
    query_weight: QueryWeight = Options.query_weight,
    compress: Compress = Options.compress,
    language: Annotated[str, typer.Option("--language", help="The documents' language.")] = Options.language,
    seed: Seed = Options.random_state,
    max_input_bytes: ClusterMaxInputBytes = DEFAULT_MAX_INPUT_BYTES,
    progress: Annotated[
        bool | None,
        typer.Option("--progress/--no-progress", help="Show a progress bar (default: when stderr is a terminal)."),
    ] = None,
) -> None:
    check_one_budget(words, sentences, chars)
    from summarize.api import make_budget
    from summarize.batch import run_batch

    summarizer = build_summarizer(
        method, lambda_=lambda_, language=language, seed=seed, query=query, query_weight=query_weight,
        compress=compress, max_input_bytes=max_input_bytes,
    )  # fmt: skip
    budget = make_budget(words, sentences, chars, truncate)
    report = run_batch(
        source, output, summarizer, budget, jobs=jobs, engine=engine, scheduler=scheduler, progress=progress
    )
    if report.repaired:
        warn(f"{output}: removed a truncated last line left by an interrupted run; its cluster was run again")
    if report.skipped:
        warn(f"skipped {report.skipped} cluster(s) already in {output}")
    if report.failed:
        where = output if output is not None else "the output"
        typer.echo(
            f"summarize: {report.failed} of {report.done + report.failed} cluster(s) failed "
            f"(error records in {where}); first: {report.failures[0]}",
            err=True,
        )
        sys.stdout.flush()
        raise typer.Exit(1)
