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
skipped), or ``{"id": ..., "error": "..."}`` for a cluster that could not be summarised; a line that is not a
valid cluster has ``"id": null`` and its ``"line"`` number. Records are written in input order as soon as a
cluster and all before it are done, each flushed, so an interrupted run leaves a prefix of the final output.
A rerun skips every cluster whose id (or, for a malformed line, whose line number) already has a record, and
first removes a truncated last line left by an interrupted run.

Engines: ``process`` (a ``concurrent.futures`` process pool of ``jobs`` workers; 1 runs in this process) and
``dask`` (``dask.distributed``: a local cluster of ``jobs`` workers, or the scheduler at ``scheduler``; imported
only when asked). Documents are read in this process for both, so remote workers need no shared file system,
only ``summarize`` installed.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from summarize.clusters import cluster_from_record
from summarize.clusters import read_clusters as read_cluster_records
from summarize.errors import InputError, SummarizeError, UsageError, os_reason
from summarize.load import load_documents
from summarize.output import check_output
from summarize.types import Budget, Document

if TYPE_CHECKING:
    from summarize.api import Summarizer

ENGINES = ("process", "dask")
_WINDOW_PER_WORKER = 4  # clusters in flight per worker: enough to keep workers busy, bounded memory


@dataclass(frozen=True)
class ClusterJob:
    """One cluster to summarise: its id, where it came from, and its documents or the reason it cannot be read."""

    id: str | None
    line: int | None = None  # JSONL line number (1-based), None for a folder
    documents: tuple[Document, ...] = ()
    folder: Path | None = None  # a directory cluster, read just before it is submitted
    error: str | None = None
    query: str | None = None  # the record's own topic, in place of the summarizer's query

    @property
    def key(self) -> str:
        """The resume key: the id as JSON (so 1 and "1" differ), or the line for a line without a usable id."""
        return json.dumps(self.id) if self.id is not None else f"line {self.line}"


@dataclass
class BatchReport:
    """What a batch run did: clusters summarised, failed (error records written) and skipped as already done."""

    done: int = 0
    failed: int = 0
    skipped: int = 0
    repaired: bool = False
    failures: list[str] = field(default_factory=list)


# -- reading -------------------------------------------------------------------------------------------------
def read_clusters(source: str | os.PathLike[str]) -> Iterator[ClusterJob]:
    """The clusters of a JSONL or JSON cluster file or of a directory of cluster folders, lazily, in input order."""
    path = Path(source)
    if not path.exists():
        raise InputError(f"no such file or directory: {path}")
    if path.is_dir():
        yield from _folder_clusters(path)
    else:
        yield from _jsonl_clusters(path)


def count_clusters(source: str | os.PathLike[str]) -> int:
    """How many clusters ``read_clusters`` will yield at most (non-blank JSONL lines, or cluster folders), or 0 when
    that is unknown before parsing (a ``.json`` file): for the progress bar."""
    path = Path(source)
    if path.is_dir():
        return len(_cluster_folders(path))
    if path.suffix.lower() == ".json":
        return 0  # unknown until parsed: the progress bar counts up without a total
    with path.open("rb") as stream:
        return sum(1 for line in stream if line.strip())


def _cluster_folders(root: Path) -> list[Path]:
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as error:
        raise InputError(f"cannot read {root}: {os_reason(error)}") from None
    return [Path(e.path) for e in entries if not e.name.startswith(".") and e.is_dir()]


def _folder_clusters(root: Path) -> Iterator[ClusterJob]:
    folders = _cluster_folders(root)
    if not folders:
        raise InputError(
            f"{root} has no cluster folders (a batch directory holds one folder per cluster); "
            f"to summarise one cluster run: summarize {root}"
        )
    for folder in folders:
        yield ClusterJob(id=folder.name, folder=folder)


def _jsonl_clusters(path: Path) -> Iterator[ClusterJob]:
    """A JSONL file's clusters line by line: a line that is not UTF-8, JSON or a cluster becomes an error job, never
    a stop. A ``.json`` file is one document, parsed whole: if it is malformed, that is an InputError."""
    if path.suffix.lower() == ".json":  # one JSON document (a list of clusters), as ``summarize`` reads it
        for cluster in read_cluster_records(path):
            yield ClusterJob(id=cluster.id, documents=cluster.documents, query=cluster.query)
        return
    first_line: dict[str, int] = {}
    try:
        stream = path.open("rb")
    except OSError as error:
        raise InputError(f"cannot open {path}: {os_reason(error)}") from None
    with stream:
        for number, raw in enumerate(stream, start=1):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as error:
                yield ClusterJob(id=None, line=number, error=f"line {number}: not valid UTF-8 (byte {error.start})")
                continue
            if not line.strip():
                continue
            job = parse_cluster_line(line, number)
            if job.id is not None:
                if job.key in first_line:  # one record per id: the repeat is reported by its line
                    message = f"line {number}: duplicate id {job.id!r} (first on line {first_line[job.key]})"
                    job = ClusterJob(id=None, line=number, error=message)
                else:
                    first_line[job.key] = number
            yield job


