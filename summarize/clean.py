"""Clean stage: from a Document to the body paragraphs that may reach a summary.

HTML first goes through trafilatura's main-text extraction (Barbaresi 2021, ACL demo): on the 181 real pages of
the Zyte article-extraction benchmark its body text scored F1 0.956 against the gold bodies, jusText's
(Pomikálek 2011) 0.718, and 0.960 against 0.812 on the 160 English pages (``benchmarks/html_extraction.py``);
a page too deep or too large for it goes through ``html_to_text``, a linear scan without a tree.
Then every document, HTML or text, goes through the same general rules; none names a site or a string:

* segmentation: blank lines separate paragraphs; hard-wrapped text (detected from line-length statistics) is
  unwrapped, a short line ending its paragraph; otherwise every line is its own paragraph, except a line that
  plainly continues a sentence in lower case. A heading is never glued to the sentence after it;
* normalisation: Unicode NFC, invisible characters and terminal escapes out (vertical tab, form feed and the
  other line separators break lines first), whitespace runs to one space, old-style
  ````quotes''`` to plain ``"``, typewriter dashes (`` _ ``, `` -- ``) to an em dash, list markers out;
* a newswire dateline opening the first body paragraph (``NAIROBI, Kenya (AP) _``, ``TOKYO:``) is stripped,
  and a leading all-capitals label with a colon (``READ ALSO:``, ``DEAR ABBY:``) anywhere; what follows is
  judged by the rules below like any paragraph;
* dropped: paragraphs without letters (counters, timestamps); a trailing media credit (``... Photo: Reuters``:
  a caption); a short question standing alone (a sub-heading); no sentence-final punctuation (headings,
  captions, menus, bylines; a long paragraph only loses its unterminated tail, like "At its, 4th graf pvs");
  short paragraphs repeated verbatim (templates); and paragraphs of 15+ words whose share of the language's
  stop words is below 0.12 (another language, lists of names) - jusText's stop-word density feature,
  thresholded from DUC 2004 prose, where no sentence of 15+ words falls below 0.188.

jusText's full paragraph classifier was measured on text too and not used: over the 12,144 DUC 2004 sentences
as paragraphs it marks 308 real sentences (2.5%) as boilerplate, these rules 51 (editorial tails and
questions), and on the seeds it keeps 11 of the boilerplate paragraphs these rules remove.

Patterns are compiled regular expressions without nested unbounded quantifiers (nor an unbounded run of spaces
searched for before a character, as the Markdown closing-heading pattern was), and the rest is a single pass over
lines and paragraphs, so cleaning is linear in the size of the input; ``tests/fuzz/fuzz_pipeline.py`` checks it.
Work that does not depend on the paragraph is done once per document (Unicode normalisation, control characters,
quotes), words are counted once per paragraph (the document's stop-word density is the sum), ASCII text is
tokenised in C (``word_counts_of``), and the patterns run on every paragraph open with a literal or end-anchored
search, so cleaning reads text at tens of megabytes a second (``benchmarks/sentence_split.py``).
``split_paragraphs`` is the project's one paragraph model: the splitter reads raw text through it too.
"""

from __future__ import annotations

import bisect
import functools
import html as html_lib
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

from summarize.languages import WORD, boilerplate_stop_words
from summarize.types import Document

