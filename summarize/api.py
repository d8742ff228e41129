"""The public Python API: ``Summarizer`` (configured once, reused over many clusters) and ``summarize``.

The pipeline, one stage per module:
load -> clean -> split -> represent -> score + select (a method) -> order -> Summary (render on output).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import fields, replace
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from summarize.errors import InputError, UsageError
from summarize.options import (
    CENTRALITIES,
    DEFAULT_MAX_INPUT_BYTES,
    DEFAULT_METHOD,
    METHOD_HELP,
    QUERY_METHODS,
    Options,
)
from summarize.types import Budget, Document, Sentence, Summary, SummarySentence

if TYPE_CHECKING:
    from summarize.represent import Cluster

DocumentLike = Union[str, "PathLike[str]", Document]
DEFAULT_WORDS = 150


class SummarizeWarning(UserWarning):
    """A skipped file or similar problem that did not stop the summary."""


def as_documents(
    inputs: DocumentLike | Iterable[DocumentLike],
    recursive: bool = False,
    max_bytes: int | None = DEFAULT_MAX_INPUT_BYTES,
) -> list[Document]:
    """Coerce texts, paths and ``Document`` objects into Documents (a ``str`` naming an existing path is a path).

    Raises InputError when they hold more than ``max_bytes`` bytes in all (files as read, texts as UTF-8).
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
        elif isinstance(item, PathLike) or _names_existing_path(item):
            result = load_documents([item], recursive=recursive, max_bytes=left)
            for message in result.warnings:
                warnings.warn(message, SummarizeWarning, stacklevel=3)
            documents.extend(result.documents)
            used += result.size
        elif isinstance(item, str):
            documents.append(Document(text=item, id=f"document-{index + 1}"))
            used += text_size(item)
        else:
            raise InputError(
                f"cannot summarise an object of type {type(item).__name__}: give text, a path or a Document"
            )
        if max_bytes is not None and used > max_bytes:
            raise input_too_large(max_bytes, documents[-1].id)
    return documents


def _names_existing_path(item: object) -> bool:
    if not isinstance(item, str) or "\n" in item or len(item) > 4096 or not item.strip():
        return False
    try:
        return Path(item).exists()
    except (OSError, ValueError):
        return False


def supported_languages() -> tuple[str, ...]:
    """Languages the whole pipeline handles: a Snowball stemmer, a stop-word list and a Punkt sentence splitter."""
    from summarize.represent import supported_languages as with_terms
    from summarize.split import supported_languages as with_splitter

    return tuple(language for language in with_terms() if language in with_splitter())


def _is_supported_language(language: str) -> bool:
    """``language in supported_languages()``, reading only that language's stop words."""
    from summarize.represent import is_supported_language
    from summarize.split import supported_languages as with_splitter

    return language in with_splitter() and is_supported_language(language)


def split_sentences(text: str, language: str = "english") -> list[str]:
    """Split ``text`` into sentences, offline, with NLTK's Punkt and the parameters the project ships."""
    from summarize.split import split_sentences as split

    return split(text, language)


def extract_sentences(documents: Sequence[Document], language: str = "english") -> list[Sentence]:
    """Clean every document and split its body paragraphs into sentences that remember their source.

    A document whose cleaned text is an exact copy of an earlier one's gives no sentences (see ``prepare``).
    """
    return _extract_with_copies(documents, language)[0]


