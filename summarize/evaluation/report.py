"""Report evaluation results: a console table, per-cluster CSV, a Markdown report, a PNG chart and JSON."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarize.evaluation.harness import METRICS, SystemScores
from summarize.evaluation.rouge import RougeOptions
from summarize.evaluation.significance import paired_permutation_test

if TYPE_CHECKING:
    from matplotlib.figure import Figure

SHORT = {"ROUGE-1": "R-1", "ROUGE-2": "R-2", "ROUGE-3": "R-3", "ROUGE-4": "R-4", "ROUGE-L": "R-L", "ROUGE-SU4": "SU4"}


def ranked(scores: Sequence[SystemScores], metric: str = "ROUGE-2") -> list[SystemScores]:
    """Systems sorted by recall on ``metric``, best first (ties by name, for stable output)."""
    return sorted(scores, key=lambda s: (-s.recall(metric), s.system))


def p_values(scores: Sequence[SystemScores], against: str, metric: str = "ROUGE-2") -> dict[str, float]:
    """Paired permutation p-value of each system's per-cluster recall against system ``against``."""
    by_system = {s.system: s for s in scores}
    if against not in by_system:
        return {}
    reference = by_system[against].per_cluster(metric)
    clusters = sorted(reference)
    baseline = [reference[c].recall for c in clusters]
    return {
        s.system: paired_permutation_test([s.per_cluster(metric)[c].recall for c in clusters], baseline)
        for s in scores
        if s.system != against
    }


NO_INTERVAL = "one cluster: no interval"


def cluster_count(scores: Sequence[SystemScores], metric: str = "ROUGE-2") -> int:
    """How many clusters the systems were scored on (the bootstrap resamples these)."""
    return max((len(s.per_cluster(metric)) for s in scores if metric in s.results), default=0)


def _cell(scores: SystemScores, metric: str) -> str:
    """Recall x100 with its bootstrap interval; one cluster has none (every resample is that cluster): no brackets."""
    interval = scores.results[metric].average.recall
    if len(scores.per_cluster(metric)) < 2:
        return f"{100 * interval.mean:.2f}"
    return f"{100 * interval.mean:.2f} ({100 * interval.low:.2f}–{100 * interval.high:.2f})"


def table_rows(
    scores: Sequence[SystemScores], metrics: Sequence[str] = METRICS, against: str | None = None
) -> tuple[list[str], list[list[str]]]:
    """Header and rows: system, recall x100 with its 95% interval per metric, and the p-value column if asked."""
    header = ["system", *(SHORT.get(m, m) + " recall" for m in metrics)]
    pvals = p_values(scores, against) if against else {}
    if against:
        header.append(f"p vs {against} (R-2)")
    rows = []
    for s in ranked(scores):
        name = f"{s.system} (ours)" if s.ours else s.system
        row = [name, *(_cell(s, m) for m in metrics)]
        if against:
            row.append("–" if s.system == against else f"{pvals.get(s.system, float('nan')):.4f}")
        rows.append(row)
    return header, rows


def format_table(header: list[str], rows: list[list[str]]) -> str:
    """A plain, aligned console table."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    """The same table as GitHub Markdown."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def to_json(scores: Sequence[SystemScores], metrics: Sequence[str] = METRICS) -> dict[str, Any]:
    """``{system: {"rouge-1": {"recall", "precision", "f"}, ...}}`` with the bootstrap means."""
    result: dict[str, Any] = {}
    for s in ranked(scores):
        result[s.system] = {
            m.lower(): {
                "recall": round(s.results[m].average.recall.mean, 5),
                "precision": round(s.results[m].average.precision.mean, 5),
                "f": round(s.results[m].average.fmeasure.mean, 5),
            }
            for m in metrics
        }
    return result


def write_csv(path: Path, scores: Sequence[SystemScores], metrics: Sequence[str] = METRICS) -> None:
    """Per-cluster scores: one row per system, cluster and metric."""
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["system", "ours", "cluster", "metric", "recall", "precision", "f"])
        for s in ranked(scores):
            for metric in metrics:
                for cluster, score in sorted(s.per_cluster(metric).items()):
                    values = (score.recall, score.precision, score.fmeasure)
                    writer.writerow([s.system, int(s.ours), cluster, metric, *(f"{v:.5f}" for v in values)])


