"""Tests for summarize.clean: boilerplate removal on the real seeds, unwrapping, normalisation, HTML extraction."""

from __future__ import annotations

import itertools
import re
import socket
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.clean import (
    clean_document,
    extract_main_text,
    filter_paragraphs,
    hard_wrap_width,
    load_stopwords,
    split_paragraphs,
    strip_dateline,
)
from summarize.errors import UsageError
from summarize.load import load_documents
from summarize.types import Document

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
TERMINATED = re.compile(r"[.!?…][\"'”’)\]]*$")

# Boilerplate the seeds are known to contain (issue text); the cleaner's rules never name these strings.
BOILERPLATE_SUBSTRINGS = [
    "Skip to content",
    "Skip to main menu",
    "Skip next section",
    "This browser does not support the video element",
    "00:28",
    "02:00",
    "Image: AP",
    "Antony Blinken in Japan shaking hands with Yoko Kamikawa",
    "Quad Foreign Ministers Hold Talks",
    "Japan moving away from its pacifist stance",
    "READ ALSO",
    "Ambulance Maintenance Contract",
    "mfi/dj",
    "Author profile",
    "editor-in-chief ng Newsworld",
    "DW's Top Story",
    "Biden affirms defense commitment",
    "US, Japan hit out at China, Russia",
    "What do we know about the plans",
]
BOILERPLATE_PARAGRAPHS = {"0", "107", "Penny Wong", "July 28, 2024"}


def doc(text: str, id: str = "t.txt", format: str = "text") -> Document:
    """A Document written by the test."""
    return Document(text=text, id=id, format=format)  # type: ignore[arg-type]


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def seeds() -> dict[str, tuple[Document, list[str]]]:
    """Every seed loaded and cleaned once: name -> (document, paragraphs)."""
    if not SEEDS.is_dir():
        pytest.skip("seeds/ not present")
    return {Path(d.id).name[:3]: (d, clean_document(d)) for d in load_documents([SEEDS]).documents}


# -- the real seeds ---------------------------------------------------------------------------------------------
def test_no_seed_boilerplate_survives(seeds: dict[str, tuple[Document, list[str]]]) -> None:
    for name, (_, paragraphs) in seeds.items():
        assert paragraphs, name
        for paragraph in paragraphs:
            assert paragraph not in BOILERPLATE_PARAGRAPHS, (name, paragraph)
            for bad in BOILERPLATE_SUBSTRINGS:
                assert bad not in paragraph, (name, bad, paragraph)


def test_every_seed_body_sentence_survives_unchanged(seeds: dict[str, tuple[Document, list[str]]]) -> None:
    """Real prose lines (ending a sentence, not known boilerplate) all reach the output, none glued to another."""
    for name, (document, paragraphs) in seeds.items():
        out = [_norm(p) for p in paragraphs]
        for line in document.text.splitlines():
            line = _norm(line)
            if not TERMINATED.search(line) or any(b in line for b in BOILERPLATE_SUBSTRINGS):
                continue
            line = strip_dateline(line)
            assert line in out, (name, line)


def test_seed_key_sentences_and_datelines(seeds: dict[str, tuple[Document, list[str]]]) -> None:
    for name in ("000", "001"):
        assert any(p.startswith("Japan is home to more than 50,000") for p in seeds[name][1]), name
    assert seeds["001"][1][0].startswith("Japanese and U.S. defense chiefs")  # "TOKYO:" stripped
    assert seeds["004"][1][0].startswith("Japanese and U.S. defense officials")  # "TOKYO." stripped
    assert seeds["003"][1][0].startswith("Top US diplomat Antony Blinken is visiting Japan")
    assert seeds["004"][1][-1].startswith("In a related development, Kihara")  # bio after it is gone


