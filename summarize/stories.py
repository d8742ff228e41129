"""Group a day's articles into stories: the articles about one news event together, syndicated copies marked.

The method (issue 15, ``benchmarks/STORIES.md``):

1. each article is its title and the first ``lead_words`` words of its cleaned text (``summarize.clean``), counted
   as stemmed content terms (``summarize.represent.term_counts``); capitalised words inside sentences (names of
   people, places, organisations: what tells one event from another) are counted a second time, weighted by
   ``entity_weight``; sublinear tf times smoothed IDF, rows of unit length;
2. each article keeps its ``n_neighbors`` most similar articles (cosine, computed in blocks of rows over each
   article's ``max_terms`` heaviest terms, so no n x n matrix is ever built); an edge between two articles dated more
   than ``max_days_apart`` days apart is dropped;
3. the similarity of two articles becomes the cosine of their neighbour lists (shared-nearest-neighbour similarity,
   Jarvis and Patrick 1973): two reports of one event share neighbours, two events that only share words do not;
4. average-linkage agglomerative clustering (scikit-learn) cuts at ``threshold`` on that similarity, run exactly
   inside each connected component of the graph of pairs at or above ``threshold`` (average linkage never joins
   two components: their average similarity is below the threshold), so the work stays linear in the articles;
5. an article whose cleaned text is identical to an earlier one's, or whose cosine with it is at least
   ``copy_threshold``, is a copy of it (syndication, the same wire story twice): it joins the original's story and
   is marked ``copy_of``.

The defaults were chosen on DUC 2002 and DUC 2003 pooled (``benchmarks/stories.py``), never on DUC 2004.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import chain
from typing import TYPE_CHECKING, Any

from summarize.clusters import parse_date  # re-exported: one date reader for the project
from summarize.errors import InputError, UsageError
from summarize.types import Document

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

__all__ = ["Story", "StoryGraph", "StoryGrouper", "StoryWarning", "group_stories", "parse_date", "rank_stories"]

# A capitalised word inside a sentence: not first in the text, not after a word character, not after a sentence end
# or an opening quote or bracket and a space. The capital is matched first and the conditions looked back on from
# it, so the search skips ahead to capitals (twice as fast as testing the conditions at every character).
_CAPITALISED = re.compile(
    r"[A-Z](?<!\w[A-Z])(?<![.!?\"“‘'(]\s[A-Z])(?<![.!?]\s\s[A-Z])(?<!^[A-Z])[a-z]+(?:[-'][A-Za-z]+)?"
)
_CANDIDATES = 2  # candidates per neighbour found on the heaviest terms, then rescored on the full vectors
_CHUNK_ROWS = 2048  # rows of the similarity computed at once: memory grows with this times the neighbours


class StoryWarning(UserWarning):
    """An article the grouping had to set aside or read with a guess (no text, an unparseable date)."""


@dataclass(frozen=True)
class Story:
    """Articles about one event: an id, a title taken from its most central article, its documents (input order)
    and, for each document, the id of the document it is a copy of (None when it is not a copy)."""

    id: str
    title: str
    documents: tuple[Document, ...]
    copy_of: tuple[str | None, ...]

    @property
    def sources(self) -> int:
        """Distinct outlets: web hosts of the articles' URLs, else the articles themselves (copies count once)."""
        return len({_outlet(d) for d, c in zip(self.documents, self.copy_of, strict=True) if c is None or d.url})

    @property
    def latest(self) -> str:
        """The latest ``published`` date among the documents ('' when none has one)."""
        return max((d.published or "" for d in self.documents), default="")

    def to_dict(self) -> dict[str, Any]:
        """The cluster record ``summarize batch`` reads: ``id``, ``title`` and ``documents`` with their metadata;
        a copy names its original in ``copy_of``."""
        documents = []
        for document, original in zip(self.documents, self.copy_of, strict=True):
            record: dict[str, Any] = {"id": document.id, "text": document.text}
            for key in ("title", "url", "published"):
                if getattr(document, key) is not None:
                    record[key] = getattr(document, key)
            if document.format != "text":
                record["format"] = document.format
            if original is not None:
                record["copy_of"] = original
            documents.append(record)
        return {"id": self.id, "title": self.title, "documents": documents}


