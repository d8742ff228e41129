"""Sentence segmentation: the newswire cases Punkt (Kiss & Strunk 2006) must get right with our shipped parameters."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize import split
from summarize.errors import UsageError
from summarize.split import split_blocks, split_sentences

# --- abbreviations, initials, numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. and Japan agreed. Officials said so.",
            ["The U.S. and Japan agreed.", "Officials said so."],
        ),
        (
            "The U.N. Security Council met. It voted.",
            ["The U.N. Security Council met.", "It voted."],
        ),
        (
            "Gen. Augusto Pinochet was arrested. Chile protested.",
            ["Gen. Augusto Pinochet was arrested.", "Chile protested."],
        ),
        (
            "Parliament opened on Sept. 24. Hun Sen stayed away.",
            ["Parliament opened on Sept. 24.", "Hun Sen stayed away."],
        ),
        (
            "Mr. Smith and Mrs. Jones met Dr. Lee. They talked.",
            ["Mr. Smith and Mrs. Jones met Dr. Lee.", "They talked."],
        ),
        ("The vote began at 9 a.m. Tuesday and ended late.", ["The vote began at 9 a.m. Tuesday and ended late."]),
        (
            "Sen. John Kerry, D-Mass., spoke. Rep. Henry Hyde listened.",
            ["Sen. John Kerry, D-Mass., spoke.", "Rep. Henry Hyde listened."],
        ),
    ],
)
def test_abbreviations_do_not_end_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Si Venus L. Peñaflor is the editor of Newsworld.",
        "George W. Bush won the nomination.",
        "J.R.R. Tolkien wrote the book.",
    ],
)
def test_initials_do_not_end_sentences(text: str) -> None:
    assert split_sentences(text) == [text]


def test_initial_followed_by_a_sentence_starter_is_a_boundary() -> None:
    # The orthographic heuristic (Kiss & Strunk 4.1.1) needs our sentence starters registered as ortho context.
    assert split_sentences("They chose plan B. The others objected.") == ["They chose plan B.", "The others objected."]


def test_decimals_and_money_are_not_boundaries() -> None:
    text = "Beijing announced a 7.2% increase. The deal is worth $3.5 billion. Shares rose 0.5 points."
    assert split_sentences(text) == [
        "Beijing announced a 7.2% increase.",
        "The deal is worth $3.5 billion.",
        "Shares rose 0.5 points.",
    ]


# --- "U.S." at the end of a sentence -------------------------------------------------------------------------------


def test_us_then_sentence_starter_is_a_boundary() -> None:
    assert split_sentences("He was born in the U.S. The president met him.") == [
        "He was born in the U.S.",
        "The president met him.",
    ]


def test_us_sentence_end_then_capitalised_word() -> None:
    assert split_sentences("U.S. officials said. The talks ended.") == ["U.S. officials said.", "The talks ended."]


def test_us_before_a_capitalised_noun_is_not_a_boundary() -> None:
    # The common newswire case measured in benchmarks/sentence_split.py: "U.S." + capital is nearly always mid-sentence.
    text = "Talks with U.S. President Bill Clinton and the U.S. Embassy ended."
    assert split_sentences(text) == [text]


# --- quotes and ellipses ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "no." Then he left.', ['He said "no."', "Then he left."]),
        ("He said “no.” Then he left.", ["He said “no.”", "Then he left."]),
        ("He said ‘no.’ Then he left.", ["He said ‘no.’", "Then he left."]),
        ("He said ``no.'' Then he left.", ["He said ``no.''", "Then he left."]),
        ("He said (quietly.) Then he left.", ["He said (quietly.)", "Then he left."]),
    ],
)
def test_closing_quote_stays_with_its_sentence(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_question_inside_quotes_then_lower_case_attribution_is_one_sentence() -> None:
    assert split_sentences('"Why now?" he asked. Nobody answered.') == ['"Why now?" he asked.', "Nobody answered."]


@pytest.mark.parametrize("ellipsis", ["...", "…"])
def test_ellipsis_before_a_new_sentence_is_a_boundary(ellipsis: str) -> None:
    assert split_sentences(f"He paused{ellipsis} Then he left.") == [f"He paused{ellipsis}", "Then he left."]


@pytest.mark.parametrize("ellipsis", ["...", "…"])
def test_ellipsis_inside_a_sentence_is_not_a_boundary(ellipsis: str) -> None:
    text = f"It was a question of{ellipsis} money, he said."
    assert split_sentences(text) == [text]


# --- numbered lists, "No. 3" --------------------------------------------------------------------------------------


def test_numbered_list_lines_are_separate_paragraphs() -> None:
    # The opening of seeds/003_94575a5c4b2a30d3.txt (a scraped page).
    text = "1. Skip to content\n  2. Skip to main menu\n  3. Skip to more DW sites\n\nUS, Japan to boost miltary ties"
    assert split_sentences(text) == [
        "1. Skip to content",
        "2. Skip to main menu",
        "3. Skip to more DW sites",
        "US, Japan to boost miltary ties",
    ]


def test_number_abbreviation_is_not_a_boundary() -> None:
    assert split_sentences("He is ranked No. 3 in the world. It surprised him.") == [
        "He is ranked No. 3 in the world.",
        "It surprised him.",
    ]


def test_number_after_abbreviation_at_line_wrap_is_not_a_list_item() -> None:
    text = "Sam Rainsy left before parliament opened on Sep.\n24. Hun Sen stayed."
    assert split_sentences(text) == ["Sam Rainsy left before parliament opened on Sep. 24.", "Hun Sen stayed."]


# --- paragraphs, headings, hard wrapping -----------------------------------------------------------------------------


def test_sentence_never_crosses_a_blank_line() -> None:
    # Without the blank line "U.S. Officials" would read as one noun phrase.
    assert split_sentences("He flew to the U.S.\n\nOfficials met him.") == ["He flew to the U.S.", "Officials met him."]
    assert split_sentences("He flew to the U.S. Officials met him.") == ["He flew to the U.S. Officials met him."]


def test_sentence_never_crosses_a_heading_line() -> None:
    text = "He flew to the U.S.\nQuad Foreign Ministers Hold Talks\nMoreover, Blinken met his counterparts."
    assert split_sentences(text) == [
        "He flew to the U.S.",
        "Quad Foreign Ministers Hold Talks",
        "Moreover, Blinken met his counterparts.",
    ]


def test_caption_line_between_sentences_is_its_own_block() -> None:
    # From seeds/000_74789628fdc97ddc.txt: a caption line without punctuation between two quoted sentences.
    text = (
        "“We all cherish the region’s peace, stability and prosperity and we all know it is not a given.”\n"
        "Penny Wong\n"
        "After leaving Tokyo, Blinken and US Secretary of Defence, Llyod Austin will hold security talks."
    )
    assert split_sentences(text) == text.split("\n")


def test_hard_wrapped_lines_are_joined() -> None:
    text = (
        "Opposition leaders Prince Norodom Ranariddh and Sam Rainsy, citing Hun Sen's\n"
        "threats to arrest opposition figures after two alleged attempts on his life, said\n"
        "they could not negotiate freely in Cambodia and called for talks at Sihanouk's\n"
        "residence in Beijing. Hun Sen, however, rejected that.\n"
    )
    assert split_sentences(text) == [
        "Opposition leaders Prince Norodom Ranariddh and Sam Rainsy, citing Hun Sen's threats to arrest opposition "
        "figures after two alleged attempts on his life, said they could not negotiate freely in Cambodia and called "
        "for talks at Sihanouk's residence in Beijing.",
        "Hun Sen, however, rejected that.",
    ]


def test_split_blocks_keeps_paragraphs_and_headings_apart() -> None:
    assert split_blocks("Title Of The Story\nFirst line of the body.\n\n\nSecond   paragraph.") == [
        "Title Of The Story",
        "First line of the body.",
        "Second paragraph.",
    ]


# --- real sentences from the seed articles ------------------------------------------------------------------------


def test_seed_paragraph_with_us_abbreviations() -> None:
    # seeds/001_8392e74e520cd89a.txt, third paragraph.
    paragraph = (
        "Japan is home to more than 50,000 U.S. troops, but the commander for the U.S. Forces Japan headquartered in "
        "Yokota in the western suburbs of Tokyo, tasked with managing their bases, has no commanding authority. "
        "Instead, instructions come from the U.S. Indo-Pacific Command in Hawaii. The plans will give the USFJ "
        "greater capability while still reporting to INDOPACOM."
    )
    sentences = split_sentences(paragraph)
    assert len(sentences) == 3
    assert sentences[1] == "Instead, instructions come from the U.S. Indo-Pacific Command in Hawaii."


def test_seed_quote_with_two_sentences_and_curly_quotes() -> None:
    # seeds/000_74789628fdc97ddc.txt: two sentences inside one curly-quoted stretch.
    line = (
        "“We all know our region and our world are being reshaped. We all understand we face the most confronting "
        "circumstances in our region in decades,” Australia’s foreign Minister, Penny Wong said in opening remarks "
        "at the start of the talks."
    )
    assert split_sentences(line) == [
        "“We all know our region and our world are being reshaped.",
        "We all understand we face the most confronting circumstances in our region in decades,” Australia’s "
        "foreign Minister, Penny Wong said in opening remarks at the start of the talks.",
    ]


def test_every_seed_article_keeps_its_text(seeds_dir) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences = split_sentences(text)
        assert sentences, path.name
        assert "".join("".join(s.split()) for s in sentences) == "".join(text.split()), path.name


# --- edge cases, output form, determinism -------------------------------------------------------------------------


def test_empty_string() -> None:
    assert split_sentences("") == []


@pytest.mark.parametrize("text", [" ", "\n\n", " \t\n \u00a0\n"])
def test_whitespace_only(text: str) -> None:
    assert split_sentences(text) == []


def test_text_without_final_punctuation_is_one_sentence() -> None:
    assert split_sentences("Japan and the US agree on a new command") == ["Japan and the US agree on a new command"]


def test_whitespace_is_normalised() -> None:
    assert split_sentences("  Two\tspaces  here.\nAnd  a\u00a0second   one. ") == [
        "Two spaces here.",
        "And a second one.",
    ]


def test_deterministic_and_independent_of_the_cache(seeds_dir) -> None:
    text = (seeds_dir / "004_79367e401523b84a.txt").read_text(encoding="utf-8")
    first = split_sentences(text)
    assert split_sentences(text) == first
    fresh = split.build_tokenizer(split.load_config("english"))
    assert split_sentences(text, tokenizer=fresh) == first


_PIECES = [*"aZ .?!\n\"'”…3-", "Mr. ", "U.S. ", "No. ", "1. ", "Title Case", "\n\n", "\u00a0"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_output_form_for_any_text(text: str) -> None:
    sentences = split_sentences(text)
    assert all(s and s == " ".join(s.split()) for s in sentences)
    assert "".join(sentences).replace(" ", "") == re.sub(r"\s+", "", text)


# --- offline, cached, cheap to import -----------------------------------------------------------------------------


def test_tokenizer_is_built_once_and_cached() -> None:
    assert split.get_tokenizer() is split.get_tokenizer("English")


def test_nothing_is_downloaded_or_loaded_from_nltk_data(monkeypatch: pytest.MonkeyPatch) -> None:
    import nltk
    import nltk.data

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("the splitter must not download or load NLTK data")

    monkeypatch.setattr(nltk, "download", forbidden)
    monkeypatch.setattr(nltk.data, "load", forbidden)
    monkeypatch.setattr(nltk.data, "find", forbidden)
    split._cached_tokenizer.cache_clear()
    try:
        assert split_sentences("Gen. Smith left. He came back.") == ["Gen. Smith left.", "He came back."]
    finally:
        split._cached_tokenizer.cache_clear()


def test_importing_the_module_does_not_import_nltk() -> None:
    code = "import sys, summarize.split; print('nltk' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_unknown_language_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="klingon"):
        split_sentences("Hello there.", language="klingon")
    with pytest.raises(UsageError):
        split_sentences("Hello there.", language="../../etc/passwd")


def test_shipped_parameters_are_well_formed() -> None:
    raw = json.loads((split.DATA_DIR / "punkt_english.json").read_text(encoding="utf-8"))
    abbreviations = [a for group in raw["abbreviations"].values() for a in group]
    assert len(abbreviations) == len(set(abbreviations))
    assert all(a == a.lower() and not a.endswith(".") and " " not in a for a in abbreviations)
    config = split.load_config()
    assert not config.abbreviations & config.sentence_starters
    assert ("no", "##number##") in config.collocations