# -- thresholds -----------------------------------------------------------------------------------------------
MIN_WRAPPED_LINES = 3  # interior lines for the statistics below; with just 2, both must look wrapped
WRAP_WIDTH_RANGE = (30, 110)  # plausible wrap columns (typewriter 60-80, some tools 100)
WRAP_BAND = 0.6  # in wrapped text, a line shorter than this share of the width ends a paragraph
WRAP_SHARE_IN_BAND = 0.6  # share of interior lines near the width (the rest: paragraph ends, headings)
WRAP_SHARE_TERMINATED_MAX = 0.5  # wrapped lines mostly end mid-sentence; one-sentence-per-line text does not
WRAP_SHARE_LOWER_MIN = 0.2  # ... so many go on in lower case (DUC 2004: >= 0.46 in articles of 8+ lines)
TITLE_CASE_SHARE = 0.8  # a line whose words are this capitalised, without final punctuation, is a heading
HEADING_MAX_WIDTH = 0.85  # ... and, in wrapped text, shorter than this share of the width
MAX_QUESTION_HEADING_WORDS = 15
MIN_TRIMMED_WORDS = 8  # an unterminated paragraph keeps its complete sentences if they make this many words
STOPWORD_MIN_WORDS = 15
STOPWORD_MIN_DENSITY = 0.12  # DUC 2004 sentences of 15+ words: all >= 0.188; Tagalog bio in seed 004: 0.06
DOCUMENT_MIN_DENSITY = 0.20  # below this the whole document is in another language: no paragraph stands out
REPEATED_TEMPLATE_MAX_WORDS = 15
MEDIA_CREDIT_SPAN = 120  # a media credit ends its paragraph and is at most ~85 characters long: search only there

# -- patterns -------------------------------------------------------------------------------------------------
_CLOSERS = "\"'”’»)\\]」』）"
_TERMINALS = ".!?…。！？｡।؟"  # Latin, CJK full-width, Devanagari danda, Arabic question mark
_CLOSER_CHARS = "\"'”’»)]」』）"
_SENTENCE_BOUNDARY = re.compile(rf"[{_TERMINALS}][{_CLOSERS}]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
# a boundary not right after an initial or a short capitalised abbreviation (U.S., Gen., Mrs.): safe to cut at
_SAFE_BOUNDARY = re.compile(
    rf"(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{{2}})[.!?…][{_CLOSERS}]*\s+(?=[\"“‘'(\[]?[A-Z0-9]|[(\[])"
)
_LETTER = re.compile(r"[^\W\d_]")
_TYPOGRAPHIC_PUNCTUATION = re.compile("[\u00a0\u2000-\u200a\u2010-\u2027\u202f\u2039\u203a\u00ab\u00bb\u00b7]")
_LONE_APOSTROPHE = re.compile(rb"'(?:(?<![a-z0-9]')|(?![a-z0-9]))")  # on lower-cased ASCII
_INLINE_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1C), 0x1F, 0x7F])  # _INVISIBLE_INLINE in ASCII
_ASCII_WORD_BYTES = bytes(c if chr(c).isascii() and (chr(c).isalnum() or c == 39) else 32 for c in range(256))
_LIST_MARKER = re.compile(r"^\s*(?:[-*+•▪◦]|\d{1,3}[.)])\s+")
_BULLETS = "-*+•▪◦"  # a bullet and a space open a list item; in wrapped text "Oct.\n9. " is a wrap, not an item
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_INVISIBLE_INLINE = re.compile(r"[\u00ad\u200b-\u200f\u2060\ufeff\x00-\x08\x0e-\x1b\x1f\x7f]")  # not line breaks
_TERMINAL_ESCAPE = re.compile(r"\x1b(?:\[[0-?]{0,32}[ -/]{0,8}[@-~]|[@-Z\\-_])")  # ANSI colours and the like
# typewriter dashes: " _ " and " -- " between words, "--" joining two words
_SPACED_UNDERSCORE = re.compile(r" _ (?<=\S _ )(?=\S)")
_SPACED_HYPHENS = re.compile(r" -- (?<=\S -- )(?=\S)")
_JOINED_HYPHENS = re.compile(r"--(?<=\w--)(?=\w)")
_LABEL = re.compile(r"^[A-Z][A-Z0-9&'’ -]{1,30}:\s")
_MEDIA_WORDS = r"(?=[A-Z])(?i:image|photo|picture|pic|video|footage|graphic|illustration|credit|source|foto|bild)s?"
_MEDIA_CREDIT = re.compile(
    rf"(?:\b{_MEDIA_WORDS}(?: credit)?\s?[:|/]\s?[^.!?:]{{1,60}}|\b{_MEDIA_WORDS} by [^.!?:]{{1,60}})[)\]]?\.?$"
)
_DATELINE_DASHED = re.compile(
    r"^[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}"  # city in capitals: NAIROBI, PHNOM PENH, ST. LOUIS
    r"(?:, [A-Z][\w.'’-]*(?: [\w.'’-]+){0,3})?"  # region, country or date: ", Kenya", ", Oct. 5"
    r"(?: \([A-Za-z][\w.&' -]{0,24}\))?"  # agency: (AP), (Reuters)
    r" ?(?:_|--?|—|–)\s+"
)
_DATELINE_AGENCY = re.compile(
    r"^[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:, [A-Z][\w.'’-]*(?: [\w.'’-]+){0,3})?"
    r" \([A-Za-z][\w.&' -]{0,24}\) ?[:.]?\s+"
)
_DATELINE_BARE = re.compile(r"^[A-Z]{3,}(?: [A-Z]{2,}){0,2}[:.] (?=[\"“‘'A-Z])")  # TOKYO: / TOKYO. (not U.S.)