def _outlet(document: Document) -> str:
    if document.url:
        match = re.match(r"[a-z][a-z0-9+.-]*://([^/?#]+)", document.url, re.IGNORECASE)
        if match:
            return match.group(1).lower().removeprefix("www.")
    return "\0" + document.id


@dataclass(frozen=True)
class StoryGraph:
    """What ``StoryGrouper.graph`` computes once for any threshold: unit TF-IDF rows, the shared-neighbour
    similarity (sparse) and, per article, the index of the article it copies (None when it is not a copy)."""

    vectors: csr_matrix
    similarity: csr_matrix
    copy_of: tuple[int | None, ...]
    size: int


class StoryGrouper:
    """Groups articles into stories (scikit-learn style: parameters in the constructor, ``fit_predict``).

    Parameters
    ----------
    threshold: shared-nearest-neighbour similarity at which average linkage stops merging, in (0, 1].
    n_neighbors: neighbours each article keeps (the k of the k-nearest-neighbour graph).
    entity_weight: weight of the second count of capitalised words (names); 0 turns it off.
    lead_words: words of each article's cleaned text that represent it (news put the event first); None: all.
    max_terms: an article's heaviest terms used to find its neighbours (bounds the work per article).
    copy_threshold: cosine at or above which an article is a copy of an earlier one.
    max_days_apart: two articles dated further apart are never neighbours; None (the default: on DUC 2002/2003 every
        window lowered ARI, ``benchmarks/STORIES.md``) turns dates off.
    language: the articles' language (stop words, stemmer).

    Examples
    --------
    >>> from summarize import Document
    >>> from summarize.stories import StoryGrouper
    >>> articles = [Document("Floods hit Dhaka on Monday.", id="a"), Document("Floods hit Dhaka on Monday.", id="b")]
    >>> [story.copy_of for story in StoryGrouper().group(articles)]
    [(None, 'a')]
    """

    def __init__(
        self,
        *,
        threshold: float = 0.15,
        n_neighbors: int = 10,
        entity_weight: float = 1.0,
        lead_words: int | None = 400,
        max_terms: int = 30,
        copy_threshold: float = 0.9,
        max_days_apart: int | None = None,
        language: str = "english",
    ) -> None:
        self.threshold = threshold
        self.n_neighbors = n_neighbors
        self.entity_weight = entity_weight
        self.lead_words = lead_words
        self.max_terms = max_terms
        self.copy_threshold = copy_threshold
        self.max_days_apart = max_days_apart
        self.language = language

    _PARAMS = (
        "threshold", "n_neighbors", "entity_weight", "lead_words", "max_terms", "copy_threshold", "max_days_apart",
        "language",
    )  # fmt: skip

    def get_params(self) -> dict[str, Any]:
        """The constructor parameters, as scikit-learn's ``get_params``."""
        return {name: getattr(self, name) for name in self._PARAMS}

    def set_params(self, **params: Any) -> StoryGrouper:
        """Change parameters in place and return self, as scikit-learn's ``set_params``."""
        for name, value in params.items():
            if name not in self._PARAMS:
                raise UsageError(f"unknown parameter {name!r}")
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        return f"StoryGrouper({', '.join(f'{k}={v!r}' for k, v in self.get_params().items())})"

    def validate(self) -> None:
        """UsageError when a parameter is out of range."""
        if not 0.0 < self.threshold <= 1.0:
            raise UsageError(f"threshold must be in (0, 1], got {self.threshold}")
        if self.n_neighbors < 1:
            raise UsageError(f"n_neighbors must be at least 1, got {self.n_neighbors}")
        if self.entity_weight < 0:
            raise UsageError(f"entity_weight must be 0 or more, got {self.entity_weight}")
        if self.lead_words is not None and self.lead_words < 1:
            raise UsageError(f"lead_words must be at least 1 or None, got {self.lead_words}")
        if self.max_terms < 1:
            raise UsageError(f"max_terms must be at least 1, got {self.max_terms}")
        if not 0.0 < self.copy_threshold <= 1.0:
            raise UsageError(f"copy_threshold must be in (0, 1], got {self.copy_threshold}")
        if self.max_days_apart is not None and self.max_days_apart < 0:
            raise UsageError(f"max_days_apart must be 0 or more days or None, got {self.max_days_apart}")

    # -- the steps -------------------------------------------------------------------------------------------
    def lead_texts(self, documents: Sequence[Document]) -> list[str]:
        """Each article as the grouping reads it: its title and first ``lead_words`` words (HTML, Markdown cleaned)."""
        from summarize.clean import clean_document

        texts = []
        for document in documents:
            if document.format == "html" or document.id.lower().endswith(".md"):
                words = " ".join(clean_document(document, self.language)).split()
            else:  # plain text is read as written: on DUC 2002/2003, cleaning it first grouped no better
                words = document.text[: self.lead_words * 16].split() if self.lead_words else document.text.split()
            lead = " ".join(words if self.lead_words is None else words[: self.lead_words])
            texts.append(f"{document.title}. {lead}" if document.title else lead)
        return texts

    def vectors(self, texts: Sequence[str]) -> csr_matrix:
        """Unit-length TF-IDF rows: content terms, plus capitalised words counted again at ``entity_weight``."""
        import numpy as np
        from scipy.sparse import hstack

        from summarize.represent import smoothed_idf, weight

        counts, name_counts = _term_counts(texts, self.language, names=self.entity_weight > 0)
        idf = smoothed_idf(counts)
        if name_counts is not None:
            counts = hstack([counts, name_counts], format="csr")
            idf = np.concatenate([idf, self.entity_weight * smoothed_idf(name_counts)])
        return weight(counts, idf)

    def neighbours(self, vectors: csr_matrix) -> csr_matrix:
        """The ``n_neighbors`` most similar other articles of each (cosine, over each row's ``max_terms`` heaviest
        terms), as a sparse matrix of similarities; computed ``_CHUNK_ROWS`` rows at a time."""
        import numpy as np
        from scipy.sparse import csr_matrix as csr

        n = vectors.shape[0]
        k = min(self.n_neighbors, n - 1)
        if k <= 0:
            return csr((n, n))
        pruned = _keep_heaviest(vectors, self.max_terms)
        transposed = pruned.T.tocsr()
        rows_parts, cols_parts = [], []
        for start in range(0, n, _CHUNK_ROWS):
            block = (pruned[start : start + _CHUNK_ROWS] @ transposed).tocsr()
            own = np.repeat(np.arange(block.shape[0]), np.diff(block.indptr)) + start == block.indices
            block.data[own] = 0.0  # an article is not its own neighbour
            block.eliminate_zeros()
            rows_c, cols_c, _ = _top_per_row(block, _CANDIDATES * k)
            rows_parts.append(rows_c + start)
            cols_parts.append(cols_c)
        rows_c, cols_c = np.concatenate(rows_parts), np.concatenate(cols_parts).astype(np.int64)
        # the candidates rescored with the full vectors (each pair once: i's candidate j is often j's candidate i);
        # the exact cosine picks the k neighbours
        pairs, pair_of = np.unique(np.minimum(rows_c, cols_c) * n + np.maximum(rows_c, cols_c), return_inverse=True)
        exact = np.empty(pairs.size)
        for start in range(0, pairs.size, _CHUNK_ROWS * 16):
            a, b = np.divmod(pairs[start : start + _CHUNK_ROWS * 16], n)
            exact[start : start + a.size] = np.asarray(vectors[a].multiply(vectors[b]).sum(axis=1)).ravel()
        rescored = csr((exact[pair_of.ravel()], (rows_c, cols_c)), shape=(n, n))
        rows_k, cols_k, values = _top_per_row(rescored, k)
        return csr((values, (rows_k, cols_k)), shape=(n, n)).tocsr()

    def fit_predict(self, documents: Sequence[Document]) -> np.ndarray:
        """A story label (0, 1, ...) for each document, numbered in order of first appearance."""
        return self.cut(self.graph(documents))

    def graph(self, documents: Sequence[Document]) -> StoryGraph:
        """Steps 1, 2, 3 and 5: the vectors, the copies and the shared-neighbour similarity (``threshold`` unused)."""
        import numpy as np
        from scipy.sparse import csr_matrix as csr

        self.validate()
        n = len(documents)
        texts = self.lead_texts(documents)
        vectors = self.vectors(texts) if n else csr((0, 0))
        near = self.neighbours(vectors) if n > 1 else csr((n, n))
        copy_of = self._copies(documents, texts, vectors, near) if n else []
        if self.max_days_apart is not None and n > 1:
            near = _drop_far_apart(near, [parse_date(d.published) for d in documents], self.max_days_apart)
        similarity = _shared_neighbour_similarity(near) if n else csr((0, 0))
        return StoryGraph(vectors=vectors, similarity=similarity, copy_of=tuple(copy_of), size=np.int64(n).item())

    def cut(self, graph: StoryGraph) -> np.ndarray:
        """Step 4: average linkage cut at ``threshold``; copies join their originals; labels in order of appearance."""
        import numpy as np

        if graph.size == 0:
            return np.zeros(0, dtype=np.int64)
        labels = _average_linkage(graph.similarity, self.threshold)
        for index, original in enumerate(graph.copy_of):  # a copy is where its original is
            if original is not None:
                labels[index] = labels[original]
        _, first = np.unique(labels, return_index=True)
        renumber = np.empty(labels.max() + 1, dtype=np.int64)
        renumber[labels[np.sort(first)]] = np.arange(first.size)
        return renumber[labels]

    def _copies(
        self, documents: Sequence[Document], texts: Sequence[str], vectors: csr_matrix, near: csr_matrix | None
    ) -> list[int | None]:
        """For each document, the earliest document it copies: the same cleaned lead, or cosine >= copy_threshold
        with a neighbour; chains resolve to the first of them."""
        import numpy as np
        from scipy.sparse import csr_matrix as csr
        from scipy.sparse.csgraph import connected_components

        n = len(documents)
        first: dict[bytes, int] = {}
        rows, cols = [], []
        for index, text in enumerate(texts):
            key = hashlib.blake2b(" ".join(text.split()).lower().encode("utf-8", "surrogatepass")).digest()
            if key in first and text.strip():
                rows.append(index)
                cols.append(first[key])
            first.setdefault(key, index)
        if near is not None:
            pairs = near.tocoo()
            close = pairs.data >= self.copy_threshold - 1e-9
            if close.any():  # the pruned cosine is a lower bound: confirm on the full vectors
                a, b = pairs.row[close], pairs.col[close]
                exact = np.asarray(vectors[a].multiply(vectors[b]).sum(axis=1)).ravel()
                keep = exact >= self.copy_threshold - 1e-9
                rows.extend(a[keep].tolist())
                cols.extend(b[keep].tolist())
        if not rows:
            return [None] * n
        graph = csr((np.ones(len(rows)), (rows, cols)), shape=(n, n))
        _, component = connected_components(graph, directed=False)
        earliest: dict[int, int] = {}
        for index, c in enumerate(component.tolist()):
            earliest.setdefault(c, index)
        return [None if earliest[c] == index else earliest[c] for index, c in enumerate(component.tolist())]

    def group(self, documents: Iterable[Document]) -> list[Story]:
        """The stories, ranked: most distinct sources first, then the latest date, then first appearance.

        Documents without text are left out with a StoryWarning; duplicate ids are an InputError naming them.
        """
        documents = _usable(documents)
        graph = self.graph(documents)
        labels, copy_of, vectors = self.cut(graph), graph.copy_of, graph.vectors
        members: dict[int, list[int]] = {}
        for index, label in enumerate(labels.tolist()):
            members.setdefault(label, []).append(index)
        stories = []
        for indices in members.values():
            stories.append(
                Story(
                    id="",
                    title=_title(documents, indices, vectors, copy_of, self.language),
                    documents=tuple(documents[i] for i in indices),
                    copy_of=tuple(_original_id(documents, copy_of[i]) for i in indices),
                )
            )
        return [replace(story, id=f"story-{rank}") for rank, story in enumerate(rank_stories(stories), start=1)]


