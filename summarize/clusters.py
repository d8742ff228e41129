"""Clusters as JSON or JSONL files with metadata: how newsletter pipelines hand articles to the summariser.

A document record is a JSON object ``{"text", "id", "title", "url", "published", "format"}`` (only ``text`` is
required; other keys are ignored) or a bare string. A ``.json`` file holds one cluster ``{"id", "title", "query",
"documents": [...]}``, a list of document records, or a list of clusters; a ``.jsonl`` file holds one record per
line, every line a document (together one cluster) or every line a cluster. ``published`` is an ISO 8601 date
(it orders the sentences, compared as text); a date that is not one is dropped with a warning, so one bad date
costs its article its date, never the cluster its summary. ``title`` and ``url`` make the citations. A
cluster's ``query`` is the topic its summary should focus on (``summarize batch`` uses it in place of
``--query``).

JSON is parsed with a bounded nesting depth (``summarize.safe_json``): a hostile file is one InputError.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from os import PathLike
from pathlib import Path
from typing import Any, BinaryIO

from summarize.errors import InputError, os_reason, warn_caller
from summarize.safe_json import loads
from summarize.types import Document

__all__ = [
    "CLUSTER_SUFFIXES",
    "ClusterRecord",
    "cluster_from_record",
    "document_from_record",
    "parse_date",
    "read_article_file",
    "read_cluster_file",
    "read_cluster_records",
    "read_clusters",
]

CLUSTER_SUFFIXES: frozenset[str] = frozenset({".json", ".jsonl"})
_ISO_8601 = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
_FORMATS = ("text", "html")


@dataclass(frozen=True)
class ClusterRecord:
    """One cluster read from a file: its id, its title (a headline, if the file gives one), its documents, and the
    topic to focus its summary on (``query``, if the file gives one)."""

    id: str
    title: str | None
    documents: tuple[Document, ...]
    query: str | None = None
    warnings: tuple[str, ...] = ()  # problems that cost a detail, not the cluster (a date that was dropped)


def _prefix(where: str) -> str:
    return f"{where}: " if where else ""


def _optional_text(record: dict[str, Any], key: str, where: str) -> str | None:
    """``record[key]`` as a stripped string, None when absent, null or blank; anything else is an InputError."""
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{_prefix(where)}{key!r} must be a string, got {type(value).__name__} {value!r:.40}")
    return value.strip() or None


def _identifier(record: dict[str, Any], default: str, where: str) -> str:
    """The record's ``id`` (a string or an integer), else ``default``."""
    value = record.get("id")
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InputError(f"{_prefix(where)}'id' must be a string or an integer, got {type(value).__name__}")
    return str(value).strip() or default