# HTML without a tree (``html_to_text``)
# The 181 real pages of the Zyte benchmark: at most 1.5 MB, 1,596 elements and a tail work (below) of 1.8e6.
MAX_EXTRACT_CHARS = 8 * 1024 * 1024
MAX_EXTRACT_ELEMENTS = 15_000
MAX_TAIL_WORK = 10**8  # trafilatura deleting that many characters' worth of sibling tails takes ~0.1 s
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]{0,40})")
_HTML_SPACE = re.compile(r"\s+")
_HTML_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed"})
_HTML_LEFT_OUT = frozenset(
    {"noscript", "template", "svg", "math", "select", "button", "nav", "header", "footer", "aside"}
)
_HTML_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "br", "dd", "details", "div", "dl", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main",
        "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
    }
)  # fmt: skip

# markdown, applied only to .md documents
_MD_IMAGE = re.compile(r"!\[[^\]\n]{0,500}\]\([^)\n]{0,1000}\)")
_MD_LINK = re.compile(r"\[([^\]\n]{0,500})\](?:\([^)\n]{0,1000}\)|\[[^\]\n]{0,200}\])")
_MD_REFERENCE = re.compile(r"^\s{0,3}\[[^\]\n]{1,200}\]:\s")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+|\s#{1,6}\s*$")  # not \s+#: quadratic on a run of spaces
_MD_QUOTE = re.compile(r"^\s{0,3}(?:>\s?){1,6}")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)([^*_\n]{1,500}?)(?<=\S)\1")
_MD_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)([^*_\n]{1,500}?)(?<=\S)\1(?![\w*])")
_MD_CODE = re.compile(r"`([^`\n]{1,500})`")
_MD_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,500}>")


def clean_document(document: Document, language: str = "english") -> list[str]:
    """Return the body paragraphs of a document as whitespace-normalised prose, boilerplate removed.

    HTML is reduced to its main text first (trafilatura); ``language`` picks the stop-word list (jusText's).
    """
    stopwords = load_stopwords(language)
    if document.format == "html":
        text = extract_main_text(document.text)  # one block a line; <pre> text may still be hard-wrapped
    elif document.id.lower().endswith(".md"):
        text = strip_markdown(document.text)
    else:
        text = document.text
    paragraphs = split_paragraphs(normalize_text(text))
    return filter_paragraphs([_finish_paragraph(p) for p in paragraphs], stopwords)


