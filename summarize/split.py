"""Offline, deterministic sentence splitting for cleaned news text.

Text is cut into blocks that no sentence may cross (blank-line paragraphs, headings, list items), then each block
is split by Punkt (Kiss & Strunk 2006, "Unsupervised Multilingual Sentence Boundary Detection", Computational
Linguistics 32(4)) built from hand-authored parameters shipped in ``summarize/data/punkt_<language>.json``.
Other languages in ``PUNKT_LANGUAGES`` run Punkt with empty parameters: no abbreviation list, so a title such as
"Dr." or a German ordinal date ("am 3. Oktober") may end a sentence; dotted abbreviations ("z.B.") still hold.
Nothing is downloaded, no pickle is loaded, and Punkt is imported only when the tokenizer is first built, without
NLTK's package ``__init__`` (``summarize.nltk_parts``: ``import nltk`` costs about a second).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from summarize.errors import UsageError
from summarize.nltk_parts import nltk_module

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

__all__ = [
    "PunktConfig",
    "build_tokenizer",
    "get_tokenizer",
    "load_config",
    "split_blocks",
    "split_sentences",
    "supported_languages",
]

DATA_DIR = Path(__file__).with_name("data")

# Orthographic-context flags, the same bit values as nltk.tokenize.punkt._ORTHO_BEG_UC / _ORTHO_MID_LC.
_ORTHO_BEG_UC = 1 << 1
_ORTHO_MID_LC = 1 << 5

_LANGUAGE = re.compile(r"[a-z][a-z_]*")
# Languages Punkt's period-based algorithm applies to (NLTK ships Punkt models for all but Arabic); those without a
# parameter file in DATA_DIR get empty ones. Arabic also ends questions with U+061F.
PUNKT_LANGUAGES = frozenset(
    {
        "arabic", "czech", "danish", "dutch", "english", "estonian", "finnish", "french", "german", "italian",
        "norwegian", "polish", "portuguese", "russian", "slovene", "spanish", "swedish", "turkish",
    }
)  # fmt: skip
_EXTRA_SENTENCE_ENDS = {"arabic": ("؟",)}
# A type made of single letters joined by periods (u.s, j.r.r, u.s.a): an abbreviation even if not listed.
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")

# Same-length replacements so Punkt sees the ASCII quotes it knows in every NLTK version; offsets are unchanged.
_PUNKT_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'"})
_ELLIPSIS = "…"
_SPACED_GUILLEMET = re.compile(r"« | »")

_MARKDOWN_HEADING = re.compile(r"#{1,6}\s")
_LIST_ITEM = re.compile(r"(?:[-*+•·▪‣◦–]|\(?(?P<num>\d{1,3})[.)]|\(?[a-z]\))\s+\S")
_CLOSERS = "\"'”’»)]}`"
_SENTENCE_END = ".!?…؟"
_LINE_END_PUNCT = _SENTENCE_END + ":;,-–—/&"
_OPENERS = "\"'“‘«([`"
_LONE_MARKER = re.compile(r"\(?(?:\d{1,3}|[a-zA-Z])[.)]")
_FIRST_WORD = re.compile(r"[\"'“‘«(\[`]*([^\W\d_][^\s]*)")
_MAX_HEADING_WORDS = 15
# Punkt costs up to ~15 microseconds a character on abbreviation-dense text, and this NLTK aborts any regex search
# after 5 s of wall clock (nltk.redos): longer blocks go to Punkt in pieces, so the time stays far below that.
MAX_PUNKT_CHARS = 10_000
_LIKELY_END = re.compile(r"[.!?…؟][\"'”’»)\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_SHORT_LINE_RATIO = 0.6
_WRAPPED_RATIO = 0.75
_FUNCTION_WORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "nor",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "as",
        "than",
        "that",
        "which",
        "who",
        "whose",
        "whom",
    }
)


@dataclass(frozen=True)
class PunktConfig:
    """Punkt parameters as plain data: abbreviation types, collocations and sentence starters (all lower case)."""

    abbreviations: frozenset[str]
    collocations: frozenset[tuple[str, str]]
    sentence_starters: frozenset[str]
    dotted_abbreviations: bool = True
    extra_sentence_ends: tuple[str, ...] = ()


class _AbbreviationTypes(set[str]):
    """Punkt's abbreviation set, also accepting any letters-and-periods type such as ``j.r.r`` or ``u.s.a``."""

    def __contains__(self, item: object) -> bool:
        """Set membership plus the letters-and-periods rule (Kiss & Strunk: internal periods mark abbreviations)."""
        return super().__contains__(item) or (isinstance(item, str) and _DOTTED.fullmatch(item) is not None)


