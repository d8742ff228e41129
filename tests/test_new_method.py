"""A new method is one new module plus one registry line: a toy method, registered the way the shipped ones are,
runs end to end through the API, ``summarize methods`` and ``summarize run``; and sumy's baselines keep
third-party warnings to themselves (issue 16)."""

from __future__ import annotations

import sys
import textwrap
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarize import Document, Summarizer, UsageError, available_methods
from summarize.cli import main
from summarize.methods import METHODS, Method, register

ROOT = Path(__file__).resolve().parent.parent

TOY_MODULE = '''
"""A toy method: the first sentence of each document, in document order, within the budget."""

import numpy as np

from summarize.methods.ranking import in_order


def first_sentences(cluster, budget, options):
    firsts = [i for i, s in enumerate(cluster.sentences) if s.position == 0]
    scores = np.zeros(len(cluster.sentences))
    scores[firsts] = 1.0
    return in_order(firsts, cluster, budget, options), scores
'''


@pytest.fixture
def toy_method(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Method]:
    (tmp_path / "toy_first_method.py").write_text(textwrap.dedent(TOY_MODULE), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr("summarize.methods.METHODS", dict(METHODS))  # the registry as it was, after the test
    import summarize.methods as registry

    yield register(Method("first", "the first sentence of every document", "toy_first_method:first_sentences"))
    sys.modules.pop("toy_first_method", None)
    assert registry.METHODS is not METHODS


def test_a_registered_method_runs_through_the_api(toy_method: Method) -> None:
    docs = [Document("Alpha team won the cup on Sunday. Fans cheered for hours.", id="a"),
            Document("Beta league cancelled its final round. Officials blamed the storm.", id="b")]  # fmt: skip
    assert available_methods()["first"] == toy_method.help
    summary = Summarizer("first", min_words=1).summarize(docs, words=40)
    assert summary.method == "first"
    assert [s.text for s in summary.sentences] == [
        "Alpha team won the cup on Sunday.",
        "Beta league cancelled its final round.",
    ]
    with pytest.raises(UsageError, match="a query works with the methods"):
        Summarizer("first", query="storm").validate()  # takes_query=False by default


def test_a_registered_method_runs_through_the_cli(toy_method: Method, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["methods"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[-1].split()[0] == "first" and listing[-1].endswith(toy_method.help)
    assert main([str(ROOT / "seeds"), "--method", "first", "--sentences", "2"]) == 0
    out = capsys.readouterr().out
    assert out.strip() and len(out.strip().splitlines()) == 1


def test_an_unknown_method_names_the_registry() -> None:
    with pytest.raises(UsageError, match=r"unknown method 'frist'; choose from: mmr, centroid"):
        Summarizer("frist").validate()


def test_sumy_lexrank_on_tiny_input_shows_no_third_party_warning() -> None:
    """Two sentences without a shared word give every word sumy's IDF log(2 / 2) = 0, so LexRank's power method
    divides zero by zero; numpy's RuntimeWarning stays inside and the ranking is sumy's (document order)."""
    docs = ["Storm hits coast.", "Markets rallied strongly."]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        summary = Summarizer("sumy-lexrank", min_words=1).summarize(docs, sentences=2)
    assert [str(w.message) for w in caught] == []
    assert [s.text for s in summary.sentences] == docs
    assert all(0.0 <= s.score <= 1.0 for s in summary.sentences)


def test_sumy_lexrank_on_tiny_input_prints_nothing_on_stderr(tmp_path: Path) -> None:
    import subprocess

    article = tmp_path / "tiny.txt"
    article.write_text("Storm hits coast.\n\nMarkets rallied strongly.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "summarize", str(article), "-m", "sumy-lexrank", "--sentences", "1"],
                          capture_output=True, text=True, cwd=ROOT)  # fmt: skip
    assert done.returncode == 0 and done.stdout == "Storm hits coast.\n"
    assert done.stderr == ""
