"""`summarize seeds/ --words 150` reads well: no boilerplate, no dangling references, no repeated fact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summarize import summarize
from summarize.api import as_documents, prepare
from summarize.represent import Cluster

ROOT = Path(__file__).resolve().parent.parent

BOILERPLATE = [
    "Skip to content", "This browser does not support the video element", "00:28", "Image: AP",
    "READ ALSO", "Author profile", "mfi/dj", "Penny Wong\n", "Quad Foreign Ministers Hold Talks",
    "naging editor-in-chief", "DW's Top Story", "Skip next section",
]  # fmt: skip


@pytest.fixture(scope="module")
def summary():
    return summarize([ROOT / "seeds"], words=150)


def test_no_boilerplate_reaches_the_summary(summary) -> None:
    for line in BOILERPLATE:
        assert line.strip() not in summary.text


def test_no_sentence_starts_with_a_dangling_reference(summary) -> None:
    for sentence in summary.sentences:
        assert not re.match(r"^(He|She|It|They|These|This|However|But|And|Also|Moreover)\b", sentence.text)


def _sources(summary) -> tuple[Cluster, list[int]]:
    """The uncompressed cluster, and the index of the sentence each summary sentence was made from (same place)."""
    cluster = prepare(as_documents([ROOT / "seeds"]))
    by_place = {(s.doc_index, s.position): i for i, s in enumerate(cluster.sentences)}
    return cluster, [by_place[s.doc_index, s.position] for s in summary.sentences]


def test_no_fact_is_repeated(summary) -> None:
    cluster, indices = _sources(summary)
    rows = cluster.vectors.matrix[indices]
    similarity = (rows @ rows.T).toarray()
    off_diagonal = similarity[~__import__("numpy").eye(len(summary.sentences), dtype=bool)]
    assert off_diagonal.max() < 0.5


def test_every_sentence_is_a_seed_sentence_with_words_deleted(summary) -> None:
    seeds = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in sorted((ROOT / "seeds").iterdir()))
    cluster, indices = _sources(summary)
    for sentence, index in zip(summary.sentences, indices, strict=True):
        source = cluster.sentences[index].text
        assert source in seeds
        remaining = iter(source.lower().split())
        assert all(
            any(word.strip(".,") == kept.strip(".,") for kept in remaining) for word in sentence.text.lower().split()
        )
