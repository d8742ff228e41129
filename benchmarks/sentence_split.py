"""Sentence splitters side by side: pySBD's Golden Rules per language, DUC 2004 boundary F1, speed.

Candidates: ours (``summarize/split.py``, rules over ``summarize/languages.py``), NLTK's Punkt untrained and
trained on the DUC articles (a reference, never shipped), pySBD, sentencex, blingfire and nupunkt, each when it
is installed (``pip install pysbd sentencex blingfire nupunkt``; none is a dependency of the project), and a
naive regex.

* Golden Rules: the test cases of pySBD's repository (``tests/lang/test_<language>.py``, MIT licence, Nipun
  Sadvilkar), read at run time from a checkout given by --pysbd (default ~/.cache/summarize/pySBD; get one with
  ``git clone https://github.com/nipunsadvilkar/pySBD ~/.cache/summarize/pySBD``); nothing of them is copied into
  this repository. A case passes when the splitter returns exactly the expected sentences (stripped). "golden" is
  the list named GOLDEN_*; "all" adds the file's other lists (MORE, CLEAN...). Languages: the project's, where
  pySBD has rules (English, German, French, Italian, Spanish, Arabic; none for Portuguese or Swedish).
* DUC 2004: each one-sentence-per-line file's lines are joined with spaces into one paragraph, split again, and
  the predicted boundaries are compared with the line breaks, counted in non-whitespace characters, so a splitter
  is judged only on where it cuts. Development set: the peer summaries (the 12 systems whose output is one
  sentence per line; DPP puts a whole summary on one line and is left out). Report set: the human reference
  summaries. Gold lines come from people and systems and hold their mistakes ("Hun Sen. Hun Sen complained" on one
  peer line; "it will strain U.S.-N." ending a reference line), so even a perfect splitter scores below 100.
* Speed: MB of the DUC 2004 articles' body paragraphs (as the clean stage gives them, the splitter's input in the
  pipeline) per second of splitting, one process, best of --repeats runs; and for ours also the raw article
  texts (``split_sentences``, paragraph model included) and cleaning itself (``clean_document``). Both per second
  of wall time and per second of the process's CPU time: on a machine shared with other work the second is what
  the process would take alone.

The DUC 2004 data is NIST's, for research use: it is read from ../shared/data/duc2004 (relative to the repository
root) or --data, never copied into the repository, and the benchmark skips what needs it when it is absent.

    python benchmarks/sentence_split.py [--data DIR] [--pysbd DIR] [--show-errors N] [--repeats 5] [--no-trained]
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import dataclasses
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from itertools import accumulate, pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from summarize import split  # noqa: E402
from summarize.languages import get_language  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "duc2004"
DEFAULT_PYSBD = Path.home() / ".cache" / "summarize" / "pySBD"
PYSBD_FILES = {
    "english": ("en", "test_english.py"),
    "german": ("de", "test_deutsch.py"),
    "french": ("fr", "test_french.py"),
    "italian": ("it", "test_italian.py"),
    "spanish": ("es", "test_spanish.py"),
    "arabic": ("ar", "test_arabic.py"),
}
EXCLUDED_PEERS = frozenset({"DPP"})  # one line per summary: not sentence-split at all

Splitter = Callable[[str], list[str]]
Gold = list[tuple[str, list[str]]]

_NAIVE = re.compile(r"[.!?][\"'”’)\]]*(\s+)(?=[\"'“‘`(\[]*[A-Z0-9])")
_NON_WS = re.compile(r"\s+")
_US_FOLLOWER = re.compile(r"\bU\.S\.\s+[\"'`(]*([A-Z][\w'’-]*)")


def naive_split(text: str) -> list[str]:
    """Baseline: break after . ! ? (and closing quotes) when whitespace and a capital or digit follow."""
    cuts = [0, *(m.end(1) for m in _NAIVE.finditer(text)), len(text)]
    return [s for s in (text[a:b].strip() for a, b in pairwise(cuts)) if s]


def read_gold(directory: Path, exclude: frozenset[str] = frozenset()) -> Gold:
    """One-sentence-per-line files under ``directory/<cluster>/``: (name, sentences), skipping excluded systems."""
    gold: Gold = []
    for path in sorted(directory.glob("*/*.txt")):
        if path.stem in exclude:
            continue
        lines = [" ".join(line.split()) for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
        lines = [line for line in lines if line]
        if lines:
            gold.append((f"{path.parent.name}/{path.stem}", lines))
    return gold


def read_docs(directory: Path) -> list[tuple[str, str]]:
    """The hard-wrapped source articles, (name, text), used for the wrap check and the optional Punkt training."""
    return [
        (f"{p.parent.name}/{p.stem}", p.read_text(encoding="utf-8", errors="replace"))
        for p in sorted(directory.glob("*/*.txt"))
    ]


def _cuts(sentences: list[str]) -> tuple[list[int], str]:
    """Sentence end offsets in non-whitespace characters, and the non-whitespace text they index."""
    stripped = [_NON_WS.sub("", sentence) for sentence in sentences]
    return list(accumulate(len(s) for s in stripped)), "".join(stripped)


@dataclasses.dataclass
class Score:
    """Boundary counts and exact-sentence matches summed over files."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    exact: int = 0
    gold_sentences: int = 0
    lost_text: int = 0
    seconds: float = 0.0
    errors: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)

    def precision(self) -> float:
        """Share of predicted internal boundaries that are gold boundaries."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    def recall(self) -> float:
        """Share of gold internal boundaries found."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def f1(self) -> float:
        """Harmonic mean of boundary precision and recall."""
        p, r = self.precision(), self.recall()
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self) -> float:
        """Share of gold sentences reproduced exactly (same start and end)."""
        return self.exact / self.gold_sentences if self.gold_sentences else 1.0


