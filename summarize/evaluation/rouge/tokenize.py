"""Text handling exactly as ROUGE-1.5.5.pl does it: SPL reading, ``-l``/``-b`` cuts, tokens, ``-s`` and ``-m``.

The Perl script reads files as bytes, lowercases ASCII only (``tr/A-Z/a-z/``), cuts the summary on raw
whitespace-separated words (``-l``) or bytes (``-b``) *before* cleaning it, then replaces every byte that is
not ``[A-Za-z0-9-]`` by a space, isolates hyphens, and keeps only tokens starting with ``[a-z0-9$]``; so a
token is a run of ``[a-z0-9]``. Stop words (``-s``) are dropped before stemming; stemming (``-m``) applies
to tokens longer than three characters: WordNet-2.0 exception lookup first, then ROUGE's modified Porter.
The resource files (stop words, exception lists) are ROUGE-1.5.5's own, shipped in ``data/`` with their licences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# Perl's \s on a byte string (no locale, no unicode_strings): ASCII whitespace incl. vertical tab (5.18+).
_PERL_WS = re.compile(r"[ \t\n\r\f\v]+")
_TOKEN = re.compile(r"[a-z0-9]+")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

#: WordNet exception files in the order their entries are loaded; later files override earlier ones for
#: the five words listed in two files (e.g. ``better``: adj.exc says ``good``, adv.exc says ``well``).
EXCEPTION_FILES: tuple[str, ...] = ("adj.exc", "adv.exc", "noun.exc", "verb.exc")


def rouge_data_dir() -> Path:
    """ROUGE-1.5.5's resources shipped with summarize (stop words, WordNet-2.0 exception lists; see its LICENSE.md)."""
    return Path(__file__).with_name("data")


def as_perl_text(text: str | bytes) -> str:
    """The bytes Perl sees (UTF-8 for ``str``), one character per byte, so ``-b`` counts bytes like ``length``."""
    if isinstance(text, bytes):
        return text.decode("latin-1")
    return text.encode("utf-8").decode("latin-1")


def perl_split(text: str) -> list[str]:
    """Perl's ``split(/\\s+/, $s)``: a leading empty field is kept, trailing ones dropped (``-l`` counts them)."""
    fields = _PERL_WS.split(text)
    while fields and not fields[-1]:
        fields.pop()
    return fields


def read_spl(text: str | bytes) -> list[str]:
    """Lines of a one-sentence-per-line summary as ROUGE's SPL reader keeps them: ASCII-lowercased, empty ones out."""
    return [line.translate(_ASCII_LOWER) for line in as_perl_text(text).split("\n") if line]


def truncate_words(sentences: Sequence[str], limit: int) -> list[str]:
    """``-l N``: keep whole lines while the raw-word total stays under N, cut the next to fill N (``readText``)."""
    kept: list[str] = []
    total = 0
    for sentence in sentences:
        words = perl_split(sentence)
        if total + len(words) < limit:
            kept.append(sentence)
            total += len(words)
        else:
            kept.append(" ".join(words[: limit - total]))
            break
    return kept


def truncate_bytes(sentences: Sequence[str], limit: int, *, per_unit: bool = False) -> list[str]:
    """``-b N``: keep lines while their byte total stays under N, cut the next to fill N (``readText``).

    ``per_unit=True`` reproduces ``readText_LCS`` (ROUGE-L), whose running total is never updated.
    """
    kept: list[str] = []
    total = 0
    for sentence in sentences:
        if total + len(sentence) < limit:
            kept.append(sentence)
            if not per_unit:
                total += len(sentence)
        else:
            kept.append(sentence[: limit - total])
            break
    return kept


@cache
def stopwords() -> frozenset[str]:
    """ROUGE's ``smart_common_words.txt`` (SMART stop list) used by ``-s``."""
    text = (rouge_data_dir() / "smart_common_words.txt").read_bytes().decode("latin-1")
    return frozenset(line for line in text.split("\n") if line)