def chart_figure(scores: Sequence[SystemScores], title: str, metric: str = "ROUGE-2") -> Figure:
    """A horizontal bar chart of recall on ``metric``, bars from zero with 95% intervals, our systems highlighted.

    One cluster has no interval, so no error bars, and the axis label says so.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    order = ranked(scores, metric)[::-1]
    means = [100 * s.results[metric].average.recall.mean for s in order]
    lows = [m - 100 * s.results[metric].average.recall.low for m, s in zip(means, order, strict=True)]
    highs = [100 * s.results[metric].average.recall.high - m for m, s in zip(means, order, strict=True)]
    colours = ["#d95f02" if s.ours else "#7570b3" for s in order]
    with_intervals = cluster_count(scores, metric) > 1
    figure, axis = plt.subplots(figsize=(8, 0.35 * len(order) + 1.2), dpi=120)
    axis.barh(
        [s.system for s in order], means, xerr=[lows, highs] if with_intervals else None, color=colours, capsize=3
    )
    label = "95% bootstrap interval" if with_intervals else NO_INTERVAL
    axis.set_xlabel(f"{SHORT.get(metric, metric)} recall x100 ({label})")
    axis.set_title(title)
    axis.set_xlim(left=0.0)
    figure.tight_layout()
    return figure


def write_chart(path: Path, scores: Sequence[SystemScores], title: str, metric: str = "ROUGE-2") -> None:
    """:func:`chart_figure` as a PNG (needs matplotlib, the ``eval`` extra); no timestamp, so runs are identical."""
    import matplotlib.pyplot as plt

    figure = chart_figure(scores, title, metric)
    figure.savefig(path, metadata={"Software": None})
    plt.close(figure)


REPORT_FILES = {"csv": "scores.csv", "markdown": "report.md", "chart": "r2.png"}


def existing_report(out_dir: Path) -> list[Path]:
    """The report files already in ``out_dir`` (a run writes there only with ``--force``)."""
    return [out_dir / name for name in REPORT_FILES.values() if (out_dir / name).exists()]


def write_report(
    out_dir: Path,
    dataset: str,
    scores: Sequence[SystemScores],
    options: RougeOptions,
    against: str | None = None,
    notes: Sequence[str] = (),
    chart: bool = True,
) -> dict[str, Path]:
    """Write ``scores.csv``, ``report.md`` and (with ``chart``) ``r2.png`` into ``out_dir``; returns their paths.

    Files of an earlier report are replaced, a stale chart removed: callers decide whether that is wanted.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {key: out_dir / name for key, name in REPORT_FILES.items()}
    write_csv(paths["csv"], scores, options.metrics)
    if chart:
        write_chart(paths["chart"], scores, f"{dataset}: ROUGE-2 recall")
    else:
        paths.pop("chart").unlink(missing_ok=True)
    header, rows = table_rows(scores, options.metrics, against)
    clusters = cluster_count(scores)
    brackets = "95% bootstrap interval in brackets" if clusters > 1 else "one cluster, so no bootstrap interval"
    lines = [
        f"# ROUGE on {dataset}",
        "",
        f"Setting: `ROUGE-1.5.5 {options.flags()}` (recall x100, {brackets}).",
        "",
        markdown_table(header, rows),
    ]
    if chart:
        lines += ["", "![ROUGE-2 recall](r2.png)"]
    failures = {s.system: s.failures for s in scores if s.failures}
    if failures:
        lines += ["", "Clusters that failed (scored as empty summaries):", ""]
        lines += [f"- {system} {cluster}: {error}" for system, f in failures.items() for cluster, error in f.items()]
    lines += ["", *notes] if notes else []
    paths["markdown"].write_text("\n".join(lines) + "\n", encoding="utf-8")
    return paths


def json_dumps(scores: Sequence[SystemScores], metrics: Sequence[str] = METRICS) -> str:
    """``to_json`` as text."""
    return json.dumps(to_json(scores, metrics), indent=2)
