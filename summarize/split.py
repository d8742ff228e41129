"""Offline, deterministic sentence splitting for cleaned news text, by rules read from the language registry.

Paragraphs come from the clean stage's paragraph model (``clean.split_paragraphs``: blank lines, hard-wrap
detection, headings and list lines), so cleaning and splitting agree on what a paragraph is; no sentence crosses
one. Inside a paragraph one regular expression finds the candidate ends (a run of ``. ! ? …``, spaced ellipses
included, with its closing quotes and brackets, before a space; ``。！？`` anywhere) and a few look-ups decide each,
in the manner of the rule-based splitters (Grefenstette and Tapanainen 1994; Pragmatic Segmenter / pySBD's
"Golden Rules"): a lower-case next word never starts a sentence; after a title ("Dr.", "Sen.") there is no break,
after another abbreviation or an initial only before a sentence starter ("in the U.S. How ..."), after a number
abbreviation ("p.", "No.") none before a number; an ordinal ("am 3. Oktober") where the language writes them;
list markers ("1.", "a.", "• 9.") open a sentence and an inline list ("1) ... 2) ...") breaks before each marker.
Every step is a compiled pattern without nested unbounded repetition, or a dictionary look-up per candidate: the
time is linear in the text, tens of megabytes a second (``benchmarks/sentence_split.py`` measures it against
Punkt, pySBD, sentencex, blingfire and nupunkt).
"""

from __future__ import annotations

import re
from functools import cache

from summarize.clean import split_paragraphs
from summarize.languages import Language, SplitterRules, get_language
from summarize.languages import supported_languages as supported_languages

__all__ = ["split_paragraph", "split_sentences", "supported_languages"]

_CLOSERS = "\"'”’»)\\]}“\u202a-\u202e\u200e\u200f」』）"  # “ closes German quotes; bidi marks hug Arabic periods
_OPENERS = "\"'“‘«(\\[¿¡„‚`"
_TERMINALS = ".!?…؟"
_CJK_ENDS = "。！？"
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")  # letters and periods: u.s, j.r.r, z.b
_JOINED = re.compile("[-/'’]")
_BIDI = re.compile("[\u202a-\u202e\u200e\u200f]")
_NEXT = re.compile(rf"([{_OPENERS}]*+)([^\W_]*+)")
_MARKER = re.compile(r"(?:[•⁃▪◦*+-] ?)?(\d{1,3}|[a-z]|[ivx]{1,4})(?:\.\)|[.)])")  # a list marker token
_INLINE_MARKER = re.compile(r" ((?:[•⁃▪◦*+-] ?)?(\d{1,3}|[a-z]|[ivx]{1,4})(?:\.\)|[.)])) (?=\S)")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


@cache
def _candidates(extra_ends: str) -> re.Pattern[str]:
    """Candidate sentence ends: a run of terminals (not inside a longer run), spaced ellipsis dots and closers
    included, before a space or the end. It opens with a character class (the regex engine then skips ahead
    to one) and is possessive throughout, so it is linear on any input."""
    ends = re.escape(_TERMINALS + extra_ends)
    return re.compile(
        rf"[{ends}](?<![{ends}][{ends}])([{ends}]*+(?: \.(?=[ .{_CLOSERS}]|$))*+)(?:[{_CLOSERS}]| »)*+(?= |$)"
    )


_CJK_RUN = re.compile(f"[{_CJK_ENDS}]++[{_CLOSERS}]*+")


@cache
def _plain_words_stop(rules: SplitterRules) -> frozenset[str]:
    """Every listed word after which a period needs a closer look (titles and abbreviations of all kinds)."""
    return rules.titles | rules.abbreviations | rules.number_abbreviations


def split_sentences(text: str, language: str = "english") -> list[str]:
    """Split text into sentences: stripped, whitespace-normalised, in order, none empty, never crossing a paragraph
    (a blank line, a heading, a list line). Deterministic and offline."""
    rules = get_language(language)
    if text.isprintable() or _LINE_BREAKS.search(text) is None:  # printable: no line break (a cleaned paragraph)
        return split_paragraph(text, rules)
    return [s for paragraph in split_paragraphs(text) for s in split_paragraph(paragraph, rules)]


def split_paragraph(paragraph: str, language: str | Language = "english") -> list[str]:
    """Split one paragraph (line breaks count as spaces) into sentences; every non-space character is kept."""
    if paragraph.isprintable() and "  " not in paragraph and paragraph == paragraph.strip():
        block = paragraph  # already normalised (every paragraph the clean stage gives): spare a copy
    else:
        block = " ".join(paragraph.split())
    if not block:
        return []
    rules = (language if isinstance(language, Language) else get_language(language)).splitter
    listed = _plain_words_stop(rules)
    inline = _inline_list_cuts(block) if _MARKER.match(block) else []
    cuts = list(inline)
    if "。" in block or "！" in block or "？" in block:
        cuts += [m.end() for m in _CJK_RUN.finditer(block) if m.end() < len(block)]
    size = len(block)
    start = 0  # where the current sentence starts
    k = 0
    for m in _candidates(rules.clause_ends).finditer(block):
        begin, end = m.span()
        if end >= size:
            break
        while k < len(inline) and inline[k] <= begin:
            start = max(start, inline[k])
            k += 1
        following = block[end + 1]
        if following.islower():
            continue  # '"This is great." she said', 'Yahoo! in', '... money'
        rest = m.group(1)
        if not rest:  # a single terminal, possibly with closers: the common case
            space = block.rfind(" ", 0, begin)
            prev = block[space + 1 : begin]
            if (
                block[begin] == "."
                and following.isupper()
                and space >= start + 2
                and len(prev) > 1
                and prev.isalpha()
                and prev.lower() not in listed
            ):
                cuts.append(end)  # "... in Beijing. Hun Sen": an ordinary word, then a capitalised one
                start = end + 1
                continue
        cut = _decide(block, begin, end, block[begin] + rest, start, rules)
        if cut:
            cuts.append(cut)
            start = cut + 1
    if not cuts:
        return [block]
    if len(cuts) > 1:
        cuts = sorted(set(cuts))
    sentences = []
    previous = 0
    for cut in cuts:
        sentence = block[previous:cut].strip()
        if sentence:
            sentences.append(sentence)
        previous = cut
    last = block[previous:].strip()
    if last:
        sentences.append(last)
    return sentences