@lru_cache(maxsize=32)
def _normalise_language(language: str) -> str:
    """Lower-case and validate a language name so it can only name a file in ``summarize/data``."""
    name = language.strip().lower()
    if name == "en":
        name = "english"
    if not _LANGUAGE.fullmatch(name) or not (name in PUNKT_LANGUAGES or _parameter_file(name).is_file()):
        raise UsageError(
            f"no sentence splitter for language {language!r}; choose from: {', '.join(supported_languages())}"
        )
    return name


def _parameter_file(name: str) -> Path:
    """The shipped Punkt parameter file of a normalised language name (it may not exist)."""
    return DATA_DIR / f"punkt_{name}.json"


@cache
def supported_languages() -> tuple[str, ...]:
    """Languages the splitter accepts: those with shipped Punkt parameters and those Punkt runs with empty ones.

    Cached: ``Summarizer.validate`` asks on every call, and the shipped files do not change while we run.
    """
    shipped = {p.stem.removeprefix("punkt_") for p in DATA_DIR.glob("punkt_*.json")}
    return tuple(sorted(PUNKT_LANGUAGES | shipped))


def _types(values: Iterable[object], what: str) -> frozenset[str]:
    """Lower-case a list of word types from the parameter file, dropping a trailing period."""
    types: set[str] = set()
    for value in values:
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"punkt parameters: every {what} must be a non-empty string, got {value!r}")
        types.add(value.strip().lower().removesuffix("."))
    return frozenset(types)


def load_config(language: str = "english") -> PunktConfig:
    """Read the shipped, reviewable Punkt parameters for ``language`` (a JSON file, never a pickle or a download).

    A language without a file gets empty parameters: Punkt's rules alone, see the module docstring.
    """
    name = _normalise_language(language)
    path = _parameter_file(name)
    raw = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    groups = raw.get("abbreviations", {})
    abbreviations = [a for group in (groups.values() if isinstance(groups, dict) else [groups]) for a in group]
    collocations: set[tuple[str, str]] = set()
    for pair in raw.get("collocations", []):
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(w, str) and w.strip() for w in pair)):
            raise ValueError(f"punkt parameters: a collocation is a [word, next word] pair of strings, got {pair!r}")
        collocations.add((pair[0].strip().lower().removesuffix("."), pair[1].strip().lower()))
    return PunktConfig(
        abbreviations=_types(abbreviations, "abbreviation"),
        collocations=frozenset(collocations),
        sentence_starters=_types(raw.get("sentence_starters", []), "sentence starter"),
        extra_sentence_ends=_EXTRA_SENTENCE_ENDS.get(name, ()),
    )


def build_tokenizer(config: PunktConfig) -> PunktSentenceTokenizer:
    """Build a Punkt tokenizer from ``config`` without training or loading a model (imports NLTK lazily)."""
    punkt = nltk_module("nltk.tokenize.punkt")
    params = punkt.PunktParameters()
    params.abbrev_types = (
        _AbbreviationTypes(config.abbreviations) if config.dotted_abbreviations else set(config.abbreviations)
    )
    params.collocations = set(config.collocations)
    params.sent_starters = set(config.sentence_starters)
    # Sentence starters are lower case mid-sentence and capitalised only sentence-initially; telling Punkt's
    # orthographic heuristic so makes "Plan B. The" a break while "George W. Bush" stays whole.
    for word in config.sentence_starters:
        params.add_ortho_context(word, _ORTHO_BEG_UC | _ORTHO_MID_LC)
    if not config.extra_sentence_ends:
        return punkt.PunktSentenceTokenizer(params)
    language_vars = type(
        "LanguageVars",
        (punkt.PunktLanguageVars,),
        {"sent_end_chars": (*punkt.PunktLanguageVars.sent_end_chars, *config.extra_sentence_ends)},
    )
    return punkt.PunktSentenceTokenizer(params, lang_vars=language_vars())


@lru_cache(maxsize=8)
def _cached_tokenizer(language: str) -> PunktSentenceTokenizer:
    """Build the tokenizer for a normalised language name once per process."""
    return build_tokenizer(load_config(language))


def get_tokenizer(language: str = "english") -> PunktSentenceTokenizer:
    """The shared Punkt tokenizer for ``language``, built on first use and cached."""
    return _cached_tokenizer(_normalise_language(language))


# ---------------------------------------------------------------------------------------------------------------
# Blocks: the stretches of text no sentence may cross.