def _context(flat: str, offset: int, width: int = 45) -> str:
    """Non-whitespace text around a boundary, with the boundary marked (for error listings)."""
    return f"{flat[max(0, offset - width) : offset]} ‖ {flat[offset : offset + width]}"


def evaluate(gold: Gold, splitter: Splitter) -> Score:
    """Score ``splitter`` on gold files whose lines are joined into one paragraph each."""
    score = Score()
    for name, sentences in gold:
        text = " ".join(sentences)
        start = time.perf_counter()
        predicted = splitter(text)
        score.seconds += time.perf_counter() - start
        gold_ends, flat = _cuts(sentences)
        pred_ends, pred_flat = _cuts(predicted)
        score.gold_sentences += len(sentences)
        if pred_flat != flat:  # the splitter changed or dropped text: count every gold boundary as missed
            score.lost_text += 1
            score.fn += len(gold_ends) - 1
            continue
        g, p = set(gold_ends[:-1]), set(pred_ends[:-1])
        score.tp += len(g & p)
        score.fp += len(p - g)
        score.fn += len(g - p)
        score.exact += len(set(pairwise([0, *gold_ends])) & set(pairwise([0, *pred_ends])))
        score.errors += [(name, "extra", _context(flat, o)) for o in sorted(p - g)]
        score.errors += [(name, "missed", _context(flat, o)) for o in sorted(g - p)]
    return score


def ours(language: str = "english") -> Splitter:
    """Our splitter (``summarize.split.split_sentences``) for ``language``."""
    return lambda text: split.split_sentences(text, language)


def punkt_untrained() -> Splitter | None:
    """NLTK's Punkt with empty parameters, as ``PunktSentenceTokenizer()`` gives it (NLTK comes with sumy)."""
    try:
        from nltk.tokenize.punkt import PunktSentenceTokenizer
    except ImportError:
        return None
    return PunktSentenceTokenizer().tokenize


