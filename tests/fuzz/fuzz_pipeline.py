"""Fuzz the cleaner, the sentence splitter and the HTML path for exceptions and for time per megabyte (issue 6).

    python tests/fuzz/fuzz_pipeline.py --minutes 10            # the long run (not part of pytest)
    python tests/fuzz/fuzz_pipeline.py --minutes 1 --seed 7    # another stream of examples

Hypothesis draws short "units" from a vocabulary of what breaks text tools (abbreviations, quotes, markup, entity
and comment openers, control characters, combining marks, CJK stops, long runs) mixed with arbitrary Unicode.
Two phases share the time:

* crash: every target runs on the unit and on a few copies of it; any exception is a failure;
* scaling: the unit is repeated to ``--small`` and to ``--large`` characters (4 times as many) and each target is
  timed on both (CPU time). A target fails when it needs more than ``--max-seconds-per-mb`` on the large input, or
  when 4 times the input takes more than 10 times as long (a regex that backtracks, a quadratic loop).

The report gives the examples run, the failures, and the worst time per megabyte per target, with its unit.
``tests/test_fuzz_smoke.py`` runs the same code for 20 seconds on every ``pytest``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

import hypothesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarize.clean import clean_document, html_to_text
from summarize.split import split_sentences
from summarize.types import Document

TOKENS = [
    "A.", "a.", "Mr.", "U.S.", "e.g.", "p.m.", "No.", "?", "!", "?!", ".", "...", "…", "。", "！", "؟", "।",
    '"', "“", "”", "‘", "’", "'", "``", "''", "`", "«", "»", "(", ")", "[", "]", "{", "}",
    "<", ">", "</", "<p>", "</p>", "<div>", "</div>", "<br>", "<b>", "<a href='x'>", "</a>", "<li>", "<h1>",
    "<script>", "</script>", "<style>", "</style>", "<!--", "-->", "<!DOCTYPE html>", "<![CDATA[", "]]>", "<?xml ",
    "<svg>", "<nav>", "<table><tr><td>", "&amp;", "&#", "&#x", "&", ";", "&nbsp;", "=", "\"'",
    " ", "  ", "\t", "\n", "\n\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029",
    "\x00", "\x07", "\x1b[0m", "\x1b", "\u200b", "\ufeff", "\u00ad", "\u202e", "e\u0301", "\u0301",
    "-", "--", "_", " _ ", "—", "–", "*", "**", "__", "#", "# ", "> ", "1.", "1)", "(a)", "•", "- ", "---", "```",
    ":", "TOKYO:", "WASHINGTON, Oct. 5 (AP) _ ", "READ ALSO:", "Photo: Reuters", "http://x.y/z", "www.",
    "word", "Word", "WORD", "the", "The", "and", "x" * 70, "Ab cd ef.", "日本", "東京で", "اجتمع", "שלום", "🎉", "🇫🇷",
    "1", "2024", "3.5", "50,000",
]  # fmt: skip
UNITS = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=4)), min_size=1, max_size=24).map("".join)

TARGETS: dict[str, Callable[[str], object]] = {
    "clean-text": lambda s: clean_document(Document(s, id="fuzz.txt")),
    "clean-markdown": lambda s: clean_document(Document(s, id="fuzz.md")),
    "clean-html": lambda s: clean_document(Document(s, id="fuzz.html", format="html")),
    "html-to-text": html_to_text,
    "split-sentences": split_sentences,
}
GROWTH_LIMIT = 10.0  # 4 times the input may take at most this many times as long
NOISE_SECONDS = 0.05  # timer and cache noise forgiven in the growth test


@dataclass
class Report:
    """What a run found."""

    crash_examples: int = 0
    scaling_examples: int = 0
    failures: list[str] = field(default_factory=list)
    worst: dict[str, tuple[float, str]] = field(default_factory=dict)  # target -> (seconds per MB, unit)

    def summary(self) -> dict[str, object]:
        return {
            "crash_examples": self.crash_examples,
            "scaling_examples": self.scaling_examples,
            "failures": self.failures,
            "worst_seconds_per_mb": {name: round(value, 3) for name, (value, _) in sorted(self.worst.items())},
            "worst_units": {name: unit[:200] for name, (_, unit) in sorted(self.worst.items())},
        }


class FuzzFailure(AssertionError):
    """A target raised, or took too long per megabyte, or grew faster than linearly."""


def cpu_seconds(target: Callable[[str], object], text: str) -> float:
    start = time.process_time()
    target(text)
    return time.process_time() - start


def check_crash(unit: str) -> None:
    for name, target in TARGETS.items():
        for text in (unit, unit * 3, unit + "\n\n" + unit):
            try:
                target(text)
            except Exception as error:
                raise FuzzFailure(f"{name} raised {type(error).__name__}: {error} on {text[:200]!r}") from error


def check_scaling(
    unit: str, small: int, large: int, max_seconds_per_mb: float, report: Report, verbose: bool = False
) -> None:
    small_text = unit * max(1, small // len(unit))
    large_text = small_text * (large // small)
    megabytes = len(large_text.encode("utf-8", "surrogatepass")) / 1e6
    for name, target in TARGETS.items():
        if verbose:
            print(f"  {name} on {unit[:60]!r} x {len(large_text) // len(unit):,}", flush=True)
        try:
            first, second = cpu_seconds(target, small_text), cpu_seconds(target, large_text)
            if second > GROWTH_LIMIT * first + NOISE_SECONDS or second / megabytes > max_seconds_per_mb:
                first = min(first, cpu_seconds(target, small_text))  # measure again before blaming the code
                second = min(second, cpu_seconds(target, large_text))
        except Exception as error:
            raise FuzzFailure(f"{name} raised {type(error).__name__}: {error} on {unit[:200]!r} repeated") from error
        per_mb = second / megabytes
        if per_mb > report.worst.get(name, (0.0, ""))[0]:
            report.worst[name] = (per_mb, unit)
        if per_mb > max_seconds_per_mb:
            raise FuzzFailure(f"{name}: {per_mb:.1f} s/MB on {unit[:200]!r} repeated to {len(large_text):,} chars")
        if second > GROWTH_LIMIT * first + NOISE_SECONDS:
            raise FuzzFailure(
                f"{name}: superlinear, {first:.3f} s for {len(small_text):,} chars but {second:.3f} s for "
                f"{len(large_text):,} on {unit[:200]!r}"
            )


def fuzz(
    seconds: float,
    seed: int = 0,
    small: int = 32_000,
    large: int = 128_000,
    max_seconds_per_mb: float = 120.0,
    crash_share: float = 0.4,
    out: Callable[[str], None] = print,
    verbose: bool = False,
) -> Report:
    """Run both phases for about ``seconds`` in all; stop at the first failure (Hypothesis shrinks it first)."""
    report = Report()
    started = time.monotonic()
    batch = settings(
        max_examples=10, deadline=None, database=None, suppress_health_check=list(HealthCheck), print_blob=False
    )

    def crash(unit: str) -> None:
        report.crash_examples += 1
        check_crash(unit)

    def scaling(unit: str) -> None:
        if time.monotonic() - started < seconds:  # past the end, the rest of a batch passes quickly (not counted)
            report.scaling_examples += 1
            check_scaling(unit, small, large, max_seconds_per_mb, report, verbose)

    round_ = 0
    while time.monotonic() - started < seconds and not report.failures:
        crashing = time.monotonic() - started < crash_share * seconds
        phase, units = (crash, UNITS) if crashing else (scaling, UNITS.filter(bool))
        round_ += 1
        test = hypothesis.seed(seed * 1_000_003 + round_)(batch(given(unit=units)(phase)))
        try:
            test()
        except FuzzFailure as failure:
            report.failures.append(str(failure))
        except Exception as error:  # an error in the harness itself, reported like a failure
            report.failures.append(f"harness: {type(error).__name__}: {error}\n{traceback.format_exc()}")
        if round_ % 20 == 0 or report.failures or not crashing:
            out(f"[{time.monotonic() - started:6.0f} s] crash {report.crash_examples}, "
                f"scaling {report.scaling_examples}, failures {len(report.failures)}")  # fmt: skip
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to run (default 10)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the example stream")
    parser.add_argument("--small", type=int, default=32_000, help="characters of the smaller timed input")
    parser.add_argument("--large", type=int, default=128_000, help="characters of the larger timed input")
    parser.add_argument("--max-seconds-per-mb", type=float, default=120.0, help="CPU seconds per MB allowed")
    parser.add_argument("--json", help="also write the report to this file")
    parser.add_argument("--verbose", action="store_true", help="name every scaling input as it is timed")
    args = parser.parse_args(argv)
    started = time.monotonic()
    report = fuzz(args.minutes * 60, args.seed, args.small, args.large, args.max_seconds_per_mb, verbose=args.verbose)
    summary = {"minutes": round((time.monotonic() - started) / 60, 2), **report.summary()}
    text = json.dumps(summary, ensure_ascii=False, indent=2)
    print(text)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
