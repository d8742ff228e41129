"""The language registry: everything the pipeline knows about a language, in one record per language.

A ``Language`` names its stemmer (PyStemmer: Porter's original for English, the one ROUGE ``-m`` uses; Snowball
otherwise), where its stop words come from (the list TF-IDF and the concepts skip; scikit-learn's English list
shipped in ``summarize/data`` plus sumy's packaged lists), its boilerplate stop-word list (jusText's, for the
cleaning rule that drops paragraphs in another language) and its sentence-splitter parameters (``split.py``).
``WORD`` is the one pattern for a word, used by every stage that counts words. Adding a language is one
``Language(...)`` entry below; ``supported_languages()`` and the command line's help read this registry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from summarize.errors import UsageError

__all__ = [
    "LANGUAGES",
    "WORD",
    "Language",
    "SplitterRules",
    "boilerplate_stop_words",
    "get_language",
    "stop_words",
    "supported_languages",
]

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
"""A word: letters and digits, with inner apostrophes (``don't``, ``l’effectif``); ``_`` and punctuation split."""

_DATA = Path(__file__).with_name("data")


def _words(text: str) -> frozenset[str]:
    """A frozen set of the whitespace-separated entries of ``text`` (the lists below are written one string)."""
    return frozenset(text.split())


@dataclass(frozen=True)
class SplitterRules:
    """What the sentence splitter (``summarize/split.py``) needs to know of a language; entries are lower case and
    without their final period (``u.s``, ``sig.ra``).

    * ``titles``: words written before a name ("Dr. Lee", "Sen. Kerry"): a period after one never ends a sentence.
    * ``abbreviations``: a period after one ends a sentence only before a listed sentence starter ("... & Co. It
      closed"); ``capitalised`` ones count only when capitalised (the AP state "Ill." but not "was ill.").
    * ``number_abbreviations``: abbreviations that stand before a number ("p. 55", "No. 3"): no break before a digit.
    * ``sentence_starters``: words that, capitalised after an abbreviation or an initial, open a new sentence.
    * ``ordinal_numbers``: a number with a period is an ordinal before a capitalised word ("am 3. Oktober").
    * ``clause_ends``: characters that end a segment like a full stop in this language's conventions.
    """

    titles: frozenset[str] = frozenset()
    abbreviations: frozenset[str] = frozenset()
    capitalised: frozenset[str] = frozenset()
    number_abbreviations: frozenset[str] = frozenset()
    sentence_starters: frozenset[str] = frozenset()
    ordinal_numbers: bool = False
    clause_ends: str = ""


@dataclass(frozen=True)
class Language:
    """One supported language: stemmer, stop-word sources and splitter rules (see the module docstring)."""

    name: str
    stemmer: str
    splitter: SplitterRules = field(repr=False)
    sumy_stop_words: str = ""  # sumy's packaged list (sumy/data/stopwords/<name>.txt)
    boilerplate_list: str = ""  # jusText's stop list (justext/stoplists/<name>.txt)
    shipped_stop_words: str = ""  # a file in summarize/data, added to sumy's list


# Abbreviations common to the Latin-script languages: units, Latin, and letters of dotted acronyms are handled by
# the splitter's letters-and-periods rule, so only multi-letter forms are listed.
_COMMON = "etc vs ca cf approx vol vols eds pp ph.d nr"
_COMMON_NUMBER = "no nos nr nrs n° nº art arts p pp vol vols tel fig figs ch sec ed"

_ENGLISH = SplitterRules(
    titles=_words(
        "mr mrs ms messrs mmes dr drs prof profs rev revs msgr fr sr jr hon pres gov govs sen sens rep reps atty "
        "supt amb sec treas dist st ste mme mlle mt ft gen gens lt col maj capt cmdr cdr adm brig sgt cpl pvt pfc "
        "spec insp det ens lieut gov.-elect"
    ),
    abbreviations=_words(
        _COMMON + " jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues thu thur thurs fri "
        "ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nev "
        "okla ore pa tenn tex vt va wash wis wyo ave blvd rd hwy pl bldg inc corp co cos ltd plc bros assn dept "
        "govt univ intl mfg natl cong e.g i.e a.m p.m al est oz lb lbs yr yrs mos hrs mins sq cu m.d b.a m.a"
    ),
    capitalised=_words(
        "ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nev "
        "okla ore pa tenn tex vt va wash wis wyo mar jun"
    ),
    number_abbreviations=_words(_COMMON_NUMBER),
    sentence_starters=_words(
        "the a an he she it they we you i his her its their our my this that these those there here but and so "
        "yet in on at for from with as after before when while since during although though if because however "
        "meanwhile also still now then later earlier today yesterday some many most all both each other such what "
        "how why where who among according despite under instead thus nevertheless moreover even only not more "
        "last did does do is are was were will would can could should has have had no one two three"
    ),
)

_GERMAN = SplitterRules(
    titles=_words("dr prof hr fr frl st hl dipl ing mag med phil jur rer nat dres profs"),
    capitalised=_words("mag"),
    abbreviations=_words(
        _COMMON + " z.b u.a d.h bzw ca evtl ggf inkl usw vgl sog bspw zb dt engl franz allg abs abt bd bsp "
        "chr dez gegr ggf hrsg jh jhd jan feb mär apr aug sept okt nov dez mio mrd str tsd ca v.a u.ä o.ä z.t "
        "s.o s.u u.u i.d.r d.j einschl eigtl geb gest verh kath ev röm med"
    ),
    number_abbreviations=_words(_COMMON_NUMBER + " s bd abs nr jg"),
    sentence_starters=_words(
        "der die das ein eine er sie es wir ich ihr man dies diese dieser dieses doch aber und auch dann denn "
        "so als wenn weil nach vor in im am an auf mit bei seit trotz während heute gestern damit dort hier"
    ),
    ordinal_numbers=True,
)

_FRENCH = SplitterRules(
    titles=_words("m mm mme mmes mlle mlles dr pr me mgr st ste"),
    abbreviations=_words(
        _COMMON + " av apr j.-c env etc janv févr fév avr juil sept oct nov déc boul bd éd ex cie ltd inc c.-à-d p.ex"
    ),
    number_abbreviations=_words(_COMMON_NUMBER + " n°s"),
    sentence_starters=_words(
        "le la les un une il elle ils elles on nous vous je ce cette ces mais et puis alors donc en dans après "
        "avant selon pour depuis aujourd'hui hier"
    ),
)

_ITALIAN = SplitterRules(
    titles=_words(
        "sig sig.ra sig.na sigg dott dott.ssa prof prof.ssa ing avv arch geom rag on sen dr mons s.e dir amm psicol"
    ),
    abbreviations=_words(
        _COMMON + " ecc es pag gen feb febbr mar apr mag giu lug ago sett ott nov dic v.le c.so p.za "
        "sta spa s.p.a s.r.l tel cap"
    ),
    number_abbreviations=_words(_COMMON_NUMBER + " pag n"),
    sentence_starters=_words(
        "il lo la i gli le un una egli lei essi noi voi io questo questa ma e poi allora quindi in dopo prima "
        "secondo per oggi ieri"
    ),
)

_SPANISH = SplitterRules(
    titles=_words("sr sra srta sres sras dr dra lic ing arq prof d dña ud uds sto sta gral"),
    abbreviations=_words(
        _COMMON + " admón avda av pág págs párr párrf ene feb mar abr jun jul ago sept oct nov dic etc cía s.a "
        "ee.uu aprox núm lun mié jue vie sáb dom"
    ),
    capitalised=_words("mar dom"),
    number_abbreviations=_words(_COMMON_NUMBER + " núm pág págs"),
    sentence_starters=_words(
        "el la los las un una él ella ellos ellas nosotros yo esto este esta pero y luego entonces en después "
        "antes según para desde hoy ayer"
    ),
)

_PORTUGUESE = SplitterRules(
    titles=_words("sr sra srta dr dra prof profa eng arq d exmo exma sto sta"),
    abbreviations=_words(
        _COMMON + " av pág págs jan fev mar abr mai jun jul ago set out nov dez cia ltda s.a aprox núm"
    ),
    number_abbreviations=_words(_COMMON_NUMBER + " núm pág págs"),
    sentence_starters=_words(
        "o a os as um uma ele ela eles elas nós eu isto este esta mas e depois então em antes segundo para "
        "desde hoje ontem"
    ),
)

_SWEDISH = SplitterRules(
    titles=_words("dr prof hr fru fr fröken doc"),
    abbreviations=_words(
        _COMMON + " bl.a t.ex m.m osv dvs fr.o.m t.o.m resp jfr ca kl st tel jan febr feb mars apr aug sept "
        "okt nov dec s.k d.v.s o.s.v f.d"
    ),
    number_abbreviations=_words(_COMMON_NUMBER + " s kl"),
    sentence_starters=_words(
        "den det de en ett han hon vi jag ni man detta denna men och så då när efter före enligt i på för idag"
    ),
    ordinal_numbers=True,
)

# Arabic: no letter case, so a period before any word is a break unless an abbreviation precedes it. pySBD's
# Arabic rules end a segment at the colon too ("سؤال وجواب: ..."); its Arabic comma rule (،) is not followed:
# that comma joins clauses of one sentence.
_ARABIC = SplitterRules(titles=_words("د م أ"), abbreviations=_words("ص ب ق.م"), clause_ends=":")

LANGUAGES: dict[str, Language] = {
    language.name: language
    for language in (
        Language("arabic", "arabic", _ARABIC, "arabic", "Arabic"),
        Language("english", "porter", _ENGLISH, "english", "English", "stop_words_english.txt"),
        Language("french", "french", _FRENCH, "french", "French"),
        Language("german", "german", _GERMAN, "german", "German"),
        Language("italian", "italian", _ITALIAN, "italian", "Italian"),
        Language("portuguese", "portuguese", _PORTUGUESE, "portuguese", "Portuguese"),
        Language("spanish", "spanish", _SPANISH, "spanish", "Spanish"),
        Language("swedish", "swedish", _SWEDISH, "swedish", "Swedish"),
    )
}
_ALIASES = {"en": "english"}


def supported_languages() -> tuple[str, ...]:
    """The languages of the registry, in alphabetical order."""
    return tuple(LANGUAGES)


def get_language(name: str) -> Language:
    """The registry entry for ``name`` (case and surrounding space ignored); a UsageError listing the others."""
    language = LANGUAGES.get(name) or LANGUAGES.get(_ALIASES.get(key := name.strip().lower(), key))
    if language is None:
        raise UsageError(f"unsupported language {name!r}; choose from: {', '.join(supported_languages())}")
    return language


@cache
def stop_words(name: str = "english") -> frozenset[str]:
    """The stop words TF-IDF and the concepts skip: the shipped list (English: scikit-learn's) plus sumy's."""
    language = get_language(name)
    words: set[str] = set()
    if language.shipped_stop_words:
        lines = (_DATA / language.shipped_stop_words).read_text(encoding="utf-8").splitlines()
        words |= {line for line in lines if line and not line.startswith("#")}
    if language.sumy_stop_words:
        words |= _sumy_stop_words(language.sumy_stop_words)
    return frozenset(words)


def _sumy_stop_words(name: str) -> set[str]:
    """sumy's packaged list (``sumy/data/stopwords``), read as ``sumy.utils.get_stop_words`` reads it, without
    importing ``sumy.utils`` (requests and pycountry: 0.1 s)."""
    import pkgutil

    try:
        data = pkgutil.get_data("sumy", f"data/stopwords/{name}.txt")
    except OSError:
        data = None
    if data is None:
        raise LookupError(f"sumy has no stop-word list {name!r}")
    return {line.rstrip().lower() for line in data.decode("utf-8").splitlines() if line}


@cache
def boilerplate_stop_words(name: str = "english") -> frozenset[str] | None:
    """jusText's stop-word list for the language (the cleaning rule's), or None when jusText is not installed."""
    import importlib.util

    language = get_language(name)
    spec = importlib.util.find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "stoplists" / f"{language.boilerplate_list}.txt"
    words = path.read_text(encoding="utf-8").split()
    return frozenset(w.lower() for w in words if WORD.fullmatch(w))
