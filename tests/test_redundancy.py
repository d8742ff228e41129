"""Redundancy against everything the summary covers: the units each measure counts, and the covered share."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import csr_matrix

from summarize import Document, prepare
from summarize.redundancy import REDUNDANCY_MEASURES, content_units
from summarize.select import CoverageTracker

ARTICLES = [
    Document(
        "Japan and the United States agreed to upgrade their military cooperation on Sunday. "
        "The allies will expand missile production in Japan.",
        id="a",
    ),
    Document(
        "Top diplomats met in Tokyo to discuss military cooperation between the two countries. "
        "Missile production will grow, officials said.",
        id="b",
    ),
    Document("Defense officials agreed to upgrade military cooperation during the talks in Tokyo.", id="c"),
]


def test_covered_share_is_the_weight_of_the_units_already_taken() -> None:
    units = csr_matrix(np.array([[1.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 1.0], [1.0, 0.0, 3.0, 0.0]]))
    tracker = CoverageTracker(units)
    assert tracker.share.tolist() == [0.0, 0.0, 0.0]
    tracker.add(0)
    assert tracker.share.tolist() == [1.0, 0.0, 0.25]
    tracker.add(1)
    assert tracker.share.tolist() == [1.0, 1.0, 1.0]


def test_a_sentence_without_units_is_never_covered() -> None:
    tracker = CoverageTracker(csr_matrix(np.array([[1.0, 0.0], [0.0, 0.0]])))
    tracker.add(0)
    assert tracker.share.tolist() == [1.0, 0.0]


@pytest.mark.parametrize("measure", ["words", "concepts"])
def test_units_are_one_row_per_sentence(measure: str) -> None:
    cluster = prepare(ARTICLES)
    units = content_units(cluster, measure)
    assert units is not None
    assert units.shape[0] == len(cluster.sentences)
    assert (units.data > 0).all()


def test_a_paraphrase_is_mostly_covered_by_the_two_sentences_it_repeats() -> None:
    cluster = prepare(ARTICLES)
    texts = cluster.texts
    first = next(i for i, t in enumerate(texts) if t.startswith("Japan and the United States"))
    second = next(i for i, t in enumerate(texts) if t.startswith("Top diplomats"))
    paraphrase = next(i for i, t in enumerate(texts) if t.startswith("Defense officials"))
    matrix = cluster.vectors.matrix
    assert (matrix[[first, second]] @ matrix[paraphrase].T).toarray().max() < 0.5  # each cosine alone is low
    for measure in ("words", "concepts"):
        tracker = CoverageTracker(content_units(cluster, measure))
        tracker.add(first)
        tracker.add(second)
        assert tracker.share[paraphrase] >= 0.5, measure


def test_cosine_needs_no_units_and_unknown_measures_are_refused() -> None:
    cluster = prepare(ARTICLES)
    assert "cosine" in REDUNDANCY_MEASURES
    assert content_units(cluster, "cosine") is None
    with pytest.raises(ValueError, match="unknown redundancy measure"):
        content_units(cluster, "embeddings")
