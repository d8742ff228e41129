"""Compare main-text extractors for HTML news pages: trafilatura (Barbaresi 2021) vs jusText (Pomikálek 2011).

Scores each extractor's text against a gold article body by bag-of-words token overlap (precision, recall, F1
per page, averaged over pages) and times it. Also scores the full cleaning of ``summarize.clean`` on top of
each extractor, since that is what reaches a summary.

Data (never committed here: the pages are third-party): ``--data DIR`` in either layout

* the Zyte article-extraction benchmark layout (github.com/scrapinghub/article-extraction-benchmark):
  ``DIR/ground-truth.json`` mapping page ids to ``{"articleBody": ...}`` and ``DIR/html/<id>.html.gz``;
* or pairs ``DIR/<name>.html`` (or ``.htm``, ``.html.gz``) with the gold text in ``DIR/<name>.txt``.

Usage: ``python benchmarks/html_extraction.py --data /path/to/article-extraction-benchmark [--english-only]``
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from summarize.clean import (
    extract_main_text,
    filter_paragraphs,
    load_stopwords,
    normalize_paragraph,
    split_paragraphs,
    stopword_density,
)
from summarize.load import decode_bytes

_TOKEN = re.compile(r"\w+")
Extractor = Callable[[str], str]


@dataclass(frozen=True)
class Page:
    """One page: its id, its HTML and the gold article body."""

    id: str
    html: str
    gold: str


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 of one extraction against the gold body."""

    precision: float
    recall: float
    f1: float


def load_pages(data: Path) -> Iterator[Page]:
    """Yield the pages of a data directory in either supported layout, in id order."""
    truth = data / "ground-truth.json"
    if truth.is_file():
        gold = json.loads(truth.read_text(encoding="utf-8"))
        for page_id in sorted(gold):
            for name in (f"{page_id}.html.gz", f"{page_id}.html"):
                path = data / "html" / name
                if path.is_file():
                    yield Page(page_id, _read_html(path), gold[page_id].get("articleBody") or "")
                    break
        return
    for path in sorted(data.iterdir()):
        stem = path.name.removesuffix(".gz").rsplit(".", 1)[0]
        if path.name.endswith((".html", ".htm", ".html.gz")) and (data / f"{stem}.txt").is_file():
            yield Page(stem, _read_html(path), (data / f"{stem}.txt").read_text(encoding="utf-8"))


def _read_html(path: Path) -> str:
    """Read an HTML file (gzip-compressed or not) with the project's own decoding rule."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return decode_bytes(data, is_html=True)[0]


def score(predicted: str, gold: str) -> Score:
    """Bag-of-words overlap of lower-cased word tokens; an empty prediction scores zero."""
    pred = Counter(t.lower() for t in _TOKEN.findall(predicted))
    true = Counter(t.lower() for t in _TOKEN.findall(gold))
    overlap = sum((pred & true).values())
    if not pred or not true or not overlap:
        return Score(0.0, 0.0, 0.0)
    precision = overlap / sum(pred.values())
    recall = overlap / sum(true.values())
    return Score(precision, recall, 2 * precision * recall / (precision + recall))


def trafilatura_default(html: str) -> str:
    """trafilatura.extract with its defaults (comments and tables included), on the raw string."""
    import trafilatura

    return trafilatura.extract(html) or ""


def trafilatura_fast(html: str) -> str:
    """trafilatura without its readability/jusText fallbacks (``fast=True``)."""
    import trafilatura

    return trafilatura.extract(html, fast=True, include_comments=False, include_tables=False) or ""


def justext_default(html: str) -> str:
    """jusText with the English stop-word list and its default thresholds: the non-boilerplate paragraphs."""
    import justext

    paragraphs = justext.justext(html.encode("utf-8", "surrogatepass"), justext.get_stoplist("English"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def with_rules(extract: Extractor) -> Extractor:
    """The extractor followed by summarize.clean's segmentation and rules, as in clean_document."""
    stopwords = load_stopwords("english")

    def run(html: str) -> str:
        paragraphs = [normalize_paragraph(p) for p in split_paragraphs(extract(html))]
        return "\n".join(filter_paragraphs(paragraphs, stopwords))

    return run


EXTRACTORS: dict[str, Extractor] = {
    "trafilatura (as in clean.py)": extract_main_text,
    "trafilatura defaults": trafilatura_default,
    "trafilatura fast=True": trafilatura_fast,
    "jusText defaults": justext_default,
    "clean.py rules on trafilatura": with_rules(extract_main_text),
    "clean.py rules on jusText": with_rules(justext_default),
}


def evaluate(
    pages: list[Page], extractors: dict[str, Extractor], repeat: int = 1
) -> list[dict[str, float | str | int]]:
    """Run every extractor on every page; return one row of averaged scores and timings per extractor.

    A page's time is the fastest of ``repeat`` runs, which discounts noise from other processes.
    """
    rows: list[dict[str, float | str | int]] = []
    for name, extract in extractors.items():
        scores: list[Score] = []
        seconds: list[float] = []
        empty = 0
        extract(pages[0].html)  # warm-up: imports and caches are not the extractor's per-page cost
        for page in pages:
            best = float("inf")
            for _ in range(max(1, repeat)):
                start = time.perf_counter()
                text = extract(page.html)
                best = min(best, time.perf_counter() - start)
            seconds.append(best)
            empty += not text.strip()
            scores.append(score(text, page.gold))
        f1s = [s.f1 for s in scores]
        rows.append(
            {
                "extractor": name,
                "pages": len(pages),
                "precision": statistics.fmean(s.precision for s in scores),
                "recall": statistics.fmean(s.recall for s in scores),
                "f1": statistics.fmean(f1s),
                "f1_se": statistics.stdev(f1s) / len(f1s) ** 0.5 if len(f1s) > 1 else 0.0,
                "empty": empty,
                "ms_mean": 1000 * statistics.fmean(seconds),
                "ms_median": 1000 * statistics.median(seconds),
            }
        )
    return rows


def render(rows: list[dict[str, float | str | int]]) -> str:
    """A Markdown table of the rows."""
    lines = [
        "| extractor | pages | precision | recall | F1 (± s.e.) | empty | ms/page mean | ms/page median |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['extractor']} | {r['pages']} | {r['precision']:.3f} | {r['recall']:.3f} | "
            f"{r['f1']:.3f} ± {r['f1_se']:.3f} | {r['empty']} | {r['ms_mean']:.1f} | {r['ms_median']:.1f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: load the pages, evaluate, print the table (and write JSON when asked)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="directory of pages with gold text (see module doc)")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N pages (0: all)")
    parser.add_argument("--repeat", type=int, default=1, help="time each page this many times, keep the fastest")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    parser.add_argument(
        "--english-only",
        action="store_true",
        help="keep only pages whose gold text is English (stop-word share >= 0.2): jusText is run with the English "
        "list, so this is its fair ground",
    )
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        parser.error(f"no such directory: {args.data}")
    pages = list(load_pages(args.data))
    if args.english_only:
        stopwords = load_stopwords("english") or frozenset()
        pages = [p for p in pages if stopword_density(p.gold, stopwords) >= 0.2]
    if args.limit:
        pages = pages[: args.limit]
    if not pages:
        parser.error(f"no pages with gold text found in {args.data}")
    rows = evaluate(pages, EXTRACTORS, args.repeat)
    print(render(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
