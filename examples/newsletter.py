"""A newsletter from a JSONL file of news clusters: one story per cluster, with headline, summary and linked sources.

    python examples/newsletter.py examples/clusters.jsonl --out newsletter/ --words 100

writes ``newsletter/newsletter.md`` and ``newsletter/newsletter.html``. The headline is the cluster's ``title``, else
its first document's; a cluster's ``query`` focuses its summary (else ``--query``, if given). Only the public API
is used: ``read_clusters``, ``Summarizer`` and ``summarize.digest`` (the ``summarize digest`` command's API, given
clusters made already instead of grouping articles into stories).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from summarize import ClusterRecord, SummarizeError, Summarizer, read_clusters
from summarize.digest import Digest, DigestBuilder
from summarize.stories import Story


def headline(cluster: ClusterRecord) -> str:
    """The cluster's title, else its first document's title, else its id."""
    return cluster.title or next((d.title for d in cluster.documents if d.title), None) or cluster.id


def newsletter(clusters: Sequence[ClusterRecord], title: str, words: int, query: str | None = None) -> Digest:
    """One digest story per cluster, in file order; a cluster's own ``query`` focuses its summary."""
    stories = []
    for cluster in clusters:
        story = Story(cluster.id, headline(cluster), cluster.documents, (None,) * len(cluster.documents))
        builder = DigestBuilder(words=words, title=title, summarizer=Summarizer("mmr", query=cluster.query or query))
        stories.extend(builder.from_stories([story]).stories)
    return Digest(tuple(stories), title)


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
        digest = newsletter(read_clusters(args.clusters), args.title, args.words, args.query)
    except SummarizeError as error:
        print(f"newsletter: error: {error}", file=sys.stderr)
        return error.exit_code
    markdown, page = digest.to_markdown(), digest.to_html()
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "newsletter.md").write_text(markdown, encoding="utf-8")
        (args.out / "newsletter.html").write_text(page, encoding="utf-8")
    except OSError as error:
        print(f"newsletter: error: cannot write to {args.out}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"wrote {args.out / 'newsletter.md'} and {args.out / 'newsletter.html'} ({len(digest.stories)} stories)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
