"""Ordered streaming: clusters go to the engine through a bounded window, and their records come out strictly in
input order, each written whole and flushed as soon as it and every record before it are done."""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import IO, Any, Protocol

from summarize.batch.inputs import ClusterJob, load_folder
from summarize.batch.records import error_record, failure_message
from summarize.batch.signals import interrupts_held
from summarize.types import Budget

WINDOW_PER_WORKER = 4  # clusters in flight per worker: enough to keep workers busy, bounded memory


class Runner(Protocol):
    """What the stream needs of an engine (``summarize.batch.engines.Engine``)."""

    def submit(self, job: ClusterJob, params: dict[str, Any], budget: Budget) -> Future[dict[str, Any]]: ...

    def broke(self, error: BaseException) -> bool: ...

    def restart(self) -> None: ...


@dataclass
class BatchReport:
    """What a batch run did: clusters summarised, failed (error records written) and skipped as already done."""

    done: int = 0
    failed: int = 0
    skipped: int = 0
    repaired: bool = False
    failures: list[str] = field(default_factory=list)


def stream_records(
    clusters: Iterator[ClusterJob],
    runner: Runner,
    params: dict[str, Any],
    budget: Budget,
    jobs: int,
    done: set[str],
    out: IO[str],
    report: BatchReport,
    bar: Any = None,
    on_record: Callable[[dict[str, Any]], None] | None = None,
) -> None:
    """Submit the clusters not in ``done`` with a window of ``jobs * WINDOW_PER_WORKER`` and write their records to
    ``out`` in input order. When a worker dies, every cluster in flight is rerun alone, so only the one that kills
    its worker again becomes an error record."""

    def emit(job: ClusterJob, record: dict[str, Any]) -> None:
        if job.warnings and "summary" in record:
            record["warnings"] = list(job.warnings)
        line = json.dumps(record, ensure_ascii=False) + "\n"
        with interrupts_held():  # a Ctrl-C lands between records, never inside one
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

    window = max(1, jobs * WINDOW_PER_WORKER)
    pending: deque[tuple[ClusterJob, Future[dict[str, Any]]]] = deque()
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
                job = load_folder(job, params["max_input_bytes"])
                pending.append((job, runner.submit(job, params, budget)))
        if not pending:
            return
        job, future = pending[0]
        try:
            record = future.result()
        except Exception as error:
            if runner.broke(error):
                suspects = [suspect for suspect, _ in pending]
                pending.clear()
                for suspect in suspects:
                    emit(suspect, _run_alone(runner, suspect, params, budget))
                continue
            record = error_record(job, failure_message(error))
        pending.popleft()
        emit(job, record)


def _run_alone(runner: Runner, job: ClusterJob, params: dict[str, Any], budget: Budget) -> dict[str, Any]:
    """After a worker died, rerun a cluster that was in flight on its own, so a second death names the culprit."""
    runner.restart()
    try:
        return runner.submit(job, params, budget).result()
    except Exception as error:
        return error_record(job, failure_message(error))
