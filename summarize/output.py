"""Write results without ever destroying what the user gave: refuse inputs as outputs, write atomically."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from summarize.errors import UsageError


def refuse_input_as_output(output: Path, inputs: Iterable[str | os.PathLike[str]]) -> None:
    """Raise if ``output`` is one of the inputs or lies inside an input directory."""
    target = output.resolve()
    for item in inputs:
        if str(item) == "-":
            continue
        source = Path(item).resolve()
        if target == source or (source.is_dir() and source in target.parents):
            raise UsageError(f"refusing to write the output to {output}: it is (inside) an input")


def check_output(output: Path, inputs: Iterable[str | os.PathLike[str]] = ()) -> None:
    """Raise UsageError unless ``output`` can be written: not an input, not a directory, in a directory that exists.

    Called before any work as well as before writing, so a bad ``-o`` fails fast.
    """
    refuse_input_as_output(output, inputs)
    if not output.parent.exists():
        raise UsageError(f"the output directory does not exist: {output.parent}")
    if output.is_dir():
        raise UsageError(f"the output is a directory: {output}")


def write_text_atomically(output: Path, text: str, inputs: Iterable[str | os.PathLike[str]] = ()) -> None:
    """Write ``text`` to ``output`` via a temporary file and a rename, so a crash leaves no half-written file."""
    check_output(output, inputs)
    handle, temporary = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
