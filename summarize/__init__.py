"""summarize: one short, non-redundant, fixed-length summary of many news articles about one event.

    >>> from pathlib import Path
    >>> from summarize import summarize
    >>> summary = summarize([Path("seeds")], words=150, query="missile production")
    >>> summary.word_count <= 150 and summary.to_json().startswith("{")
    True

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
    "relevance_features": "summarize.relevance",
    "RELEVANCE_FEATURES": "summarize.score",
    "available_methods": "summarize.api",
    "supported_languages": "summarize.api",
    "read_clusters": "summarize.clusters",
    "load_url": "summarize.load",
    "ClusterRecord": "summarize.clusters",
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
    "RELEVANCE_FEATURES",
    "Budget",
    "ClusterRecord",
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
    "load_url",
    "prepare",
    "read_clusters",
    "relevance_features",
    "split_sentences",
    "summarize",
    "supported_languages",
]

if TYPE_CHECKING:
    from summarize.api import (
        Summarizer,
        SummarizeWarning,
        available_methods,
        prepare,
        split_sentences,
        summarize,
        supported_languages,
    )
    from summarize.clusters import ClusterRecord, read_clusters
    from summarize.errors import InputError, SummarizeError, UsageError
    from summarize.load import load_url
    from summarize.relevance import relevance_features
    from summarize.score import RELEVANCE_FEATURES
    from summarize.types import Budget, Document, Sentence, Summary, SummarySentence


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'summarize' has no attribute {name!r}")