def test_seed_paragraphs_are_clean_prose(seeds: dict[str, tuple[Document, list[str]]]) -> None:
    for name, (_, paragraphs) in seeds.items():
        for p in paragraphs:
            assert TERMINATED.search(p), (name, p)
            assert p == " ".join(p.split()) and "\u00a0" not in p, (name, p)
        assert len({p.casefold() for p in paragraphs}) == len(paragraphs), name


# -- paragraph structure and unwrapping -------------------------------------------------------------------------
PROSE_A = (
    "The agreement was reached after two days of talks between the delegations in the capital. "
    "Officials from both sides said the accord would be signed next week, after parliament approves it. "
    "The opposition has criticised the deal as rushed, but several of its lawmakers are expected to back it. "
    "Analysts said the compromise over border controls was the hardest part of the negotiations."
)
PROSE_B = (
    "Markets rose on the news, with the main index gaining more than two percent by midday. "
    "Investors had feared that a collapse of the talks would trigger new tariffs on exports."
)


def test_hard_wrapped_text_is_unwrapped_and_headings_stay_apart() -> None:
    prose = f"{PROSE_A} It was signed."
    wrapped_a, wrapped_b = textwrap.fill(prose, 68), textwrap.fill(PROSE_B, 68)
    assert len(wrapped_a.splitlines()[-1]) < 0.6 * 68  # precondition: a short last line ends the paragraph
    text = f"Trade Talks Conclude\n{wrapped_a}\n{wrapped_b}\nFull Coverage Of The Summit\n"
    assert hard_wrap_width([text.splitlines()]) is not None
    assert clean_document(doc(text)) == [prose, PROSE_B]


def test_paragraph_end_on_a_long_line_cannot_be_seen_but_nothing_is_lost() -> None:
    wrapped = textwrap.fill(PROSE_A, 68)
    assert len(wrapped.splitlines()[-1]) >= 0.6 * 68
    out = clean_document(doc(f"{wrapped}\n{textwrap.fill(PROSE_B, 68)}\n"))
    assert out == [f"{PROSE_A} {PROSE_B}"]


def test_hard_wrapped_with_blank_lines_and_hyphenated_break() -> None:
    lines = [
        "The agreement was reached after two days of talks between the",
        "delegations in the capital, ending a long period of post-",
        "election uncertainty. Officials from both sides said the accord",
        "would be signed next week, after parliament approves it.",
    ]
    text = "\n".join(lines) + "\n\n" + textwrap.fill(PROSE_B, 64) + "\n"
    assert clean_document(doc(text)) == [
        "The agreement was reached after two days of talks between the delegations in the capital, ending a long "
        "period of post-election uncertainty. Officials from both sides said the accord would be signed next week, "
        "after parliament approves it.",
        PROSE_B,
    ]


def test_unwrapped_text_without_blank_lines_is_one_paragraph_per_line() -> None:
    lines = [
        "The ministers met in Tokyo on Sunday.",
        "Their talks lasted more than five hours, officials said afterwards.",
        "A joint statement is expected to follow on Monday morning.",
    ]
    assert clean_document(doc("\n".join(lines))) == lines


def test_line_continued_in_lower_case_is_joined_in_unwrapped_text() -> None:
    text = "The minister said that the\nagreement would be signed on Friday in the capital.\nOthers disagreed."
    assert clean_document(doc(text)) == [
        "The minister said that the agreement would be signed on Friday in the capital.",
        "Others disagreed.",
    ]


def test_heading_without_punctuation_is_never_glued() -> None:
    text = "Quarterly Results Beat Forecasts\nThe company reported record profits for the third quarter.\n"
    assert clean_document(doc(text)) == ["The company reported record profits for the third quarter."]
    assert split_paragraphs(text)[0] == "Quarterly Results Beat Forecasts"


def test_blank_lines_separate_paragraphs() -> None:
    text = "First paragraph is here.\n\n\nSecond paragraph is here.\n"
    assert clean_document(doc(text)) == ["First paragraph is here.", "Second paragraph is here."]


