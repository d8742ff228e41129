"""The public Python API, a thin front door over ``summarize.pipeline``: ``Summarizer`` (configured once, reused
over many clusters) and ``summarize``.

In this API a ``str`` is text and an ``os.PathLike`` (``pathlib.Path``) is a path; ``Summarizer.summarize_paths``
reads file and directory names given as strings. Text handed to the API never turns into a file read.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import fields
from typing import Any

from summarize.errors import SummarizeWarning, UsageError
from summarize.methods import DEFAULT_METHOD, method_help
from summarize.options import DEFAULT_MAX_INPUT_BYTES, Options
from summarize.pipeline import (
    DEFAULT_WORDS,
    DocumentLike,
    as_documents,
    as_paths,
    check_options,
    extract_sentences,
    make_budget,
    prepare,
    summarize_cluster,
    supported_languages,
)
from summarize.types import Budget, Cluster, Summary

PARAMETER_NAMES = ("method", *(f.name for f in fields(Options)))
"""``Summarizer``'s parameters: the method, then every ``Options`` field (tests/test_options.py pins the match)."""


def split_sentences(text: str, language: str = "english") -> list[str]:
    """Split ``text`` into sentences, offline, by the rules of ``summarize/split.py`` for ``language``."""
    from summarize.split import split_sentences as split

    return split(text, language)


class Summarizer:
    """A configured summariser, reusable over many clusters (scikit-learn style: parameters in the constructor).

    Every parameter but ``method`` is a field of ``summarize.options.Options``, where its default and valid range
    are declared; an out-of-range value is a UsageError naming the parameter and its range.

    Parameters
    ----------
    method: one of ``available_methods()``; ``mmr`` by default (benchmarks/RESULTS.md).
    lambda_: MMR's trade-off, relevance weight in [0, 1] (Carbonell and Goldstein 1998).
    redundancy_threshold: a sentence this similar (cosine) to a chosen one is never added (>= 0; above 1: off).
    centrality: ``mmr``'s relevance: ``combined`` (LexRank plus centroid, the default), ``centroid``, ``lexrank``,
        ``concepts`` (bigram-concept weight) or ``learned`` (a linear mix of centrality, position, length, quotation,
        topic-word and bigram-concept features with weights fitted on DUC 2002 and 2003, or ``relevance_weights``).
    redundancy: how ``mmr`` judges a sentence redundant: ``cosine`` (its largest TF-IDF cosine to a chosen sentence),
        or the larger of that and the share of its content the summary already covers, as TF-IDF weighted content
        words (``words``) or document-frequency weighted bigram concepts (``concepts``; Lin and Bilmes 2011).
    coverage_threshold: with ``words`` or ``concepts``, a sentence covered beyond this share in [0, 1] is never
        added; 1 turns it off.
    position_weight: weight in [0, 1] of the news-lead prior; 0 turns it off (not for ``learned``: position is one
        of its features).
    position_half_life: sentences after which the lead prior halves (> 0).
    standalone_penalty: multiplier in (0, 1] for sentences that cannot stand alone (1 turns it off); a readability
        guard, so it applies to ``learned`` too.
    lexrank_threshold: cosine in [0, 1] below which LexRank drops an edge.
    cost_exponent: divide the MMR gain by cost ** r (Lin and Bilmes 2010), r >= 0; 0 turns it off.
    min_words: sentences shorter than this (>= 0) are not chosen (unless no sentence is that long).
    support_threshold: cosine in [0, 1] at which another document's sentence makes it a supporting source.
    language: the documents' language (stemmer, stop words, splitter); one of ``supported_languages()``.
    random_state: seed (>= 0) of the ``random`` method.
    query: focus the summary on this question or topic (``ilp``, ``mmr``, ``centroid``, ``lexrank``; DUC 2005-2007).
    query_weight: weight in [0, 1] of similarity to the query against centrality (Otterbacher et al. 2005).
    min_df: a bigram is a concept of ``ilp`` (and ``centrality="concepts"``) if this many documents hold it (>= 1).
    concept_position_weight: weight in [0, 1] of the lead prior on ``ilp``'s concepts (a document's vote for a concept
        counts ``1 - w + w * 0.5 ** (k / position_half_life)``, k the first sentence holding it); 0 turns it off.
    compress: delete leading connectives, trailing attributions and short parentheticals first (``compress.py``).
    relevance_weights: the ``learned`` relevance's weights, one per feature (``summarize.score.RELEVANCE_FEATURES``);
        None: the shipped ones.
    max_input_bytes: the most input one call reads (files as read, texts as UTF-8); more is an InputError. None: no
        limit.

    Examples
    --------
    >>> from pathlib import Path
    >>> summarizer = Summarizer("mmr", lambda_=0.7, query="missile production")
    >>> summary = summarizer.summarize([Path("seeds")], words=60)
    >>> summary.word_count <= 60 and any("missile" in s.text for s in summary.sentences)
    True
    >>> summarizer.summarize_paths(["seeds/"], words=60).text == summary.text
    True
    >>> summarizer.set_params(query=None).get_params()["query"] is None
    True
    """

    def __init__(
        self,
        method: str = DEFAULT_METHOD,
        *,
        lambda_: float = Options.lambda_,
        redundancy_threshold: float = Options.redundancy_threshold,
        centrality: str = Options.centrality,
        redundancy: str = Options.redundancy,
        coverage_threshold: float = Options.coverage_threshold,
        position_weight: float = Options.position_weight,
        position_half_life: float = Options.position_half_life,
        standalone_penalty: float = Options.standalone_penalty,
        lexrank_threshold: float = Options.lexrank_threshold,
        cost_exponent: float = Options.cost_exponent,
        min_words: int = Options.min_words,
        support_threshold: float = Options.support_threshold,
        language: str = Options.language,
        random_state: int = Options.random_state,
        query: str | None = Options.query,
        query_weight: float = Options.query_weight,
        min_df: int = Options.min_df,
        concept_position_weight: float = Options.concept_position_weight,
        compress: bool = Options.compress,
        relevance_weights: tuple[float, ...] | None = Options.relevance_weights,
        max_input_bytes: int | None = Options.max_input_bytes,
    ) -> None:
        given = locals()
        for name in PARAMETER_NAMES:
            setattr(self, name, given[name])

    # scikit-learn style attributes, declared for type checkers (set in __init__ from PARAMETER_NAMES)
    method: str
    lambda_: float
    redundancy_threshold: float
    centrality: str
    redundancy: str
    coverage_threshold: float
    position_weight: float
    position_half_life: float
    standalone_penalty: float
    lexrank_threshold: float
    cost_exponent: float
    min_words: int
    support_threshold: float
    language: str
    random_state: int
    query: str | None
    query_weight: float
    min_df: int
    concept_position_weight: float
    compress: bool
    relevance_weights: tuple[float, ...] | None
    max_input_bytes: int | None

    def get_params(self) -> dict[str, Any]:
        """The constructor parameters, as scikit-learn's ``get_params``."""
        return {name: getattr(self, name) for name in PARAMETER_NAMES}

    def set_params(self, **params: Any) -> Summarizer:
        """Change parameters in place and return self, as scikit-learn's ``set_params``."""
        for name, value in params.items():
            if name not in PARAMETER_NAMES:
                raise UsageError(f"unknown parameter {name!r}")
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        return f"Summarizer({', '.join(f'{k}={v!r}' for k, v in self.get_params().items())})"

    def validate(self) -> Options:
        """Check every parameter (UsageError if one is off) and return them as Options; cheap, so call it early."""
        return check_options(self.method, Options(**{f.name: getattr(self, f.name) for f in fields(Options)}))

    def summarize(
        self,
        documents: DocumentLike | Iterable[DocumentLike] | Cluster,
        *,
        words: int | None = None,
        sentences: int | None = None,
        chars: int | None = None,
        truncate: bool = False,
    ) -> Summary:
        """Summarise one cluster within the budget (``words=150`` if no budget is given).

        ``documents``: texts (a ``str`` is always text), ``Document`` objects, ``os.PathLike`` paths (files,
        directories, cluster files), or a prepared ``Cluster``.
        """
        options = self.validate()
        budget = make_budget(words, sentences, chars, truncate)
        cluster = (
            documents
            if isinstance(documents, Cluster)
            else prepare(documents, options.language, max_input_bytes=options.max_input_bytes)
        )
        return summarize_cluster(cluster, budget, self.method, options)

    def summarize_paths(
        self,
        paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
        *,
        recursive: bool = False,
        words: int | None = None,
        sentences: int | None = None,
        chars: int | None = None,
        truncate: bool = False,
    ) -> Summary:
        """Summarise the files and directories named by ``paths`` (strings here are names, read as the CLI does)."""
        options = self.validate()
        budget = make_budget(words, sentences, chars, truncate)
        cluster = prepare(
            as_paths(paths), options.language, recursive=recursive, max_input_bytes=options.max_input_bytes
        )
        return summarize_cluster(cluster, budget, self.method, options)

    def summarize_cluster(self, cluster: Cluster, budget: Budget, options: Options | None = None) -> Summary:
        """Run the configured method on a prepared cluster (see ``prepare``)."""
        return summarize_cluster(cluster, budget, self.method, options or self.validate())


