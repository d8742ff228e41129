"""Batch input: the clusters of a JSONL file (one a line), a ``.json`` list of clusters, or a directory of cluster
folders, read lazily in input order as ``ClusterJob`` values. A line that is not a usable cluster becomes a job
with an ``error`` (never an exception), so one bad line is one error record and the batch goes on."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from summarize.clusters import cluster_from_record, read_cluster_records
from summarize.errors import InputError, SummarizeError, os_reason
from summarize.load import load_documents
from summarize.safe_json import loads
from summarize.types import Document


@dataclass(frozen=True)
class ClusterJob:
    """One cluster to summarise: its id, where it came from, and its documents or the reason it cannot be read."""

    id: str | None
    line: int | None = None  # JSONL line number (1-based), None for a folder
    documents: tuple[Document, ...] = ()
    folder: Path | None = None  # a directory cluster, read just before it is submitted
    error: str | None = None
    query: str | None = None  # the record's own topic, in place of the summarizer's query
    warnings: tuple[str, ...] = ()  # what was skipped or dropped on reading (a file, a bad date)

    @property
    def key(self) -> str:
        """The resume key: the id as JSON (so 1 and "1" differ), or the line for a line without a usable id."""
        return json.dumps(self.id) if self.id is not None else f"line {self.line}"


def read_cluster_jobs(source: str | os.PathLike[str]) -> Iterator[ClusterJob]:
    """The clusters of a JSONL or JSON cluster file or of a directory of cluster folders, lazily, in input order."""
    path = Path(source)
    if not path.exists():
        raise InputError(f"no such file or directory: {path}")
    if path.is_dir():
        yield from _folder_clusters(path)
    else:
        yield from _jsonl_clusters(path)


def count_clusters(source: str | os.PathLike[str]) -> int:
    """How many clusters ``read_cluster_jobs`` will yield at most (non-blank JSONL lines, or cluster folders), or 0
    when that is unknown before parsing (a ``.json`` file): for the progress bar."""
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
            yield ClusterJob(id=cluster.id, documents=cluster.documents, query=cluster.query, warnings=cluster.warnings)
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
    ``.jsonl`` file; a batch line must also have an ``id`` (the key a rerun resumes by). JSON nested deeper than
    ``summarize.safe_json.MAX_DEPTH`` is invalid JSON here.
    """
    where = f"line {number}"
    try:
        record = loads(line)
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
        return ClusterJob(id=cluster_id, line=number, error=message_of(error))
    return ClusterJob(
        id=cluster.id, line=number, documents=cluster.documents, query=cluster.query, warnings=cluster.warnings
    )


def _kind(value: object) -> str:
    """A JSON type name for messages."""
    if isinstance(value, bool):
        return "a boolean"
    names = {dict: "an object", list: "a list", str: "an empty string", type(None): "null"}
    return names.get(type(value), "a number")


def message_of(error: BaseException) -> str:
    """An error's message as an error record gives it (without the CLI's ``summarize: `` prefix)."""
    return str(error).removeprefix("summarize: ")


def load_folder(job: ClusterJob, max_bytes: int | None) -> ClusterJob:
    """A folder cluster with its documents read now (just before it is submitted), at most ``max_bytes`` (the
    summarizer's ``max_input_bytes``), and the files skipped as its warnings; or with the failure as its error."""
    if job.folder is None or job.error is not None:
        return job
    try:
        result = load_documents([str(job.folder)], max_bytes=max_bytes)
    except SummarizeError as error:
        return ClusterJob(id=job.id, error=message_of(error))
    except OSError as error:
        return ClusterJob(id=job.id, error=f"cannot read {job.folder}: {error}")
    return ClusterJob(id=job.id, documents=result.documents, warnings=result.warnings)