def _extract_with_copies(
    documents: Sequence[Document], language: str
) -> tuple[list[Sentence], dict[int, tuple[int, ...]]]:
    """The sentences of ``extract_sentences`` and, for each document copied later, the indices of its copies.

    Copies are collapsed so that the same article syndicated N times weighs like one (TF-IDF, centroid) and no
    method can pick one sentence twice; the copies stay in the cluster as supporting sources.
    """
    import hashlib

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

    Exact copies of a document (the same cleaned text) add no sentences; they are listed as supporting sources.
    """
    from summarize.represent import represent

    documents = as_documents(documents, recursive=recursive, max_bytes=max_input_bytes)
    if not documents:
        raise InputError("no documents to summarise")
    sentences, copies = _extract_with_copies(documents, language)
    if not sentences:
        raise InputError(
            "no sentences found in the input (is it empty, only boilerplate, or without sentence-ending punctuation?)"
        )
    cluster = represent(documents, sentences, language)
    return replace(cluster, copies=copies) if copies else cluster


def make_budget(
    words: int | None = None, sentences: int | None = None, chars: int | None = None, truncate: bool = False
) -> Budget:
    """A Budget from the keyword arguments: ``words=150`` when none is given; more than one is an error."""
    if words is None and sentences is None and chars is None:
        words = DEFAULT_WORDS
    try:
        return Budget(words=words, sentences=sentences, chars=chars, truncate=truncate)
    except ValueError as error:
        raise UsageError(str(error)) from None


class Summarizer:
    """A configured summariser, reusable over many clusters (scikit-learn style: parameters in the constructor).

    Parameters
    ----------
    method: one of ``available_methods()``; ``mmr`` by default (chosen by cross-validation, benchmarks/RESULTS.md).
    lambda_: MMR's trade-off, relevance weight in [0, 1] (Carbonell and Goldstein 1998).
    redundancy_threshold: a sentence this similar (cosine) to a chosen one is never added.
    centrality: ``mmr``'s relevance: ``centroid`` (the default), ``lexrank``, ``combined`` (LexRank plus centroid),
        ``concepts`` (bigram-concept weight) or ``learned`` (a linear mix of centrality, position, length, quotation
        and topic-word features with weights fitted on DUC 2004, or ``relevance_weights``).
    position_weight: weight in [0, 1] of the news-lead prior; 0 turns it off (not for ``learned``: position is one
        of its features).
    position_half_life: sentences after which the lead prior halves.
    standalone_penalty: multiplier in (0, 1] for sentences that cannot stand alone (1 turns it off); a readability
        guard, so it applies to ``learned`` too.
    lexrank_threshold: cosine below which LexRank drops an edge.
    cost_exponent: divide the MMR gain by cost ** r (Lin and Bilmes 2010); 0 turns it off.
    min_words: sentences shorter than this are not chosen (unless no sentence is that long).
    support_threshold: cosine at which another document's sentence counts as saying the same thing.
    language: the documents' language (stemmer, stop words, splitter); one of ``supported_languages()``.
    random_state: seed of the ``random`` method.
    query: focus the summary on this question or topic (``ilp``, ``mmr``, ``centroid``, ``lexrank``; DUC 2005-2007).
    query_weight: weight in [0, 1] of similarity to the query against centrality (Otterbacher et al. 2005).
    min_df: a bigram is a concept of ``ilp`` (and ``centrality="concepts"``) if this many documents hold it.
    concept_position_weight: weight in [0, 1] of the lead prior on ``ilp``'s concepts (a document's vote for a concept
        counts ``1 - w + w * 0.5 ** (k / position_half_life)``, k the first sentence holding it); 0 turns it off.
    compress: delete leading connectives, trailing attributions and short parentheticals first (``compress.py``).
    relevance_weights: the ``learned`` relevance's weights, one per feature (``summarize.score.RELEVANCE_FEATURES``);
        None: the shipped ones.
    max_input_bytes: the most input one call reads (files as read, texts as UTF-8); more is an InputError. None: no
        limit.

    Examples
    --------
    >>> summarizer = Summarizer("mmr", lambda_=0.7, query="missile production")
    >>> summary = summarizer.summarize(["seeds/"], words=60)
    >>> summary.word_count <= 60 and any("missile" in s.text for s in summary.sentences)
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
        position_weight: float = Options.position_weight,
        position_half_life: float = Options.position_half_life,
        standalone_penalty: float = Options.standalone_penalty,
        lexrank_threshold: float = Options.lexrank_threshold,
        cost_exponent: float = Options.cost_exponent,
        min_words: int = Options.min_words,
        support_threshold: float = 0.5,
        language: str = "english",
        random_state: int = 0,
        query: str | None = Options.query,
        query_weight: float = Options.query_weight,
        min_df: int = Options.min_df,
        concept_position_weight: float = Options.concept_position_weight,
        compress: bool = Options.compress,
        relevance_weights: tuple[float, ...] | None = Options.relevance_weights,
        max_input_bytes: int | None = DEFAULT_MAX_INPUT_BYTES,
    ) -> None:
        self.method = method
        self.lambda_ = lambda_
        self.redundancy_threshold = redundancy_threshold
        self.centrality = centrality
        self.position_weight = position_weight
        self.position_half_life = position_half_life
        self.standalone_penalty = standalone_penalty
        self.lexrank_threshold = lexrank_threshold
        self.cost_exponent = cost_exponent
        self.min_words = min_words
        self.support_threshold = support_threshold
        self.language = language
        self.random_state = random_state
        self.query = query
        self.query_weight = query_weight
        self.min_df = min_df
        self.concept_position_weight = concept_position_weight
        self.compress = compress
        self.relevance_weights = relevance_weights
        self.max_input_bytes = max_input_bytes

    def get_params(self) -> dict[str, Any]:
        """The constructor parameters, as scikit-learn's ``get_params``."""
        names = ["method", *(f.name for f in fields(Options)), "support_threshold", "language", "max_input_bytes"]
        return {name: getattr(self, name) for name in names}

    def set_params(self, **params: Any) -> Summarizer:
        """Change parameters in place and return self, as scikit-learn's ``set_params``."""
        for name, value in params.items():
            if name not in self.get_params():
                raise UsageError(f"unknown parameter {name!r}")
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        return f"Summarizer({', '.join(f'{k}={v!r}' for k, v in self.get_params().items())})"

    def validate(self) -> Options:
        """Check every parameter (UsageError if one is off) and return them as Options; cheap, so call it early."""
        if self.method not in METHOD_HELP:
            raise UsageError(f"unknown method {self.method!r}; choose from: {', '.join(METHOD_HELP)}")
        if not 0.0 <= self.lambda_ <= 1.0:
            raise UsageError(f"lambda must be between 0 and 1, got {self.lambda_}")
        if self.centrality not in CENTRALITIES:
            raise UsageError(f"centrality must be one of {', '.join(CENTRALITIES)}, got {self.centrality!r}")
        weights = self._checked_relevance_weights()
        if self.min_df < 1:
            raise UsageError(f"min_df must be at least 1, got {self.min_df}")
        if not 0.0 < self.standalone_penalty <= 1.0:
            raise UsageError(f"standalone_penalty must be in (0, 1], got {self.standalone_penalty}")
        if not _is_supported_language(self.language):
            raise UsageError(f"unsupported language {self.language!r}; choose from: {', '.join(supported_languages())}")
        self._check_query()
        limit = self.max_input_bytes
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit <= 0):
            raise UsageError(f"max_input_bytes must be a positive number of bytes or None, got {limit!r}")
        options = Options(**{f.name: getattr(self, f.name) for f in fields(Options)})
        return replace(options, relevance_weights=weights)

    def _checked_relevance_weights(self) -> tuple[float, ...] | None:
        """Weights for the learned relevance as a tuple: None, or one finite number per feature."""
        weights = self.relevance_weights
        if weights is None:
            return None
        if self.centrality != "learned":
            raise UsageError(f"relevance_weights need centrality='learned', got centrality={self.centrality!r}")
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

    def _check_query(self) -> None:
        """A query must be text with at least one content word, and go with a method that can use it."""
        if not 0.0 <= self.query_weight <= 1.0:
            raise UsageError(f"the query weight must be between 0 and 1, got {self.query_weight}")
        if self.query is None:
            return
        if not isinstance(self.query, str):
            raise UsageError(f"the query must be text, got {type(self.query).__name__}")
        from summarize.represent import content_terms

        if not content_terms(self.query, self.language):
            raise UsageError(f"the query {self.query!r} has no content words (only stop words, numbers or nothing)")
        if self.method not in QUERY_METHODS:
            raise UsageError(f"a query works with the methods {', '.join(QUERY_METHODS)}, not {self.method!r}")

    def summarize(
        self,
        documents: DocumentLike | Iterable[DocumentLike] | Cluster,
        *,
        words: int | None = None,
        sentences: int | None = None,
        chars: int | None = None,
        truncate: bool = False,
    ) -> Summary:
        """Summarise one cluster within the budget (``words=150`` if no budget is given)."""
        from summarize.represent import Cluster

        options = self.validate()
        budget = make_budget(words, sentences, chars, truncate)
        cluster = (
            documents
            if isinstance(documents, Cluster)
            else prepare(documents, self.language, max_input_bytes=self.max_input_bytes)
        )
        return self.summarize_cluster(cluster, budget, options)

    def summarize_cluster(self, cluster: Cluster, budget: Budget, options: Options | None = None) -> Summary:
        """Run the configured method on a prepared cluster (see ``prepare``)."""
        from summarize.methods import METHODS
        from summarize.order import reading_order

        options = options or self.validate()
        if options.compress:
            from summarize.compress import compress_cluster

            cluster = compress_cluster(cluster)
        if options.query is not None and options.query_weight > 0.0 and not _shares_terms(options.query, cluster):
            warnings.warn(
                f"no word of the query {options.query!r} occurs in the documents; it cannot focus the summary",
                SummarizeWarning,
                stacklevel=3,
            )
        selection, scores = METHODS[self.method](cluster, budget, options)
        if not selection.indices:
            raise InputError(_budget_too_small(cluster.texts, budget, options.min_words))
        cut = selection.indices[-1] if selection.cut_text is not None else None
        whole = [index for index in selection.indices if index != cut]
        # reading order for the whole sentences; a cut one ends the summary, where a reader expects it to stop
        ordered = reading_order(whole, cluster.sentences, cluster.documents) + ([cut] if cut is not None else [])
        supporting = supporting_documents(cluster, ordered, self.support_threshold)
        chosen = tuple(
            SummarySentence(
                text=selection.cut_text if index == cut and selection.cut_text is not None else cluster.texts[index],
                document=cluster.documents[cluster.sentences[index].doc_index].id,
                position=cluster.sentences[index].position,
                score=float(scores[index]),
                supporting=supporting[index],
                doc_index=cluster.sentences[index].doc_index,
            )
            for index in ordered
        )
        return Summary(sentences=chosen, documents=cluster.documents, method=self.method)


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