def parse_date(value: str | None) -> date | None:
    """The calendar date of an ISO 8601 date or date-time, or of an RFC 2822 date (RSS); None when there is none
    or it cannot be read."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def _is_iso_date(value: str) -> bool:
    """Whether ``value`` is an ISO 8601 date or date-time of a real day (so that sorting the strings sorts them)."""
    return _ISO_8601.fullmatch(value) is not None and parse_date(value) is not None


def _published(record: dict[str, Any], where: str, problems: list[str] | None) -> str | None:
    """An ISO 8601 date or date-time, or None. Anything else is dropped with a warning (into ``problems``, or a
    ``SummarizeWarning`` when it is None): the article loses its date, the cluster keeps its summary."""
    value = record.get("published")
    if value is None:
        return None
    if isinstance(value, str) and (not value.strip() or _is_iso_date(value.strip())):
        return value.strip() or None
    shown = f"{value!r:.40}" if isinstance(value, str) else f"a {type(value).__name__}"
    message = (
        f"{_prefix(where)}ignored 'published' {shown}: not an ISO 8601 date or date-time such as 2024-07-28 or "
        "2024-07-28T09:30:00Z"
    )
    if problems is None:
        warn_caller(message)
    else:
        problems.append(message)
    return None


def document_from_record(
    record: object, default_id: str = "", where: str = "", problems: list[str] | None = None
) -> Document:
    """A Document from one JSON record (an object with ``text`` and metadata, or a bare string); InputError if bad.

    ``default_id`` names a document without an ``id``; ``where`` ("clusters.jsonl, line 3") starts error messages.
    A ``published`` that is not an ISO 8601 date is left out, with a warning appended to ``problems`` (a
    ``SummarizeWarning`` when ``problems`` is None).
    """
    if isinstance(record, str):
        record = {"text": record}
    if not isinstance(record, dict):
        raise InputError(
            f"{_prefix(where)}a document is an object with a 'text' or a string, got {type(record).__name__}"
        )
    text = record.get("text")
    if text is not None and not isinstance(text, str):
        raise InputError(f"{_prefix(where)}'text' must be a string, got {type(text).__name__}")
    if text is None or not text.strip():
        raise InputError(f"{_prefix(where)}the document has {'no' if text is None else 'an empty'} 'text'")
    text_format = record.get("format", "text")
    if text_format not in _FORMATS:
        raise InputError(f"{_prefix(where)}'format' must be 'text' or 'html', got {text_format!r:.40}")
    return Document(
        text=text,
        id=_identifier(record, default_id, where),
        title=_optional_text(record, "title", where),
        url=_optional_text(record, "url", where),
        published=_published(record, where, problems),
        format=text_format,
    )


def _documents(records: Iterable[tuple[object, str]], cluster_id: str, problems: list[str]) -> tuple[Document, ...]:
    """Documents from (record, where) pairs, numbered ``<cluster id>#<n>`` when they have no id; ids must be unique.
    Warnings go to ``problems``."""
    documents: list[Document] = []
    seen: dict[str, str] = {}
    for number, (record, where) in enumerate(records, start=1):
        document = document_from_record(record, f"{cluster_id}#{number}", where, problems)
        if document.id in seen:
            raise InputError(f"{where}: document id {document.id!r} already used ({seen[document.id]})")
        seen[document.id] = where
        documents.append(document)
    if not documents:
        raise InputError(f"cluster {cluster_id!r} has no documents")
    return tuple(documents)


def cluster_from_record(record: object, default_id: str = "", where: str = "") -> ClusterRecord:
    """A ClusterRecord from ``{"id", "title", "query", "documents": [...]}`` or a bare list of document records."""
    if isinstance(record, list):
        record = {"documents": record}
    if not isinstance(record, dict) or not isinstance(record.get("documents"), list):
        raise InputError(f"{_prefix(where)}a cluster is an object with a 'documents' list, or a list of documents")
    cluster_id = _identifier(record, default_id, where)
    where = where or f"cluster {cluster_id!r}"
    problems: list[str] = []
    documents = _documents(
        ((item, f"{where}, document {n}") for n, item in enumerate(record["documents"], start=1)), cluster_id, problems
    )
    return ClusterRecord(
        id=cluster_id,
        title=_optional_text(record, "title", where),
        documents=documents,
        query=_optional_text(record, "query", where),
        warnings=tuple(problems),
    )


def _is_cluster(value: object) -> bool:
    return isinstance(value, dict) and "documents" in value


def _json_lines(path: Path) -> Iterator[tuple[int, object]]:
    """(line number, parsed value) for every non-blank line of a UTF-8 JSONL file, read line by line."""
    with _open(path) as stream:
        for number, raw in enumerate(stream, start=1):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
                if line.strip():
                    yield number, loads(line)
            except UnicodeDecodeError as error:
                raise InputError(f"{path.as_posix()}, line {number}: not valid UTF-8 ({error.reason})") from None
            except json.JSONDecodeError as error:
                raise InputError(f"{path.as_posix()}, line {number}: invalid JSON: {error.msg}") from None


def _open(path: Path) -> BinaryIO:
    """The file opened for reading bytes; InputError (one line) when it cannot be."""
    try:
        return path.open("rb")
    except OSError as error:
        raise InputError(f"cannot read {path.as_posix()}: {os_reason(error)}") from None


def read_clusters(path: str | PathLike[str]) -> list[ClusterRecord]:
    """Every cluster in a ``.json`` or ``.jsonl`` file, in file order; InputError (one line) when it is malformed.

    Each of a cluster's ``warnings`` (a date that was dropped) is also issued as a ``SummarizeWarning``.
    """
    clusters = read_cluster_records(path)
    for cluster in clusters:
        for message in cluster.warnings:
            warn_caller(message)
    return clusters


def read_cluster_records(path: str | PathLike[str]) -> list[ClusterRecord]:
    """``read_clusters`` without issuing the warnings: they stay in each cluster's ``warnings``."""
    path = Path(path)
    name = path.as_posix()
    suffix = path.suffix.lower()
    if suffix not in CLUSTER_SUFFIXES:
        raise InputError(f"{name}: a cluster file ends in .json or .jsonl")
    if suffix == ".jsonl":
        lines = list(_json_lines(path))
        if not lines:
            raise InputError(f"{name}: no records in the file")
        kinds = {_is_cluster(value) for _, value in lines}
        if len(kinds) > 1:
            raise InputError(f"{name}: mixes cluster lines (with 'documents') and document lines")
        if kinds == {False}:
            records = ((value, f"{name}, line {number}") for number, value in lines)
            problems: list[str] = []
            documents = _documents(records, path.stem, problems)
            return [ClusterRecord(id=path.stem, title=None, documents=documents, warnings=tuple(problems))]
        clusters = [
            cluster_from_record(value, f"{path.stem}-{n}", f"{name}, line {number}")
            for n, (number, value) in enumerate(lines, start=1)
        ]
    else:
        with _open(path) as stream:
            data = stream.read()
        try:
            value = loads(data.decode("utf-8-sig"))
        except UnicodeDecodeError as error:
            raise InputError(f"{name}: not valid UTF-8 (byte {error.start})") from None
        except json.JSONDecodeError as error:
            raise InputError(f"{name}, line {error.lineno}: invalid JSON: {error.msg}") from None
        if isinstance(value, list) and value and all(_is_cluster(item) for item in value):
            clusters = [
                cluster_from_record(item, f"{path.stem}-{n}", f"{name}, cluster {n}")
                for n, item in enumerate(value, start=1)
            ]
        elif isinstance(value, (list, dict)):
            clusters = [cluster_from_record(value, path.stem, name)]
        else:
            raise InputError(f"{name}: expected a cluster object or a list, got {type(value).__name__}")
    seen: set[str] = set()
    for cluster in clusters:
        if cluster.id in seen:
            raise InputError(f"{name}: cluster id {cluster.id!r} is used twice")
        seen.add(cluster.id)
    return clusters