def parse_cluster_line(line: str, number: int) -> ClusterJob:
    """One JSONL line as a ClusterJob; a problem becomes the job's ``error`` (never an exception).

    The cluster and its documents are read by ``summarize.clusters.cluster_from_record``, as ``summarize`` reads a
    ``.jsonl`` file; a batch line must also have an ``id`` (the key a rerun resumes by).
    """
    where = f"line {number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return ClusterJob(id=None, line=number, error=f"{where}: invalid JSON: {error.msg} (column {error.colno})")
    if not isinstance(record, dict):
        return ClusterJob(
            id=None,
            line=number,
            error=f'{where}: expected an object {{"id": ..., "documents": [...]}}, got {_kind(record)}',
        )
    raw_id = record.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)) or not str(raw_id).strip():
        what = "no 'id'" if raw_id is None else f"an 'id' that is {_kind(raw_id)}"
        return ClusterJob(id=None, line=number, error=f"{where}: the cluster has {what} (give a string or an integer)")
    cluster_id = str(raw_id).strip()
    try:
        cluster = cluster_from_record(record, cluster_id, where)
    except SummarizeError as error:
        return ClusterJob(id=cluster_id, line=number, error=_message(error))
    return ClusterJob(id=cluster.id, line=number, documents=cluster.documents, query=cluster.query)


def _kind(value: object) -> str:
    """A JSON type name for messages."""
    if isinstance(value, bool):
        return "a boolean"
    names = {dict: "an object", list: "a list", str: "an empty string", type(None): "null"}
    return names.get(type(value), "a number")


# -- resuming ------------------------------------------------------------------------------------------------
def done_keys(output: Path, repair: bool = True) -> tuple[set[str], bool]:
    """Resume keys of the records already in ``output``, and whether a truncated last line was removed.

    A last line without its newline is what an interrupted write leaves: it is cut off (``repair``) so the next
    record starts on a line of its own, and its cluster runs again. Any other line that is not a record means
    ``output`` is not a batch output, and we refuse to append to it.
    """
    if not output.exists() or output.stat().st_size == 0:
        return set(), False
    keys: set[str] = set()
    repaired = False
    with output.open("rb") as stream:
        data = stream.read()
    complete_end = data.rfind(b"\n") + 1
    if complete_end < len(data):
        if repair:
            with output.open("r+b") as stream:
                stream.truncate(complete_end)
        repaired = True
    for number, raw in enumerate(data[:complete_end].splitlines(), 1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError):
            record = None
        if not isinstance(record, dict) or "id" not in record:
            raise UsageError(
                f"{output} exists and line {number} is not a batch record; "
                "give a new file or the output of an earlier batch run"
            )
        if record["id"] is not None:
            keys.add(json.dumps(record["id"]))
        elif isinstance(record.get("line"), int):
            keys.add(f"line {record['line']}")
    return keys, repaired


# -- running one cluster -------------------------------------------------------------------------------------
def summarize_job(job: ClusterJob, params: dict[str, Any], budget: Budget) -> dict[str, Any]:
    """Summarise one cluster into its output record; every failure becomes an error record (runs in a worker).

    A cluster with its own ``query`` is focused on it, with the summarizer's other parameters.
    """
    if job.error is not None:
        return error_record(job, job.error)
    try:
        from summarize.api import Summarizer

        summary = Summarizer(**(params | {"query": job.query} if job.query else params)).summarize(
            list(job.documents),
            words=budget.words,
            sentences=budget.sentences,
            chars=budget.chars,
            truncate=budget.truncate,
        )
    except SummarizeError as error:
        return error_record(job, _message(error))
    except Exception as error:  # one bad cluster must not stop the batch
        return error_record(job, f"internal error: {type(error).__name__}: {error}")
    return {"id": job.id, "summary": summary.to_dict()}


