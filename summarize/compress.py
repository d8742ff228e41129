"""Sentence compression by deletion: shorter sentences let more content into the same budget.

Three deletions, each of a constituent whose removal leaves a grammatical sentence (the "trimming" rules of
Zajic, Dorr, Lin and Schwartz 2007, and of the compression ILPs of Clarke and Lapata 2008 / Gillick and Favre
2009, reduced to patterns that are safe without a parser):

* a leading connective or discourse adverbial: "But", "However,", "Meanwhile,", "In addition," (the sentence
  is read out of its context anyway, where a connective only dangles);
* a trailing attribution after a comma: "..., police said." / "..., according to state radio." -- only when the
  sentence holds no quotation mark, so no quote loses its speaker;
* a short parenthetical: "(AP)", "(about $4 million)", at most ``MAX_PARENTHETICAL_WORDS`` words.

English only; other languages pass through unchanged.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from summarize.types import Cluster

MAX_PARENTHETICAL_WORDS = 8
MIN_KEPT_WORDS = 5  # a compression that leaves fewer words than this is not made

_CONNECTIVE = re.compile(
    r"""^(?:
        (?:but|and|yet|so(?!\ (?:far|much|many|long|that|few|little|too|is|was|are|were|do|did)\b))\b,?\s+
      | (?:however|meanwhile|moreover|furthermore|nevertheless|nonetheless|still|also|besides|instead|indeed|
           separately|similarly|likewise|in\ addition|in\ turn|at\ the\ same\ time|on\ the\ other\ hand|
           for\ its\ part|for\ his\ part|for\ her\ part|in\ the\ meantime),\s+
    )(?=[A-Za-z"“])""",
    re.IGNORECASE | re.VERBOSE,
)
_WHEN = (
    r"(?:on\ )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tonight)"
    r"(?:\ (?:morning|afternoon|evening|night))?|last\ (?:week|month|year)|in\ a\ statement|in\ an\ interview"
)
_NOT_SUBJECT = r"(?!(?:and|but|or|which|who|that|it|this)\b)"
_SUBJECT = rf"{_NOT_SUBJECT}[A-Za-z][\w.'’-]*(?:\ {_NOT_SUBJECT}[\w.'’-]+){{0,5}}"
_TRAILING_ATTRIBUTION = re.compile(
    rf""",\s+(?:
        {_SUBJECT}\ (?:said|says|reported|added|announced|told\ reporters)(?:\ {_WHEN})?
      | (?:said|says)\ [A-Z][\w.'’-]*(?:\ [A-Z][\w.'’-]*){{0,3}}
      | according\ to\ [^,.;"“”]{{1,60}}
    )\s*(?P<end>[.!?])$""",
    re.VERBOSE,
)
_PARENTHETICAL = re.compile(r"\s*\((?P<inside>[^()]{1,80})\)")
_QUOTES = re.compile(r"[\"“”]")


def compress_sentence(text: str) -> str:
    """The sentence with a leading connective, a trailing attribution and short parentheticals deleted."""
    out = text
    match = _CONNECTIVE.match(out)
    if match:
        rest = out[match.end() :]
        out = rest[:1].upper() + rest[1:]
    if not _QUOTES.search(out):
        match = _TRAILING_ATTRIBUTION.search(out)
        if match and _is_clause(out[: match.start()]):
            out = out[: match.start()] + match.group("end")
    out = _PARENTHETICAL.sub(lambda m: "" if len(m.group("inside").split()) <= MAX_PARENTHETICAL_WORDS else m[0], out)
    out = " ".join(out.split())
    if len(out.split()) < MIN_KEPT_WORDS:
        return text
    return out


def _is_clause(head: str) -> bool:
    """Whether what an attribution would leave is itself a sentence: a few words, not ending in a conjunction."""
    words = head.split()
    return len(words) >= MIN_KEPT_WORDS and words[-1].lower() not in {"and", "but", "or", "that", "which", "who"}


def compress_cluster(cluster: Cluster) -> Cluster:
    """The cluster with every sentence compressed and re-represented, computed once per cluster (kept in
    ``cluster.derived``, so it lives and dies with the cluster)."""
    from summarize.represent import represent

    if cluster.language != "english":
        return cluster
    cached = cluster.derived.get("compressed")
    if cached is not None:
        return cached
    sentences = [replace(s, text=compress_sentence(s.text)) for s in cluster.sentences]
    fresh = represent(cluster.documents, sentences, cluster.language)
    result = replace(cluster, sentences=fresh.sentences, vectors=fresh.vectors, uncompressed=cluster.written_texts)
    cluster.derived["compressed"] = result
    return result