def _strip_closers(line: str) -> str:
    """The line without trailing closing quotes and brackets, so ``said.''`` ends in a period."""
    return line.rstrip(_CLOSERS)


def _ends_sentence(line: str) -> bool:
    """True if the line ends with sentence-final punctuation, possibly followed by closing quotes or brackets."""
    core = _strip_closers(line)
    return bool(core) and core[-1] in _SENTENCE_END


def _ends_unpunctuated(line: str) -> bool:
    """True if the line ends in a word rather than punctuation, as headings, captions and bylines do."""
    return bool(line) and line[-1] not in _LINE_END_PUNCT + _CLOSERS


def _starts_like_sentence(line: str) -> bool:
    """True if the line starts with an upper-case letter, a digit or an opening quote or bracket."""
    first = line[:1]
    return first.isupper() or first.isdigit() or (first != "" and first in _OPENERS)


def _is_title_case(line: str) -> bool:
    """True if every word of four letters or more is capitalised (a headline), and there are at least two words."""
    words = [w.strip(_OPENERS + _CLOSERS + ",:;") for w in line.split()]
    content = [w for w in words if len(w) >= 4]
    return len(words) >= 2 and bool(content) and all(w[0].isupper() or w[0].isdigit() for w in content)


def _looks_hard_wrapped(lines: list[str]) -> bool:
    """True if at least three lines and most of them (the last excepted) are nearly as long as the longest."""
    if len(lines) < 3:
        return False
    width = max(len(line) for line in lines)
    full = sum(len(line) >= _WRAPPED_RATIO * width for line in lines[:-1])
    return full >= _WRAPPED_RATIO * (len(lines) - 1)


def _line_groups(text: str) -> list[list[str]]:
    """Paragraphs: runs of non-blank lines, each line whitespace-normalised."""
    groups: list[list[str]] = []
    current: list[str] = []
    for raw in text.replace("\u2029", "\n\n").splitlines():  # every Unicode line break; U+2029 ends a paragraph
        line = " ".join(raw.split())
        if line:
            current.append(line)
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _line_kinds(lines: list[str]) -> list[str]:
    """Label each line of a paragraph "heading", "item" (list item) or "text", reading top to bottom.

    A heading is a Markdown heading, or an unpunctuated line of at most 15 words, not ending in a function word,
    that follows a finished sentence (or opens the paragraph), is followed by a capitalised line, and is clearly
    shorter than the paragraph's other lines -- or, unless the paragraph is hard-wrapped, is in title case.
    """
    kinds: list[str] = []
    wrapped = _looks_hard_wrapped(lines)
    lengths = [len(line) for line in lines]
    longest = max(range(len(lines)), key=lengths.__getitem__, default=0)
    runner_up = max((n for j, n in enumerate(lengths) if j != longest), default=0)
    for i, line in enumerate(lines):
        prev = lines[i - 1] if i else None
        prev_kind = kinds[i - 1] if i else None
        after_break = prev is None or prev_kind != "text" or _ends_sentence(prev)
        item = _LIST_ITEM.match(line)
        if item and (
            prev is None
            or prev_kind == "item"
            or prev.endswith(":")
            or (_ends_sentence(prev) and (item.group("num") is None or int(item.group("num")) <= 1))
        ):
            kinds.append("item")
            continue
        if _MARKDOWN_HEADING.match(line):
            kinds.append("heading")
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        longest_other = runner_up if i == longest else lengths[longest]  # max over the other lines, in O(1)
        words = line.split()
        if (
            len(lines) > 1
            and after_break
            and _ends_unpunctuated(line)
            and len(words) <= _MAX_HEADING_WORDS
            and words[-1].lower() not in _FUNCTION_WORDS
            and (nxt is None or _starts_like_sentence(nxt))
            and (len(line) < _SHORT_LINE_RATIO * longest_other or (not wrapped and _is_title_case(line)))
        ):
            kinds.append("heading")
            continue
        kinds.append("text")
    return kinds


def split_blocks(text: str) -> list[str]:
    """Cut ``text`` into whitespace-normalised blocks that no sentence crosses: paragraphs, headings, list items.

    Paragraphs are separated by blank lines; inside one, single line breaks are soft (hard-wrapped text) except
    around a heading line or before a list item.
    """
    blocks: list[str] = []
    for lines in _line_groups(text):
        kinds = _line_kinds(lines)
        current = [lines[0]]
        for i in range(1, len(lines)):
            prev_item_done = (
                kinds[i - 1] == "item" and _ends_unpunctuated(lines[i - 1]) and _starts_like_sentence(lines[i])
            )
            if "heading" in (kinds[i - 1], kinds[i]) or kinds[i] == "item" or prev_item_done:
                blocks.append(" ".join(current))
                current = []
            current.append(lines[i])
        blocks.append(" ".join(current))
    return blocks