def _original_id(documents: Sequence[Document], original: int | None) -> str | None:
    return None if original is None else documents[original].id


def rank_stories(stories: Sequence[Story]) -> list[Story]:
    """Most distinct sources first, then the latest date (ISO dates sort as text; undated last), then input order."""
    ranked = list(stories)
    ranked.sort(key=lambda story: story.latest, reverse=True)  # stable: ties keep their order
    ranked.sort(key=lambda story: story.sources, reverse=True)
    return ranked


def _usable(documents: Iterable[Document]) -> list[Document]:
    """The documents with text, in order (a StoryWarning for each without); InputError on duplicate ids."""
    kept: list[Document] = []
    seen: dict[str, int] = {}
    duplicates: list[str] = []
    for index, document in enumerate(documents):
        if not isinstance(document, Document):
            raise InputError(f"stories are made of Documents, got {type(document).__name__}")
        if not document.id:
            document = replace(document, id=f"article-{index + 1}")
        if document.id in seen:
            if document.id not in duplicates:
                duplicates.append(document.id)
            continue
        seen[document.id] = index
        if not document.text.strip():
            warnings.warn(f"{document.id}: no text; left out of the stories", StoryWarning, stacklevel=3)
            continue
        kept.append(document)
    if duplicates:
        more = f" and {len(duplicates) - 5} more" if len(duplicates) > 5 else ""
        shown = ", ".join(repr(d) for d in duplicates[:5]) + more
        raise InputError(f"duplicate article ids: {shown}; every article needs its own id")
    return kept


