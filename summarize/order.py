"""Order the chosen sentences for reading: by document, then by position in the document.

Documents go oldest first when every one has a ``published`` date (ISO strings sort in time
order), otherwise in input order; this keeps each source's narrative intact (the
"chronological ordering" baseline of Barzilay, Elhadad and McKeown 2002).
"""

from __future__ import annotations

from collections.abc import Sequence

from summarize.types import Document, Sentence


def document_rank(documents: Sequence[Document]) -> list[int]:
    """Rank of each document in reading order: by publication date when all have one, else input order."""
    if documents and all(d.published for d in documents):
        order = sorted(range(len(documents)), key=lambda i: (documents[i].published or "", i))
    else:
        order = list(range(len(documents)))
    rank = [0] * len(documents)
    for position, index in enumerate(order):
        rank[index] = position
    return rank


def reading_order(chosen: Sequence[int], sentences: Sequence[Sentence], documents: Sequence[Document]) -> list[int]:
    """The chosen sentence indices sorted by (document reading rank, position in the document)."""
    rank = document_rank(documents)
    return sorted(chosen, key=lambda i: (rank[sentences[i].doc_index], sentences[i].position))


def latest_first(sentences: Sequence[Sentence], documents: Sequence[Document]) -> list[int]:
    """All sentences, the most recent document first and in position order: the DUC 'lead' baseline's ranking."""
    rank = document_rank(documents)
    return sorted(range(len(sentences)), key=lambda i: (-rank[sentences[i].doc_index], sentences[i].position))
