"""summarize: one short, non-redundant, fixed-length summary of many news articles about one event.

    >>> from summarize import summarize
    >>> summary = summarize(["seeds/"], words=150)   # doctest: +SKIP
    >>> print(summary.text)                          # doctest: +SKIP

The public names are imported lazily (PEP 562), so ``import summarize`` and the CLI start fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "summarize": "summarize.api",
    "Summarizer": "summarize.api",
    "SummarizeWarning": "summarize.api",
    "split_sentences": "summarize.api",
    "prepare": "summarize.api",
    "available_methods": "summarize.api",
    "Document": "summarize.types",
    "Summary": "summarize.types",
    "SummarySentence": "summarize.types",
    "Sentence": "summarize.types",
    "Budget": "summarize.types",
    "SummarizeError": "summarize.errors",
    "InputError": "summarize.errors",
    "UsageError": "summarize.errors",
}

__all__ = [
    "Budget",
    "Document",
    "InputError",
    "Sentence",
    "SummarizeError",
    "SummarizeWarning",
    "Summarizer",
    "Summary",
    "SummarySentence",
    "UsageError",
    "available_methods",
    "prepare",
    "split_sentences",
    "summarize",
]

if TYPE_CHECKING:
    from summarize.api import Summarizer, SummarizeWarning, available_methods, prepare, split_sentences, summarize
    from summarize.errors import InputError, SummarizeError, UsageError
    from summarize.types import Budget, Document, Sentence, Summary, SummarySentence


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'summarize' has no attribute {name!r}")