# ---------------------------------------------------------------------------------------------------------------
# Sentences inside a block.


def _punkt_view(block: str) -> tuple[str, list[int] | None]:
    """The block as Punkt should see it (ASCII quotes, ``…`` as ``...``) and a map from its offsets to the block's.

    French spaced guillemets (``« C'est »``) swap quote and space, so Punkt sees a quote hugging its word.
    """
    view = block.translate(_PUNKT_QUOTES)
    swaps = [m.start() for m in _SPACED_GUILLEMET.finditer(block)]
    if _ELLIPSIS not in view and not swaps:
        return view, None
    chars, moved = list(view), list(range(len(view)))
    for i in swaps:
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
        moved[i], moved[i + 1] = moved[i + 1], moved[i]
    offsets: list[int] = []
    for ch, origin in zip(chars, moved, strict=True):
        offsets.extend([origin] * (3 if ch == _ELLIPSIS else 1))
    offsets.append(len(view))
    return "".join(chars).replace(_ELLIPSIS, "..."), offsets


def _starts_lower_case(sentence: str) -> bool:
    """True if the sentence's first word is an all-lower-case word (not ``eBay``), so it cannot start a sentence."""
    m = _FIRST_WORD.match(sentence)
    return bool(m) and m.group(1)[0].islower() and not any(c.isupper() for c in m.group(1))


def _repair(sentences: list[str]) -> list[str]:
    """Undo Punkt splits English rules out: a lone list marker ("1.") and a sentence starting with a lower-case word.

    The second covers ``"Why?" he asked.``: Punkt always breaks after ``?``/``!`` and after unknown abbreviations.
    """
    merged: list[list[str]] = []  # parts joined once at the end: linear even when every split is undone
    carry = ""
    for sentence in sentences:
        sentence = f"{carry} {sentence}" if carry else sentence
        carry = ""
        if _LONE_MARKER.fullmatch(sentence):
            carry = sentence
        elif merged and _starts_lower_case(sentence):
            merged[-1].append(sentence)
        else:
            merged.append([sentence])
    if carry:
        merged.append([carry])
    return [" ".join(parts) for parts in merged]


def _pieces(block: str, limit: int = MAX_PUNKT_CHARS) -> list[str]:
    """Cut a block longer than ``limit`` characters into pieces Punkt splits in bounded time.

    Each cut is at the last likely sentence end (``. `` before a capital) in the second half of the window, else at
    its last space, else at the limit: a run of that many characters without either is not prose anyway.
    """
    pieces: list[str] = []
    start = 0
    while len(block) - start > limit:
        end, middle = start + limit, start + limit // 2
        cut = max((m.end() for m in _LIKELY_END.finditer(block, middle, end)), default=-1)
        if cut < 0:
            space = block.rfind(" ", middle, end)
            cut = space + 1 if space >= 0 else end
        pieces.append(block[start:cut])
        start = cut
    pieces.append(block[start:])
    return pieces


def _split_block(block: str, tokenizer: PunktSentenceTokenizer, repair: bool = True) -> list[str]:
    """Split one whitespace-normalised block into sentences with Punkt; every character is kept, in order."""
    if len(block) > MAX_PUNKT_CHARS:
        sentences = [s for piece in _pieces(block) for s in _split_block(piece, tokenizer, repair=False)]
        return _repair(sentences) if repair else sentences
    view, offsets = _punkt_view(block)
    starts = [start for start, _ in tokenizer.span_tokenize(view)][1:]
    if offsets is not None:
        starts = [offsets[s] for s in starts]
    cuts = [0, *starts, len(block)]
    sentences = [block[a:b].strip() for a, b in pairwise(cuts)]
    sentences = [s for s in sentences if s]
    return _repair(sentences) if repair else sentences


def split_sentences(
    text: str, language: str = "english", *, tokenizer: PunktSentenceTokenizer | None = None
) -> list[str]:
    """Split cleaned text into sentences: stripped, whitespace-normalised, in order, none empty, never crossing a
    blank line or a heading. Deterministic and offline; ``tokenizer`` overrides the shipped Punkt model (benchmarks).
    """
    if not text or text.isspace():
        return []
    punkt = tokenizer if tokenizer is not None else get_tokenizer(language)
    return [sentence for block in split_blocks(text) for sentence in _split_block(block, punkt)]