def punkt_trained(docs: list[tuple[str, str]]) -> Splitter | None:
    """Punkt trained unsupervised (PunktTrainer) on the DUC source articles: an in-domain reference, never shipped."""
    try:
        from nltk.tokenize.punkt import PunktSentenceTokenizer, PunktTrainer
    except ImportError:
        return None
    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = True
    trainer.train("\n\n".join(text for _, text in docs), finalize=True)
    return PunktSentenceTokenizer(trainer.get_params()).tokenize


def peers(language: str) -> dict[str, Splitter]:
    """The other splitters that are installed, for ``language`` (pySBD's and sentencex's two-letter codes)."""
    code = PYSBD_FILES.get(language, ("en", ""))[0]
    found: dict[str, Splitter] = {}
    try:
        import pysbd

        segmenter = pysbd.Segmenter(language=code, clean=False)
        found["pySBD"] = lambda text: [s.strip() for s in segmenter.segment(text) if s.strip()]
    except (ImportError, ValueError):
        pass
    try:
        import sentencex

        found["sentencex"] = lambda text: [s.strip() for s in sentencex.segment(code, text) if s.strip()]
    except ImportError:
        pass
    try:
        import blingfire

        found["blingfire"] = lambda text: [s for s in blingfire.text_to_sentences(text).split("\n") if s.strip()]
    except ImportError:
        pass
    if language == "english":
        try:
            import nupunkt

            found["nupunkt"] = lambda text: [s.strip() for s in nupunkt.sent_tokenize(text) if s.strip()]
        except ImportError:
            pass
    return found


def golden_rules(directory: Path, language: str) -> dict[str, list[tuple[str, list[str]]]]:
    """pySBD's test cases for ``language``, by list name, parsed (never imported) from its test file."""
    path = directory / "tests" / "lang" / PYSBD_FILES[language][1]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lists: dict[str, list[tuple[str, list[str]]]] = {}
    for node in tree.body:
        if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.List)):
            continue
        name = getattr(node.targets[0], "id", "")
        cases = []
        for element in node.value.elts:
            args = element.args[:2] if isinstance(element, ast.Call) else element  # pytest.param(text, expected)
            text, expected = (ast.literal_eval(a) for a in (args if isinstance(args, list) else args.elts))
            if isinstance(text, str) and isinstance(expected, list):
                cases.append((text, [e.strip() for e in expected]))
        if cases:
            lists[name] = cases
    return lists


def golden_table(directory: Path) -> str:
    """Golden Rules passed per language and splitter ("golden" lists, and all lists of the file)."""
    rows: dict[str, dict[str, str]] = {}
    languages = [language for language in PYSBD_FILES if (directory / "tests" / "lang").is_dir()]
    for language in languages:
        lists = golden_rules(directory, language)
        golden = [case for name, cases in lists.items() if name.startswith("GOLDEN") for case in cases]
        every = [case for cases in lists.values() for case in cases]
        splitters: dict[str, Splitter] = {"ours": ours(language), **peers(language)}
        untrained = punkt_untrained()
        if untrained is not None:
            splitters["Punkt, untrained"] = untrained
        for name, splitter in splitters.items():
            rows.setdefault(name, {})[language] = (
                f"{_passed(golden, splitter)}/{len(golden)} ({_passed(every, splitter)}/{len(every)})"
            )
    head = "| splitter | " + " | ".join(languages) + " |"
    out = [
        "**pySBD's Golden Rules passed: golden lists (all lists of the test file)**",
        "",
        head,
        "| --- |" + " --- |" * len(languages),
    ]
    for name, cells in rows.items():
        out.append(f"| {name} | " + " | ".join(cells.get(language, "n/a") for language in languages) + " |")
    return "\n".join(out)


def _passed(cases: list[tuple[str, list[str]]], splitter: Splitter) -> int:
    """How many cases the splitter gets exactly right (an exception counts as a failure)."""
    passed = 0
    for text, expected in cases:
        with contextlib.suppress(Exception):  # a peer failing on a case fails that case
            passed += [s.strip() for s in splitter(text)] == expected
    return passed


