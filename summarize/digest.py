"""A newsletter edition from a day's articles: stories (``summarize.stories``), each summarised, and what is new.

``DigestBuilder(words=100).build(documents, previous=...)`` groups the articles into ranked stories and summarises
each with a ``Summarizer``. Given the previous edition (a ``Digest`` or the ``digest.json`` it wrote), a story that
continues one of its stories (an article in common, or its articles close to that story's summary) leaves out the
sentences that repeat what the edition already said and is marked ``update``: the update task of TAC 2008 (Dang and
Owczarzak 2008), what is new since the reader last looked. ``Digest`` renders as Markdown, HTML (every text
escaped, only http(s) addresses linked) and JSON (``docs/digest.schema.json``).
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarize import safe_json
from summarize.errors import InputError, UsageError, os_reason
from summarize.stories import Story, StoryGrouper
from summarize.types import Document, Summary

if TYPE_CHECKING:
    from summarize.api import Summarizer

__all__ = ["Digest", "DigestBuilder", "DigestStory", "PreviousEdition", "read_previous", "render_html"]

DIGEST_FORMAT = "summarize-digest/1"
NEAR_COPY = 0.8  # cosine at which a sentence restates one of the previous summary's, whatever its bigrams


@dataclass(frozen=True)
class DigestStory:
    """One story of an edition: its id, title, summary, whether it updates a story of the previous edition, its
    articles (with ``copy_of`` per article) and how many sentences were left out as already said."""

    id: str
    title: str
    summary: Summary
    update: bool = False
    documents: tuple[Document, ...] = ()
    copy_of: tuple[str | None, ...] = ()
    left_out: int = 0
    continues: str | None = None  # the id of the previous edition's story this one continues

    @property
    def sources(self) -> int:
        return Story(self.id, self.title, self.documents, self.copy_of or (None,) * len(self.documents)).sources

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "update": self.update,
            "continues": self.continues,
            "sources": self.sources,
            "articles": [
                {"id": d.id, "title": d.title, "url": d.url, "published": d.published, "copy_of": c}
                for d, c in zip(self.documents, self.copy_of or (None,) * len(self.documents), strict=True)
            ],
            "left_out_as_already_said": self.left_out,
            "summary": self.summary.to_dict(),
        }


@dataclass(frozen=True)
class Digest:
    """An edition: its title and its stories, ranked; ``unchanged`` names the previous edition's stories that came
    back with nothing new (left out)."""

    stories: tuple[DigestStory, ...]
    title: str = "Digest"
    unchanged: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": DIGEST_FORMAT,
            "title": self.title,
            "stories": [story.to_dict() for story in self.stories],
            "unchanged": list(self.unchanged),
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_markdown(self) -> str:
        """A ``#`` title, then per story a ``##`` headline, an update note, the cited summary and its sources."""
        parts = [f"# {_escape_md(self.title)}\n"]
        for story in self.stories:
            note = "*Update: what is new since the last edition.*\n\n" if story.update else ""
            parts.append(f"## {_escape_md(story.title)}\n\n{note}{story.summary.to_markdown()}\n")
        return "\n".join(parts)

    def to_html(self) -> str:
        return render_html(self.stories, self.title)


def _escape_md(text: str) -> str:
    from summarize.render import escape_markdown

    return escape_markdown(" ".join(text.split()))


# -- previous editions ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PreviousEdition:
    """What a reader saw last time: per story, its id, the ids of its sources and its summary's sentences."""

    stories: tuple[tuple[str, frozenset[str], tuple[str, ...]], ...]

    @classmethod
    def from_digest(cls, digest: Digest) -> PreviousEdition:
        return cls(
            tuple(
                (s.id, frozenset(d.id for d in s.documents), tuple(x.text for x in s.summary.sentences))
                for s in digest.stories
            )
        )


def read_previous(path: str | PathLike[str]) -> PreviousEdition:
    """The stories of a ``digest.json``; InputError (one line naming the file) when it is not one."""
    path = Path(path)
    name = path.as_posix()
    try:
        value = safe_json.loads(path.read_bytes().decode("utf-8-sig"))
    except OSError as error:
        raise InputError(f"cannot read the previous edition {name}: {os_reason(error)}") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InputError(f"{name} is not a digest JSON (not valid JSON); give the digest.json of an edition") from None
    return previous_from_dict(value, name)


def previous_from_dict(value: object, name: str = "the previous edition") -> PreviousEdition:
    """The stories of a digest JSON object; InputError when it does not have the digest's shape."""
    problem = f"{name} is not a digest JSON ({{}}); give the digest.json of an edition"
    if not isinstance(value, dict) or not isinstance(value.get("stories"), list):
        raise InputError(problem.format("no 'stories' list"))
    stories = []
    for number, story in enumerate(value["stories"], start=1):
        summary = story.get("summary") if isinstance(story, dict) else None
        sentences = summary.get("sentences") if isinstance(summary, dict) else None
        if (
            not isinstance(story, dict)
            or not isinstance(summary, dict)
            or not isinstance(sentences, list)
            or not all(isinstance(s, dict) and isinstance(s.get("text"), str) for s in sentences)
        ):
            raise InputError(problem.format(f"story {number} has no summary with sentences"))
        sources = {str(a.get("id")) for a in story.get("articles", []) if isinstance(a, dict) and a.get("id")}
        sources |= {str(s.get("id")) for s in summary.get("sources", []) if isinstance(s, dict) and s.get("id")}
        stories.append((str(story.get("id", number)), frozenset(sources), tuple(s["text"] for s in sentences)))
    return PreviousEdition(tuple(stories))