# -- HTML -----------------------------------------------------------------------------------------------------
def extract_main_text(html: str) -> str:
    """The main text of an HTML page, one paragraph a line, by trafilatura (Barbaresi 2021).

    We parse with our own lxml HTMLParser (no_network=True; libxml2's HTML parser never loads a DTD or expands
    an external entity, so no XXE) and hand trafilatura the tree; it fetches nothing when given a tree.
    Comments, tables and images are left out: they are not prose a summary can quote.

    Pages beyond what that handles in bounded time and without loss go through ``html_to_text`` instead: over
    ``MAX_EXTRACT_CHARS`` characters or ``MAX_EXTRACT_ELEMENTS`` elements (trafilatura's time grows faster than
    the element count: 7 s for 80,000 paragraphs, 59 s for 160,000), over ``MAX_TAIL_WORK`` (see
    ``_tail_work``), nested deeper than libxml2's limit of 256 (it then drops the whole page), or not parseable.
    """
    import lxml.etree
    import lxml.html
    import trafilatura

    if not html.strip():
        return ""
    if len(html) > MAX_EXTRACT_CHARS or html.count("<") > 4 * MAX_EXTRACT_ELEMENTS:
        return html_to_text(html)
    parser = lxml.html.HTMLParser(
        encoding="utf-8",
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
        default_doctype=False,
        huge_tree=False,
    )
    try:
        tree = lxml.html.document_fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return html_to_text(html)
    over_limit = any(e.type_name == "ERR_RESOURCE_LIMIT" or "XML_PARSE_HUGE" in e.message for e in parser.error_log)
    if over_limit or _tail_work(tree, MAX_EXTRACT_ELEMENTS) > MAX_TAIL_WORK:
        return html_to_text(html)
    text = trafilatura.extract(
        tree,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        output_format="txt",
        with_metadata=False,
        deduplicate=False,
    )
    return text or ""


def _tail_work(tree: object, max_elements: int) -> float:
    """An upper bound on the characters trafilatura copies when it deletes elements; infinite past ``max_elements``.

    Deleting an element (a script, a share button) appends its tail text to the previous sibling's, so deleting
    k siblings whose tails hold n characters copies up to k * n characters: summed over parents. Quadratic in
    a page of thousands of ``<style></style>text``, tiny in real pages.
    """
    tails: dict[object, list[int]] = {}
    for count, element in enumerate(tree.iter(), 1):  # type: ignore[attr-defined]
        if count > max_elements:
            return float("inf")
        tail = element.tail
        if tail and not tail.isspace():
            counts = tails.setdefault(element.getparent(), [0, 0])
            counts[0] += 1
            counts[1] += len(tail)
    return float(sum(k * n for k, n in tails.values()))


def html_to_text(html: str) -> str:
    """The text of an HTML page without a parse tree, one block a line: a linear scan, no depth limit.

    Scripts, styles, navigation, headers, footers and asides are left out, entities decoded (named and numeric
    only; nothing is fetched or expanded), inline tags dropped and block tags turned into line breaks. The general
    paragraph rules then judge each line, as they judge trafilatura's output. An element left out but never closed
    would hide the rest of the page, so the scan is then run again keeping that element (a few scans at most).
    """
    left_out = _HTML_LEFT_OUT
    while True:
        text, unclosed = _scan_html(html, left_out)
        if not unclosed:
            lines = (" ".join(line.split()) for line in html_lib.unescape(text).split("\n"))
            return "\n".join(line for line in lines if line)
        left_out = left_out - {unclosed}


