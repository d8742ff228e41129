"""JSON from untrusted input with a bounded nesting depth: a hostile value is a ``JSONDecodeError``, not a crash.

``json.loads`` recurses once per level of nesting, so ``[[[[...]]]]`` 200,000 deep raises ``RecursionError``
(or worse, on a small thread stack), and a value that just passes can still make later code recurse too deep.
RFC 8259 (section 9) lets a parser limit the depth; the limit is checked before parsing, in C-speed passes
(a count, then a scan of strings and brackets only when the count allows a deep value), so it costs nothing on
ordinary input and the outcome never depends on how deep the caller's stack already is.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["MAX_DEPTH", "check_depth", "loads"]

MAX_DEPTH = 200  # a cluster needs 3 levels (cluster, documents, document); ignored keys may hold a few more
_STRING_OR_BRACKET = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)


def check_depth(text: str, max_depth: int = MAX_DEPTH) -> None:
    """Raise ``JSONDecodeError`` (at the bracket that goes too deep) when ``text`` nests arrays and objects more
    than ``max_depth`` levels deep; brackets inside strings do not count."""
    if text.count("[") + text.count("{") <= max_depth:
        return  # not enough brackets to go too deep: no scan
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(text):
        character = text[match.start()]
        if character in "[{":
            depth += 1
            if depth > max_depth:
                raise json.JSONDecodeError(f"nested deeper than {max_depth} levels", text, match.start())
        elif character in "]}":
            depth -= 1


def loads(data: str | bytes, max_depth: int = MAX_DEPTH) -> Any:
    """``json.loads`` that refuses more than ``max_depth`` levels of nesting with a ``JSONDecodeError``.

    Bytes are decoded as ``json.loads`` decodes them (UTF-8, -16 or -32); ``UnicodeDecodeError`` if they are none.
    """
    text = data.decode(json.detect_encoding(data), "surrogatepass") if isinstance(data, bytes) else data
    check_depth(text, max_depth)
    try:
        return json.loads(text)
    except RecursionError:  # only if the interpreter's own limit is lower still (sys.setrecursionlimit)
        raise json.JSONDecodeError("nested too deeply for this interpreter", text, 0) from None