def _decide(block: str, start: int, end: int, run: str, sentence_start: int, rules: SplitterRules) -> int:
    """Where to cut for the candidate ``block[start:end]`` (0: no cut); ``end`` is followed by a space."""
    nxt = _NEXT.match(block, end + 1)
    word = nxt.group(2) if nxt else ""
    first = word[:1] if word else block[end + 1]
    if first.islower():
        return 0  # '"This is great." she said', 'Yahoo! in', '... money'
    if run[0] in "?!؟" or run[-1] in "?!؟" or run[0] in rules.clause_ends:
        return end
    space = block.rfind(" ", 0, start)
    prev = block[space + 1 : start]
    if run != ".":  # an ellipsis: "…", "...", ". . .", with or without a final period
        if prev.endswith(("[", "(")) or word == "I":  # "[...]" marks an omission; "... I didn't"
            return 0
        if prev and run[1:2] == " " and run.count(".") == 4:  # "compounds. . . . The": the period ends it
            return start + 1
        return end
    core = _BIDI.sub("", prev.lstrip(_OPENERS)) if prev else ""
    if not core:
        return end  # a period standing alone: "word . The"
    if _MARKER.fullmatch(block, sentence_start, end):  # a list marker opens the sentence: "1.", "a.)", "• 9."
        return 0
    if "-" in core or "'" in core or "’" in core or "/" in core:  # "Japan-U.S.", "D-Mass.", "l'Ing." (not "else's")
        last = _JOINED.split(core)[-1]
        if last and (last[0].isupper() or core[-len(last) - 1] in "-/"):
            core = last
    lower = core.lower()
    if lower in rules.titles and (core[0].isupper() or lower not in rules.capitalised):
        if word.lower() in rules.sentence_starters:
            return end  # a title stands before a name, never before "The": "loyal to Hun Sen. The king"
        before = block[block.rfind(" ", 0, space) + 1 : space] if space > 0 else ""
        return end if before and before == word else 0  # "Hun Sen. Hun Sen complained": a name repeated
    if first.isdigit():
        if lower in rules.number_abbreviations or lower in rules.abbreviations or _DOTTED.fullmatch(lower):
            return 0  # "p. 55", "No. 3", "Sept. 24"
        return end
    if (lower in rules.abbreviations and (core[0].isupper() or lower not in rules.capitalised)) or _DOTTED.fullmatch(
        lower
    ):
        return end if word.lower() in rules.sentence_starters else 0  # "the U.S. How", "the U.S. Government"
    if len(core) == 1 and core.isalpha():
        if core == "I" and not _capitalised_word_before(block, space):
            return end  # the pronoun: "you and I. Did you"
        return end if word.lower() in rules.sentence_starters else 0  # an initial: "George W. Bush", "Plan B. The"
    if rules.ordinal_numbers and core.isdigit() and word and word.lower() not in rules.sentence_starters:
        return 0  # "am 3. Oktober"
    return end


def _capitalised_word_before(block: str, space: int) -> bool:
    """Whether the word ending at ``space`` is capitalised ("Albert I. Jones" against "you and I.")."""
    if space <= 0:
        return False
    before = block[block.rfind(" ", 0, space) + 1 : space].lstrip(_OPENERS)
    return before[:1].isupper()


def _inline_list_cuts(block: str) -> list[int]:
    """Cuts before each later marker of a list written on one line ("1) The first 2) The second", "a. ... b. ...").

    Only markers that continue the opening marker's sequence count (2 after 1, b after a, ii after i).
    """
    opening = _MARKER.match(block)
    if opening is None:
        return []
    expected = _successors(opening.group(1))
    cuts: list[int] = []
    for m in _INLINE_MARKER.finditer(block, opening.end()):
        label = m.group(2)
        if label in expected:
            cuts.append(m.start(1))
            expected = _successors(label)
    return cuts


def _successors(label: str) -> set[str]:
    """The labels that may follow ``label`` in a list: the next number, letter or Roman numeral."""
    if label.isdigit():
        return {str(int(label) + 1)}
    following: set[str] = set()
    if len(label) == 1 and label < "z":
        following.add(chr(ord(label) + 1))
    if label in _ROMAN:
        following |= {r for r, v in _ROMAN.items() if v == _ROMAN[label] + 1}
    return following
