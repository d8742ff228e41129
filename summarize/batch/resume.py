"""The resume protocol: the output is append-only JSONL, one record per cluster, and a rerun skips every cluster
that already has a record (by id, or by line number for a line without a usable id), after cutting off the
truncated last line an interrupted run may have left."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from summarize.errors import UsageError
from summarize.safe_json import loads


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
            record = loads(raw)
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


@contextmanager
def open_output(output: Path | None, stream: IO[str] | None) -> Iterator[IO[str]]:
    """The output stream: ``output`` opened for appending (UTF-8, ``\\n`` line ends), or the given stream."""
    if output is None:
        yield stream if stream is not None else sys.stdout
        return
    with output.open("a", encoding="utf-8", newline="\n") as handle:
        yield handle