def _term_counts(
    texts: Sequence[str], language: str, *, names: bool, block: int = 4096
) -> tuple[csr_matrix, csr_matrix | None]:
    """Counts of each text's content terms and, with ``names``, of the terms of its capitalised words: the counts
    and alphabetical term columns of ``summarize.represent.term_counts`` on the texts and on their names.

    One pass over the texts in blocks (only one block's tokens are held as Python strings: 100,000 articles' take
    GBs); each distinct word is stemmed once for all blocks and both matrices.
    """
    import numpy as np

    from summarize.languages import WORD

    vocabulary = _Vocabulary(language)
    text_parts: list[csr_matrix] = []
    name_parts: list[csr_matrix] = []
    for start in range(0, len(texts), block):
        chunk = texts[start : start + block]
        text_parts.append(vocabulary.counts([WORD.findall(text.lower()) for text in chunk]))
        if names:
            name_lists = [WORD.findall(" ".join(_CAPITALISED.findall(text)).lower()) for text in chunk]
            name_parts.append(vocabulary.counts(name_lists))
    terms = np.array(vocabulary.terms, dtype=object)
    alphabetical = np.empty(terms.size, dtype=np.int64)
    alphabetical[np.argsort(terms, kind="stable")] = np.arange(terms.size)
    counts = _stack_counts(text_parts, alphabetical, terms.size, len(texts))
    if not names:
        return counts, None
    used = np.zeros(terms.size, dtype=bool)
    for part in name_parts:
        used[part.indices] = True
    name_column = np.full(terms.size, -1, dtype=np.int64)  # the names' own columns: their terms, alphabetical
    name_column[np.flatnonzero(used)[np.argsort(terms[used], kind="stable")]] = np.arange(int(used.sum()))
    return counts, _stack_counts(name_parts, name_column, int(used.sum()), len(texts))