@cache
def wordnet_exceptions(files: tuple[str, ...] = EXCEPTION_FILES) -> dict[str, str]:
    """Inflection -> base form from the WordNet-2.0 ``*.exc`` lists, as ``buildExeptionDB.pl`` loads them for ``-m``."""
    table: dict[str, str] = {}
    folder = rouge_data_dir() / "WordNet-2.0-Exceptions"
    for name in files:
        for line in (folder / name).read_bytes().decode("latin-1").split("\n"):
            fields = perl_split(line)
            if len(fields) >= 2 and fields[0]:
                table[fields[0]] = fields[1]
    return table


# --- ROUGE-1.5.5's Porter stemmer (Martin Porter's Perl version with Chin-Yew Lin's 2004 step-4 change) ---
_c = "[^aeiou]"
_v = "[aeiouy]"
_C = f"{_c}[^aeiouy]*"
_V = f"{_v}[aeiou]*"
_MGR0 = re.compile(f"^({_C})?{_V}{_C}")
_MEQ1 = re.compile(f"^({_C})?{_V}{_C}({_V})?$")
_MGR1 = re.compile(f"^({_C})?{_V}{_C}{_V}{_C}")
_HAS_V = re.compile(f"^({_C})?{_v}")
_CVC = re.compile(f"^{_C}{_v}[^aeiouwxy]$")
_STEP2 = {
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble",
    "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate",
    "ator": "ate", "alism": "al", "iveness": "ive", "fulness": "ful", "ousness": "ous", "aliti": "al",
    "iviti": "ive", "biliti": "ble", "logi": "log",
}  # fmt: skip
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}
_RE_1A = re.compile(r"(ss|i)es$")
_RE_1A_S = re.compile(r"([^s])s$")
_RE_EED = re.compile(r"eed$")
_RE_ED_ING = re.compile(r"(ed|ing)$")
_RE_AT_BL_IZ = re.compile(r"(at|bl|iz)$")
_RE_DOUBLE = re.compile(r"([^aeiouylsz])\1$")
_RE_2 = re.compile("(" + "|".join(_STEP2) + ")$")
_RE_3 = re.compile("(" + "|".join(_STEP3) + ")$")
_RE_4 = re.compile(r"(al|ance|ence|er|ic|able|ible|ant|ement|ou|ism|ate|iti|ous|ive|ize)$")
_RE_MENT = re.compile(r"ment$")
_RE_ENT = re.compile(r"ent$")
_RE_ION = re.compile(r"(s|t)(ion)$")


def porter_stem(word: str) -> str:
    """ROUGE-1.5.5's ``stem``: Porter (1980) as its Perl source has it; ``-ement`` does not block ``-ment``/``-ent``."""
    if len(word) < 3:
        return word
    y_first = word[0] == "y"
    w = "Y" + word[1:] if y_first else word
    # Step 1a
    if (m := _RE_1A.search(w)) or (m := _RE_1A_S.search(w)):
        w = w[: m.start()] + m[1]
    # Step 1b
    if m := _RE_EED.search(w):
        if _MGR0.search(w[: m.start()]):
            w = w[:-1]
    elif m := _RE_ED_ING.search(w):
        stem = w[: m.start()]
        if _HAS_V.search(stem):
            w = stem
            if _RE_AT_BL_IZ.search(w):
                w += "e"
            elif _RE_DOUBLE.search(w):
                w = w[:-1]
            elif _CVC.search(w):
                w += "e"
    # Step 1c
    if w.endswith("y") and _HAS_V.search(w[:-1]):
        w = w[:-1] + "i"
    # Steps 2 and 3
    for pattern, table in ((_RE_2, _STEP2), (_RE_3, _STEP3)):
        if (m := pattern.search(w)) and _MGR0.search(w[: m.start()]):
            w = w[: m.start()] + table[m[1]]
    # Step 4, with CYL's 02/14/2004 modification: three independent checks
    if (m := _RE_4.search(w)) and _MGR1.search(w[: m.start()]):
        w = w[: m.start()]
    if (m := _RE_MENT.search(w)) and _MGR1.search(w[: m.start()]):
        w = w[: m.start()]
    if m := _RE_ENT.search(w):
        if _MGR1.search(w[: m.start()]):
            w = w[: m.start()]
    elif (m := _RE_ION.search(w)) and _MGR1.search(w[: m.start()] + m[1]):
        w = w[: m.start()] + m[1]
    # Step 5
    if w.endswith("e"):
        stem = w[:-1]
        if _MGR1.search(stem) or (_MEQ1.search(stem) and not _CVC.search(stem)):
            w = stem
    if w.endswith("ll") and _MGR1.search(w):
        w = w[:-1]
    if y_first:
        w = w[0].lower() + w[1:]
    return w