def read_cluster_file(path: str | PathLike[str], problems: list[str] | None = None) -> list[Document]:
    """The documents of the one cluster in a ``.json``/``.jsonl`` file (more than one cluster is an InputError).

    Its warnings (a date that was dropped) go to ``problems``, or are issued as ``SummarizeWarning`` when None.
    """
    clusters = read_cluster_records(path)
    if len(clusters) > 1:
        raise InputError(
            f"{Path(path).as_posix()} holds {len(clusters)} clusters; summarise one at a time, "
            "or each with `summarize batch`"
        )
    if problems is None:
        for message in clusters[0].warnings:
            warn_caller(message)
    else:
        problems.extend(clusters[0].warnings)
    return list(clusters[0].documents)


def read_article_file(path: str | PathLike[str], max_bytes: int | None = None) -> list[Document]:
    """The article records of a ``.json``/``.jsonl`` file (a list of articles, one a line, or clusters of them),
    read leniently for grouping into stories: one ``SummarizeWarning`` a problem, never the file for one record.

    A record without text is left out; a ``published`` that ``parse_date`` cannot read is dropped (the article keeps
    its place in the input order); an RFC 2822 date (RSS) becomes ISO. InputError (one line) when the file is
    missing, over ``max_bytes``, not UTF-8 or not JSON.
    """
    path = Path(path)
    name = path.as_posix()
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise InputError(
                f"input too large: {name} is over the limit of {max_bytes:,} bytes; raise --max-input-bytes"
            )
        data = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"no such file or directory: {name}") from None
    except OSError as error:
        raise InputError(f"cannot read {name}: {os_reason(error)}") from None
    except UnicodeDecodeError as error:
        raise InputError(f"{name}: not valid UTF-8 (byte {error.start})") from None
    try:
        if path.suffix.lower() == ".jsonl":
            lines = enumerate(data.split("\n"), 1)  # not splitlines: JSON strings may hold U+2028
            values = [(loads(line), f"{name}, line {n}") for n, line in lines if line.strip()]
        else:
            value = loads(data)
            values = (
                [(item, f"{name}, item {n}") for n, item in enumerate(value, 1)]
                if isinstance(value, list)
                else [(value, name)]
            )
    except json.JSONDecodeError as error:
        raise InputError(f"{name}, line {error.lineno}: invalid JSON: {error.msg}") from None
    records: list[tuple[object, str]] = []
    for value, where in values:
        if isinstance(value, dict) and isinstance(value.get("documents"), list):  # a cluster: its articles
            records.extend((item, f"{where}, document {n}") for n, item in enumerate(value["documents"], 1))
        else:
            records.append((value, where))
    documents = []
    undated = 0
    for number, (record, where) in enumerate(records, start=1):
        if isinstance(record, dict):
            text = record.get("text")
            if not isinstance(text, str) or not text.strip():
                warn_caller(f"{where}: no text; left out")
                continue
            published = record.get("published")
            if published is None or (isinstance(published, str) and not published.strip()):
                undated += 1
            else:
                day = parse_date(published) if isinstance(published, str) else None
                record = dict(record)
                if day is None:
                    warn_caller(
                        f"{where}: cannot read the date {published!r:.40}; the article keeps its place in the input"
                    )
                    record.pop("published")
                    undated += 1
                elif published[:10] != day.isoformat():
                    record["published"] = day.isoformat()
        documents.append(document_from_record(record, f"{path.stem}#{number}", where))
    if undated:
        warn_caller(f"{name}: {undated} of {len(documents)} articles have no date; they are ordered as given")
    return documents