class _Vocabulary:
    """Words to term numbers (in order of first appearance; -1 for a stop word or a number), each word stemmed once."""

    def __init__(self, language: str) -> None:
        from summarize.languages import stop_words

        self.language = language
        self.stops = stop_words(language)
        self.word_term: dict[str, int] = {}
        self.term_number: dict[str, int] = {}

    @property
    def terms(self) -> list[str]:
        return list(self.term_number)

    def counts(self, token_lists: list[list[str]]) -> csr_matrix:
        """A block's text-by-term counts (columns: term numbers), new words stemmed and numbered."""
        import numpy as np
        from scipy.sparse import csr_matrix as csr

        from summarize.represent import stem_words

        word_term, term_number = self.word_term, self.term_number
        new = [w for w in dict.fromkeys(chain.from_iterable(token_lists)) if w not in word_term]
        word_term.update(dict.fromkeys(new, -1))
        content = [w for w in new if w not in self.stops and not w.isdigit()]
        for word, stem in zip(content, stem_words(content, self.language), strict=True):
            word_term[word] = term_number.setdefault(stem, len(term_number))
        lengths = np.fromiter(map(len, token_lists), dtype=np.int64, count=len(token_lists))
        ids = np.fromiter(map(word_term.__getitem__, chain.from_iterable(token_lists)), dtype=np.int64,
                          count=int(lengths.sum()))  # fmt: skip
        rows = np.repeat(np.arange(len(token_lists), dtype=np.int64), lengths)
        kept = ids >= 0
        counts = csr(
            (np.ones(int(kept.sum())), (rows[kept], ids[kept])), shape=(len(token_lists), max(len(term_number), 1))
        )
        counts.sum_duplicates()
        return counts


