"""Represent sentences as L2-normalised TF-IDF vectors over stemmed content words.

Sublinear tf (1 + log tf) and smoothed IDF computed over all sentences of the cluster, with
stop words removed and Porter (English) or Snowball stems as terms (Salton and Buckley 1988). We count terms
(each distinct word stemmed once, so counting is linear in the tokens) and weight them with SciPy exactly as
scikit-learn's ``TfidfTransformer(sublinear_tf=True, smooth_idf=True, norm="l2")`` does (``tests/test_represent.py``
pins the two together): importing scikit-learn takes about 0.7 s (``benchmarks/SPEED.md``), most of the
one-second start-up budget.
The rows are unit vectors, so ``X @ X.T`` is cosine similarity.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from itertools import chain
from typing import TYPE_CHECKING

# The language registry owns the word pattern, the stop words and the stemmer names (stop_words and
# supported_languages stay importable from here).
from summarize.languages import WORD as _WORD
from summarize.languages import get_language, stop_words, supported_languages
from summarize.types import Cluster, Document, Sentence, SentenceVectors  # Cluster, SentenceVectors: re-exported

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix


def is_supported_language(language: str) -> bool:
    """Whether ``language`` is in the language registry (``summarize/languages.py``)."""
    return language in supported_languages()


_THREAD_STEMMERS = threading.local()  # PyStemmer's stemmers must not be shared between threads


def stem_words(words: Sequence[str], language: str = "english") -> list[str]:
    """The stems of ``words``, by the Snowball project's stemmers compiled to C (PyStemmer), one per thread."""
    stemmers = _THREAD_STEMMERS.__dict__
    stemmer = stemmers.get(language)
    if stemmer is None:
        import Stemmer

        stemmer = stemmers[language] = Stemmer.Stemmer(get_language(language).stemmer)
    return stemmer.stemWords(words)


def content_terms(text: str, language: str = "english") -> list[str]:
    """Lower-cased, stop-word-free, stemmed word tokens of ``text``: the terms every method counts."""
    stops = stop_words(language)
    return stem_words([w for w in _WORD.findall(text.lower()) if w not in stops and not w.isdigit()], language)


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
    content = [w for w in words if w not in stops and not w.isdigit()]
    word_terms: dict[str, str | None] = dict.fromkeys(words)
    word_terms.update(zip(content, stem_words(content, language), strict=True))
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


def smoothed_idf(counts: csr_matrix) -> np.ndarray:
    """IDF with add-one smoothing, ``ln((1 + n) / (1 + df)) + 1``, as scikit-learn's ``smooth_idf=True``."""
    import numpy as np

    documents = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    return np.log((1.0 + documents) / (1.0 + df)) + 1.0


def weight(counts: csr_matrix, idf: np.ndarray) -> csr_matrix:
    """Sublinear tf times ``idf``, rows scaled to unit length (a row with no terms stays zero)."""
    import numpy as np
    from scipy.sparse import csr_matrix as csr

    counts = csr(counts, dtype=np.float64)
    rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
    weights = (1.0 + np.log(counts.data)) * idf[counts.indices]
    norms = np.sqrt(np.bincount(rows, weights=weights**2, minlength=counts.shape[0]))
    return csr((weights / norms[rows], counts.indices.copy(), counts.indptr.copy()), shape=counts.shape)


def tfidf_vectors(texts: Sequence[str], language: str = "english") -> SentenceVectors:
    """Fit TF-IDF on the cluster's own sentences and return their unit-length vectors.

    Counting is ``term_counts``; weighting is ``weight`` with ``smoothed_idf``: the vectors of scikit-learn's
    ``TfidfVectorizer(analyzer=content_terms, sublinear_tf=True)``.
    """
    import numpy as np
    from scipy.sparse import csr_matrix as csr

    counts, terms = term_counts(texts, language)
    if not terms:  # no sentence has a content word
        return SentenceVectors(matrix=csr((len(texts), 0), dtype=np.float64), terms=())
    idf = smoothed_idf(counts)
    return SentenceVectors(matrix=weight(counts, idf), terms=terms, idf=idf)


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
    in_cluster_terms = csr(
        (counts.data[keep], (counts.row[keep], mapped[counts.col[keep]])), shape=(len(texts), len(vectors.terms))
    )
    idf = vectors.idf if vectors.idf is not None else np.ones(len(vectors.terms))
    return weight(in_cluster_terms, idf)


def represent(documents: Sequence[Document], sentences: Sequence[Sentence], language: str = "english") -> Cluster:
    """Bundle the cluster's sentences with their TF-IDF vectors."""
    vectors = tfidf_vectors([s.text for s in sentences], language)
    return Cluster(tuple(documents), tuple(sentences), vectors, language)