def error_record(job: ClusterJob, message: str) -> dict[str, Any]:
    """The record of a cluster that could not be summarised (with its line when it has no id)."""
    if job.id is None:
        return {"id": None, "line": job.line, "error": message}
    return {"id": job.id, "error": message}


def _message(error: BaseException) -> str:
    return str(error).removeprefix("summarize: ")


def _load_folder(job: ClusterJob, max_bytes: int | None) -> tuple[ClusterJob, list[str]]:
    """Read a folder cluster's documents now (just before it is submitted), at most ``max_bytes`` (the summarizer's
    ``max_input_bytes``), or turn the failure into its error."""
    if job.folder is None or job.error is not None:
        return job, []
    try:
        result = load_documents([str(job.folder)], max_bytes=max_bytes)
    except SummarizeError as error:
        return ClusterJob(id=job.id, error=_message(error)), []
    except OSError as error:
        return ClusterJob(id=job.id, error=f"cannot read {job.folder}: {error}"), []
    return ClusterJob(id=job.id, documents=result.documents), list(result.warnings)


# -- engines -------------------------------------------------------------------------------------------------
def _ignore_interrupts() -> None:
    """Worker initializer: Ctrl-C is the parent's to handle (no traceback from every worker)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _ProcessEngine:
    """A process pool of ``jobs`` workers, or this process when ``jobs == 1``."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.pool: Any = None

    def __enter__(self) -> _ProcessEngine:
        if self.jobs > 1:
            self._start()
        return self

    def _start(self) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn: workers start clean (no inherited threads or locks), the same on every platform
        self.pool = ProcessPoolExecutor(
            max_workers=self.jobs, mp_context=multiprocessing.get_context("spawn"), initializer=_ignore_interrupts
        )

    def submit(self, job: ClusterJob, params: dict[str, Any], budget: Budget) -> Any:
        from concurrent.futures import Future

        if self.pool is None:
            future: Future[dict[str, Any]] = Future()
            future.set_result(summarize_job(job, params, budget))
            return future
        return self.pool.submit(summarize_job, job, params, budget)

    def pool_broke(self, error: BaseException) -> bool:
        """A worker died (killed, out of memory): every cluster in flight failed with it, guilty or not."""
        from concurrent.futures.process import BrokenProcessPool

        return isinstance(error, BrokenProcessPool)

    def restart(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        self._start()

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=exc[0] is None, cancel_futures=True)