def _stack_counts(parts: Sequence[csr_matrix], column: np.ndarray, width: int, height: int) -> csr_matrix:
    """The blocks' counts stacked, term numbers moved to their ``column`` (sorted in each row, as SciPy keeps them)."""
    import numpy as np
    from scipy.sparse import csr_matrix as csr

    if not parts or width == 0:
        return csr((height, width))
    offsets = np.cumsum([0] + [part.nnz for part in parts])
    indptr = np.concatenate(
        [[0]] + [part.indptr[1:].astype(np.int64) + o for part, o in zip(parts, offsets, strict=False)]
    )
    indices = column[np.concatenate([part.indices for part in parts])]
    matrix = csr((np.concatenate([part.data for part in parts]), indices, indptr), shape=(height, width))
    matrix.sort_indices()
    return matrix


def _top_per_row(matrix: csr_matrix, k: int, buckets: int = 64) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows, columns and values of each row's ``k`` largest entries of a CSR matrix (ties: the earlier stored entry;
    SciPy's products store them in a fixed order, so the result is deterministic).

    Values are counted per row in ``buckets`` equal slices of [0, 1]; only each longer row's entries from the
    highest slice that leaves at least ``k`` entries up are sorted (a few per row): one stable sort of one key.
    """
    import numpy as np

    n_rows = matrix.shape[0]
    lengths = np.diff(matrix.indptr)
    values = np.clip(matrix.data, -1.0, 1.0)
    rows = np.repeat(np.arange(n_rows, dtype=np.int32), lengths)
    where = None
    if lengths.size and lengths.max() > k:
        bucket = np.minimum((np.maximum(values, 0.0) * buckets).astype(np.int32), buckets - 1)  # exact: 2^6 slices
        histogram = np.bincount(rows * buckets + bucket, minlength=n_rows * buckets).reshape(n_rows, buckets)
        enough = np.cumsum(histogram[:, ::-1], axis=1) >= k  # [r, j]: at least k entries in the top j+1 slices
        lowest = np.where(lengths > k, buckets - 1 - np.argmax(enough, axis=1), 0).astype(np.int32)
        where = np.flatnonzero(bucket >= lowest[rows])
        rows, values = rows[where], values[where]
    kept_lengths = np.bincount(rows, minlength=n_rows)
    order = np.argsort(rows * 4.0 + (1.0 - values), kind="stable")  # row first, then the larger value first
    rank = np.arange(order.size) - np.repeat(np.cumsum(kept_lengths) - kept_lengths, kept_lengths)
    keep = np.sort(order[rank < k])
    stored = keep if where is None else where[keep]
    return rows[keep].astype(np.int64), matrix.indices[stored], matrix.data[stored]


def _keep_heaviest(vectors: csr_matrix, max_terms: int) -> csr_matrix:
    """Each row's ``max_terms`` largest weights (the rest zeroed), rows rescaled to unit length."""
    import numpy as np
    from scipy.sparse import csr_matrix as csr

    lengths = np.diff(vectors.indptr)
    if lengths.size == 0 or lengths.max(initial=0) <= max_terms:
        return vectors
    rows, indices, data = _top_per_row(vectors, max_terms)
    norms = np.sqrt(np.bincount(rows, weights=data**2, minlength=vectors.shape[0]))
    return csr((data / norms[rows], (rows, indices)), shape=vectors.shape)


def _drop_far_apart(near: csr_matrix, dates: Sequence[date | None], max_days: int) -> csr_matrix:
    """``near`` without the edges between two dated articles more than ``max_days`` apart."""
    import numpy as np

    if sum(d is not None for d in dates) < 2:
        return near
    days = np.array([np.nan if d is None else d.toordinal() for d in dates])
    pairs = near.tocoo()
    gap = np.abs(days[pairs.row] - days[pairs.col])
    far = gap > max_days  # NaN (an undated end) compares False: kept
    if not far.any():
        return near
    pairs.data[far] = 0.0
    result = pairs.tocsr()
    result.eliminate_zeros()
    return result