def speed_table(docs_dir: Path, splitters: dict[str, Splitter], repeats: int) -> str:
    """MB/s of each splitter on the DUC 2004 articles' body paragraphs; ours also on raw text, and cleaning."""
    from summarize.clean import clean_document
    from summarize.load import load_documents

    documents = load_documents([str(docs_dir)], recursive=True).documents
    raw_bytes = sum(len(d.text.encode("utf-8")) for d in documents)
    paragraphs = [p for d in documents for p in clean_document(d)]
    para_bytes = sum(len(p.encode("utf-8")) for p in paragraphs)

    def best(run: Callable[[], object], times: int) -> tuple[float, float]:
        """The fastest wall time and the fastest CPU time of ``times`` runs."""
        wall = cpu = float("inf")
        for _ in range(times):
            start, start_cpu = time.perf_counter(), time.process_time()
            run()
            wall = min(wall, time.perf_counter() - start)
            cpu = min(cpu, time.process_time() - start_cpu)
        return wall, cpu

    def row(what: str, size: int, seconds: tuple[float, float]) -> str:
        return f"| {what} | {size / seconds[0] / 1e6:.1f} | {size / seconds[1] / 1e6:.1f} |"

    out = [
        f"**Speed on the {len(documents)} DUC 2004 articles ({raw_bytes / 1e6:.2f} MB; {para_bytes / 1e6:.2f} MB of "
        f"body paragraphs), one process, best of {repeats} runs (one run for splitters under 5 MB/s); MB per second "
        "of wall time, and of the process's CPU time (what it would take alone on a machine shared with other "
        "work; load average at the start "
        f"{os.getloadavg()[0]:.1f})**",
        "",
        "| what | MB/s (wall) | MB/s (CPU) |",
        "| --- | ---: | ---: |",
    ]
    for name, splitter in splitters.items():
        first = best(lambda s=splitter: [s(p) for p in paragraphs[:200]], 1)[0]
        slow = sum(len(p.encode("utf-8")) for p in paragraphs[:200]) / first / 1e6 < 5
        seconds = best(lambda s=splitter: [s(p) for p in paragraphs], 1 if slow else repeats)
        out.append(row(f"{name}: splitting the body paragraphs", para_bytes, seconds))
    seconds = best(lambda: [split.split_sentences(d.text) for d in documents], repeats)
    out.append(row("ours: splitting the raw article texts (with the paragraph model)", raw_bytes, seconds))
    seconds = best(lambda: [clean_document(d) for d in documents], repeats)
    out.append(row("ours: cleaning (`clean_document`, raw article texts)", raw_bytes, seconds))
    return "\n".join(out)