def test_menu_lines_in_a_block_are_not_joined() -> None:
    assert split_paragraphs("1. Skip to content\n  2. Skip to main menu\n") == [
        "1. Skip to content",
        "2. Skip to main menu",
    ]


def test_duc2004_articles_unwrap_into_running_prose(duc2004: Path) -> None:
    """DUC 2004 (../shared/data/duc2004, skipped when absent): ~70-column lines, no blank lines, ``quotes''."""
    files = sorted((duc2004 / "docs").glob("*/D*.txt"))
    assert files
    single = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if line.strip()]
        out = clean_document(doc(text, id=str(path)))
        assert out, path
        single += len(out) == 1
        joined = " ".join(out)
        assert "``" not in joined and "''" not in joined, path
        assert all(TERMINATED.search(p) for p in out), path
        # words either side of every line break now sit side by side
        for a, b in itertools.pairwise(lines[: min(6, len(lines) - 1)]):  # the last line may be a dropped tail
            left, right = a.split()[-1], b.split()[0]
            if "`" not in left + right and "'" not in left + right and "_" not in left + right:
                assert f"{left} {right}" in joined, (path, left, right)
        # little is lost: datelines and editorial tails ("At its, 4th graf pvs") only
        assert len(joined.split()) >= len(text.split()) - 12, path
    assert single / len(files) > 0.98


def test_duc2004_dateline_stripped(duc2004: Path) -> None:
    for path in sorted((duc2004 / "docs").glob("*/D*.txt")):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        if re.match(r"[A-Z][A-Z ]+, [A-Z][a-z]+ \(AP\) (?:_|-)", first):
            out = clean_document(doc(path.read_text(encoding="utf-8")))
            assert "(AP)" not in out[0][:60] and out[0][0].isupper(), (path, out[0][:80])


# -- normalisation ----------------------------------------------------------------------------------------------
def test_old_style_quotes_dashes_and_whitespace() -> None:
    text = (
        "Hun Sen accused them of trying to ``internationalize'' the crisis _ again.  \u00a0It  was\u200b "
        "a `rare' move -- officials said."
    )
    assert clean_document(doc(text)) == [
        "Hun Sen accused them of trying to \"internationalize\" the crisis — again. It was a 'rare' move — "
        "officials said."
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("PHNOM PENH, Cambodia (AP) _ Cambodian leader Hun Sen said so.", "Cambodian leader Hun Sen said so."),
        ("NAIROBI, Kenya (AP) -- FBI agents began questioning relatives.", "FBI agents began questioning relatives."),
        ("BRUSSELS, Belgium (AP) - The European Union approved aid.", "The European Union approved aid."),
        ("WASHINGTON _ NASA and the Russian Space Agency agreed.", "NASA and the Russian Space Agency agreed."),
        ("ST. JOSEPH, Mich. (AP) — Health authorities reported a death.", "Health authorities reported a death."),
        ("TOKYO: Japanese and U.S. defense chiefs met.", "Japanese and U.S. defense chiefs met."),
        ("TOKYO. Japanese and U.S. defense officials met.", "Japanese and U.S. defense officials met."),
        ("LONDON (Reuters) Britain said on Monday it would act.", "Britain said on Monday it would act."),
        ("U.S. officials said talks would resume.", "U.S. officials said talks would resume."),
        ("NATO allies agreed to send more troops.", "NATO allies agreed to send more troops."),
    ],
)
def test_dateline_stripping(line: str, expected: str) -> None:
    assert clean_document(doc(line)) == [expected]


def test_dateline_only_at_the_start_of_the_body() -> None:
    text = "Headline Without A Stop\n\nFirst real sentence is here.\n\nWASHINGTON _ later paragraph keeps it.\n"
    assert clean_document(doc(text))[1] == "WASHINGTON — later paragraph keeps it."


# -- general boilerplate rules ----------------------------------------------------------------------------------
def test_counters_timestamps_and_symbols_are_dropped() -> None:
    text = "0\n107\n00:28\n___\n\u00a0\nA real sentence stays here.\n"
    assert clean_document(doc(text)) == ["A real sentence stays here."]