def _shared_neighbour_similarity(near: csr_matrix) -> csr_matrix:
    """Cosine of the articles' neighbour lists (each with itself at similarity 1): sparse, about (2k)^2 a row."""
    import numpy as np
    from scipy.sparse import diags, identity

    profile = near.maximum(near.T).tocsr() + identity(near.shape[0], format="csr")
    norms = np.sqrt(np.asarray(profile.multiply(profile).sum(axis=1)).ravel())
    profile = diags(1.0 / norms) @ profile
    return (profile @ profile.T).tocsr()


def _average_linkage(similarity: csr_matrix, threshold: float) -> np.ndarray:
    """Average-linkage clusters cut at ``threshold``, run exactly within each component of the pairs at or above it.

    Two components never merge (their average similarity is below the threshold), so each is clustered alone with
    scikit-learn's ``AgglomerativeClustering`` on its own dense block of distances.
    """
    import numpy as np
    from scipy.sparse.csgraph import connected_components
    from sklearn.cluster import AgglomerativeClustering

    strong = similarity.copy()
    strong.data[strong.data < threshold - 1e-12] = 0.0
    strong.eliminate_zeros()
    count, component = connected_components(strong, directed=False)
    labels = component.astype(np.int64).copy()
    next_label = count
    order = np.argsort(component, kind="stable")
    bounds = np.searchsorted(component[order], np.arange(count + 1))
    for c in range(count):
        members = order[bounds[c] : bounds[c + 1]]
        if members.size < 3:  # one article, or two joined by a strong pair: average linkage agrees
            continue
        block = similarity[members][:, members].toarray()
        distance = 1.0 - np.clip(block, 0.0, 1.0)
        np.fill_diagonal(distance, 0.0)
        distance = np.minimum(distance, distance.T)
        if distance.max() <= 1.0 - threshold:  # every pair at or above the cut: average linkage merges them all
            continue
        local = AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1.0 - threshold + 1e-12
        ).fit_predict(distance)
        labels[members] = np.where(local == 0, c, next_label + local - 1)
        next_label += int(local.max())
    return labels


def _title(
    documents: Sequence[Document],
    indices: Sequence[int],
    vectors: csr_matrix | None,
    copy_of: Sequence[int | None],
    language: str,
) -> str:
    """The headline of the story's most central article (closest to the story's centroid); without titles, that
    article's first sentence."""
    import numpy as np

    candidates = [i for i in indices if copy_of[i] is None] or list(indices)
    if vectors is not None and len(candidates) > 1:
        rows = vectors[candidates]
        closeness = rows @ np.asarray(rows.sum(axis=0)).ravel()
        candidates = [candidates[j] for j in np.argsort(-closeness, kind="stable")]
    document = next((documents[i] for i in candidates if documents[i].title), documents[candidates[0]])
    if document.title:
        return document.title
    return _first_sentence(document, language)


def _first_sentence(document: Document, language: str, max_words: int = 14) -> str:
    """The first sentence of the cleaned text, cut to ``max_words`` words with an ellipsis."""
    from summarize.clean import clean_document
    from summarize.split import split_sentences

    paragraphs = clean_document(replace(document, text=document.text[:4000]) if document.format == "text" else document,
                                language)  # fmt: skip
    text = next((s for p in paragraphs for s in split_sentences(p, language)), "") or " ".join(document.text.split())
    words = text.split()
    return " ".join(words[:max_words]) + (" …" if len(words) > max_words else "") or document.id


def group_stories(documents: Iterable[Document], **params: Any) -> list[Story]:
    """Group ``documents`` into ranked stories with ``StoryGrouper(**params)``.

    >>> from summarize import Document
    >>> from summarize.stories import group_stories
    >>> stories = group_stories([Document("A storm hit Manila.", id="x", title="Storm in Manila")])
    >>> [(s.id, s.title, [d.id for d in s.documents]) for s in stories]
    [('story-1', 'Storm in Manila', ['x'])]
    """
    return StoryGrouper(**params).group(documents)
