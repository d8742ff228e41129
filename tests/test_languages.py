"""--language: the languages of the registry (stemmer, stop words, splitter rules) work offline; others fail clearly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from summarize import Summarizer, UsageError, split_sentences, summarize, supported_languages
from summarize.cli import main
from summarize.represent import content_terms, stop_words

ROOT = Path(__file__).resolve().parent.parent

GERMAN = """Der Stadtrat hat am Montagabend den Haushalt für das kommende Jahr beschlossen.
Nach langer Debatte stimmten 41 von 60 Ratsmitgliedern für den Entwurf der Bürgermeisterin.
Der Haushalt sieht höhere Ausgaben für Schulen und den öffentlichen Nahverkehr vor, z.B. für neue Straßenbahnen.

Die Opposition kritisierte die geplanten Schulden scharf. Warum sollen künftige Generationen dafür zahlen?
Die Bürgermeisterin verteidigte den Haushalt und sprach von notwendigen Investitionen in Schulen und Nahverkehr.
Der Haushalt tritt im Januar in Kraft!"""

FRENCH = """Le conseil municipal a adopté lundi soir le budget de l'année prochaine.
Après un long débat, 41 conseillers sur 60 ont voté pour le projet de la maire.
Le budget prévoit davantage de dépenses pour les écoles et les transports publics.

L'opposition a vivement critiqué la dette prévue.
« Pourquoi les générations futures devraient-elles payer ? » a demandé un élu.
La maire a défendu le budget et parlé d'investissements nécessaires dans les écoles et les transports.
Le budget entrera en vigueur en janvier."""


def test_supported_languages_have_a_stemmer_stop_words_and_a_splitter() -> None:
    import Stemmer

    from summarize.languages import get_language

    languages = supported_languages()
    assert {"english", "german", "french", "spanish", "italian", "portuguese", "swedish", "arabic"} <= set(languages)
    for language in languages:
        assert get_language(language).stemmer in Stemmer.algorithms()
        assert len(stop_words(language)) > 50


def test_german_is_split_stemmed_and_summarised() -> None:
    sentences = split_sentences(GERMAN.split("\n\n")[0], "german")
    assert sentences[-1].startswith("Der Haushalt sieht höhere Ausgaben") and sentences[-1].endswith(
        "vor, z.B. für neue Straßenbahnen."
    )
    assert len(sentences) == 3
    assert content_terms("Die Schulen und der Nahverkehr", "german") == ["schul", "nahverkehr"]
    summary = summarize([GERMAN], sentences=2, language="german")
    assert len(summary.sentences) == 2
    assert all(s.text in " ".join(GERMAN.split()) for s in summary.sentences)
    assert any("Haushalt" in s.text for s in summary.sentences)


def test_french_is_split_with_spaced_guillemets_and_summarised() -> None:
    sentences = split_sentences(FRENCH.split("\n\n")[1], "french")
    assert sentences == [
        "L'opposition a vivement critiqué la dette prévue.",
        "« Pourquoi les générations futures devraient-elles payer ? » a demandé un élu.",
        "La maire a défendu le budget et parlé d'investissements nécessaires dans les écoles et les transports.",
        "Le budget entrera en vigueur en janvier.",
    ]
    summary = summarize([FRENCH], words=40, language="french")
    assert 0 < summary.word_count <= 40
    assert all(s.text in " ".join(FRENCH.split()) for s in summary.sentences)


def test_arabic_question_mark_ends_a_sentence() -> None:
    text = "وصل الوزير إلى طوكيو يوم الأحد. هل ستتغير السياسة؟ قال المتحدث إن المحادثات كانت مثمرة."
    assert len(split_sentences(text, "arabic")) == 3


def test_the_language_changes_the_terms() -> None:
    # German stop words and stems: "die", "und" are dropped in German, and "Häuser" is stemmed the German way
    assert content_terms("die Häuser und Straßen", "german") == content_terms("Häuser Straßen", "german")
    assert content_terms("die Häuser und Straßen", "german") != content_terms("die Häuser und Straßen", "english")


@pytest.mark.parametrize("language", ["klingon", "russian", "English", ""])
def test_unsupported_languages_are_a_clear_usage_error(language: str) -> None:
    with pytest.raises(UsageError, match="choose from: arabic, english, french, german"):
        Summarizer(language=language).summarize([GERMAN], sentences=1)


def test_cli_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "artikel.txt"
    article.write_text(GERMAN, encoding="utf-8")
    assert main([str(article), "--language", "german", "--sentences", "2"]) == 0
    assert "Haushalt" in capsys.readouterr().out
    for command in ([str(article)], ["split", str(article)]):
        process = subprocess.run(
            [sys.executable, "-m", "summarize", *command, "--language", "klingon"],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert process.returncode == 2 and process.stdout == ""
        assert process.stderr.startswith("summarize: error: unsupported language 'klingon'; choose from: arabic")
        assert process.stderr.count("\n") == 1


def test_cli_help_lists_exactly_the_supported_languages(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    listed = help_text.split("stop words): ")[1].split(".")[0].replace(" or ", ", ").split(", ")
    assert tuple(listed) == supported_languages()


@pytest.mark.parametrize(
    "text",
    [
        "« Attendez… » a-t-il dit. Puis il est parti. Elle a répondu : « Non ! » Le soir… tout était calme.",
        "Er sagte: « Das ist gut. » Dann ging er… Sie wartete.",
    ],
)
def test_spaced_guillemets_keep_every_character_in_order(text: str) -> None:
    sentences = split_sentences(text, "french")
    assert " ".join(sentences) == " ".join(text.split())
    assert not any(s.endswith("«") or s.startswith("»") for s in sentences)  # quotes stay with their words


def test_the_registry_is_the_one_list_of_languages() -> None:
    from summarize import languages
    from summarize.split import supported_languages as splitter_languages

    registered = tuple(languages.LANGUAGES)
    assert supported_languages() == languages.supported_languages() == splitter_languages() == registered
    for name in supported_languages():
        assert languages.boilerplate_stop_words(name), name