def test_media_credits_and_captions_are_dropped() -> None:
    text = (
        "Blinken met Kamikawa in Tokyo on Sunday. Photo: Reuters\n"
        "Protesters gather outside parliament (Image: AFP/Getty)\n"
        "Flooded streets in the old town. Picture by Jane Doe/Agency\n"
        "The photo: a ruined city, she said, moved her.\n"
    )
    assert clean_document(doc(text)) == ["The photo: a ruined city, she said, moved her."]


def test_leading_capital_label_goes_and_the_rest_is_judged() -> None:
    text = "WATCH: Minister Announces New Plan\nDEAR ABBY: My husband and I were getting ready to leave after dinner.\n"
    assert clean_document(doc(text)) == ["My husband and I were getting ready to leave after dinner."]


def test_question_subheadings_dropped_quoted_questions_kept() -> None:
    text = (
        "What do we know about the plans?\n"
        '"Why should we wait?" the minister asked.\n'
        "Is this the end? Officials think it is not, and talks continue.\n"
    )
    assert clean_document(doc(text)) == [
        '"Why should we wait?" the minister asked.',
        "Is this the end? Officials think it is not, and talks continue.",
    ]


def test_unterminated_tail_of_a_long_paragraph_is_trimmed() -> None:
    text = (
        "The storm killed at least 32 people in the region, officials said on Saturday. "
        "Rescue teams were still searching for survivors. At its, 4th graf pvs"
    )
    assert clean_document(doc(text)) == [text.rsplit(" At its", 1)[0]]


def test_abbreviation_is_not_taken_for_a_sentence_end_when_trimming() -> None:
    assert clean_document(doc("Blinken met U.S. Ambassador Rahm Emanuel in Tokyo")) == []


def test_short_repeated_template_dropped_long_repeat_kept_once() -> None:
    long = (
        "Teens love the new earphones, and they are putting them on their holiday wish lists more than "
        "ever before, a new survey found."
    )
    text = (
        f"This browser does not support the video element.\n{long}\nBody.\nThis browser does not support "
        f"the video element.\n{long}\n"
    )
    assert clean_document(doc(text)) == [long, "Body."]


def test_foreign_language_paragraph_dropped_foreign_document_kept() -> None:
    english = (
        "The ministers agreed on Sunday to strengthen their cooperation, and they said that the new "
        "command would be in place by the end of next year."
    )
    spanish = (
        "El ministro de Defensa dijo el domingo que las nuevas medidas de cooperación militar entrarán "
        "en vigor antes de finales del próximo año en todo el país."
    )
    assert clean_document(doc(f"{english}\n\n{spanish}\n\n{english} Again.")) == [english, f"{english} Again."]
    assert clean_document(doc(f"{spanish}\n\n{spanish[:-1]} otra vez.")) == [spanish, f"{spanish[:-1]} otra vez."]


def test_unknown_language_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unsupported language 'klingon'; choose from: arabic, english"):
        clean_document(doc("Text."), language="klingon")
    assert "the" in (load_stopwords("English") or set())


def test_empty_and_all_boilerplate_documents_give_nothing() -> None:
    assert clean_document(doc("")) == []
    assert clean_document(doc("Home\nNews\nSport\n\n© 2024\n")) == []
    assert clean_document(doc("", format="html")) == []
    assert filter_paragraphs([]) == []


def test_cjk_full_stops_count_as_sentence_ends() -> None:
    text = "先日、会議が東京で開かれました。\n報道によると、合意に達したとのことです。\n"
    assert clean_document(doc(text)) == ["先日、会議が東京で開かれました。", "報道によると、合意に達したとのことです。"]


