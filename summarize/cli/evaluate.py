"""``summarize evaluate``: ROUGE on a dataset, ours beside the published systems (needs the ``eval`` extra)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from summarize.cli.app import app, fail, warn


@app.command(
    "evaluate",
    help="Summarise every cluster of DATA (docs/<cluster>/, refs/<cluster>/, peers/<cluster>/) and score it by ROUGE.",
    epilog="Example: summarize evaluate ../shared/data/duc2004 -m mmr -m lead --against ICSISumm",
)
def evaluate_command(
    data: Annotated[Path, typer.Argument(help="The dataset folder.")],
    methods: Annotated[
        list[str] | None, typer.Option("--method", "-m", help="A method to evaluate (repeatable; default mmr).")
    ] = None,
    words: Annotated[
        int | None, typer.Option("--words", "-w", help="Summary length (default: the dataset's, 100 for DUC).")
    ] = None,
    peers_only: Annotated[bool, typer.Option("--peers-only", help="Score the published peers only.")] = False,
    no_peers: Annotated[bool, typer.Option("--no-peers", help="Leave the published peers out.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the averages as JSON for scripts.")] = False,
    out: Annotated[
        Path | None, typer.Option("--out", help="Folder for scores.csv, report.md, r2.png (default results/<name>).")
    ] = None,
    against: Annotated[
        str | None, typer.Option("--against", help="Add p-values (paired permutation test) against this system.")
    ] = None,
    backend: Annotated[str, typer.Option("--backend", help="python, or perl (the official script).")] = "python",
    resamples: Annotated[int, typer.Option("--resamples", help="Bootstrap resamples for the intervals (-r).")] = 1000,
    gate: Annotated[
        Path | None, typer.Option("--gate", help="Fail (exit 1) if R-2 recall drops below this baselines file.")
    ] = None,
    write_baseline: Annotated[
        Path | None, typer.Option("--write-baseline", help="Record our methods' R-2 recall in this baselines file.")
    ] = None,
    truncate: Annotated[
        bool, typer.Option("--truncate/--no-truncate", help="Fill the budget exactly, cutting the last sentence.")
    ] = True,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="Show a progress bar.")] = True,
) -> None:
    try:
        from evaluation.dataset import DatasetError, load_dataset
        from evaluation.gate import check_gate, load_baselines
        from evaluation.harness import RougeSetting, evaluate_dataset
        from evaluation.report import format_table, json_dumps, table_rows, write_report
    except ImportError as error:
        raise fail(f"summarize evaluate needs the eval extra ({error.name}): pip install 'summarize[eval]'") from None
    if backend not in ("python", "perl"):
        raise fail(f"unknown backend {backend!r}; choose python or perl", 2)
    if peers_only and no_peers:
        raise fail("--peers-only and --no-peers leave nothing to score", 2)
    try:
        dataset = load_dataset(data)
    except (DatasetError, OSError) as error:
        raise fail(str(error)) from None
    chosen = [] if peers_only else (methods or ["mmr"])
    from summarize import available_methods

    unknown = [m for m in chosen if m not in available_methods()]
    if unknown:
        raise fail(f"unknown method {unknown[0]!r}; choose from: {', '.join(available_methods())}", 2)
    scores = evaluate_dataset(
        dataset, chosen, words=words, peers=not no_peers, truncate=truncate, backend=backend,
        resamples=resamples, progress=progress and not as_json, on_error=warn,
    )  # fmt: skip
    if not scores:
        raise fail(f"nothing to score in {data}: no method given and no published peers")
    setting = RougeSetting(word_limit=words or dataset.words, resamples=resamples)
    paths = write_report(out or Path("results") / dataset.name, dataset.name, scores, setting, against)
    if as_json:
        typer.echo(json_dumps(scores, setting.metrics))
    else:
        typer.echo(f"{dataset.name}: {len(dataset.clusters)} clusters, ROUGE-1.5.5 {setting.flags()}")
        typer.echo(format_table(*table_rows(scores, setting.metrics, against)))
        typer.echo(f"wrote {paths['csv']}, {paths['markdown']} and {paths['chart']}")
    if write_baseline:
        record = load_baselines(write_baseline) if write_baseline.exists() else {}
        for s in scores:
            if s.ours:
                record.setdefault(dataset.name, {})[s.system] = {"ROUGE-2": round(s.recall("ROUGE-2"), 5)}
        write_baseline.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    if gate:
        passes, failures = check_gate(dataset.name, scores, load_baselines(gate))
        for line in passes:
            typer.echo(f"gate ok: {line}", err=True)
        if failures:
            for line in failures:
                typer.echo(f"summarize: error: quality gate failed: {line}", err=True)
            raise typer.Exit(1)
