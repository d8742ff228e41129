"""``summarize evaluate``: ROUGE on a dataset, ours beside the published systems.

ROUGE runs on the base install (its resources ship with summarize). What needs an extra is checked before any
cluster is summarised, as a usage error (exit 2): ``--chart`` and ``--backend perl``; without ``--chart`` the chart
is drawn when matplotlib is there and skipped with a note when it is not. A run never replaces an earlier report
unless ``--force`` says so.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Annotated

import typer

from summarize.cli.app import app, fail, warn


def module_missing(name: str) -> bool:
    """True when ``import name`` would fail (also when a test has set ``sys.modules[name] = None``)."""
    try:
        return importlib.util.find_spec(name) is None
    except (ImportError, ValueError):
        return True


def note(message: str) -> None:
    """One informational line on stderr."""
    typer.echo(f"summarize: note: {message}", err=True)


@app.command(
    "evaluate",
    help="Summarise every cluster of DATA (docs/<cluster>/, refs/<cluster>/, peers/<cluster>/) and score it by ROUGE.",
    epilog="Examples: summarize evaluate seeds; summarize evaluate ../shared/data/duc2004 -m mmr --against ICSISumm",
)
def evaluate_command(
    data: Annotated[
        Path, typer.Argument(help="The dataset folder, or the name of a dataset bundled with summarize (seeds).")
    ],
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
        Path | None,
        typer.Option("--out", help="Folder for scores.csv, report.md, r2.png (default results/<dataset name>)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the report already in the --out folder (refused without).")
    ] = False,
    chart: Annotated[
        bool | None,
        typer.Option(
            "--chart/--no-chart",
            help="Draw r2.png (needs matplotlib: summarize[eval]); default: draw it when matplotlib is installed.",
        ),
    ] = None,
    against: Annotated[
        str | None, typer.Option("--against", help="Add p-values (paired permutation test) against this system.")
    ] = None,
    backend: Annotated[
        str, typer.Option("--backend", help="python, or perl (the official script; summarize[eval] and perl).")
    ] = "python",
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
    from summarize.evaluation.dataset import DatasetError, load_dataset
    from summarize.evaluation.gate import check_gate, load_baselines
    from summarize.evaluation.harness import duc_options, evaluate_dataset
    from summarize.evaluation.report import existing_report, format_table, json_dumps, table_rows, write_report

    # Everything that can be refused is refused here, before any cluster is summarised.
    if backend not in ("python", "perl"):
        raise fail(f"unknown backend {backend!r}; choose python or perl", 2)
    if peers_only and no_peers:
        raise fail("--peers-only and --no-peers leave nothing to score", 2)
    if backend == "perl":
        from summarize.evaluation.rouge.perl import perl_backend_problem

        problem = perl_backend_problem()
        if problem:
            raise fail(f"--backend perl: {problem}", 2)
    matplotlib_missing = module_missing("matplotlib")
    if chart and matplotlib_missing:
        raise fail("--chart needs matplotlib: pip install 'summarize[eval]' (or leave out --chart)", 2)
    draw_chart = not matplotlib_missing if chart is None else chart
    try:
        dataset = load_dataset(data)
    except (DatasetError, OSError) as error:
        raise fail(str(error)) from None
    chosen = [] if peers_only else (methods or ["mmr"])
    from summarize import available_methods

    unknown = [m for m in chosen if m not in available_methods()]
    if unknown:
        raise fail(f"unknown method {unknown[0]!r}; choose from: {', '.join(available_methods())}", 2)
    try:
        options = duc_options(words or dataset.words, resamples)
    except ValueError as error:
        raise fail(str(error), 2) from None
    out_dir = out or Path("results") / dataset.name
    if out_dir.exists() and not out_dir.is_dir():
        raise fail(f"--out {out_dir} is a file, not a folder", 2)
    earlier = existing_report(out_dir)
    if earlier and not force:
        raise fail(
            f"{out_dir} already holds a report ({', '.join(p.name for p in earlier)}); "
            "pass --force to replace it, or --out another folder",
            2,
        )
    if chart is None and matplotlib_missing:
        note("r2.png skipped: matplotlib is not installed (pip install 'summarize[eval]'; --no-chart hides this note)")

    scores = evaluate_dataset(
        dataset, chosen, words=words, peers=not no_peers, truncate=truncate,
        backend="perl" if backend == "perl" else "python",
        progress=progress and not as_json, on_error=warn, options=options,
    )  # fmt: skip
    if not scores:
        raise fail(f"nothing to score in {data}: no method given and no published peers")
    paths = write_report(out_dir, dataset.name, scores, options, against, chart=draw_chart)
    if as_json:
        typer.echo(json_dumps(scores, options.metrics))
    else:
        clusters = len(dataset.clusters)
        typer.echo(f"{dataset.name}: {clusters} cluster{'s' if clusters != 1 else ''}, ROUGE-1.5.5 {options.flags()}")
        typer.echo(format_table(*table_rows(scores, options.metrics, against)))
        if clusters == 1:
            typer.echo("one cluster: the bootstrap has nothing to resample, so there is no interval")
        typer.echo(f"wrote {', '.join(str(p) for p in paths.values())}")
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
