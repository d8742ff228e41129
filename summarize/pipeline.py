"""The pipeline behind the public API, one stage per module:

load -> clean -> split -> represent -> a method (score + select) -> order -> Summary (render on output).

``as_documents`` coerces the API's inputs (texts, paths, Documents) into Documents; ``prepare`` runs the first half
(cleaning, de-duplication, splitting, TF-IDF) into a ``Cluster``; ``check_options`` checks every parameter in one
place; ``summarize_cluster`` runs the second half (a method, reading order, supporting sources) into a ``Summary``.
"""

from __future__ import annotations

import hashlib
import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import replace
from os import PathLike
from pathlib import Path
from typing import Union

from summarize.errors import InputError, UsageError, warn_caller
from summarize.methods import get_method
from summarize.options import DEFAULT_MAX_INPUT_BYTES, Options, check_ranges
from summarize.types import Budget, Cluster, Document, Sentence, Summary, SummarySentence

DocumentLike = Union[str, "PathLike[str]", Document]
DEFAULT_WORDS = 150
_PATH_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".gz")


# -- input --------------------------------------------------------------------------------------------------
def as_documents(
    inputs: DocumentLike | Iterable[DocumentLike],
    recursive: bool = False,
    max_bytes: int | None = DEFAULT_MAX_INPUT_BYTES,
) -> list[Document]:
    """Coerce texts, paths and ``Document`` objects into Documents.

    A ``str`` is always text, never a file name: text handed to the API may come from anyone, and must not turn into
    a file read. An ``os.PathLike`` (``pathlib.Path("seeds")``) is a path: a file, a directory of articles or a
    cluster file. A string that looks like a path and names an existing one is still summarised as text, with a
    ``FutureWarning`` that says how to read the file (earlier versions read it). Raises InputError when the inputs
    hold more than ``max_bytes`` bytes in all (files as read, texts as UTF-8).
    """
    from summarize.load import input_too_large, load_documents, text_size

    if isinstance(inputs, (str, PathLike, Document)):
        inputs = [inputs]
    documents: list[Document] = []
    used = 0
    for index, item in enumerate(inputs):
        left = None if max_bytes is None else max(max_bytes - used, 0)
        if isinstance(item, Document):
            documents.append(item if item.id else replace(item, id=f"document-{index + 1}"))
            used += text_size(item.text)
        elif isinstance(item, PathLike):
            result = load_documents([Path(item)], recursive=recursive, max_bytes=left)
            for message in result.warnings:
                warn_caller(message)
            documents.extend(result.documents)
            used += result.size
        elif isinstance(item, str):
            if _looks_like_existing_path(item):
                warn_caller(
                    f"the string {item!r} names a file or directory but is summarised as text (a str is always "
                    f"text); to read it pass pathlib.Path({item!r}) or call Summarizer().summarize_paths([...])",
                    FutureWarning,
                )
            documents.append(Document(text=item, id=f"document-{index + 1}"))
            used += text_size(item)
        else:
            raise InputError(
                f"cannot summarise an object of type {type(item).__name__}: give text, a path or a Document"
            )
        if max_bytes is not None and used > max_bytes:
            raise input_too_large(max_bytes, documents[-1].id)
    return documents


def _looks_like_existing_path(text: str) -> bool:
    """Whether ``text`` is one short line shaped like a local path (a separator or a known suffix) that exists.

    Only such strings are looked up (a ``stat``, never a read), and never a network path (``//host``, ``\\\\host``).
    """
    if "\n" in text or "\r" in text or len(text) > 1024 or not text.strip() or "\x00" in text:
        return False
    if text.startswith(("//", "\\\\")) or "://" in text:
        return False
    if not ("/" in text or os.sep in text or text.lower().endswith(_PATH_SUFFIXES)):
        return False
    try:
        return Path(text).exists()
    except (OSError, ValueError):
        return False


def as_paths(paths: str | PathLike[str] | Iterable[str | PathLike[str]]) -> list[Path]:
    """Paths given explicitly (``Summarizer.summarize_paths``): every ``str`` here is a file or directory name."""
    if isinstance(paths, (str, PathLike)):
        paths = [paths]
    result = []
    for path in paths:
        if not isinstance(path, (str, PathLike)):
            raise InputError(f"a path must be a str or os.PathLike, got {type(path).__name__}")
        result.append(Path(path))
    return result


# -- languages ----------------------------------------------------------------------------------------------
def supported_languages() -> tuple[str, ...]:
    """Languages the whole pipeline handles: those of the language registry (``summarize/languages.py``)."""
    from summarize.languages import supported_languages as registered

    return registered()


def is_supported_language(language: str) -> bool:
    """``language in supported_languages()``."""
    return language in supported_languages()