def _scan_html(html: str, left_out: frozenset[str]) -> tuple[str, str]:
    """One pass of ``html_to_text``: the text with block breaks, and the left-out element still open at the end."""
    out: list[str] = []
    skipping, depth = "", 0  # the element whose content is being left out, and how deep inside it we are
    unclosed: set[str] = set()  # raw-text elements with no end tag after some point (so after any later one)
    i, size = 0, len(html)
    while i < size:
        lt = html.find("<", i)
        if not skipping:
            out.append(_HTML_SPACE.sub(" ", html[i : lt if lt >= 0 else size]))
        if lt < 0:
            break
        if html.startswith(("<!", "<?"), lt):  # comment, doctype, CDATA or processing instruction
            comment = html.startswith("<!--", lt)
            end = html.find("-->", lt + 4) if comment else html.find(">", lt)
            i = size if end < 0 else end + (3 if comment else 1)  # unclosed: the rest is not text
            continue
        tag = _HTML_TAG.match(html, lt)
        if tag is None:  # a lone "<" is text
            out.append("" if skipping else "<")
            i = lt + 1
            continue
        gt = html.find(">", tag.end())
        if gt < 0:  # an unterminated tag: nothing after it is text
            break
        closing, name, i = tag.group(1) == "/", tag.group(2).lower(), gt + 1
        self_closing = html[gt - 1] == "/"
        if skipping:
            if name == skipping and not self_closing:
                depth += -1 if closing else 1
                if depth == 0:
                    out.append("\n" if name in _HTML_BLOCKS else "")
                    skipping = ""
        elif closing:
            out.append("\n" if name in _HTML_BLOCKS else "")
        elif name in _HTML_RAW_TEXT:  # content is not markup: jump past the end tag
            close = None if name in unclosed else re.compile(rf"</{name}\s*>", re.IGNORECASE).search(html, i)
            if close is not None:
                i = close.end()
            elif name in ("script", "style"):  # as browsers do: an unclosed script runs to the end
                i = size
            else:  # no end tag from here on, so none from any later start either: never search for it again
                unclosed.add(name)
            out.append("\n")
        elif name in left_out and not self_closing:
            skipping, depth = name, 1
            out.append("\n" if name in _HTML_BLOCKS else "")
        elif name in _HTML_BLOCKS:
            out.append("\n")
    return "".join(out), skipping


# -- segmentation ---------------------------------------------------------------------------------------------
def split_paragraphs(text: str) -> list[str]:
    """Split plain text into paragraphs: blank lines separate; hard-wrapped lines are joined; else a line each.

    Hard wrapping is detected from line lengths (see ``hard_wrap_width``), never from where a file came from.
    This is the one paragraph model of the project: the splitter (``split.split_sentences``) reads raw text
    through it too, so no sentence crosses a paragraph either stage sees.
    """
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in text.replace("\u2029", "\n\n").splitlines():  # every Unicode line break; U+2029 ends a paragraph
        line = line.rstrip()
        if line and not line.isspace():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    width = hard_wrap_width(blocks)
    paragraphs: list[str] = []
    for block in blocks:
        if len(block) == 1:
            paragraphs.append(block[0].strip())
            continue
        pieces = [block[0].strip()]  # joined once per paragraph: linear however many lines it has
        at_start = True
        for previous, line in itertools.pairwise(block):
            stripped = line.strip()
            if _continues(previous, line, width, at_start):
                last = pieces[-1]
                hyphenated = last.endswith("-") and len(last) > 1 and last[-2].isalpha() and stripped[:1].islower()
                pieces.append(stripped if hyphenated else " " + stripped)
                at_start = False
            else:
                paragraphs.append("".join(pieces))
                pieces = [stripped]
                at_start = True
        paragraphs.append("".join(pieces))
    return paragraphs


def _ends_sentence(line: str) -> bool:
    """Whether the line ends with sentence-final punctuation, possibly followed by closing quotes or brackets."""
    core = line.rstrip(_CLOSER_CHARS)
    return bool(core) and core[-1] in _TERMINALS


