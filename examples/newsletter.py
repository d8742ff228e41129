"""A newsletter from a JSONL file of news clusters: one story per cluster, with headline, summary and linked sources.

    python examples/newsletter.py examples/clusters.jsonl --out newsletter/ --words 100

writes ``newsletter/newsletter.md`` and ``newsletter/newsletter.html``. The headline is the cluster's ``title``, else
its first document's; a cluster's ``query`` focuses its summary (else ``--query``, if given). Only the public API
is used: ``read_clusters``, ``Summarizer`` and the ``Summary`` it returns.
"""

from __future__ import annotations

import argparse
import html
import sys
from collections.abc import Sequence
from pathlib import Path

from summarize import ClusterRecord, SummarizeError, Summarizer, Summary, read_clusters

STYLE = """
body { font: 17px/1.55 Georgia, "DejaVu Serif", serif; color: #1d1d1f; background: #f4f1ea; margin: 0; }
main { max-width: 760px; margin: 0 auto; padding: 32px 28px 48px; background: #fffdf8; }
header h1 { font: 700 34px/1.2 "DejaVu Sans", Arial, sans-serif; margin: 0 0 4px; }
header p { color: #6b6b6b; margin: 0 0 24px; }
article { border-top: 3px solid #1d1d1f; padding-top: 14px; margin-top: 28px; }
article h2 { font: 700 24px/1.25 "DejaVu Sans", Arial, sans-serif; margin: 0 0 10px; }
sup a { color: #8a4b08; text-decoration: none; font-size: 12px; }
ol.sources { font: 14px/1.45 "DejaVu Sans", Arial, sans-serif; color: #444; padding-left: 22px; }
ol.sources a { color: #0b57a4; }
time { color: #6b6b6b; }
"""


def headline(cluster: ClusterRecord) -> str:
    """The cluster's title, else its first document's title, else its id."""
    return cluster.title or next((d.title for d in cluster.documents if d.title), None) or cluster.id


def citations(summary: Summary) -> dict[int, int]:
    """Citation number of each cited document (by index), numbered in order of first citation."""
    cited: dict[int, int] = {}
    for sentence in summary.sentences:
        cited.setdefault(sentence.doc_index, len(cited) + 1)
    return cited


def is_web_address(url: str | None) -> bool:
    """Only http(s) addresses become links (a ``javascript:`` URL in a feed must not run in a reader's browser)."""
    return bool(url) and url.lower().startswith(("https://", "http://"))


def story_markdown(cluster: ClusterRecord, summary: Summary) -> str:
    """One story in Markdown: the headline, then the summary with numbered citations and its sources."""
    return f"## {headline(cluster)}\n\n{summary.to_markdown()}\n"


def story_html(number: int, cluster: ClusterRecord, summary: Summary) -> str:
    """One story as an HTML <article>: every text and attribute escaped, sources linked only when http(s)."""
    cited = citations(summary)
    anchor = f"story-{number}-source"
    body = " ".join(
        f'{html.escape(s.text)}<sup><a href="#{anchor}-{cited[s.doc_index]}">[{cited[s.doc_index]}]</a></sup>'
        for s in summary.sentences
    )
    items = []
    for index, citation in cited.items():
        document = summary.documents[index]
        name = html.escape(document.title or document.id)
        link = f'<a href="{html.escape(document.url)}">{name}</a>' if is_web_address(document.url) else name
        when = html.escape(document.published or "")
        date = f' <time datetime="{when}">{when}</time>' if when else ""
        items.append(f'<li id="{anchor}-{citation}">{link}{date}</li>')
    return (
        f'<article id="story-{number}">\n<h2>{html.escape(headline(cluster))}</h2>\n<p>{body}</p>\n'
        f'<ol class="sources">\n{chr(10).join(items)}\n</ol>\n</article>'
    )


def newsletter(stories: Sequence[tuple[ClusterRecord, Summary]], title: str) -> tuple[str, str]:
    """The whole newsletter as (Markdown, HTML)."""
    markdown = "\n".join([f"# {title}\n", *(story_markdown(c, s) for c, s in stories)])
    articles = "\n".join(story_html(n, c, s) for n, (c, s) in enumerate(stories, start=1))
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>{STYLE}</style>
</head>
<body>
<main>
<header><h1>{html.escape(title)}</h1><p>{len(stories)} {"story" if len(stories) == 1 else "stories"}</p></header>
{articles}
</main>
</body>
</html>
"""
    return markdown, page


def main(argv: Sequence[str] | None = None) -> int:
    """Read the clusters, summarise each with one configured Summarizer, write newsletter.md and newsletter.html."""
    parser = argparse.ArgumentParser(description="Markdown and HTML newsletter from a JSONL file of news clusters.")
    parser.add_argument("clusters", type=Path, help="a .jsonl (or .json) file of clusters")
    parser.add_argument("--out", type=Path, default=Path("newsletter"), help="output directory (default: newsletter)")
    parser.add_argument("--words", type=int, default=100, help="words per summary (default: 100)")
    parser.add_argument("--title", default="The week in brief", help="the newsletter's title")
    parser.add_argument("--query", default=None, help="focus every summary on this topic (a cluster's own wins)")
    args = parser.parse_args(argv)
    try:
        clusters = read_clusters(args.clusters)
        stories = [
            (
                cluster,
                Summarizer("mmr", query=cluster.query or args.query).summarize(cluster.documents, words=args.words),
            )
            for cluster in clusters
        ]
    except SummarizeError as error:
        print(f"newsletter: error: {error}", file=sys.stderr)
        return error.exit_code
    markdown, page = newsletter(stories, args.title)
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "newsletter.md").write_text(markdown, encoding="utf-8")
        (args.out / "newsletter.html").write_text(page, encoding="utf-8")
    except OSError as error:
        print(f"newsletter: error: cannot write to {args.out}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"wrote {args.out / 'newsletter.md'} and {args.out / 'newsletter.html'} ({len(stories)} stories)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
