"""Sentence compression by deletion: what goes, what stays, and that the result still reads as a sentence."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from summarize import Summarizer, prepare
from summarize.compress import compress_cluster, compress_sentence

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("But the president has so far refused to meet them.", "The president has so far refused to meet them."),
        ("However, the talks went on for many hours.", "The talks went on for many hours."),
        ("Meanwhile, the rebels took the northern town.", "The rebels took the northern town."),
        ("The plane crashed near the airport on Monday, police said.", "The plane crashed near the airport on Monday."),
        (
            "The Swiss government has ordered no investigation, a spokesman said Wednesday.",
            "The Swiss government has ordered no investigation.",
        ),
        (
            "Two bodies were found off the coast, according to the rescue center in Canberra.",
            "Two bodies were found off the coast.",
        ),
        ("The 40-foot (12-meter) yacht sank near Eden.", "The 40-foot yacht sank near Eden."),
    ],
)
def test_deletions(before: str, after: str) -> None:
    assert compress_sentence(before) == after


@pytest.mark.parametrize(
    "unchanged",
    [
        "So far, officials have said nothing about the plan.",  # "so far" is not a connective
        "Also killed were two soldiers and a driver.",  # "also" without a comma starts an inversion
        "Relatives denied the reports, however, and said that his trial continued.",  # not an attribution
        '"We will not give up," the minister said.',  # a quote keeps its speaker
        "It rained in the capital for days, it said.",  # a pronoun subject is no attribution to drop
        "But he left.",  # too short to compress
        "The ceasefire (agreed after eleven days of talks in Geneva between the two sides) held.",  # long aside
    ],
)
def test_kept(unchanged: str) -> None:
    assert compress_sentence(unchanged) == unchanged


def test_compressed_sentences_still_start_with_a_capital_and_end_with_punctuation() -> None:
    cluster = prepare([ROOT / "seeds"])
    for text in compress_cluster(cluster).texts:
        assert text[0].isupper() or not text[0].isalpha()
        assert text.rstrip()[-1] in ".!?\"'”’)"


def test_compression_is_cached_and_used_by_the_summarizer() -> None:
    cluster = prepare([ROOT / "seeds"])
    assert compress_cluster(cluster) is compress_cluster(cluster)
    summary = Summarizer("mmr", compress=True).summarize(cluster, words=100)
    assert {s.text for s in summary.sentences} <= set(compress_cluster(cluster).texts)


def test_a_compressed_sentence_is_its_source_with_words_deleted() -> None:
    cluster = prepare([ROOT / "seeds"])
    for before, after in zip(cluster.texts, compress_cluster(cluster).texts, strict=True):
        source = iter(w.lower() for w in before.split())
        assert all(any(w.lower().strip("(),") == s.strip("(),") for s in source) for w in after.split()), after


def test_the_stand_alone_penalty_judges_a_sentence_as_written() -> None:
    from summarize.options import Options
    from summarize.relevance import relevance

    cluster = prepare([ROOT / "seeds"])
    compressed = compress_cluster(cluster)
    dangling = [i for i, text in enumerate(cluster.texts) if text.startswith("Instead, instructions come from")]
    assert dangling and all(compressed.texts[i].startswith("Instructions come from") for i in dangling)  # gone...
    assert compressed.written_texts == cluster.texts
    penalised = relevance(compressed, Options())
    unpenalised = relevance(compressed, Options(standalone_penalty=1.0))
    ratio = np.divide(penalised, unpenalised, out=np.zeros_like(penalised), where=unpenalised > 0)
    assert all(ratio[i] == pytest.approx(0.5 * ratio.max()) for i in dangling)  # ...yet the sentence still needs it
    assert "Instructions come from" not in Summarizer(compress=True).summarize(cluster, words=60).text