# -- the first half: documents -> Cluster -------------------------------------------------------------------
def extract_sentences(documents: Sequence[Document], language: str = "english") -> list[Sentence]:
    """Clean every document and split its body paragraphs into sentences that remember their source.

    A document whose cleaned text is an exact copy of an earlier one's gives no sentences (see ``prepare``).
    """
    return extract_with_copies(documents, language)[0]


def extract_with_copies(
    documents: Sequence[Document], language: str
) -> tuple[list[Sentence], dict[int, tuple[int, ...]]]:
    """The sentences of ``extract_sentences`` and, for each document copied later, the indices of its copies.

    Copies are collapsed so that the same article syndicated N times weighs like one (TF-IDF, centroid) and no
    method can pick one sentence twice; the copies stay in the cluster as supporting sources.
    """
    from summarize.clean import clean_document
    from summarize.split import split_sentences as split

    sentences: list[Sentence] = []
    first: dict[bytes, int] = {}
    copies: dict[int, list[int]] = {}
    for doc_index, document in enumerate(documents):
        paragraphs = clean_document(document, language)
        key = hashlib.blake2b("\n".join(paragraphs).encode("utf-8", "surrogatepass")).digest()
        if paragraphs and key in first:
            copies.setdefault(first[key], []).append(doc_index)
            continue
        first.setdefault(key, doc_index)
        position = 0
        for paragraph_index, paragraph in enumerate(paragraphs):
            for text in split(paragraph, language):
                sentences.append(Sentence(text, doc_index, position, paragraph_index))
                position += 1
    return sentences, {original: tuple(indices) for original, indices in copies.items()}


def prepare(
    documents: DocumentLike | Iterable[DocumentLike],
    language: str = "english",
    recursive: bool = False,
    max_input_bytes: int | None = DEFAULT_MAX_INPUT_BYTES,
) -> Cluster:
    """Load, clean, split and vectorise a cluster once, so several methods can share the same sentences.

    Inputs as ``as_documents`` takes them (a ``str`` is text; a ``pathlib.Path`` is read). Exact copies of a
    document (the same cleaned text) add no sentences; they are listed as supporting sources.
    """
    from summarize.represent import represent

    documents = as_documents(documents, recursive=recursive, max_bytes=max_input_bytes)
    if not documents:
        raise InputError("no documents to summarise")
    sentences, copies = extract_with_copies(documents, language)
    if not sentences:
        raise InputError(
            "no sentences found in the input (is it empty, only boilerplate, or without sentence-ending punctuation?)"
        )
    cluster = represent(documents, sentences, language)
    return replace(cluster, copies=copies) if copies else cluster


# -- parameters ---------------------------------------------------------------------------------------------
def make_budget(
    words: int | None = None, sentences: int | None = None, chars: int | None = None, truncate: bool = False
) -> Budget:
    """A Budget from the keyword arguments: ``words=150`` when none is given; more than one is an error."""
    if words is None and sentences is None and chars is None:
        words = DEFAULT_WORDS
    try:
        return Budget(words=words, sentences=sentences, chars=chars, truncate=truncate)
    except (ValueError, TypeError) as error:
        raise UsageError(str(error)) from None


def check_options(method: str, options: Options) -> Options:
    """Every parameter checked (a UsageError naming the first that is off), in one place; the Options to run.

    Ranges and types come from ``Options``' field metadata (``options.check_ranges``); then the choices that
    depend on other modules: the method (``methods.METHODS``), the centrality (``relevance.CENTRALITIES``), the
    language, the learned relevance's weights and the query.
    """
    get_method(method)
    check_ranges(options)
    from summarize.relevance import CENTRALITIES

    if options.centrality not in CENTRALITIES:
        raise UsageError(f"centrality must be one of {', '.join(CENTRALITIES)}, got {options.centrality!r}")
    from summarize.redundancy import REDUNDANCY_MEASURES

    if options.redundancy not in REDUNDANCY_MEASURES:
        raise UsageError(f"redundancy must be one of {', '.join(REDUNDANCY_MEASURES)}, got {options.redundancy!r}")
    weights = _checked_relevance_weights(options)
    if not is_supported_language(options.language):
        raise UsageError(f"unsupported language {options.language!r}; choose from: {', '.join(supported_languages())}")
    _check_query(method, options)
    return replace(options, relevance_weights=weights)


def _checked_relevance_weights(options: Options) -> tuple[float, ...] | None:
    """Weights for the learned relevance as a tuple: None, or one finite number per feature."""
    weights = options.relevance_weights
    if weights is None:
        return None
    if options.centrality != "learned":
        raise UsageError(f"relevance_weights need centrality='learned', got centrality={options.centrality!r}")
    from summarize.score import RELEVANCE_FEATURES

    try:
        values = tuple(float(w) for w in weights)
    except (TypeError, ValueError):
        raise UsageError(f"relevance_weights must be numbers, got {weights!r}") from None
    if len(values) != len(RELEVANCE_FEATURES) or not all(math.isfinite(v) for v in values):
        raise UsageError(
            f"relevance_weights must be {len(RELEVANCE_FEATURES)} finite numbers ({', '.join(RELEVANCE_FEATURES)})"
        )
    return values


