"""Query-focused summaries (the DUC 2005-2007 task): a query pulls relevance, and so the summary, toward it."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest

from summarize import Summarizer, SummarizeWarning, UsageError, prepare, summarize
from summarize.cli import main
from summarize.relevance import query_similarity
from summarize.represent import Cluster, content_terms, tfidf_vectors, transform

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
QUERY = "missile production"


def query_term_count(text: str, query: str = QUERY) -> int:
    """How many of the text's content terms (stems) are terms of the query."""
    wanted = set(content_terms(query))
    return sum(term in wanted for term in content_terms(text))


@pytest.fixture(scope="module")
def cluster() -> Cluster:
    return prepare([SEEDS])


def test_a_query_moves_the_seed_summary_toward_it(cluster: Cluster) -> None:
    plain = Summarizer().summarize(cluster, words=100)
    focused = Summarizer(query=QUERY).summarize(cluster, words=100)
    assert focused.word_count <= 100
    assert query_term_count(focused.text) > query_term_count(plain.text)
    # the sentences most similar to the query are left out without it, and chosen with it
    top = [cluster.texts[i] for i in np.argsort(-query_similarity(cluster, QUERY), kind="stable")[:5]]
    assert all("missile" in text.lower() for text in top)
    assert sum(text in plain.text for text in top) == 0
    assert sum(text in focused.text for text in top) >= 2


@pytest.mark.parametrize("method", ["centroid", "lexrank"])
def test_the_query_also_focuses_centroid_and_lexrank(cluster: Cluster, method: str) -> None:
    plain = Summarizer(method).summarize(cluster, words=100)
    focused = Summarizer(method, query=QUERY).summarize(cluster, words=100)
    assert query_term_count(focused.text) > query_term_count(plain.text)


def test_query_weight_sets_how_far_the_summary_moves(cluster: Cluster) -> None:
    plain = Summarizer().summarize(cluster, words=100).text
    assert Summarizer(query=QUERY, query_weight=0.0).summarize(cluster, words=100).text == plain
    counts = [
        query_term_count(Summarizer(query=QUERY, query_weight=w).summarize(cluster, words=100).text)
        for w in (0.0, 0.5, 1.0)
    ]
    assert counts[0] < counts[1] <= counts[2]


def test_the_query_is_embedded_with_the_clusters_own_terms_and_idf() -> None:
    texts = [
        "Japan will expand missile production with the United States.",
        "Missile production lines in Japan will build interceptors.",
        "The ministers met in Tokyo on Sunday.",
    ]
    vectors = tfidf_vectors(texts)
    assert np.allclose(transform(texts, vectors).toarray(), vectors.matrix.toarray())  # same as the fitted rows
    query = transform(["missile production in Tokyo, bananas"], vectors).toarray()[0]
    assert np.isclose(np.linalg.norm(query), 1.0)
    nonzero = {vectors.terms[i] for i in np.flatnonzero(query)}
    assert nonzero == {"missil", "product", "tokyo"}  # "bananas" is not a term of the cluster: dropped
    idf = dict(zip(vectors.terms, vectors.idf, strict=True))
    assert idf["tokyo"] > idf["missil"]  # rarer in the cluster, so weighted higher
    assert query[vectors.terms.index("tokyo")] > query[vectors.terms.index("missil")]


def test_a_query_without_any_word_of_the_cluster_warns_and_changes_nothing(cluster: Cluster) -> None:
    with pytest.warns(SummarizeWarning, match="no word of the query"):
        unrelated = Summarizer(query="banana smoothie recipes").summarize(cluster, words=100)
    assert unrelated.text == Summarizer().summarize(cluster, words=100).text


@pytest.mark.parametrize(
    ("params", "phrase"),
    [
        ({"query": "the of and"}, "no content words"),
        ({"query": ""}, "no content words"),
        ({"query": 42}, "must be text"),
        ({"query": QUERY, "method": "lead"}, "works with the methods"),
        ({"query": QUERY, "query_weight": 1.5}, r"query_weight must be a number in \[0, 1\]"),
    ],
)
def test_bad_queries_are_usage_errors(params: dict, phrase: str) -> None:
    with pytest.raises(UsageError, match=phrase):
        summarize([SEEDS], words=50, **params)


def test_query_is_a_parameter_like_any_other() -> None:
    summarizer = Summarizer(query=QUERY)
    assert summarizer.get_params()["query"] == QUERY and summarizer.get_params()["query_weight"] == 0.5
    assert summarizer.set_params(query=None).query is None


def test_cli_query(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(SEEDS), "--words", "100"]) == 0
    plain = capsys.readouterr().out
    assert main([str(SEEDS), "--words", "100", "--query", QUERY]) == 0
    focused = capsys.readouterr().out
    assert query_term_count(focused) > query_term_count(plain)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the CLI turns the warning into one line on stderr, not a Python warning
        assert main([str(SEEDS), "--words", "100", "--query", "banana smoothie"]) == 0
    captured = capsys.readouterr()
    assert captured.out == plain
    assert captured.err == (
        "summarize: warning: no word of the query 'banana smoothie' occurs in the documents; "
        "it cannot focus the summary\n"
    )
    assert main([str(SEEDS), "--query", QUERY, "--method", "random"]) == 2
    assert "works with the methods" in capsys.readouterr().err
