"""TF-IDF weighting in SciPy, pinned to scikit-learn's TfidfTransformer; stop words pinned to their sources."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from summarize import prepare
from summarize.represent import stop_words, supported_languages, term_counts, tfidf_vectors, transform


def _seed_sentences(seeds_dir: Path) -> list[str]:
    return list(prepare(seeds_dir).texts)


def test_weighting_equals_scikit_learns_tfidf_transformer(seeds_dir: Path) -> None:
    from sklearn.feature_extraction.text import TfidfTransformer

    texts = _seed_sentences(seeds_dir)
    counts, _ = term_counts(texts)
    expected = TfidfTransformer(sublinear_tf=True, smooth_idf=True, norm="l2").fit(counts)
    ours = tfidf_vectors(texts)
    assert ours.matrix.shape == counts.shape
    np.testing.assert_allclose(ours.idf, expected.idf_, rtol=0, atol=1e-15)
    np.testing.assert_allclose(ours.matrix.toarray(), expected.transform(counts).toarray(), rtol=0, atol=1e-15)


def test_query_vectors_equal_scikit_learns_transform_on_the_clusters_terms(seeds_dir: Path) -> None:
    from sklearn.feature_extraction.text import TfidfTransformer

    texts = _seed_sentences(seeds_dir)
    vectors = tfidf_vectors(texts)
    queries = ["Japan missile production and export rules", "the of and", "missile missile defence zzzunknown"]
    counts, own_terms = term_counts(queries)
    column = {t: i for i, t in enumerate(vectors.terms)}
    expanded = np.zeros((len(queries), len(vectors.terms)))
    dense = counts.toarray()
    for j, term in enumerate(own_terms):
        if term in column:
            expanded[:, column[term]] = dense[:, j]
    transformer = TfidfTransformer(sublinear_tf=True, smooth_idf=True, norm="l2").fit(term_counts(texts)[0])
    expected = transformer.transform(expanded).toarray()
    np.testing.assert_allclose(transform(queries, vectors).toarray(), expected, rtol=0, atol=1e-15)
    assert not transform(queries, vectors)[1].nnz  # stop words only: a zero row, not a division by zero


@pytest.mark.parametrize("language", supported_languages())
def test_stop_words_are_scikit_learns_and_sumys_lists(language: str) -> None:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
    from sumy.utils import get_stop_words

    expected = {w.lower() for w in get_stop_words(language)}
    if language == "english":
        expected |= set(ENGLISH_STOP_WORDS)
    assert stop_words(language) == expected


def test_stemming_from_many_threads_gives_the_same_vectors(seeds_dir: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    texts = _seed_sentences(seeds_dir)
    alone = tfidf_vectors(texts)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: tfidf_vectors(texts), range(8)))
    for result in results:
        assert result.terms == alone.terms
        assert (result.matrix != alone.matrix).nnz == 0