def hard_wrap_width(blocks: Sequence[Sequence[str]]) -> int | None:
    """The wrap column if the text is hard-wrapped, else None.

    Hard-wrapped text has many lines followed by another line of the same paragraph, most of them within a
    narrow band below a plausible column, most ending mid-sentence and a fair share going on in lower case
    (one-sentence-a-line text and lists of captions or menu items do neither).
    """
    interior = [line for block in blocks for line in block[:-1]]
    if len(interior) < 2:
        return None
    lengths = sorted(len(line) for line in interior)
    width = lengths[min(len(lengths) - 1, int(0.9 * len(lengths)))]
    if not WRAP_WIDTH_RANGE[0] <= width <= WRAP_WIDTH_RANGE[1]:
        return None
    band = bisect.bisect_right(lengths, 1.25 * width) - bisect.bisect_left(lengths, WRAP_BAND * width)
    in_band = band / len(lengths)
    terminated = sum(map(_ends_sentence, interior)) / len(interior)
    if len(interior) < MIN_WRAPPED_LINES:  # two lines are weak evidence: ask for a clear case
        return width if in_band == 1.0 and terminated == 0.0 and width >= 40 else None
    followers = [line.lstrip()[0] for block in blocks for line in block[1:]]
    lower = sum(map(str.islower, followers)) / len(followers)
    if in_band < WRAP_SHARE_IN_BAND or terminated > WRAP_SHARE_TERMINATED_MAX or lower < WRAP_SHARE_LOWER_MIN:
        return None
    return width


def _continues(previous: str, line: str, width: int | None, at_start: bool) -> bool:
    """Whether ``line`` continues the paragraph of ``previous`` (same block) rather than starting a new one.

    ``at_start`` says ``previous`` opens its paragraph, the only place a heading can be.
    """
    stripped = line.lstrip()
    if not stripped or (stripped[0] in _BULLETS and stripped[1:2].isspace()):  # a bullet item opens a paragraph
        return False
    if width is None:  # not wrapped: only a sentence plainly running on in lower case continues
        if _LIST_MARKER.match(line):
            return False
        prev = previous.strip()
        return not _ends_sentence(prev) and stripped[0].islower() and not _is_heading_line(prev)
    if len(previous) < WRAP_BAND * width:  # a short line ends its paragraph (or is a heading)
        return False
    if (
        at_start
        and len(previous) < HEADING_MAX_WIDTH * width
        and stripped[0].isupper()
        and _is_heading_line(previous.strip())
    ):
        return False
    return len(line) - len(stripped) <= len(previous) - len(previous.lstrip())  # an indented line opens a paragraph


def _is_heading_line(line: str) -> bool:
    """A line without final punctuation whose words are nearly all capitalised (title case or capitals)."""
    if _ends_sentence(line) or line.endswith((",", ";", "-")):
        return False
    words = [w for w in WORD.findall(line) if not w[0].isdigit()]
    if len(words) < 3:
        return False
    return sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)


# -- normalisation --------------------------------------------------------------------------------------------
def normalize_paragraph(paragraph: str) -> str:
    """NFC, invisible characters and terminal escapes out, whitespace runs to one space, ````x''`` to ``"x"``,
    `` _ ``/`` -- `` to —."""
    return _finish_paragraph(normalize_text(paragraph))


def normalize_text(text: str) -> str:
    """The document-wide part of the normalisation, done once per document: NFC, terminal escapes and invisible
    characters out (the line-breaking controls stay for ``split_paragraphs``), ````x''`` to ``"x"``."""
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "\x1b" in text:
        text = _TERMINAL_ESCAPE.sub("", text)
    if text.isascii():  # the invisible characters of ASCII are control characters: deleted in C
        raw = text.encode("ascii")
        kept = raw.translate(None, _INLINE_CONTROL_BYTES)
        if len(kept) != len(raw):
            text = kept.decode("ascii")
    else:
        text = _INVISIBLE_INLINE.sub("", text)
    if "`" in text or "''" in text:
        text = text.replace("``", '"').replace("`", "'").replace("''", '"')  # a stray ` pairs as '' too
    return text


