"""Plain dataclasses passed between the pipeline stages.

load -> Document; clean + split -> Sentence; represent -> SentenceVectors and Cluster; a method -> Selection;
order -> Summary. Nothing here imports NumPy or SciPy (they appear in annotations only), so the CLI starts fast.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

Format = Literal["text", "html"]


@dataclass(frozen=True)
class Document:
    """One source article: raw text (or HTML) plus the metadata used for ordering and citations."""

    text: str
    id: str = ""
    title: str | None = None
    url: str | None = None
    published: str | None = None
    format: Format = "text"


@dataclass(frozen=True)
class Sentence:
    """A sentence of the cluster, traceable to its source: document index and position in it."""

    text: str
    doc_index: int
    position: int
    paragraph: int = 0


@dataclass(frozen=True)
class Budget:
    """Summary length limit: exactly one of words, sentences, chars; ``truncate`` cuts the last sentence at it."""

    words: int | None = None
    sentences: int | None = None
    chars: int | None = None
    truncate: bool = False

    def __post_init__(self) -> None:
        given = [v for v in (self.words, self.sentences, self.chars) if v is not None]
        if len(given) != 1:
            raise ValueError("give exactly one budget: words, sentences or chars")
        if given[0] <= 0:
            raise ValueError(f"the budget must be a positive number, got {given[0]}")

    @property
    def unit(self) -> str:
        return "words" if self.words is not None else "sentences" if self.sentences is not None else "chars"

    @property
    def limit(self) -> int:
        return next(v for v in (self.words, self.sentences, self.chars) if v is not None)


@dataclass(frozen=True)
class SentenceVectors:
    """TF-IDF rows (one per sentence, L2-normalised, CSR), the term list they index and the terms' fitted IDF."""

    matrix: csr_matrix
    terms: tuple[str, ...]
    idf: np.ndarray | None = field(default=None, repr=False, compare=False)  # for ``transform`` (query vectors)


@dataclass(frozen=True)
class Cluster:
    """Everything the methods read: the documents, their sentences (with sources) and the sentences' vectors.

    ``derived`` holds what is computed from the cluster once and reused while it lives (its compressed form, say):
    state that belongs to this cluster, never a module-level cache keyed by object identity. ``dataclasses.replace``
    gives a new cluster an empty one.
    """

    documents: tuple[Document, ...]
    sentences: tuple[Sentence, ...]
    vectors: SentenceVectors
    language: str = "english"
    copies: Mapping[int, tuple[int, ...]] = field(default_factory=dict)  # document -> its exact copies (no sentences)
    uncompressed: tuple[str, ...] | None = None  # the sentences as written, when ``sentences`` are compressed
    derived: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    @cached_property
    def texts(self) -> tuple[str, ...]:
        """The sentences' texts, built once (methods read them several times per summary)."""
        return tuple(s.text for s in self.sentences)

    @property
    def written_texts(self) -> tuple[str, ...]:
        """The sentences as their documents wrote them, before any compression: what needs its context shows here
        ("Instead, ..." still depends on the sentence before once "Instead," is deleted)."""
        return self.uncompressed if self.uncompressed is not None else self.texts


@dataclass(frozen=True)
class Selection:
    """Chosen sentence indices in the order they were picked; ``cut_text`` is the truncated last one, if any."""

    indices: tuple[int, ...]
    cut_text: str | None = None


@dataclass(frozen=True)
class SummarySentence:
    """A chosen sentence: its source document id, position, score and its supporting sources (the ids of the other
    documents that say the same), ``supporting_sources`` as in the JSON output."""

    text: str
    document: str
    position: int
    score: float
    supporting_sources: tuple[str, ...] = ()
    doc_index: int = 0

    @property
    def supporting(self) -> tuple[str, ...]:
        """Deprecated name of ``supporting_sources`` (read only; the constructor takes ``supporting_sources=``)."""
        warnings.warn(_SUPPORTING_RENAMED, DeprecationWarning, stacklevel=2)
        return self.supporting_sources


_SUPPORTING_RENAMED = "SummarySentence.supporting is now supporting_sources, as the JSON key; the old name will go"


@dataclass(frozen=True)
class Summary:
    """The result of summarising one cluster."""

    sentences: tuple[SummarySentence, ...]
    documents: tuple[Document, ...] = field(default=(), repr=False)
    method: str = "mmr"

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @property
    def word_count(self) -> int:
        return len(self.text.split())

    def to_dict(self) -> dict[str, Any]:
        from summarize.render import summary_to_dict

        return summary_to_dict(self)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_markdown(self) -> str:
        from summarize.render import render_markdown

        return render_markdown(self)
