"""Represent sentences as L2-normalised TF-IDF vectors over stemmed content words.

Sublinear tf (1 + log tf) and smoothed IDF computed over all sentences of the cluster, with
stop words removed and Porter/Snowball stems as terms (Salton and Buckley 1988; scikit-learn's
``TfidfVectorizer`` does the counting). The rows are unit vectors, so ``X @ X.T`` is cosine similarity.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from summarize.types import Document, Sentence

if TYPE_CHECKING:
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
    """TF-IDF rows (one per sentence, L2-normalised, CSR) and the term list they index."""

    matrix: csr_matrix
    terms: tuple[str, ...]


def tfidf_vectors(texts: Sequence[str], language: str = "english") -> SentenceVectors:
    """Fit TF-IDF on the cluster's own sentences and return their unit-length vectors."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(
        analyzer=lambda text: content_terms(text, language),
        sublinear_tf=True,
        smooth_idf=True,
        norm="l2",
        dtype=np.float64,
    )
    try:
        matrix = vectorizer.fit_transform(texts).tocsr()
        terms = tuple(vectorizer.get_feature_names_out())
    except ValueError:  # no sentence has a content word ("empty vocabulary")
        from scipy.sparse import csr_matrix

        matrix, terms = csr_matrix((len(texts), 0), dtype=np.float64), ()
    return SentenceVectors(matrix=matrix, terms=terms)


@dataclass(frozen=True)
class Cluster:
    """Everything the methods read: the documents, their sentences (with sources) and the sentences' vectors."""

    documents: tuple[Document, ...]
    sentences: tuple[Sentence, ...]
    vectors: SentenceVectors
    language: str = "english"

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(s.text for s in self.sentences)


def represent(documents: Sequence[Document], sentences: Sequence[Sentence], language: str = "english") -> Cluster:
    """Bundle the cluster's sentences with their TF-IDF vectors."""
    vectors = tfidf_vectors([s.text for s in sentences], language)
    return Cluster(tuple(documents), tuple(sentences), vectors, language)