def _finish_paragraph(paragraph: str) -> str:
    """The paragraph part of the normalisation: line-breaking controls out, whitespace runs to one space, a list
    marker out, typewriter dashes to —."""
    text = " ".join(_INVISIBLE.sub("", paragraph).split()) if not paragraph.isprintable() else paragraph.strip()
    if "  " in text:
        text = " ".join(text.split())
    marker = _LIST_MARKER.match(text)
    if marker:
        text = text[marker.end() :]
    if " _ " in text:  # each pattern opens with a literal, which the regex engine finds with a fast search
        text = _SPACED_UNDERSCORE.sub(" — ", text)
    if "--" in text:
        text = _JOINED_HYPHENS.sub("—", _SPACED_HYPHENS.sub(" — ", text))
    return text


def strip_dateline(paragraph: str) -> str:
    """Remove a newswire dateline opening a paragraph (``PHNOM PENH, Cambodia (AP) _``, ``TOKYO:``, ``TOKYO.``)."""
    for pattern in (_DATELINE_DASHED, _DATELINE_AGENCY, _DATELINE_BARE):
        match = pattern.match(paragraph)
        if match and _LETTER.search(paragraph, match.end()):
            rest = paragraph[match.end() :]
            return rest[:1].upper() + rest[1:]
    return paragraph