# -- building ------------------------------------------------------------------------------------------------
@dataclass
class DigestBuilder:
    """Builds editions (scikit-learn style: parameters set once, reused every day).

    Parameters
    ----------
    words: each story's summary budget in words.
    title: the edition's title.
    grouper: the ``StoryGrouper`` (None: all the articles are one story).
    summarizer: the ``Summarizer`` (None: the default one).
    continue_threshold: cosine between a story's articles and a previous story's summary at which it continues it.
    repeat_threshold: a sentence at least this share of whose content bigrams the previous summary holds (or that
        restates one of its sentences, cosine >= ``NEAR_COPY``) repeats it.
    """

    words: int = 100
    title: str = "Digest"
    grouper: StoryGrouper | None = field(default_factory=StoryGrouper)
    summarizer: Summarizer | None = None
    continue_threshold: float = 0.1  # both chosen on DUC 2002/2003 (benchmarks/STORIES.md)
    repeat_threshold: float = 0.35
    language: str = "english"

    def build(
        self,
        documents: Iterable[Document],
        previous: Digest | PreviousEdition | str | PathLike[str] | Mapping[str, Any] | None = None,
    ) -> Digest:
        """Group ``documents`` into stories and summarise each (see the module's docstring)."""
        documents = list(documents)
        if not documents:
            raise InputError("no articles to make a digest of")
        if self.grouper is None:
            stories = [Story("story-1", "", tuple(documents), (None,) * len(documents))]
        else:
            stories = self.grouper.group(documents)
            if not stories:
                raise InputError("no article with text to make a digest of")
        return self.from_stories(stories, previous)

    def from_stories(
        self,
        stories: Sequence[Story],
        previous: Digest | PreviousEdition | str | PathLike[str] | Mapping[str, Any] | None = None,
    ) -> Digest:
        """Summarise stories grouped already (``summarize stories`` output, a newsletter's own clusters)."""
        import warnings

        from summarize.api import prepare
        from summarize.errors import SummarizeWarning

        if self.words < 1:
            raise UsageError(f"words must be a positive number, got {self.words}")
        edition = _as_previous(previous)
        summarizer = self.summarizer or _default_summarizer(self.language)
        summarizer.validate()
        result: list[DigestStory] = []
        unchanged: list[str] = []
        for story in stories:
            try:
                cluster = prepare(list(story.documents), summarizer.language, max_input_bytes=None)
            except InputError as error:
                warnings.warn(f"{story.id}: left out: {error}", SummarizeWarning, stacklevel=2)
                continue
            continues, said = (None, ()) if edition is None else self._continued(story, cluster, edition)
            left_out = 0
            if said:
                cluster, left_out = _without_repeats(cluster, said, self.repeat_threshold)
                if cluster is None:
                    unchanged.append(continues or story.id)
                    continue
            try:
                summary = summarizer.summarize(cluster, words=self.words)
            except InputError as error:
                warnings.warn(f"{story.id}: left out: {error}", SummarizeWarning, stacklevel=2)
                continue
            title = story.title or _first_words(summary)
            result.append(
                DigestStory(
                    id=story.id, title=title, summary=summary, update=continues is not None, documents=story.documents,
                    copy_of=story.copy_of, left_out=left_out, continues=continues,
                )
            )  # fmt: skip
        return Digest(tuple(result), self.title, tuple(unchanged))

    def _continued(self, story: Story, cluster: Any, edition: PreviousEdition) -> tuple[str | None, tuple[str, ...]]:
        """The previous story this one continues (an article in common, else the closest summary at or above
        ``continue_threshold``) and that story's summary sentences."""
        ids = {d.id for d in story.documents}
        for story_id, sources, sentences in edition.stories:
            if ids & sources:
                return story_id, sentences
        if not edition.stories:
            return None, ()
        similarity = _cosines([" ".join(cluster.texts)], [" ".join(s) for _, _, s in edition.stories], self.language)
        best = int(similarity.argmax())
        if similarity[0, best] >= self.continue_threshold:
            return edition.stories[best][0], edition.stories[best][2]
        return None, ()


def _default_summarizer(language: str) -> Summarizer:
    from summarize.api import Summarizer

    return Summarizer(language=language)


