"""Sentence segmentation: the newswire cases the splitter must get right, in English and the other languages."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.clean import split_paragraphs
from summarize.errors import UsageError
from summarize.split import split_paragraph, split_sentences

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
    # Hard-wrapped newswire (DUC 2004 d30001t): "Sep." ends a line and "24." opens the next.
    text = (
        "Sam Rainsy, the leader of the opposition party, said on Monday that he\n"
        "and his colleagues had left the country before parliament opened on Sep.\n"
        "24. Hun Sen, the strongman of the ruling party, stayed home and said\n"
        "that the opposition was trying to make its members' return an issue.\n"
    )
    assert split_sentences(text) == [
        "Sam Rainsy, the leader of the opposition party, said on Monday that he and his colleagues had left the "
        "country before parliament opened on Sep. 24.",
        "Hun Sen, the strongman of the ruling party, stayed home and said that the opposition was trying to make its "
        "members' return an issue.",
    ]


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


def test_cleaning_and_splitting_share_one_paragraph_model() -> None:
    text = "Title Of The Story\nFirst line of the body.\n\n\nSecond   paragraph."
    assert split_paragraphs(text) == ["Title Of The Story", "First line of the body.", "Second   paragraph."]
    assert split_sentences(text) == ["Title Of The Story", "First line of the body.", "Second paragraph."]
    assert split_sentences(text) == [s for p in split_paragraphs(text) for s in split_paragraph(p)]


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


def test_deterministic(seeds_dir) -> None:
    text = (seeds_dir / "004_79367e401523b84a.txt").read_text(encoding="utf-8")
    first = split_sentences(text)
    assert split_sentences(text) == first
    path = str(seeds_dir / "004_79367e401523b84a.txt")
    code = f"from summarize.split import split_sentences; print(split_sentences(open({path!r}).read()))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == str(first)


_PIECES = [*"aZ .?!\n\"'”…3-", "Mr. ", "U.S. ", "No. ", "1. ", "Title Case", "\n\n", "\u00a0"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_output_form_for_any_text(text: str) -> None:
    sentences = split_sentences(text)
    assert all(s and s == " ".join(s.split()) for s in sentences)
    assert "".join(sentences).replace(" ", "") == re.sub(r"\s+", "", text)


# --- offline, cheap to import -------------------------------------------------------------------------------------


def test_splitting_imports_no_nltk_and_reads_no_file() -> None:
    code = (
        "import builtins, sys\n"
        "from summarize.split import split_sentences\n"
        "def forbidden(*args, **kwargs): raise AssertionError('the splitter must read no file')\n"
        "builtins.open = forbidden\n"
        "print(split_sentences('Gen. Smith left. He came back.'), split_sentences('Er kam am 3. Mai.', 'german'))\n"
        "print('nltk' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[:2] == ["['Gen. Smith left.', 'He came back.'] ['Er kam am 3. Mai.']", "False"]


def test_unknown_language_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="klingon"):
        split_sentences("Hello there.", language="klingon")
    with pytest.raises(UsageError):
        split_sentences("Hello there.", language="../../etc/passwd")


def test_every_language_has_disjoint_abbreviations_and_sentence_starters() -> None:
    from summarize.languages import LANGUAGES

    for language in LANGUAGES.values():
        rules = language.splitter
        listed = rules.titles | rules.abbreviations | rules.number_abbreviations
        assert all(a == a.lower() and not a.endswith(".") and " " not in a for a in listed), language.name
        assert not (rules.titles | rules.abbreviations) & rules.sentence_starters, language.name
        assert rules.capitalised <= rules.abbreviations | rules.titles, language.name


# --- the news cases of issue 14 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Opposition leaders fled the country following threats of arrest from strongman Hun Sen. Hun Sen "
            "complained Monday that the opposition was trying to internationalize the crisis.",
            [
                "Opposition leaders fled the country following threats of arrest from strongman Hun Sen.",
                "Hun Sen complained Monday that the opposition was trying to internationalize the crisis.",
            ],
        ),
        (
            "Courts are seen as loyal to Hun Sen. The king has powers to grant pardons.",
            ["Courts are seen as loyal to Hun Sen.", "The king has powers to grant pardons."],
        ),
        (
            "The patient was ill. Doctors said he would recover.",
            ["The patient was ill.", "Doctors said he would recover."],
        ),
        ("He was born in Springfield, Ill. He moved away.", ["He was born in Springfield, Ill.", "He moved away."]),
        ("SPRINGFIELD, Ill. Lawmakers met on Monday.", ["SPRINGFIELD, Ill. Lawmakers met on Monday."]),
        ("Please turn to p. 55 of the report.", ["Please turn to p. 55 of the report."]),
        (
            "You can find it at N°. 5 on the list. It is there.",
            ["You can find it at N°. 5 on the list.", "It is there."],
        ),
        (
            "We make a good team, you and I. Did you see Albert I. Jones yesterday?",
            ["We make a good team, you and I.", "Did you see Albert I. Jones yesterday?"],
        ),
        ("1) Ceasefire now 2) Talks in May 3) Elections", ["1) Ceasefire now", "2) Talks in May", "3) Elections"]),
        ("1.) The first item 2.) The second item", ["1.) The first item", "2.) The second item"]),
        ("a. The first item b. The second item", ["a. The first item", "b. The second item"]),
        ("• 9. The first item • 10. The second item", ["• 9. The first item", "• 10. The second item"]),
        ("1. The vote. 2. The count.", ["1. The vote.", "2. The count."]),
    ],
)
def test_news_cases(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The commission named other liberation movements. . . . The Commission finds that they killed people.",
        "Victims of political trials . . . were often labeled as collaborators. . . .",
        "He said it was over . . . . Then he left.",
        "Leaders come and go. . . . They even get sacked.",
    ],
)
def test_spaced_ellipses_never_become_sentences_of_their_own(text: str) -> None:
    sentences = split_sentences(text)
    assert all(re.search(r"\w", s) for s in sentences), sentences
    assert " ".join(sentences) == text


def test_spaced_ellipsis_after_a_sentence_opens_the_next() -> None:
    # pySBD's Golden Rule: the period ends the sentence, the ellipsis starts the quoted continuation.
    assert split_sentences("It was weakened into compounds. . . . The practice was not abandoned.") == [
        "It was weakened into compounds.",
        ". . . The practice was not abandoned.",
    ]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("german", "Er traf Dr. Müller am 3. Oktober in Berlin. Sie sprachen lange.", 2),
        ("german", "Es gibt z. B. Äpfel. Die Frau sagte: „Und auch keine Lust.“ Wir gingen.", 3),
        ("french", "M. Dupont est arrivé. Il a parlé avec Mme Durand.", 2),
        ("spanish", "¿Cómo está hoy? Espero que muy bien. El Dr. Naser llegó.", 3),
        ("italian", "Buongiorno! Sono l'Ing. Mengozzi. È presente l'Avv. Cassioni?", 3),
        ("portuguese", "O Sr. Silva chegou às 10 horas. Ele falou com a Dra. Costa.", 2),
        ("swedish", "Vi träffade dr. Berg den 3. maj. Han kom t.ex. från Lund.", 2),
        ("arabic", "وصل الوزير إلى طوكيو يوم الأحد. هل ستتغير السياسة؟ قال المتحدث إن المحادثات كانت مثمرة.", 3),
        ("english", "他来了。她走了！你呢？", 3),
    ],
)
def test_other_languages(language: str, text: str, expected: int) -> None:
    sentences = split_sentences(text, language)
    assert len(sentences) == expected, sentences
    assert "".join(sentences).replace(" ", "") == text.replace(" ", "")


def test_two_sentences_of_duc_cluster_d30001t_are_two(duc2004, tmp_path) -> None:
    from summarize.cli import main

    out = tmp_path / "summary.txt"
    assert main([str(duc2004 / "docs" / "d30001t"), "--sentences", "2", "-o", str(out)]) == 0
    lines = [line for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(split_sentences(" ".join(lines))) == 2


def test_no_sentence_of_the_duc_articles_is_only_punctuation(duc2004) -> None:
    for path in sorted((duc2004 / "docs").glob("*/*.txt")):
        for sentence in split_sentences(path.read_text(encoding="utf-8")):
            assert re.search(r"\w", sentence), (path, sentence)
