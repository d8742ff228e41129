r"""JSON from untrusted input: a hostile value is a ``JSONDecodeError`` or made harmless, never a crash later on.

* Depth: ``json.loads`` recurses once per level of nesting, so ``[[[[...]]]]`` 200,000 deep raises
  ``RecursionError``, and a value that just passes can still make later code recurse too deep. RFC 8259
  (section 9) lets a parser limit the depth; the limit is checked before parsing, in C-speed passes (a count,
  then a scan of strings and brackets only when the count allows a deep value), so it costs nothing on ordinary
  input and the outcome never depends on how deep the caller's stack already is.
* Long integers: Python refuses to convert more than ``sys.get_int_max_str_digits()`` digits (4,300) with a bare
  ``ValueError``; here that is a ``JSONDecodeError`` that gives the number's length.
* Lone surrogates: an escape such as ``\ud800`` without its pair parses to a string that no UTF-8 output can
  hold (RFC 8259, section 8.2); each becomes U+FFFD, as a UTF-8 decoder does with a broken sequence.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

__all__ = ["MAX_DEPTH", "check_depth", "loads"]

MAX_DEPTH = 200  # a cluster needs 3 levels (cluster, documents, document); ignored keys may hold a few more
_STRING_OR_BRACKET = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)
_SURROGATE_ESCAPE = re.compile(r"\\[uU][dD][89a-fA-F]")  # how a lone surrogate gets into parsed JSON
_SURROGATE = re.compile("[\ud800-\udfff]")


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


class _LongInteger(ValueError):
    """An integer with more digits than ``int()`` converts."""


def _integer(digits: str) -> int:
    try:
        return int(digits)
    except ValueError:
        limit = getattr(sys, "get_int_max_str_digits", lambda: 4300)()
        size = len(digits.lstrip("-"))
        raise _LongInteger(f"an integer of {size:,} digits (at most {limit:,} are read)") from None


def loads(data: str | bytes, max_depth: int = MAX_DEPTH) -> Any:
    """``json.loads`` that refuses more than ``max_depth`` levels of nesting and integers too long to convert with
    a ``JSONDecodeError``, and gives U+FFFD for lone surrogates.

    Bytes are decoded as ``json.loads`` decodes them (UTF-8, -16 or -32); ``UnicodeDecodeError`` if they are none.
    """
    text = data.decode(json.detect_encoding(data), "surrogatepass") if isinstance(data, bytes) else data
    check_depth(text, max_depth)
    try:
        value = json.loads(text, parse_int=_integer)
    except RecursionError:  # only if the interpreter's own limit is lower still (sys.setrecursionlimit)
        raise json.JSONDecodeError("nested too deeply for this interpreter", text, 0) from None
    except _LongInteger as error:
        raise json.JSONDecodeError(str(error), text, 0) from None
    if _SURROGATE_ESCAPE.search(text) or _SURROGATE.search(text):
        value = _mend(value)
    return value


def _mend(value: Any) -> Any:
    """``value`` with every lone surrogate in its strings (keys too) replaced by U+FFFD (the depth is bounded)."""
    if isinstance(value, str):
        if _SURROGATE.search(value) is None:
            return value
        return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    if isinstance(value, list):
        return [_mend(item) for item in value]
    if isinstance(value, dict):
        return {_mend(key): _mend(item) for key, item in value.items()}
    return value