def summarize(
    documents: DocumentLike | Iterable[DocumentLike],
    words: int | None = None,
    *,
    sentences: int | None = None,
    chars: int | None = None,
    truncate: bool = False,
    method: str = DEFAULT_METHOD,
    query: str | None = None,
    language: str = "english",
    **params: Any,
) -> Summary:
    """Summarise texts, Documents or paths into at most ``words`` words (or ``sentences``/``chars``; ``words=150``
    when no budget is given, and more than one budget is a UsageError).

    A ``str`` is text; pass paths as ``pathlib.Path`` (or use ``Summarizer().summarize_paths``). ``query`` focuses
    the summary on a question or topic; ``params`` are the other ``Summarizer`` parameters.

    >>> from pathlib import Path
    >>> from summarize import Document, summarize
    >>> summary = summarize([Path("seeds")], words=150)
    >>> 0 < summary.word_count <= 150
    True
    >>> article = Document("Tokyo hosted the talks on Sunday. Both sides agreed to build more missiles together.",
    ...                    id="a1", title="Talks in Tokyo", url="https://example.com/a1", published="2024-07-28")
    >>> summarize([article], sentences=1).text
    'Tokyo hosted the talks on Sunday.'
    >>> summarize([article], sentences=1, query="missile production").text
    'Both sides agreed to build more missiles together.'
    """
    return Summarizer(method, query=query, language=language, **params).summarize(
        documents, words=words, sentences=sentences, chars=chars, truncate=truncate
    )


def available_methods() -> dict[str, str]:
    """Method names with a one-line description of each (``summarize.methods.METHODS``)."""
    return method_help()


__all__ = [
    "DEFAULT_MAX_INPUT_BYTES",
    "DEFAULT_WORDS",
    "SummarizeWarning",
    "Summarizer",
    "as_documents",
    "available_methods",
    "extract_sentences",
    "make_budget",
    "prepare",
    "split_sentences",
    "summarize",
    "supported_languages",
]