def morph_stem(word: str) -> str:
    """ROUGE's ``MorphStem`` for ``-m``: WordNet-2.0 exception form if listed, else :func:`porter_stem`."""
    base = wordnet_exceptions().get(word)
    return base if base is not None else porter_stem(word)


@cache
def _word_table(stem: bool, remove_stopwords: bool) -> dict[str, str | None]:
    """Shared cache token -> normalised token (``None`` for a removed stop word) for one ``-m``/``-s`` setting."""
    return {}


def _normalise(tokens: Iterable[str], stem: bool, remove_stopwords: bool) -> list[str]:
    """Apply ``-s`` then ``-m`` (only to tokens longer than three characters), memoised per word."""
    if not stem and not remove_stopwords:
        return list(tokens)
    table = _word_table(stem, remove_stopwords)
    stop = stopwords() if remove_stopwords else frozenset()
    out: list[str] = []
    for token in tokens:
        if token in table:
            norm = table[token]
        else:
            if token in stop:
                norm = None
            elif stem and len(token) > 3:
                norm = morph_stem(token)
            else:
                norm = token
            table[token] = norm
        if norm is not None:
            out.append(norm)
    return out


@dataclass(frozen=True)
class Tokenizer:
    """ROUGE-1.5.5's reading and tokenisation of one summary file under ``-m``, ``-s``, ``-l`` and ``-b``."""

    stem: bool = False
    remove_stopwords: bool = False
    word_limit: int | None = None
    byte_limit: int | None = None

    def __post_init__(self) -> None:
        """Reject ``-l`` together with ``-b``, as ROUGE-1.5.5.pl does, and negative limits."""
        if self.word_limit and self.byte_limit:
            raise ValueError("Specify a length limit in words (-l) or bytes (-b), not both.")
        if (self.word_limit or 0) < 0 or (self.byte_limit or 0) < 0:
            raise ValueError("Length limits (-l, -b) must be positive; 0 or None means no limit.")

    def units(self, text: str | bytes, *, lcs: bool = False) -> list[str]:
        """The truncated lowercase lines ROUGE scores; ``lcs=True`` follows ``readText_LCS`` (its ``-b`` quirk)."""
        sentences = read_spl(text)
        if self.word_limit:
            return truncate_words(sentences, self.word_limit)
        if self.byte_limit:
            return truncate_bytes(sentences, self.byte_limit, per_unit=lcs)
        return sentences

    def tokens(self, text: str | bytes) -> list[str]:
        """All tokens of a summary as ``readText`` + ``createNGram`` produce them (ROUGE-N, -S, -SU, LCS clipping)."""
        raw = _TOKEN.findall(" ".join(self.units(text)))
        return _normalise(raw, self.stem, self.remove_stopwords)

    def sentence_tokens(self, text: str | bytes) -> list[list[str]]:
        """Tokens per line as ``readText_LCS`` + ``tokenizeText_LCS`` produce them (ROUGE-L units)."""
        return [
            _normalise(_TOKEN.findall(unit), self.stem, self.remove_stopwords) for unit in self.units(text, lcs=True)
        ]
