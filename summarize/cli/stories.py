"""``summarize stories`` (articles -> stories JSONL) and ``summarize digest`` (articles -> a newsletter edition).

scikit-learn, NumPy and SciPy are imported inside the commands only, so ``summarize --help`` stays fast.
"""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from summarize.cli.app import MaxInputBytes, app, warn
from summarize.cli.commands import Language, PathsArgument, Recursive
from summarize.errors import InputError, UsageError, os_reason
from summarize.options import DEFAULT_MAX_INPUT_BYTES

if TYPE_CHECKING:
    from summarize.stories import Story, StoryGrouper

Threshold = Annotated[
    float | None,
    typer.Option("--threshold", help="Similarity at which articles join one story, in (0, 1] (default: chosen on "
                 "DUC 2002/2003, see benchmarks/STORIES.md); higher makes more, smaller stories."),
]  # fmt: skip


def _grouper(threshold: float | None, language: str) -> StoryGrouper:
    from summarize.stories import StoryGrouper

    grouper = StoryGrouper(language=language)
    if threshold is not None:
        grouper.set_params(threshold=threshold)
    grouper.validate()
    return grouper


def _stories(
    paths: list[str], recursive: bool, max_input_bytes: int, threshold: float | None, language: str
) -> list[Story]:
    from summarize.errors import SummarizeWarning
    from summarize.load import read_articles
    from summarize.stories import StoryWarning

    grouper = _grouper(threshold, language)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SummarizeWarning)
        warnings.simplefilter("always", StoryWarning)
        documents = read_articles(paths, recursive=recursive, stdin=sys.stdin, max_bytes=max_input_bytes)
        stories = grouper.group(documents)
    for warning in caught:
        warn(str(warning.message))
    if not stories:
        raise InputError("nothing readable among the inputs: no article with text")
    return stories


def _read_stories(paths: list[str]) -> list[Story]:
    """Stories from cluster files (``read_clusters``): each cluster a story, in file order, its title kept."""
    from summarize.clusters import read_clusters
    from summarize.stories import Story

    stories = []
    for path in paths:
        for cluster in read_clusters(path):
            title = cluster.title or next((d.title for d in cluster.documents if d.title), "")
            stories.append(Story(cluster.id, title, cluster.documents, (None,) * len(cluster.documents)))
    return stories


@app.command(
    "stories",
    help="Group the articles at PATH... into stories (one JSON line a story: id, title, documents; copies marked), "
    "the cluster JSONL that `summarize batch` and `summarize digest` read.",
    epilog="Example: summarize stories today/ -o stories.jsonl",
)
def stories_command(
    paths: PathsArgument,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the JSONL here (default: stdout).")
    ] = None,
    threshold: Threshold = None,
    recursive: Recursive = False,
    language: Language = "english",
    max_input_bytes: MaxInputBytes = DEFAULT_MAX_INPUT_BYTES,
) -> None:
    if output is not None:
        from summarize.output import check_output

        check_output(output, paths)
    stories = _stories(paths, recursive, max_input_bytes, threshold, language)
    text = "".join(json.dumps(story.to_dict(), ensure_ascii=False) + "\n" for story in stories)
    if output is None:
        sys.stdout.write(text)
        return
    from summarize.output import write_text_atomically

    write_text_atomically(output, text, paths)
    copies = sum(c is not None for s in stories for c in s.copy_of)
    articles = sum(len(s.documents) for s in stories)
    noun = "story" if len(stories) == 1 else "stories"
    typer.echo(f"{len(stories)} {noun} from {articles} articles ({copies} copies) -> {output}", err=True)


@app.command(
    "digest",
    help="Group the articles at PATH... into stories, rank them (most sources, then latest) and summarise each: "
    "writes digest.md, digest.html and digest.json into --out. --previous EARLIER.json leaves out what that "
    "edition said and marks continuing stories as updates.",
    epilog="Example: summarize digest today/ --out edition/ --words 100 --previous yesterday/digest.json",
)
def digest_command(
    paths: PathsArgument,
    out: Annotated[Path, typer.Option("--out", help="The directory to write digest.md, .html and .json into.")],
    words: Annotated[int, typer.Option("--words", "-w", min=1, help="Words per story summary.")] = 100,
    previous: Annotated[
        Path | None, typer.Option("--previous", help="The digest.json of the previous edition.")
    ] = None,
    title: Annotated[str, typer.Option("--title", help="The edition's title.")] = "Digest",
    grouped: Annotated[
        bool,
        typer.Option(
            "--grouped", help="PATH... are stories already (the JSONL `summarize stories` writes): do not regroup."
        ),
    ] = False,
    threshold: Threshold = None,
    recursive: Recursive = False,
    language: Language = "english",
    max_input_bytes: MaxInputBytes = DEFAULT_MAX_INPUT_BYTES,
) -> None:
    from summarize.api import Summarizer, SummarizeWarning
    from summarize.digest import DigestBuilder, read_previous
    from summarize.output import check_output, refuse_input_as_output, write_text_atomically

    targets = [out / name for name in ("digest.md", "digest.html", "digest.json")]
    inputs = [*paths, *([str(previous)] if previous else [])]
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out must be a directory: {out} is a file")
    for target in targets:  # before any work: never into an input, never over one
        refuse_input_as_output(target, inputs)
        if out.is_dir():
            check_output(target, inputs)
    edition = read_previous(previous) if previous is not None else None
    summarizer = Summarizer(language=language)
    summarizer.validate()
    stories = _read_stories(paths) if grouped else _stories(paths, recursive, max_input_bytes, threshold, language)
    builder = DigestBuilder(words=words, title=title, summarizer=summarizer, language=language)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SummarizeWarning)
        digest = builder.from_stories(stories, edition)
    for warning in caught:
        warn(str(warning.message))
    if not digest.stories and not digest.unchanged:
        raise InputError("no story could be summarised")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot create {out}: {os_reason(error)}") from None
    write_text_atomically(targets[0], digest.to_markdown(), inputs)
    write_text_atomically(targets[1], digest.to_html(), inputs)
    write_text_atomically(targets[2], digest.to_json() + "\n", inputs)
    updates = sum(s.update for s in digest.stories)
    typer.echo(
        f"{len(digest.stories)} {'story' if len(digest.stories) == 1 else 'stories'} ({updates} updates, "
        f"{len(digest.unchanged)} unchanged left out) -> "
        f"{out}/digest.md, digest.html, digest.json",
        err=True,
    )
