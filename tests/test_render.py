"""Markdown output stays literal text under a CommonMark parser: titles, URLs and sentences are escaped."""

from __future__ import annotations

import html

import pytest
from markdown_it import MarkdownIt

from summarize import Document, Summary, SummarySentence
from summarize.render import escape_markdown, render_markdown

TRICKY = [
    "Costs rose 5*3 [sic] <b>_x_</b> & `code` \\ more.",
    "# Not a heading.",
    "1984. Not a list item.",
    "- Not a bullet.",
    "> Not a quote.",
    "&copy; is not an entity.",
]


@pytest.mark.parametrize("text", TRICKY)
def test_escaped_text_renders_as_itself(text: str) -> None:
    rendered = MarkdownIt("commonmark").render(escape_markdown(text))
    assert rendered == f"<p>{html.escape(text, quote=False)}</p>\n"


def test_citations_keep_titles_and_urls_intact() -> None:
    document = Document("x", id="d1", title="Japan [live] *update*", url="https://example.com/a (b)?q=<1>")
    summary = Summary(
        sentences=(SummarySentence(text="Tokyo hosted [the] talks_on_Sunday.", document="d1", position=0, score=1.0),),
        documents=(document,),
    )
    rendered = MarkdownIt("commonmark").render(render_markdown(summary))
    assert "<p>Tokyo hosted [the] talks_on_Sunday. [1]</p>" in rendered
    assert '<a href="https://example.com/a%20(b)?q=%3C1%3E">Japan [live] *update*</a>' in rendered
    plain = Document("x", id="d1", title="T", url="https://example.com/a_b")
    assert "(https://example.com/a_b)" in render_markdown(Summary(summary.sentences, documents=(plain,)))
