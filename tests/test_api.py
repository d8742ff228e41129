"""The Python API: inputs of every kind, budgets, the Summarizer's scikit-learn conventions."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarize import Document, InputError, Summarizer, UsageError, prepare, split_sentences, summarize

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "001_8392e74e520cd89a.txt"


def test_summarize_accepts_paths_texts_and_documents_alike() -> None:
    text = SEED.read_text(encoding="utf-8")
    by_path = summarize([SEED], words=60)
    by_named_path = Summarizer().summarize_paths(str(SEED), words=60)
    by_text = summarize([text], words=60)
    by_document = summarize([Document(text=text, id="a")], words=60)
    assert by_path.text == by_named_path.text == by_text.text == by_document.text
    assert by_document.sentences[0].document == "a"
    assert by_path.sentences[0].document == by_named_path.sentences[0].document == str(SEED)


def test_a_string_is_text_never_a_file_read(tmp_path: Path) -> None:
    """A str naming an existing file is summarised as the text it is, with a warning naming the explicit call."""
    secret = tmp_path / "notes.txt"
    secret.write_text("The launch codes are kept in the blue folder on the second shelf of the office.\n")
    warned = pytest.warns(FutureWarning, match=r"summarised as text.*Path\(.*summarize_paths")
    with warned, pytest.raises(InputError, match="no sentences"):  # a bare path is no sentence: nothing is read
        summarize([str(secret)], words=60)
    article = "Officials met in Tokyo on Sunday to discuss missile production and a joint command."
    with pytest.warns(FutureWarning):
        summary = summarize([article, str(secret)], words=60)
    assert "launch codes" not in summary.text and "blue folder" not in summary.text


def test_ordinary_text_gives_no_path_warning(recwarn: pytest.WarningsRecorder) -> None:
    summarize(["The 24/7 news cycle never stops. Reporters in Tokyo said the talks went well on Sunday."], words=20)
    assert not [w for w in recwarn if issubclass(w.category, FutureWarning)]


def test_summarize_paths_reads_names_and_pathlikes_alike() -> None:
    by_name = Summarizer().summarize_paths([str(ROOT / "seeds")], words=80)
    assert by_name.text == Summarizer().summarize_paths(ROOT / "seeds", words=80).text
    with pytest.raises(InputError):
        Summarizer().summarize_paths([42], words=80)  # type: ignore[list-item]


def test_summary_sentences_carry_source_position_score() -> None:
    summary = summarize([ROOT / "seeds"], words=150)
    assert summary.sentences and summary.word_count <= 150
    for sentence in summary.sentences:
        assert sentence.document.endswith(".txt")
        assert sentence.position >= 0
        assert 0.0 <= sentence.score <= 1.0
    assert summary.text == " ".join(s.text for s in summary.sentences)


def test_summarizer_is_configured_once_and_reused() -> None:
    summarizer = Summarizer("mmr", lambda_=0.6)
    assert summarizer.get_params()["lambda_"] == 0.6
    first = summarizer.summarize([ROOT / "seeds"], sentences=3)
    second = summarizer.summarize([SEED], sentences=3)
    again = summarizer.summarize([ROOT / "seeds"], sentences=3)
    assert first.text == again.text  # no hidden state carried between clusters
    assert first.text != second.text
    assert summarizer.set_params(lambda_=0.9) is summarizer and summarizer.lambda_ == 0.9
    with pytest.raises(UsageError):
        summarizer.set_params(nope=1)


def test_lambda_changes_the_summary() -> None:
    relevant = summarize([ROOT / "seeds"], words=150, method="mmr", lambda_=1.0)
    diverse = summarize([ROOT / "seeds"], words=150, method="mmr", lambda_=0.2)
    assert relevant.text != diverse.text


def test_sentence_order_follows_documents_and_positions() -> None:
    summary = summarize([ROOT / "seeds"], words=150)
    keys = [(s.doc_index, s.position) for s in summary.sentences]
    assert keys == sorted(keys)


def test_a_cut_sentence_ends_the_summary_after_the_whole_ones_in_reading_order() -> None:
    cluster = prepare([ROOT / "seeds"])
    # verbatim, to compare; a configuration (the lead prior strong) whose cut sentence reads earlier than the last whole
    previous = {"centrality": "centroid", "lambda_": 0.9, "position_weight": 0.6, "redundancy": "cosine"}
    summary = Summarizer(compress=False, **previous).summarize(cluster, words=100, truncate=True)
    *complete, last = summary.sentences
    keys = [(s.doc_index, s.position) for s in complete]
    assert keys == sorted(keys)
    assert (last.doc_index, last.position) < keys[-1]  # reading order alone would have put it earlier
    assert summary.word_count == 100
    source = {(s.doc_index, s.position): text for s, text in zip(cluster.sentences, cluster.texts, strict=True)}
    cut_from = source[(last.doc_index, last.position)]
    assert cut_from.startswith(last.text) and cut_from != last.text
    assert all(source[(s.doc_index, s.position)] == s.text for s in complete)


def test_published_dates_order_the_documents() -> None:
    text_a = "The council approved the new budget for the city on Monday evening after debate."
    text_b = "The mayor signed the approved budget into law on Friday morning at city hall."
    newer_first = [Document(text_b, id="b", published="2024-05-10"), Document(text_a, id="a", published="2024-05-06")]
    summary = summarize(newer_first, sentences=2, redundancy_threshold=1.01)
    assert [s.document for s in summary.sentences] == ["a", "b"]


def test_split_sentences_is_exported() -> None:
    assert split_sentences("The U.S. Army arrived. It left at 5 p.m. on Monday.") == [
        "The U.S. Army arrived.",
        "It left at 5 p.m. on Monday.",
    ]


def test_bad_inputs_raise_clear_errors() -> None:
    with pytest.raises(InputError, match="no documents"):
        summarize([], words=10)
    with pytest.raises(InputError, match="no sentences"):
        summarize(["   \n  "], words=10)
    with pytest.raises(UsageError, match="positive"):
        summarize([SEED], words=0)
    with pytest.raises(UsageError, match="unknown method"):
        summarize([SEED], method="magic")
