"""Represent sentences as L2-normalised TF-IDF vectors over stemmed content words.

Sublinear tf (1 + log tf) and smoothed IDF computed over all sentences of the cluster, with
stop words removed and Porter/Snowball stems as terms (Salton and Buckley 1988). We count terms
(each distinct word stemmed once, so counting is linear in the tokens) and scikit-learn's
``TfidfTransformer`` weights them. The rows are unit vectors, so ``X @ X.T`` is cosine similarity.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import chain
from typing import TYPE_CHECKING

from summarize.types import Document, Sentence

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_LANGUAGES = (
    "arabic", "danish", "dutch", "english", "finnish", "french", "german", "hungarian", "italian",
    "norwegian", "portuguese", "romanian", "russian", "spanish", "swedish",
)  # fmt: skip


def supported_languages() -> tuple[str, ...]:
    """Languages with both a Snowball stemmer (NLTK) and a stop-word list we can read offline."""
    return tuple(lang for lang in _LANGUAGES if _stop_words_available(lang))


def _stop_words_available(language: str) -> bool:
    try:
        stop_words(language)
    except LookupError:
        return False
    return True


@cache
def stop_words(language: str = "english") -> frozenset[str]:
    """Stop words for ``language``: scikit-learn's English list plus sumy's packaged lists (no download)."""
    words: set[str] = set()
    if language == "english":
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        words |= set(ENGLISH_STOP_WORDS)
    try:
        from sumy.utils import get_stop_words

        words |= {w.lower() for w in get_stop_words(language)}
    except LookupError:
        if language != "english":
            raise
    return frozenset(words)


@cache
def _stemmer(language: str) -> Callable[[str], str]:
    """A cached stem function: Porter for English (ROUGE's stemmer family), Snowball otherwise."""
    if language == "english":
        from nltk.stem.porter import PorterStemmer

        stem = PorterStemmer().stem
    else:
        from nltk.stem.snowball import SnowballStemmer

        stem = SnowballStemmer(language).stem
    return lru_cache(maxsize=200_000)(stem)


def content_terms(text: str, language: str = "english") -> list[str]:
    """Lower-cased, stop-word-free, stemmed word tokens of ``text``: the terms every method counts."""
    stops = stop_words(language)
    stem = _stemmer(language)
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in stops and not w.isdigit()]


@dataclass(frozen=True)
class SentenceVectors:
    """TF-IDF rows (one per sentence, L2-normalised, CSR), the term list they index and the terms' fitted IDF."""

    matrix: csr_matrix
    terms: tuple[str, ...]
    idf: np.ndarray | None = field(default=None, repr=False, compare=False)  # for ``transform`` (query vectors)


def term_counts(texts: Sequence[str], language: str = "english") -> tuple[csr_matrix, tuple[str, ...]]:
    """Sentence-by-term counts of ``content_terms``, stemming each distinct word once (linear in the tokens).

    The same counts and (alphabetical) term columns as scikit-learn's ``CountVectorizer`` with ``content_terms``
    as analyzer, without a stop-word test and a stem look-up per token.
    """
    import numpy as np
    from scipy.sparse import csr_matrix as csr

    token_lists = [_WORD.findall(text.lower()) for text in texts]
    lengths = np.fromiter(map(len, token_lists), dtype=np.int64, count=len(token_lists))
    words = dict.fromkeys(chain.from_iterable(token_lists))  # the distinct words, in a C loop
    stops = stop_words(language)
    stem = _stemmer(language)
    word_terms = {w: None if w in stops or w.isdigit() else stem(w) for w in words}
    terms = tuple(sorted({t for t in word_terms.values() if t is not None}))
    column = {t: i for i, t in enumerate(terms)}
    word_column = {w: -1 if t is None else column[t] for w, t in word_terms.items()}
    columns = np.fromiter(
        map(word_column.__getitem__, chain.from_iterable(token_lists)), dtype=np.int64, count=int(lengths.sum())
    )
    rows = np.repeat(np.arange(len(token_lists), dtype=np.int64), lengths)
    kept = columns >= 0
    counts = csr(
        (np.ones(int(kept.sum()), dtype=np.float64), (rows[kept], columns[kept])),
        shape=(len(token_lists), len(terms)),
    )
    counts.sum_duplicates()  # one entry per (sentence, term) holding its count, columns sorted in each row
    return counts, terms


def tfidf_vectors(texts: Sequence[str], language: str = "english") -> SentenceVectors:
    """Fit TF-IDF on the cluster's own sentences and return their unit-length vectors.

    Counting is ``term_counts``; weighting is scikit-learn's ``TfidfTransformer`` (sublinear tf, smoothed idf,
    L2 rows): the vectors of ``TfidfVectorizer(analyzer=content_terms, ...)``, to the last bit or two.
    """
    import numpy as np
    from scipy.sparse import csr_matrix as csr

    counts, terms = term_counts(texts, language)
    if not terms:  # no sentence has a content word
        return SentenceVectors(matrix=csr((len(texts), 0), dtype=np.float64), terms=())
    from sklearn.feature_extraction.text import TfidfTransformer

    transformer = TfidfTransformer(sublinear_tf=True, smooth_idf=True, norm="l2")
    matrix = transformer.fit_transform(counts).tocsr()
    return SentenceVectors(matrix=matrix, terms=terms, idf=transformer.idf_)


def transform(texts: Sequence[str], vectors: SentenceVectors, language: str = "english") -> csr_matrix:
    """TF-IDF rows for new texts (a query) in the cluster's own terms and IDF, as ``TfidfVectorizer.transform``.

    Terms the cluster lacks are dropped; a text with none of its terms is a zero row.
    """
    import numpy as np
    from scipy.sparse import csr_matrix as csr

    counts, own_terms = term_counts(texts, language)
    column = {term: i for i, term in enumerate(vectors.terms)}
    mapped = np.fromiter((column.get(t, -1) for t in own_terms), dtype=np.int64, count=len(own_terms))
    counts = counts.tocoo()
    keep = mapped[counts.col] >= 0
    columns = mapped[counts.col[keep]]
    idf = vectors.idf if vectors.idf is not None else np.ones(len(vectors.terms))
    rows = counts.row[keep]
    weights = (1.0 + np.log(counts.data[keep])) * idf[columns]
    norms = np.sqrt(np.bincount(rows, weights=weights**2, minlength=len(texts)))
    return csr((weights / norms[rows], (rows, columns)), shape=(len(texts), len(vectors.terms)))


@dataclass(frozen=True)
class Cluster:
    """Everything the methods read: the documents, their sentences (with sources) and the sentences' vectors."""

    documents: tuple[Document, ...]
    sentences: tuple[Sentence, ...]
    vectors: SentenceVectors
    language: str = "english"
    copies: Mapping[int, tuple[int, ...]] = field(default_factory=dict)  # document -> its exact copies (no sentences)

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(s.text for s in self.sentences)


def represent(documents: Sequence[Document], sentences: Sequence[Sentence], language: str = "english") -> Cluster:
    """Bundle the cluster's sentences with their TF-IDF vectors."""
    vectors = tfidf_vectors([s.text for s in sentences], language)
    return Cluster(tuple(documents), tuple(sentences), vectors, language)
