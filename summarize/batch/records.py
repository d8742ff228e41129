"""The output records, one per cluster: ``{"id", "summary"}`` (plus ``"warnings"``) or ``{"id", "error"}``, and
``summarize_job``, which turns one cluster into its record in a worker."""

from __future__ import annotations

from typing import Any

from summarize.batch.inputs import ClusterJob, message_of
from summarize.errors import SummarizeError
from summarize.types import Budget


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
        return error_record(job, message_of(error))
    except Exception as error:  # one bad cluster must not stop the batch
        return error_record(job, f"internal error: {type(error).__name__}: {error}")
    return {"id": job.id, "summary": summary.to_dict()}


def error_record(job: ClusterJob, message: str) -> dict[str, Any]:
    """The record of a cluster that could not be summarised (with its line when it has no id)."""
    if job.id is None:
        return {"id": None, "line": job.line, "error": message}
    return {"id": job.id, "error": message}


def failure_message(error: BaseException) -> str:
    """The error-record message for a cluster whose worker failed (rather than the summariser)."""
    if type(error).__name__ in ("BrokenProcessPool", "KilledWorker"):
        return "the worker process died while summarising this cluster (out of memory?)"
    return f"internal error: {type(error).__name__}: {error}"