def strip_markdown(text: str) -> str:
    """Reduce Markdown to plain text: front matter, code blocks and link targets out; headings, quotes, emphasis
    and links kept as their words (list markers are left for segmentation to see)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), None)
        if end is not None:
            lines = lines[end + 1 :]
    out: list[str] = []
    fence: str | None = None
    for line in lines:
        marker = line.lstrip()[:3]
        if marker in ("```", "~~~"):
            fence = None if fence == marker else (fence or marker)
            out.append("")
            continue
        if fence is not None or _MD_REFERENCE.match(line):
            out.append("")
            continue
        line = _MD_QUOTE.sub("", _MD_HEADING.sub("", line))
        line = _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", line))
        line = _MD_EMPHASIS.sub(r"\2", _MD_STRONG.sub(r"\2", _MD_CODE.sub(r"\1", line)))
        out.append(_MD_TAG.sub("", line))
    return "\n".join(out)


# -- filtering ------------------------------------------------------------------------------------------------
def filter_paragraphs(paragraphs: Sequence[str], stopwords: frozenset[str] | None = None) -> list[str]:
    """Keep the paragraphs that read as body prose, by the rules in the module docstring, in order.

    The dateline rule runs on paragraphs until the first one is kept, as a dateline opens the article body.
    A short paragraph seen more than once is a template and goes everywhere; a long one is content shown twice
    (a lede repeated as a summary box) and keeps its first occurrence. The stop-word rule runs only when the
    document as a whole is in the language (else the user's language setting, not the paragraph, is off).
    Words are counted once per paragraph; the document's density is the sum of its paragraphs' counts.
    """
    keys = [_key(p) for p in paragraphs]
    counts = Counter(keys)
    word_counts: list[tuple[int, int]] = []
    if stopwords:
        word_counts = [word_counts_of(p, stopwords) for p in paragraphs]
        words = sum(n for n, _ in word_counts)
        if words and sum(k for _, k in word_counts) / words < DOCUMENT_MIN_DENSITY:
            stopwords = None
    kept: list[str] = []
    emitted: set[str] = set()
    for i, (paragraph, key) in enumerate(zip(paragraphs, keys, strict=True)):
        if key in emitted:
            continue
        if counts[key] > 1 and len(paragraph.split()) < REPEATED_TEMPLATE_MAX_WORDS:
            continue
        known = (paragraph, word_counts[i]) if stopwords else None
        text = body_text(paragraph if kept else strip_dateline(paragraph), stopwords, _counted=known)
        if text:
            kept.append(text)
            emitted.add(key)
    return kept


def body_text(
    paragraph: str, stopwords: frozenset[str] | None = None, *, _counted: tuple[str, tuple[int, int]] | None = None
) -> str | None:
    """The paragraph if it reads as body prose, else None; a leading label goes, an unterminated tail may go.

    ``_counted`` (internal) is a paragraph with its word counts, reused when the paragraph reaches the stop-word
    rule unchanged.
    """
    label = _LABEL.match(paragraph)
    if label:
        paragraph = paragraph[label.end() :]
    if not _LETTER.search(paragraph) or _MEDIA_CREDIT.search(paragraph, max(0, len(paragraph) - MEDIA_CREDIT_SPAN)):
        return None
    if (
        paragraph.endswith("?")
        and len(paragraph.split()) <= MAX_QUESTION_HEADING_WORDS
        and not _SENTENCE_BOUNDARY.search(paragraph)
        and not any(q in paragraph for q in '"“”')
    ):
        return None
    if not _ends_sentence(paragraph):
        boundaries = list(_SAFE_BOUNDARY.finditer(paragraph))
        if not boundaries:
            return None
        head = paragraph[: boundaries[-1].start() + len(boundaries[-1].group(0).rstrip())]
        if len(head.split()) < MIN_TRIMMED_WORDS:
            return None
        paragraph = head
    if stopwords:
        words, stops = _counted[1] if _counted and _counted[0] == paragraph else word_counts_of(paragraph, stopwords)
        if words >= STOPWORD_MIN_WORDS and stops / words < STOPWORD_MIN_DENSITY:
            return None
    return paragraph


def stopword_density(text: str, stopwords: frozenset[str], min_words: int = 1) -> float:
    """Share of words that are stop words (jusText's feature, Pomikálek 2011); 1.0 below ``min_words`` words.

    Words are the project's one word pattern (``languages.WORD``) without the numbers.
    """
    words, stops = word_counts_of(text, stopwords)
    if words < min_words or not words:
        return 1.0
    return stops / words


def word_counts_of(text: str, stopwords: frozenset[str]) -> tuple[int, int]:
    """How many words ``text`` has, and how many of them are stop words (case ignored; numbers are not words).

    The words are ``languages.WORD``'s (with ’ read as '); text that is ASCII once its typographic punctuation
    is read as spaces is tokenised as bytes (a translation table and a split, both in C), several times faster
    than the regular expression, which the rest still goes through.
    """
    lowered = text.lower()
    if not lowered.isascii():  # typographic punctuation separates words as ASCII punctuation does
        lowered = _TYPOGRAPHIC_PUNCTUATION.sub(" ", lowered.replace("’", "'"))
    if lowered.isascii():
        raw = lowered.encode("ascii")
        if b"'" in raw:  # an apostrophe joins two words only between letters or digits, as in the pattern
            raw = _LONE_APOSTROPHE.sub(b" ", raw)
        tokens = raw.translate(_ASCII_WORD_BYTES).split()
        stops = _ascii_stop_words(stopwords)
        return len(tokens) - sum(map(bytes.isdigit, tokens)), sum(map(stops.__contains__, tokens))
    words = WORD.findall(lowered)
    return len(words) - sum(map(str.isdigit, words)), sum(map(stopwords.__contains__, words))


@functools.lru_cache(maxsize=16)
def _ascii_stop_words(stopwords: frozenset[str]) -> frozenset[bytes]:
    """The ASCII stop words as bytes, for ``word_counts_of``'s fast path."""
    return frozenset(w.encode("ascii") for w in stopwords if w.isascii())


def load_stopwords(language: str) -> frozenset[str] | None:
    """jusText's stop-word list for a language of the registry, read from its package data.

    None when jusText is not installed (the stop-word rule is then skipped); UsageError for an unknown language.
    """
    return boilerplate_stop_words(language)


def _key(paragraph: str) -> str:
    """Comparison key for verbatim repetition: case and whitespace ignored."""
    key = paragraph.lower() if paragraph.isascii() else paragraph.casefold()  # the same on ASCII, and faster
    return key if key.isprintable() and "  " not in key and key == key.strip() else " ".join(key.split())
