"""Render a Summary as plain text, Markdown with numbered source citations, or JSON."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from summarize.types import Summary

FORMATS = ("text", "markdown", "json")


_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>&])")
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([#>+=|-]|\d+(?=[.)]))")
_URL_PLAIN = re.compile(r"[^\s()<>]*")


def escape_markdown(text: str) -> str:
    """``text`` as literal CommonMark: inline markup characters backslash-escaped, and a leading heading, quote,
    list or table marker neutralised (any ASCII punctuation may be escaped, CommonMark 0.31 section 2.4)."""
    escaped = _MARKDOWN_INLINE.sub(r"\\\1", text)
    return _MARKDOWN_LINE_START.sub(_escape_line_start, escaped)


def _escape_line_start(match: re.Match[str]) -> str:
    """``#`` -> ``\\#``; ``12.`` -> ``12\\.`` (a list number is neutralised by escaping what follows it)."""
    indent, marker = match.group(1), match.group(2)
    return indent + (marker + "\\" if marker[0].isdigit() else "\\" + marker)


def markdown_url(url: str) -> str:
    """``url`` as a Markdown link destination: as it is, or, with spaces or brackets, in the ``<...>`` form (angle
    brackets percent-encoded, which the form cannot hold), so parentheses keep their meaning."""
    if _URL_PLAIN.fullmatch(url):
        return url
    return "<" + url.replace("<", "%3C").replace(">", "%3E").replace("\n", "%0A") + ">"


def source_label(summary: Summary, doc_index: int) -> str:
    """How a source is named in citations: its title and URL when known, else its id (escaped for Markdown)."""
    document = summary.documents[doc_index] if doc_index < len(summary.documents) else None
    if document is None:
        return str(doc_index)
    name = escape_markdown(document.title or document.id or f"document {doc_index + 1}")
    return f"[{name}]({markdown_url(document.url)})" if document.url else name


def render_text(summary: Summary) -> str:
    """The summary as one paragraph of plain text."""
    return summary.text


def render_markdown(summary: Summary) -> str:
    """The summary with a citation number after each sentence and a numbered list of the sources cited."""
    cited: dict[int, int] = {}
    parts = []
    for sentence in summary.sentences:
        number = cited.setdefault(sentence.doc_index, len(cited) + 1)
        parts.append(f"{escape_markdown(sentence.text)} [{number}]")
    lines = [" ".join(parts), "", "**Sources**", ""]
    lines += [f"{number}. {source_label(summary, index)}" for index, number in cited.items()]
    return "\n".join(lines)


def summary_to_dict(summary: Summary) -> dict[str, Any]:
    """A JSON-ready dict: the text, every sentence with source, position, score and supporting sources."""
    return {
        "method": summary.method,
        "text": summary.text,
        "words": summary.word_count,
        "sentences": [
            {
                "text": s.text,
                "source": s.document,
                "position": s.position,
                "score": round(s.score, 6),
                "supporting_sources": list(s.supporting_sources),
            }
            for s in summary.sentences
        ],
        "sources": [{"id": d.id, "title": d.title, "url": d.url, "published": d.published} for d in summary.documents],
    }


def render(summary: Summary, output_format: str = "text") -> str:
    """Dispatch on ``output_format`` (one of FORMATS)."""
    if output_format == "markdown":
        return render_markdown(summary)
    if output_format == "json":
        return json.dumps(summary_to_dict(summary), ensure_ascii=False, indent=2)
    return render_text(summary)