def _check_query(method: str, options: Options) -> None:
    """A query must be text with at least one content word, and go with a method that can use it."""
    if options.query is None:
        return
    if not isinstance(options.query, str):
        raise UsageError(f"the query must be text, got {type(options.query).__name__}")
    from summarize.methods import query_methods
    from summarize.represent import content_terms

    if not content_terms(options.query, options.language):
        raise UsageError(f"the query {options.query!r} has no content words (only stop words, numbers or nothing)")
    if not get_method(method).takes_query:
        raise UsageError(f"a query works with the methods {', '.join(query_methods())}, not {method!r}")


# -- the second half: Cluster -> Summary --------------------------------------------------------------------
def summarize_cluster(cluster: Cluster, budget: Budget, method: str, options: Options) -> Summary:
    """Run ``method`` on a prepared cluster with checked ``options``, then put the summary in reading order."""
    from summarize.order import reading_order

    if options.compress:
        from summarize.compress import compress_cluster

        cluster = compress_cluster(cluster)
    if options.query is not None and options.query_weight > 0.0 and not _shares_terms(options.query, cluster):
        warn_caller(f"no word of the query {options.query!r} occurs in the documents; it cannot focus the summary")
    selection, scores = get_method(method)(cluster, budget, options)
    if not selection.indices:
        raise InputError(_budget_too_small(cluster.texts, budget, options.min_words))
    cut = selection.indices[-1] if selection.cut_text is not None else None
    whole = [index for index in selection.indices if index != cut]
    # reading order for the whole sentences; a cut one ends the summary, where a reader expects it to stop
    ordered = reading_order(whole, cluster.sentences, cluster.documents) + ([cut] if cut is not None else [])
    supporting = supporting_documents(cluster, ordered, options.support_threshold)
    chosen = tuple(
        SummarySentence(
            text=selection.cut_text if index == cut and selection.cut_text is not None else cluster.texts[index],
            document=cluster.documents[cluster.sentences[index].doc_index].id,
            position=cluster.sentences[index].position,
            score=float(scores[index]),
            supporting_sources=supporting[index],
            doc_index=cluster.sentences[index].doc_index,
        )
        for index in ordered
    )
    return Summary(sentences=chosen, documents=cluster.documents, method=method)


def _budget_too_small(texts: Sequence[str], budget: Budget, min_words: int) -> str:
    """Why nothing fits: the shortest sentence a method may choose, in the budget's own unit."""
    from summarize.select import eligible_sentences

    eligible = eligible_sentences(texts, min_words)
    candidates = [text for text, ok in zip(texts, eligible, strict=True) if ok]
    shortest = min(len(t) if budget.chars is not None else len(t.split()) for t in candidates)
    unit = "characters" if budget.chars is not None else "words"
    which = "sentence" if len(candidates) == len(texts) else f"sentence of {min_words} or more words"
    return (
        f"the budget of {budget.limit} {budget.unit} is smaller than every {which} "
        f"(the shortest has {shortest} {unit}); raise it or use --truncate"
    )


def _shares_terms(query: str, cluster: Cluster) -> bool:
    """True if a content term of ``query`` is among the cluster's terms."""
    from summarize.represent import content_terms

    return not set(content_terms(query, cluster.language)).isdisjoint(cluster.vectors.terms)


def supporting_documents(cluster: Cluster, chosen: Sequence[int], threshold: float) -> dict[int, tuple[str, ...]]:
    """For each chosen sentence, the ids of the other documents holding a sentence at cosine >= ``threshold``.

    Exact copies of a supporting document, or of the sentence's own, count as supporting too (see ``prepare``).
    """
    import numpy as np

    matrix = cluster.vectors.matrix
    result: dict[int, tuple[str, ...]] = {index: () for index in chosen}
    if not chosen:
        return result
    similar = (matrix[list(chosen)] @ matrix.T).tocsr() if matrix.shape[1] else None
    doc_of = np.fromiter((s.doc_index for s in cluster.sentences), dtype=np.int64, count=len(cluster.sentences))
    for row, index in enumerate(chosen):
        own = cluster.sentences[index].doc_index
        docs = {own}
        if similar is not None:
            start, end = similar.indptr[row], similar.indptr[row + 1]
            columns = similar.indices[start:end][similar.data[start:end] >= threshold - 1e-9]
            docs.update(doc_of[columns].tolist())
        docs.update([copy for d in list(docs) for copy in cluster.copies.get(d, ())])
        result[index] = tuple(cluster.documents[d].id for d in sorted(docs - {own}))
    return result