def table(title: str, rows: dict[str, Score]) -> str:
    """A Markdown table of boundary precision/recall/F1 and exact-sentence accuracy, one row per splitter."""
    out = [
        f"**{title}**",
        "",
        "| splitter | boundary P | boundary R | boundary F1 | exact-sentence acc | time (s) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name, s in rows.items():
        lost = f" ({s.lost_text} files lost text)" if s.lost_text else ""
        out.append(
            f"| {name}{lost} | {100 * s.precision():.2f} | {100 * s.recall():.2f} | {100 * s.f1():.2f} "
            f"| {100 * s.accuracy():.2f} | {s.seconds:.2f} |"
        )
    return "\n".join(out)


def wrap_check(docs: list[tuple[str, str]]) -> str:
    """Split each hard-wrapped article as is and with its line breaks removed; report where the results differ.

    The articles have no headings and no blank lines, so every difference is a line break wrongly taken as hard.
    """
    differ, extra = 0, 0
    examples: list[str] = []
    for name, text in docs:
        wrapped = split.split_sentences(text)
        flat = split.split_sentences(" ".join(text.split()))
        if wrapped != flat:
            differ += 1
            extra += len(wrapped) - len(flat)
            if len(examples) < 3:
                examples.append(f"  {name}: {next(s for s in wrapped if s not in flat)[:100]!r}")
    lines = [
        f"Wrap check on {len(docs)} hard-wrapped DUC articles: {len(docs) - differ} split identically with and "
        f"without their line breaks; {differ} differ ({extra:+d} sentences)."
    ]
    return "\n".join(lines + examples)


def us_followers(docs: list[tuple[str, str]], starters: frozenset[str]) -> str:
    """Which capitalised words follow "U.S." in the articles, split by whether they are listed sentence starters."""
    counts = Counter(m.group(1) for _, text in docs for m in _US_FOLLOWER.finditer(" ".join(text.split())))
    listed = Counter({w: c for w, c in counts.items() if w.lower() in starters})
    other = Counter({w: c for w, c in counts.items() if w.lower() not in starters})

    def fmt(counter: Counter[str]) -> str:
        return ", ".join(f"{w} {c}" for w, c in counter.most_common(8)) or "none"

    return (
        f'"U.S." + capitalised word in the articles: {sum(counts.values())} times; the next word is a listed sentence '
        f"starter (split) {sum(listed.values())} times: {fmt(listed)}; "
        f"another word (kept together) {sum(other.values())} times: "
        f"{fmt(other)}."
    )


def main(argv: list[str] | None = None) -> int:
    """Run the comparison and print Markdown tables; skip (with a note) what needs absent data."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="DUC 2004 directory (peers/, refs/, docs/)")
    parser.add_argument("--pysbd", type=Path, default=DEFAULT_PYSBD, help="a checkout of pySBD's repository")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N", help="list N dev-set errors of ours")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per speed row (the best is reported)")
    parser.add_argument("--no-trained", action="store_true", help="skip the Punkt trained on the DUC articles")
    args = parser.parse_args(argv)

    if (args.pysbd / "tests" / "lang").is_dir():
        print(golden_table(args.pysbd))
    else:
        print(f"skipped the Golden Rules: no pySBD checkout at {args.pysbd} (give --pysbd)")
    print()
    if not (args.data / "peers").is_dir() or not (args.data / "refs").is_dir():
        print(f"skipped DUC 2004: data not found at {args.data} (give --data)")
        return 0
    dev = read_gold(args.data / "peers", EXCLUDED_PEERS)
    report = read_gold(args.data / "refs")
    docs = read_docs(args.data / "docs") if (args.data / "docs").is_dir() else []

    rows: dict[str, Splitter] = {"ours": ours()}
    rows.update(peers("english"))
    untrained = punkt_untrained()
    if untrained is not None:
        rows["Punkt, untrained (PunktSentenceTokenizer())"] = untrained
    if docs and not args.no_trained:
        trained = punkt_trained(docs)
        if trained is not None:
            rows["Punkt trained on the DUC articles (reference, not shipped)"] = trained
    rows["naive regex"] = naive_split

    dev_scores = {name: evaluate(dev, f) for name, f in rows.items()}
    n_dev = sum(len(s) for _, s in dev)
    print(table(f"Development set: DUC 2004 peers, {len(dev)} files, {n_dev} gold sentences", dev_scores))
    print()
    report_scores = {name: evaluate(report, f) for name, f in rows.items()}
    n_rep = sum(len(s) for _, s in report)
    print(table(f"Report set: DUC 2004 references, {len(report)} files, {n_rep} gold sentences", report_scores))
    if docs:
        print()
        print(wrap_check(docs))
        print(us_followers(docs, get_language("english").splitter.sentence_starters))
        print()
        print(speed_table(args.data / "docs", {k: v for k, v in rows.items() if "trained on" not in k}, args.repeats))
    if args.show_errors:
        print()
        for name, kind, context in report_scores["ours"].errors[: args.show_errors]:
            print(f"{kind:6} {name}: {context}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