def summarize(
    documents: DocumentLike | Iterable[DocumentLike],
    words: int | None = DEFAULT_WORDS,
    *,
    sentences: int | None = None,
    chars: int | None = None,
    truncate: bool = False,
    method: str = DEFAULT_METHOD,
    query: str | None = None,
    language: str = "english",
    **params: Any,
) -> Summary:
    """Summarise texts, paths or Documents into at most ``words`` words (or ``sentences``/``chars``).

    ``query`` focuses the summary on a question or topic; ``params`` are the other ``Summarizer`` parameters.

    >>> from summarize import Document, summarize
    >>> summary = summarize(["seeds/"], words=150)
    >>> 0 < summary.word_count <= 150
    True
    >>> article = Document("Tokyo hosted the talks on Sunday. Both sides agreed to build more missiles together.",
    ...                    id="a1", title="Talks in Tokyo", url="https://example.com/a1", published="2024-07-28")
    >>> summarize([article], sentences=1).text
    'Tokyo hosted the talks on Sunday.'
    >>> summarize([article], sentences=1, query="missile production").text
    'Both sides agreed to build more missiles together.'
    """
    if sentences is not None or chars is not None:
        words = None if words == DEFAULT_WORDS else words
    return Summarizer(method, query=query, language=language, **params).summarize(
        documents, words=words, sentences=sentences, chars=chars, truncate=truncate
    )


def available_methods() -> dict[str, str]:
    """Method names with a one-line description of each."""
    return dict(METHOD_HELP)


__all__ = [
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
