"""Summarise many clusters: read them from JSONL or a directory of cluster folders, run them in parallel, and
stream one JSON record per cluster, in input order, to an append-only JSONL output that a rerun resumes.

Input:

* a JSONL file, one cluster a line: ``{"id": "d30001t", "documents": [...]}``, where each document is a string
  or an object ``{"text": ..., "id": ..., "title": ..., "url": ..., "published": ..., "format": "text"|"html"}``
  (only ``text`` is required; other keys are ignored; read as ``summarize.clusters`` reads a ``.jsonl`` cluster
  file); the id is a string or an integer (written back as a string); an optional ``"query"`` focuses that
  cluster's summary on a topic, in place of the summarizer's own query; blank lines are skipped;
* a ``.json`` file holding a list of clusters (read whole, as ``summarize.clusters.read_clusters`` reads it);
* or a directory whose sub-folders are the clusters (the folder name is the id; its files are read as
  ``summarize FOLDER`` would read them). Hidden folders and files directly in the directory are ignored.

Output: ``{"id": ..., "summary": <Summary.to_dict()>}`` per cluster (plus ``"warnings"`` when files were
skipped or a document's bad ``published`` date was dropped), or ``{"id": ..., "error": "..."}`` for a cluster
that could not be summarised; a line that is not a valid cluster (not UTF-8, not JSON, JSON nested deeper than
``summarize.safe_json.MAX_DEPTH``, no id) has ``"id": null`` and its ``"line"`` number. Records are written in
input order as soon as a cluster and all before it are done, each flushed, so an interrupted run leaves a
prefix of the final output.
A rerun skips every cluster whose id (or, for a malformed line, whose line number) already has a record, and
first removes a truncated last line left by an interrupted run.

Engines: ``process`` (a ``concurrent.futures`` process pool of ``jobs`` workers; 1 runs in this process) and
``dask`` (``dask.distributed``'s executor: a local cluster of ``jobs`` workers, or the scheduler at
``scheduler``; imported only when asked). Documents are read in this process for both, so remote workers need
no shared file system, only ``summarize`` installed.

One module per job: ``inputs`` (reading clusters), ``resume`` (what is already done, the append-only output),
``engines`` (the executors), ``records`` (one cluster to its record), ``stream`` (input order, bounded window,
dead workers), ``signals`` (Ctrl-C between records).
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from summarize.batch.engines import ENGINES, open_engine
from summarize.batch.inputs import ClusterJob, count_clusters, parse_cluster_line, read_cluster_jobs
from summarize.batch.records import summarize_job
from summarize.batch.resume import done_keys, open_output
from summarize.batch.stream import BatchReport, stream_records
from summarize.errors import InputError, UsageError
from summarize.output import check_output
from summarize.types import Budget

if TYPE_CHECKING:
    from summarize.api import Summarizer


def run_batch(
    source: str | os.PathLike[str],
    output: str | os.PathLike[str] | None,
    summarizer: Summarizer,
    budget: Budget,
    *,
    jobs: int = 1,
    engine: str = "process",
    scheduler: str | None = None,
    progress: bool | None = None,
    stream: IO[str] | None = None,
    on_record: Callable[[dict[str, Any]], None] | None = None,
) -> BatchReport:
    """Summarise every cluster of ``source`` into ``output`` (appending, resumable) or ``stream``; see the module doc.

    ``progress``: a progress bar on stderr (None: only when stderr is a terminal).
    """
    if jobs < 1:
        raise UsageError(f"--jobs must be at least 1, got {jobs}")
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}; choose from: {', '.join(ENGINES)}")
    if scheduler and engine != "dask":
        raise UsageError("--scheduler goes with --engine dask")
    summarizer.validate()  # before reading anything
    params = summarizer.get_params()
    source_path = Path(source)
    if not source_path.exists():
        raise InputError(f"no such file or directory: {source_path}")
    report = BatchReport()
    done: set[str] = set()
    output_path = Path(output) if output is not None else None
    if output_path is not None:
        check_output(output_path, [source_path])
        done, report.repaired = done_keys(output_path)
    clusters = read_cluster_jobs(source_path)
    first = next(clusters, None)  # raises now for an unusable input, before any output is created
    if first is None:
        raise InputError(f"{source_path} holds no clusters")
    with open_output(output_path, stream) as out, open_engine(engine, jobs, scheduler) as runner:
        bar = _progress_bar(source_path, progress)
        try:
            stream_records(
                itertools.chain((first,), clusters), runner, params, budget, jobs, done, out, report, bar, on_record
            )
        finally:
            if bar is not None:
                bar.close()
    return report


def _progress_bar(source: Path, progress: bool | None) -> Any:
    """A progress bar on stderr, or None; the clusters are counted (another pass over the input) only for a bar."""
    if progress is False or (progress is None and not sys.stderr.isatty()):
        return None
    from tqdm import tqdm

    return tqdm(
        total=count_clusters(source) or None, unit="cluster", file=sys.stderr, dynamic_ncols=True, mininterval=0.5
    )


__all__ = [
    "ENGINES",
    "BatchReport",
    "ClusterJob",
    "count_clusters",
    "done_keys",
    "parse_cluster_line",
    "read_cluster_jobs",
    "run_batch",
    "summarize_job",
]
