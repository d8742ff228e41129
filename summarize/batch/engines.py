"""Where clusters run: a ``concurrent.futures.Executor`` behind a small ``Engine`` that can replace a broken one.

``process``: this process when ``jobs == 1`` (``InlineExecutor``), else a ``ProcessPoolExecutor`` of ``jobs``
spawned workers. ``dask``: ``distributed.Client(...).get_executor()`` on a local cluster of ``jobs``
single-threaded worker processes, or on the scheduler at ``scheduler`` (imported only when asked).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import BrokenExecutor, Executor, Future
from contextlib import contextmanager
from typing import Any

from summarize.batch.inputs import ClusterJob
from summarize.batch.records import summarize_job
from summarize.batch.signals import ignore_interrupts
from summarize.errors import InputError, UsageError
from summarize.types import Budget

ENGINES = ("process", "dask")


class InlineExecutor(Executor):
    """An Executor that runs each call at once, in this process (one worker: no pool to start or feed)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as error:  # KeyboardInterrupt goes to the caller, as it would without an executor
            future.set_exception(error)
        return future


class Engine:
    """An Executor that runs ``summarize_job``, and the way to start a fresh one when a worker died (a process
    pool is broken for good then; Dask reschedules by itself and never breaks)."""

    def __init__(self, start: Callable[[], Executor]) -> None:
        self._start = start
        self.executor = start()

    def submit(self, job: ClusterJob, params: dict[str, Any], budget: Budget) -> Future[dict[str, Any]]:
        return self.executor.submit(summarize_job, job, params, budget)

    def broke(self, error: BaseException) -> bool:
        """Whether ``error`` says the executor is broken (a worker died) rather than one task failed."""
        return isinstance(error, BrokenExecutor)

    def restart(self) -> None:
        """A fresh executor in place of a broken one."""
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._start()


def _process_pool(jobs: int) -> Executor:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn: workers start clean (no inherited threads or locks), the same on every platform
    return ProcessPoolExecutor(
        max_workers=jobs, mp_context=multiprocessing.get_context("spawn"), initializer=ignore_interrupts
    )


@contextmanager
def open_engine(engine: str, jobs: int, scheduler: str | None = None) -> Iterator[Engine]:
    """The Engine for ``engine`` with ``jobs`` workers, shut down on exit (at once, if leaving on an exception)."""
    if engine == "dask":
        with _dask_executor(jobs, scheduler) as executor:
            yield Engine(lambda: executor)
        return
    runner = Engine(InlineExecutor if jobs == 1 else lambda: _process_pool(jobs))
    failed = True
    try:
        yield runner
        failed = False
    finally:
        runner.executor.shutdown(wait=not failed, cancel_futures=True)


@contextmanager
def _dask_executor(jobs: int, scheduler: str | None) -> Iterator[Executor]:
    """``Client.get_executor()`` of a local Dask cluster of ``jobs`` single-threaded workers, or of ``scheduler``."""
    try:
        import logging

        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise UsageError(
            "--engine dask needs dask.distributed, which is not installed: pip install 'summarize[dask]'"
        ) from None
    cluster: Any = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="30s")
        else:
            cluster = LocalCluster(
                n_workers=jobs,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = Client(cluster)
    except (OSError, TimeoutError) as error:
        if cluster is not None:
            cluster.close()
        where = f"the Dask scheduler at {scheduler}" if scheduler else "a local Dask cluster"
        raise InputError(f"cannot connect to {where}: {error}") from None
    try:
        yield client.get_executor(pure=False)  # pure=False: a rerun of a cluster is a new task
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
