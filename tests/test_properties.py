"""Properties of the public API that hold for any text (issue 6), checked with Hypothesis.

* nothing but ``SummarizeError`` is ever raised, and a Summary comes back whenever the input has a sentence that
  the budget can hold (the only two InputErrors: no sentence at all, or a budget smaller than every sentence a
  method may choose);
* the summary never exceeds its budget, whatever the unit, method or ``truncate``;
* without compression, every summary sentence occurs in its source document, after the normalisation cleaning
  documents (``normalised`` below: whitespace, Unicode NFC, invisible and control characters, old-style quotes,
  typewriter dashes, and the capital a stripped dateline leaves on the first letter); compression only deletes
  words (``tests/test_compress.py``);
* the output is deterministic;
* a cluster of one document repeated N times gives that document's summary.

Inputs are ``Document`` objects: a plain ``str`` naming an existing path ("." say) is read as that path.
"""

from __future__ import annotations

import os
import re
import unicodedata
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarize import Document, InputError, SummarizeError, Summarizer, Summary
from summarize.api import available_methods, prepare
from summarize.select import budget_capacity, eligible_sentences, sentence_costs
from summarize.types import Budget

METHODS = sorted(available_methods())
VOCABULARY = (  # noqa: SIM905  (words in a sentence read better than a list literal)
    "the ministers met in Tokyo on Sunday and agreed to expand joint patrols said officials talks first since "
    "September coast guard protection of undersea cables statement expected week after governments home China "
    "U.S. Mr. Dr. Gen. Sept. 5 p.m. 3.5 e.g. (AP) TOKYO: WASHINGTON _ -- — “quoted” ``old'' don't it’s 50,000 "
    "café naïve Zürich 東京 会談 اجتمع الوزراء שרי 🎉 😀 #1 * - 1."
).split()
PROPERTY_SETTINGS = settings(  # SUMMARIZE_PROPERTY_EXAMPLES=2000 for a long run
    max_examples=int(os.environ.get("SUMMARIZE_PROPERTY_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def sentences(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=22))
    end = draw(st.sampled_from([".", ".", ".", "!", "?", "", "...", ".”", ".''", "…", "。"]))
    text = " ".join(words) + end
    return text[0].upper() + text[1:] if draw(st.booleans()) else text


@st.composite
def articles(draw: st.DrawFn) -> str:
    """News-like text: paragraphs of sentences, blank-line or line separated, sometimes with noise in between."""
    paragraphs = draw(st.lists(st.lists(sentences(), min_size=1, max_size=4).map(" ".join), min_size=1, max_size=5))
    joiners = draw(st.lists(st.sampled_from(["\n\n", "\n", " ", "\r\n", "\n\n\n", "\x0c"]), min_size=len(paragraphs)))
    text = "".join(p + j for p, j in zip(paragraphs, joiners, strict=False))
    if draw(st.booleans()):
        noise = draw(st.text(max_size=40))  # any Unicode: controls, combining marks, RTL, private use
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + noise + text[cut:]
    return text


TEXTS = st.one_of(articles(), articles(), st.text(max_size=300))
HTML = articles().map(lambda t: "<html><body>" + "".join(f"<p>{p}</p>" for p in t.split("\n")) + "</body></html>")


@st.composite
def clusters(draw: st.DrawFn, html: bool = True) -> list[Document]:
    count = draw(st.integers(1, 3))
    documents = []
    for index in range(count):
        if html and draw(st.integers(0, 4)) == 0:
            documents.append(Document(draw(HTML), id=f"d{index}.html", format="html"))
        else:
            documents.append(Document(draw(TEXTS), id=f"d{index}"))
    return documents


@st.composite
def budgets(draw: st.DrawFn) -> dict[str, int | bool]:
    unit = draw(st.sampled_from(["words", "sentences", "chars"]))
    limit = draw({"words": st.integers(1, 120), "sentences": st.integers(1, 6), "chars": st.integers(1, 800)}[unit])
    return {unit: limit, "truncate": draw(st.booleans())}


def run(
    documents: list[Document], method: str, budget: dict[str, int | bool], **params: Any
) -> Summary | SummarizeError:
    """The summary, or the SummarizeError raised; any other exception fails the test."""
    try:
        return Summarizer(method, **params).summarize(documents, **budget)  # type: ignore[arg-type]
    except SummarizeError as error:
        return error


def fits(documents: list[Document], budget: dict[str, int | bool]) -> bool:
    """Whether some sentence a method may choose fits the budget (any sentence does with ``truncate``).

    The sentences are the pipeline's own (cleaned, split, compressed when the defaults compress) and "may choose"
    is its floor on sentence length (``Options.min_words``, waived when no sentence reaches it).
    """
    from summarize.compress import compress_cluster

    try:
        cluster = prepare(documents)
    except InputError:
        return False
    options = Summarizer().validate()
    texts = (compress_cluster(cluster) if options.compress else cluster).texts
    if budget["truncate"]:
        return True
    limit = Budget(**budget)  # type: ignore[arg-type]
    eligible = eligible_sentences(texts, options.min_words)
    return bool(((sentence_costs(texts, limit) <= budget_capacity(limit)) & eligible).any())


@PROPERTY_SETTINGS
@given(documents=clusters(), method=st.sampled_from(METHODS), budget=budgets())
def test_no_text_raises_anything_but_summarize_errors(
    documents: list[Document], method: str, budget: dict[str, int | bool]
) -> None:
    result = run(documents, method, budget)
    if fits(documents, budget):
        assert isinstance(result, Summary), f"{result!r} although a sentence fits the budget"
        assert result.sentences and result.text.strip()
    else:
        assert isinstance(result, InputError)
        assert str(result).startswith(("no sentences found", f"the budget of {next(iter(budget.values()))} "))


@PROPERTY_SETTINGS
@given(documents=clusters(), method=st.sampled_from(METHODS), budget=budgets())
def test_summary_never_exceeds_its_budget(
    documents: list[Document], method: str, budget: dict[str, int | bool]
) -> None:
    result = run(documents, method, budget)
    if isinstance(result, Summary):
        if "words" in budget:
            assert result.word_count <= budget["words"]
        elif "sentences" in budget:
            assert len(result.sentences) <= budget["sentences"]
        else:
            assert len(result.text) <= budget["chars"]


_INVISIBLE = re.compile(
    r"\x1b(?:\[[0-?]{0,32}[ -/]{0,8}[@-~]|[@-Z\\-_])"  # terminal escapes, as clean.py removes them
    r"|[\u00ad\u200b-\u200f\u2060\ufeff\x00-\x1f\x7f]"
)
_DASHES = re.compile(r"--|_|—")


def normalised(text: str) -> str:
    """Text as cleaning leaves it, up to layout: NFC, invisible and control characters out, ````x''`` and ``'x'``
    quotes as ``"x"``, typewriter dashes as em dashes, and no whitespace at all (unwrapping joins lines)."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    text = _DASHES.sub("—", text.replace("``", '"').replace("`", "'").replace("''", '"'))
    return "".join(text.split())  # after the dashes: "- -" must not become "--"


def occurs_in(sentence: str, source: str) -> bool:
    """``sentence`` occurs in ``source`` after normalisation; its first letter may have been capitalised."""
    wanted, haystack = normalised(sentence), normalised(source)
    return wanted in haystack or (wanted[:1].lower() + wanted[1:]) in haystack


@PROPERTY_SETTINGS
@given(documents=clusters(html=False), method=st.sampled_from(METHODS), budget=budgets())
def test_every_summary_sentence_occurs_in_its_source(
    documents: list[Document], method: str, budget: dict[str, int | bool]
) -> None:
    result = run(documents, method, {**budget, "truncate": False}, compress=False)  # compression: test_compress.py
    if isinstance(result, Summary):
        for sentence in result.sentences:
            source = documents[sentence.doc_index]
            assert sentence.document == source.id
            assert occurs_in(sentence.text, source.text), (sentence.text, source.text)


@PROPERTY_SETTINGS
@given(documents=clusters(), method=st.sampled_from(METHODS), budget=budgets())
def test_output_is_deterministic(documents: list[Document], method: str, budget: dict[str, int | bool]) -> None:
    first, second = run(documents, method, budget), run(list(documents), method, budget)
    if isinstance(first, Summary):
        assert isinstance(second, Summary) and first.to_json() == second.to_json()
    else:
        assert type(first) is type(second) and str(first) == str(second)


@PROPERTY_SETTINGS
@given(
    text=TEXTS,
    copies=st.integers(2, 4),
    method=st.sampled_from(METHODS),
    budget=budgets(),
)
def test_a_document_repeated_n_times_gives_its_summary(
    text: str, copies: int, method: str, budget: dict[str, int | bool]
) -> None:
    alone = run([Document(text, id="a")], method, budget)
    repeated = run([Document(text, id=f"copy-{i}") for i in range(copies)], method, budget)
    if isinstance(alone, Summary):
        assert isinstance(repeated, Summary) and repeated.text == alone.text
        assert [s.position for s in repeated.sentences] == [s.position for s in alone.sentences]
        assert all(s.supporting_sources == tuple(f"copy-{i}" for i in range(1, copies)) for s in repeated.sentences)
    else:
        assert str(repeated) == str(alone)
