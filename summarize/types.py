"""Plain dataclasses passed between the pipeline stages.

load -> Document; clean + split -> Sentence; represent/score/select/order -> Summary.
Nothing here imports NumPy or scikit-learn, so the CLI starts fast.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Literal

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
class SummarySentence:
    """A chosen sentence: its source document id, position, score and the other documents that say the same."""

    text: str
    document: str
    position: int
    score: float
    supporting: tuple[str, ...] = ()
    doc_index: int = 0


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

    def to_dict(self) -> dict:
        from summarize.render import summary_to_dict

        return summary_to_dict(self)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_markdown(self) -> str:
        from summarize.render import render_markdown

        return render_markdown(self)