# -- markdown ---------------------------------------------------------------------------------------------------
def test_markdown_syntax_is_reduced_to_text() -> None:
    text = textwrap.dedent("""\
        ---
        title: Front matter
        ---
        # The Heading

        The **ministers** met in [Tokyo](https://example.org/tokyo) on _Sunday_ with `nobody`.

        ```
        code_block = "is dropped entirely."
        ```

        > A quoted sentence stays as text.

        - A list item sentence stands alone.
        - Another list item is here.
        ![a photo](img.png)
        """)
    assert clean_document(doc(text, id="notes.md")) == [
        "The ministers met in Tokyo on Sunday with nobody.",
        "A quoted sentence stays as text.",
        "A list item sentence stands alone.",
        "Another list item is here.",
    ]


# -- HTML -------------------------------------------------------------------------------------------------------
ARTICLE = [
    "The foreign ministers of the four countries met in Tokyo on Monday to discuss maritime security in the "
    "region and agreed to expand joint patrols.",
    "Officials said the talks, the first since September, focused on coast guard cooperation and on the "
    "protection of undersea cables.",
    "A joint statement is expected later this week, after the ministers consult their governments at home.",
]


def _page(body: str, head: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE)
    return (
        f"<!DOCTYPE html><html><head><title>Quad talks</title>{head}<style>p {{ color: red; }}</style>"
        f"<script>var tracking = 'SCRIPT-SECRET';</script></head><body>"
        f"<nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World News</a></li>"
        f"<li><a href='/sport'>Sport</a></li></ul></nav>"
        f"<article><h1>Quad Ministers Meet</h1>{paragraphs}{body}</article>"
        f"<footer><p>Copyright 2024 Example Media. All rights reserved.</p></footer></body></html>"
    )


def test_html_article_extracted_without_script_style_and_menu() -> None:
    out = clean_document(doc(_page(""), id="page.html", format="html"))
    assert out == ARTICLE


def test_html_extraction_fetches_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    head = (
        '<link rel="stylesheet" href="http://203.0.113.9/style.css">'
        '<script src="http://203.0.113.9/app.js"></script><base href="http://203.0.113.9/">'
    )
    body = '<img src="http://203.0.113.9/photo.jpg"><iframe src="http://203.0.113.9/embed"></iframe>'
    assert clean_document(doc(_page(body, head), format="html")) == ARTICLE


def test_html_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    html = (
        f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        + _page("<p>Entity here: &xxe; in the text of the page, which must stay literal.</p>").removeprefix(
            "<!DOCTYPE html>"
        )
    )
    text = extract_main_text(html)
    assert "TOP-SECRET-CONTENT" not in text
    assert ARTICLE[0] in text


def test_html_broken_markup_does_not_raise() -> None:
    assert extract_main_text("<html><body><p>Unclosed <b>tags <div></p>") is not None
    assert isinstance(extract_main_text("\x00\x01 not html at all"), str)


# -- speed ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "unit",
    [
        "a " * 50,  # no punctuation at all
        "A. " * 50,  # initials everywhere
        "WASHINGTON, " * 20,  # dateline-like prefix without an end
        "Photo: " * 30,  # credit-like
        "(" * 100,
        "**a " * 40 + "\n",  # markdown emphasis openers
        "x" * 70 + "\n",  # hard-wrapped-looking lines
    ],
)
def test_cleaning_is_fast_on_adversarial_input(unit: str) -> None:
    text = unit * (400_000 // len(unit))
    start = time.perf_counter()
    clean_document(doc(text, id="x.md"))
    clean_document(doc(text))
    assert time.perf_counter() - start < 10.0


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aAbI1 '’-.,\"—é\n\t_")), max_size=60))
def test_word_counts_follow_the_one_word_pattern(text: str) -> None:
    from summarize.clean import word_counts_of
    from summarize.languages import WORD

    stops = frozenset({"a", "i", "b'a", "ab", "é"})
    words = [w for w in WORD.findall(text.lower().replace("’", "'")) if not w.isdigit()]
    assert word_counts_of(text, stops) == (len(words), sum(w in stops for w in words))