def _as_previous(previous: object) -> PreviousEdition | None:
    if previous is None or isinstance(previous, PreviousEdition):
        return previous
    if isinstance(previous, Digest):
        return PreviousEdition.from_digest(previous)
    if isinstance(previous, Mapping):
        return previous_from_dict(dict(previous))
    if isinstance(previous, (str, PathLike)):
        if isinstance(previous, str):  # text is never a path in the API: give a pathlib.Path
            raise UsageError("previous must be a Digest, a digest dict or a pathlib.Path to a digest.json")
        return read_previous(previous)
    raise UsageError(f"previous must be a Digest, a digest dict or a path, got {type(previous).__name__}")


def _cosines(texts: Sequence[str], others: Sequence[str], language: str) -> Any:
    """Dense cosines (len(texts) x len(others)) of TF-IDF vectors fitted on both lists together."""
    from summarize.represent import tfidf_vectors

    matrix = tfidf_vectors([*texts, *others], language).matrix
    if matrix.shape[1] == 0:
        import numpy as np

        return np.zeros((len(texts), len(others)))
    return (matrix[: len(texts)] @ matrix[len(texts) :].T).toarray()


def _without_repeats(cluster: Any, said: Sequence[str], threshold: float) -> tuple[Any, int]:
    """The cluster without the sentences that repeat ``said``: at least ``threshold`` of their content bigrams are in
    it, or a cosine of ``NEAR_COPY`` or more with one of its sentences; and how many were left out ((None, n) when
    none is left)."""
    from summarize.represent import content_terms, represent

    said_bigrams = {g for text in said for g in pairwise(content_terms(text, cluster.language))}
    similarity = _cosines(cluster.texts, said, cluster.language).max(axis=1)
    kept = []
    for sentence, closest in zip(cluster.sentences, similarity, strict=True):
        grams = set(pairwise(content_terms(sentence.text, cluster.language)))
        repeated = len(grams & said_bigrams) >= threshold * len(grams) if grams else closest >= NEAR_COPY
        if closest < NEAR_COPY and not repeated:
            kept.append(sentence)
    left_out = len(cluster.sentences) - len(kept)
    if not kept:
        return None, left_out
    if not left_out:
        return cluster, 0
    return replace(represent(cluster.documents, kept, cluster.language), copies=cluster.copies), left_out


def _first_words(summary: Summary, count: int = 12) -> str:
    words = summary.text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


# -- HTML ----------------------------------------------------------------------------------------------------
STYLE = """
body { font: 17px/1.55 Georgia, "DejaVu Serif", serif; color: #1d1d1f; background: #f4f1ea; margin: 0; }
main { max-width: 760px; margin: 0 auto; padding: 32px 28px 48px; background: #fffdf8; }
header h1 { font: 700 34px/1.2 "DejaVu Sans", Arial, sans-serif; margin: 0 0 4px; }
header p { color: #6b6b6b; margin: 0 0 24px; }
article { border-top: 3px solid #1d1d1f; padding-top: 14px; margin-top: 28px; }
article h2 { font: 700 24px/1.25 "DejaVu Sans", Arial, sans-serif; margin: 0 0 10px; }
p.update { font: 700 12px/1 "DejaVu Sans", Arial, sans-serif; color: #8a4b08; text-transform: uppercase; }
sup a { color: #8a4b08; text-decoration: none; font-size: 12px; }
ol.sources { font: 14px/1.45 "DejaVu Sans", Arial, sans-serif; color: #444; padding-left: 22px; }
ol.sources a { color: #0b57a4; }
time { color: #6b6b6b; }
"""


def is_web_address(url: str | None) -> bool:
    """Only http(s) addresses become links (a ``javascript:`` URL in a feed must not run in a reader's browser)."""
    return url is not None and url.lower().startswith(("https://", "http://"))


def citations(summary: Summary) -> dict[int, int]:
    """Citation number of each cited document (by index), numbered in order of first citation."""
    cited: dict[int, int] = {}
    for sentence in summary.sentences:
        cited.setdefault(sentence.doc_index, len(cited) + 1)
    return cited


def story_html(number: int, story: DigestStory) -> str:
    """One story as an HTML <article>: every text and attribute escaped, sources linked only when http(s)."""
    summary = story.summary
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
        link = f'<a href="{html.escape(document.url or "")}">{name}</a>' if is_web_address(document.url) else name
        when = html.escape(document.published or "")
        date = f' <time datetime="{when}">{when}</time>' if when else ""
        items.append(f'<li id="{anchor}-{citation}">{link}{date}</li>')
    update = '<p class="update">Update: new since the last edition</p>\n' if story.update else ""
    return (
        f'<article id="story-{number}">\n<h2>{html.escape(story.title)}</h2>\n{update}<p>{body}</p>\n'
        f'<ol class="sources">\n{chr(10).join(items)}\n</ol>\n</article>'
    )


def render_html(stories: Sequence[DigestStory], title: str) -> str:
    """A whole edition as one self-contained HTML page (no script, no remote resource)."""
    articles = "\n".join(story_html(n, s) for n, s in enumerate(stories, start=1))
    return f"""<!DOCTYPE html>
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