class _DaskEngine:
    """``dask.distributed``: a local cluster of ``jobs`` single-threaded worker processes, or a given scheduler."""

    def __init__(self, jobs: int, scheduler: str | None) -> None:
        self.jobs = jobs
        self.scheduler = scheduler
        self.client: Any = None
        self.cluster: Any = None

    def __enter__(self) -> _DaskEngine:
        try:
            import logging

            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise UsageError(
                "--engine dask needs dask.distributed, which is not installed: pip install 'summarize[dask]'"
            ) from None
        try:
            if self.scheduler:
                self.client = Client(self.scheduler, timeout="30s")
            else:
                self.cluster = LocalCluster(
                    n_workers=self.jobs,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as error:
            where = f"the Dask scheduler at {self.scheduler}" if self.scheduler else "a local Dask cluster"
            raise InputError(f"cannot connect to {where}: {error}") from None
        return self

    def submit(self, job: ClusterJob, params: dict[str, Any], budget: Budget) -> Any:
        return self.client.submit(summarize_job, job, params, budget, pure=False)

    def pool_broke(self, error: BaseException) -> bool:
        """Never: the scheduler reschedules a dead worker's tasks and names the one that keeps killing workers."""
        return False

    def restart(self) -> None:
        pass

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()


# -- the batch -----------------------------------------------------------------------------------------------
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
    clusters = read_clusters(source_path)
    first = next(clusters, None)  # raises now for an unusable input, before any output is created
    if first is None:
        raise InputError(f"{source_path} holds no clusters")
    with _open_output(output_path, stream) as out, _engine(engine, jobs, scheduler) as runner:
        bar = _progress_bar(source_path, progress)
        try:
            _stream(
                itertools.chain((first,), clusters), runner, params, budget, jobs, done, out, bar, report, on_record
            )
        finally:
            if bar is not None:
                bar.close()
    return report


def _engine(engine: str, jobs: int, scheduler: str | None) -> Any:
    return _DaskEngine(jobs, scheduler) if engine == "dask" else _ProcessEngine(jobs)


@contextmanager
def _open_output(output: Path | None, stream: IO[str] | None) -> Iterator[IO[str]]:
    """The output stream: ``output`` opened for appending (UTF-8, ``\\n`` line ends), or the given stream."""
    if output is None:
        yield stream if stream is not None else sys.stdout
        return
    with output.open("a", encoding="utf-8", newline="\n") as handle:
        yield handle


def _progress_bar(source: Path, progress: bool | None) -> Any:
    """A progress bar on stderr, or None; the clusters are counted (another pass over the input) only for a bar."""
    if progress is False or (progress is None and not sys.stderr.isatty()):
        return None
    from tqdm import tqdm

    return tqdm(
        total=count_clusters(source) or None, unit="cluster", file=sys.stderr, dynamic_ncols=True, mininterval=0.5
    )


def _stream(
    clusters: Iterator[ClusterJob],
    runner: Any,
    params: dict[str, Any],
    budget: Budget,
    jobs: int,
    done: set[str],
    out: IO[str],
    bar: Any,
    report: BatchReport,
    on_record: Callable[[dict[str, Any]], None] | None,
) -> None:
    """Submit clusters with a bounded window and write their records strictly in input order."""

    def emit(job: ClusterJob, warnings: list[str], record: dict[str, Any]) -> None:
        if warnings and "summary" in record:
            record["warnings"] = warnings
        line = json.dumps(record, ensure_ascii=False) + "\n"
        with _interrupts_held():  # a Ctrl-C lands between records, never inside one
            out.write(line)
            out.flush()
        done.add(job.key)
        if "error" in record:
            report.failed += 1
            report.failures.append(f"{job.key}: {record['error']}")
        else:
            report.done += 1
        if bar is not None:
            bar.update(1)
        if on_record is not None:
            on_record(record)

    window = max(1, jobs * _WINDOW_PER_WORKER)
    pending: deque[tuple[ClusterJob, list[str], Any]] = deque()
    exhausted = False
    while True:
        while not exhausted and len(pending) < window:
            job = next(clusters, None)
            if job is None:
                exhausted = True
            elif job.key in done:
                report.skipped += 1
                if bar is not None:
                    bar.update(1)
            else:
                job, warnings = _load_folder(job, params["max_input_bytes"])
                pending.append((job, warnings, runner.submit(job, params, budget)))
        if not pending:
            return
        job, warnings, future = pending[0]
        try:
            record = future.result()
        except Exception as error:
            if runner.pool_broke(error):
                suspects = [(j, w) for j, w, _ in pending]
                pending.clear()
                for suspect, suspect_warnings in suspects:
                    emit(suspect, suspect_warnings, _run_alone(runner, suspect, params, budget))
                continue
            record = error_record(job, _failure(error))
        pending.popleft()
        emit(job, warnings, record)


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back while a record is written, so an interrupted run always leaves whole lines.

    Python runs signal handlers in the main thread whichever thread the signal hit (the process pool has
    threads), so the handlers are swapped for ones that only note the signal; once the record is out, the
    original handlers are back and each noted signal goes to its own (KeyboardInterrupt, termination).
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    noted: list[int] = []
    previous: dict[int, Any] = {}
    for number in (signal.SIGINT, signal.SIGTERM):
        handler = signal.getsignal(number)
        if handler is not None and handler != signal.SIG_IGN:  # None: set outside Python, leave it alone
            previous[number] = signal.signal(number, lambda signum, frame: noted.append(signum))
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for number in noted:
            if callable(previous[number]):
                previous[number](number, None)
            else:
                signal.raise_signal(number)  # SIG_DFL: what the signal would have done


def _run_alone(runner: _ProcessEngine, job: ClusterJob, params: dict[str, Any], budget: Budget) -> dict[str, Any]:
    """After a worker died, rerun a cluster that was in flight on its own, so a second death names the culprit."""
    runner.restart()
    try:
        return runner.submit(job, params, budget).result()
    except Exception as error:
        return error_record(job, _failure(error))


def _failure(error: BaseException) -> str:
    """The error-record message for a cluster whose worker failed (rather than the summariser)."""
    if type(error).__name__ in ("BrokenProcessPool", "KilledWorker"):
        return "the worker process died while summarising this cluster (out of memory?)"
    return f"internal error: {type(error).__name__}: {error}"


__all__ = [
    "BatchReport",
    "ClusterJob",
    "count_clusters",
    "done_keys",
    "parse_cluster_line",
    "read_clusters",
    "run_batch",
    "summarize_job",
]
