"""`summarize seeds/ --words 150` reads well: no boilerplate, no dangling references, no repeated fact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summarize import summarize
from summarize.api import as_documents, prepare

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


def test_no_fact_is_repeated(summary) -> None:
    cluster = prepare(as_documents([ROOT / "seeds"]))
    index = {text: i for i, text in enumerate(cluster.texts)}
    rows = cluster.vectors.matrix[[index[s.text] for s in summary.sentences]]
    similarity = (rows @ rows.T).toarray()
    off_diagonal = similarity[~__import__("numpy").eye(len(summary.sentences), dtype=bool)]
    assert off_diagonal.max() < 0.5


def test_every_sentence_occurs_in_a_seed(summary) -> None:
    seeds = [" ".join(p.read_text(encoding="utf-8").split()) for p in sorted((ROOT / "seeds").iterdir())]
    for sentence in summary.sentences:
        assert any(sentence.text.replace("“", "").replace("”", "")[:40] in s.replace("“", "").replace("”", "")
                   for s in seeds)  # fmt: skip
