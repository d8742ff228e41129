"""The resume protocol: the output is append-only JSONL, one record per cluster, and a rerun skips every cluster
that already has a record (by id, or by line number for a line without a usable id), after cutting off the
truncated last line an interrupted run may have left."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Literal

from summarize.errors import UsageError
from summarize.safe_json import loads


def done_keys(output: Path, repair: bool = True) -> tuple[set[str], bool]:
    """Resume keys of the records already in ``output``, and whether a truncated last line was removed.

    A last line without its newline is what an interrupted write leaves: it is cut off (``repair``) so the next
    record starts on a line of its own, and its cluster runs again. Any other line that is not a record means
    ``output`` is not a batch output, and we refuse to append to it (and leave it as it is). The file is read line
    by line: memory does not grow with the records already written.
    """
    if not output.exists() or output.stat().st_size == 0:
        return set(), False
    keys: set[str] = set()
    complete_end = 0  # bytes up to the end of the last whole line
    truncated = False
    with output.open("rb") as stream:
        for number, raw in enumerate(stream, 1):
            if not raw.endswith(b"\n"):
                truncated = True  # only the last line can lack its newline
                break
            complete_end += len(raw)
            key = _record_key(raw)
            if key is False:
                raise UsageError(
                    f"{output} exists and line {number} is not a batch record; "
                    "give a new file or the output of an earlier batch run"
                )
            if key is not None:
                keys.add(key)
    if truncated and repair:
        with output.open("r+b") as stream:
            stream.truncate(complete_end)
    return keys, truncated


def _record_key(raw: bytes) -> str | Literal[False] | None:
    """The resume key of one output line (None for a blank line or a record without a key), False if the line is
    not a record."""
    if not raw.strip():
        return None
    try:
        record = loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return False
    if not isinstance(record, dict) or "id" not in record:
        return False
    if record["id"] is not None:
        return json.dumps(record["id"])
    if isinstance(record.get("line"), int):
        return f"line {record['line']}"
    return None


@contextmanager
def open_output(output: Path | None, stream: IO[str] | None) -> Iterator[IO[str]]:
    """The output stream: ``output`` opened for appending (UTF-8, ``\\n`` line ends), or the given stream."""
    if output is None:
        yield stream if stream is not None else sys.stdout
        return
    with output.open("a", encoding="utf-8", newline="\n") as handle:
        yield handle
