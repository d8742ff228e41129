"""Fuzz the JSON way in: cluster files (``summarize FILE.json``/``.jsonl``) and batch lines (``summarize batch``)
with hostile structure (issue 17).

    python tests/fuzz/fuzz_json_input.py --minutes 10            # the long run (not part of pytest)
    python tests/fuzz/fuzz_json_input.py --minutes 1 --seed 7    # another stream of examples

Hypothesis builds clusters field by field, each field right or wrong: values of the wrong JSON type, numbers too
large for a float or with thousands of digits, NaN and Infinity, nesting from a few levels to 100,000, keys given
twice, escaped lone surrogates, control characters, and real article text so that some clusters are summarised.
The JSON text is then encoded as UTF-8, UTF-8 with a BOM, UTF-16 or Latin-1, or has stray bytes spliced in.

* batch: a JSONL file of the drawn lines and one good cluster goes through ``run_batch`` twice. The first run must
  answer every line (one record per non-blank line, in order, each a summary or an error, none an internal
  error, the good cluster summarised unless its id came earlier); the rerun must resume: skip every line, write
  nothing.
* file: the drawn cluster as a ``.json`` file and its lines as a ``.jsonl`` file go through ``summarize FILE``:
  exit 0 with a summary, or exit 1 with exactly one ``summarize: error: ...`` line; never an internal error.

The report gives the examples run and the failures (each the smallest example Hypothesis found).
``tests/test_fuzz_smoke.py`` runs the same code for a few seconds on every ``pytest``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tempfile
import time
import traceback
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import hypothesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarize import Summarizer
from summarize.batch import run_batch
from summarize.cli import main as cli_main
from summarize.types import Budget

ROOT = Path(__file__).resolve().parents[2]
PARAGRAPHS = [
    " ".join(p.split())
    for seed in sorted((ROOT / "seeds").glob("*.txt"))
    for p in seed.read_text(encoding="utf-8").split("\n\n")
    if len(p.split()) >= 12
]
GOOD_ID = "good-cluster-\u00e9"


class Obj(list):  # type: ignore[type-arg]
    """A JSON object as (key, value) pairs, so that a key can be given twice."""


class Raw(str):
    """JSON text written as it is: a number no float holds, a literal Python's encoder never writes."""


def dumps(value: Any, ascii_only: bool) -> str:
    """JSON text for a drawn value (``Obj`` keeps repeated keys; ``Raw`` goes in verbatim)."""
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, Obj):
        return (
            "{" + ", ".join(f"{json.dumps(k, ensure_ascii=ascii_only)}: {dumps(v, ascii_only)}" for k, v in value) + "}"
        )
    if isinstance(value, list):
        return "[" + ", ".join(dumps(v, ascii_only) for v in value) + "]"
    return json.dumps(value, ensure_ascii=ascii_only)


def nested(depth: int, inner: str, kind: str) -> str:
    """``inner`` inside ``depth`` levels of arrays or objects (text, not a Python value: no recursion)."""
    if kind == "array":
        return "[" * depth + inner + "]" * depth
    return '{"a": ' * depth + inner + "}" * depth


ODD_TEXT = st.sampled_from(
    ["", " ", "\x00", "\ud800", "\udfff", "\ud83c\udf89", "\u2028", "\x85", "\ufeff", "\x1b[0m", "é", "日本", "\r\n",
     "\\", '"', "Infinity", "1e309", "2024-13-45T99:99", "2024-07-28", "2024-02-29T23:59:59+09:00"]
)  # fmt: skip
STRINGS = st.one_of(st.text(max_size=12), ODD_TEXT, st.sampled_from(PARAGRAPHS))
HUGE = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.integers(min_value=1, max_value=12_000).map(lambda n: Raw("9" * n)),  # past int's 4,300-digit limit
    st.sampled_from([Raw("1e309"), Raw("-1e99999"), Raw("1.5e-99999"), Raw("NaN"), Raw("Infinity"), Raw("-0")]),
    st.floats(allow_nan=False, allow_infinity=False),
)
SCALARS = st.one_of(st.none(), st.booleans(), HUGE, STRINGS)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.lists(st.tuples(STRINGS, inner), max_size=3).map(Obj)),
    max_leaves=8,
)
DEPTHS = st.sampled_from([0] * 16 + [5, 150, 199, 200, 201, 999, 5_000, 100_000])


@st.composite
def deep(draw: st.DrawFn, base: st.SearchStrategy[Any]) -> Any:
    """A value from ``base``, sometimes buried under many levels of arrays or objects."""
    value = draw(base)
    depth = draw(DEPTHS)
    if depth == 0:
        return value
    return Raw(nested(depth, dumps(value, True), draw(st.sampled_from(["array", "object"]))))


def field_value(right: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A field's value: mostly right (so that most clusters get far), sometimes any JSON value (wrong type, huge,
    deep)."""
    return st.one_of(*[right] * 7, deep(VALUES))


DATES = st.sampled_from(["2024-07-28", "2024-07-28T09:30:00Z", "2024-02-29T23:59:59+09:00", "2024-13-45T99:99",
                         "2024-02-30", "July 28", "", "  2024-07-01  "])  # fmt: skip
DOCUMENT_FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "id": st.text(max_size=6) | st.integers(0, 9),
    "title": STRINGS,
    "url": STRINGS,
    "published": DATES | STRINGS,
    "format": st.sampled_from(["text", "text", "text", "html", "pdf"]),
}
IGNORED_OR_REPEATED_KEYS = STRINGS | st.sampled_from(["text", "id", "published", "documents", "query"])


def pick(draw: st.DrawFn, right: st.SearchStrategy[Any], wild: bool) -> Any:
    """A right value, or (in a wild cluster) a field value that may be wrong."""
    return draw(field_value(right) if wild else right)


@st.composite
def document(draw: st.DrawFn, wild: bool) -> Any:
    """An article: mostly an object with real text and some metadata (keys in any order, keys the reader ignores;
    in a wild cluster each value right or wrong and keys repeated), sometimes a bare string or any JSON value."""
    kind = draw(st.sampled_from(["object"] * 6 + ["string", "anything" if wild else "object"]))
    if kind == "string":
        return draw(st.sampled_from(PARAGRAPHS) | STRINGS)
    if kind == "anything":
        return draw(deep(VALUES))
    pairs = [("text", pick(draw, st.sampled_from(PARAGRAPHS), wild))]
    for key in draw(st.lists(st.sampled_from(sorted(DOCUMENT_FIELDS)), unique=True, max_size=5)):
        pairs.append((key, pick(draw, DOCUMENT_FIELDS[key], wild)))
    extra_keys = IGNORED_OR_REPEATED_KEYS if wild else st.sampled_from(["extra", "source", "lang"])
    pairs += draw(st.lists(st.tuples(extra_keys, deep(VALUES) if wild else SCALARS), max_size=2))
    return Obj(draw(st.permutations(pairs)))


CLUSTER_IDS = st.one_of(
    st.from_regex(r"[a-z0-9-]{1,8}", fullmatch=True), st.integers(0, 10**20), st.text(min_size=1, max_size=8), ODD_TEXT
)
MOSTLY = st.sampled_from([True] * 9 + [False])


@st.composite
def cluster(draw: st.DrawFn) -> Obj:
    """A cluster object: an id and a list of articles, perhaps a query and a title, keys in any order. Half the
    clusters are wild: an id or the articles may be missing, any value wrong, keys repeated (the last wins)."""
    wild = draw(st.booleans())
    pairs: list[tuple[str, Any]] = []
    if not wild or draw(MOSTLY):
        pairs.append(("id", pick(draw, CLUSTER_IDS, wild)))
    if not wild or draw(MOSTLY):
        pairs.append(("documents", pick(draw, st.lists(document(wild), min_size=1, max_size=4), wild)))
    for key in draw(st.lists(st.sampled_from(["query", "title"]), unique=True, max_size=2)):
        pairs.append((key, pick(draw, STRINGS, wild)))
    if wild:
        pairs += draw(st.lists(st.tuples(IGNORED_OR_REPEATED_KEYS, deep(VALUES)), max_size=2))
    return Obj(draw(st.permutations(pairs)))


CLUSTER = cluster()
LINE_VALUE = st.one_of(*[CLUSTER] * 7, deep(VALUES))


@st.composite
def encoded(draw: st.DrawFn, values: st.SearchStrategy[Any]) -> bytes:
    """A drawn value as JSON text, encoded well or badly."""
    text = dumps(draw(values), draw(st.booleans()))
    encoding = draw(st.sampled_from(["utf-8"] * 12 + ["utf-8-sig", "utf-16", "latin-1", "splice"]))
    if encoding == "latin-1":
        return text.encode("latin-1", "replace")
    if encoding == "splice":
        data = text.encode("utf-8", "surrogatepass")
        at = draw(st.integers(0, len(data)))
        return data[:at] + draw(st.binary(min_size=1, max_size=3)) + data[at:]
    return text.encode(encoding, "surrogatepass")


class FuzzFailure(AssertionError):
    """A run raised, answered a line wrongly, or printed an internal error."""


def good_line() -> bytes:
    return json.dumps({"id": GOOD_ID, "documents": PARAGRAPHS[:6]}).encode("utf-8")


def answered_lines(data: bytes) -> int:
    """How many records ``summarize batch`` owes this JSONL: one per line that is not blank (undecodable counts)."""
    count = 0
    for number, raw in enumerate(data.split(b"\n")[: -1 if data.endswith(b"\n") else None], start=1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            count += 1
            continue
        count += bool(line.strip())
    return count


def check_batch(lines: list[bytes], folder: Path, outcomes: Counter[str] | None = None) -> None:
    data = b"\n".join([*lines, good_line()]) + b"\n"
    source, output = folder / "in.jsonl", folder / "out.jsonl"
    source.write_bytes(data)
    output.unlink(missing_ok=True)
    budget = Budget(sentences=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            report = run_batch(source, output, Summarizer(), budget, progress=False)
        except Exception as error:
            raise FuzzFailure(f"batch raised {type(error).__name__}: {error} on {data[:300]!r}") from error
    written = output.read_bytes()
    try:
        records = [json.loads(line.decode("utf-8")) for line in written.split(b"\n")[:-1]]  # JSON Lines: by \n
    except ValueError as error:
        raise FuzzFailure(f"batch wrote a line that is not UTF-8 JSON ({error}) on {data[:300]!r}") from error
    expected = answered_lines(data)
    if len(records) != expected or report.done + report.failed != expected:
        raise FuzzFailure(f"batch wrote {len(records)} records for {expected} lines on {data[:300]!r}")
    for record in records:
        if not isinstance(record, dict) or "id" not in record or ("summary" in record) == ("error" in record):
            raise FuzzFailure(f"batch wrote {str(record)[:200]} on {data[:300]!r}")
        if "internal error" in record.get("error", "") or "worker process died" in record.get("error", ""):
            raise FuzzFailure(f"batch: {record['error'][:300]} on {data[:300]!r}")
    last = records[-1]
    if "summary" not in last and "duplicate id" not in last["error"]:
        raise FuzzFailure(f"the good cluster failed: {last['error'][:200]} after {data[:300]!r}")
    if outcomes is not None:  # what the drawn lines (not the good one) became
        outcomes.update("batch summary" if "summary" in r else "batch error record" for r in records[:-1])
    rerun = run_batch(source, output, Summarizer(), budget, progress=False)
    if (rerun.done, rerun.failed, rerun.skipped) != (0, 0, expected) or output.read_bytes() != written:
        raise FuzzFailure(f"the rerun did not resume ({rerun}) on {data[:300]!r}")


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        code = cli_main(argv)
    return code, out.getvalue(), err.getvalue()


def check_file(data: bytes, suffix: str, folder: Path, outcomes: Counter[str] | None = None) -> None:
    path = folder / f"cluster{suffix}"
    path.write_bytes(data)
    try:
        code, out, err = run_cli([str(path), "--sentences", "1"])
    except Exception as error:
        raise FuzzFailure(f"summarize {suffix} raised {type(error).__name__}: {error} on {data[:300]!r}") from error
    if "internal error" in err or "Traceback" in err:
        raise FuzzFailure(f"summarize {suffix}: {err.strip()[:300]} on {data[:300]!r}")
    errors = [line for line in err.splitlines() if not line.startswith("summarize: warning: ")]
    if outcomes is not None:
        outcomes[f"file {suffix} exit {code}"] += 1
    if code == 0 and out.strip() and not errors:
        return
    if code == 1 and not out and len(errors) == 1 and errors[0].startswith("summarize: error: "):
        return
    raise FuzzFailure(f"summarize {suffix}: exit {code}, stdout {out[:100]!r}, stderr {err[:300]!r} on {data[:300]!r}")


@dataclass
class Report:
    """What a run found."""

    batch_examples: int = 0
    file_examples: int = 0
    failures: list[str] = field(default_factory=list)
    outcomes: Counter[str] = field(default_factory=Counter)  # how far the inputs got: summaries against errors

    def summary(self) -> dict[str, object]:
        return {
            "batch_examples": self.batch_examples,
            "file_examples": self.file_examples,
            "outcomes": dict(sorted(self.outcomes.items())),
            "failures": self.failures,
        }


def fuzz(seconds: float, seed: int = 0, out: Callable[[str], None] = print) -> Report:
    """Alternate the two targets for about ``seconds``; stop at the first failure (Hypothesis shrinks it first)."""
    report = Report()
    started = time.monotonic()
    warnings.filterwarnings("ignore", category=hypothesis.errors.HypothesisWarning)  # reprs of 100,000-deep JSON
    batch_settings = settings(
        max_examples=10,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        print_blob=False,
        report_multiple_bugs=False,
    )
    with tempfile.TemporaryDirectory(prefix="fuzz-json-") as scratch:
        folder = Path(scratch)

        def batch_target(lines: list[bytes]) -> None:
            if time.monotonic() - started < seconds:
                report.batch_examples += 1
                check_batch(lines, folder, report.outcomes)

        def file_target(data: bytes, lines: list[bytes]) -> None:
            if time.monotonic() - started < seconds:
                report.file_examples += 1
                check_file(data, ".json", folder, report.outcomes)
                check_file(b"\n".join(lines) + b"\n", ".jsonl", folder, report.outcomes)

        targets = [  # a fresh test each round: Hypothesis decorates a function once
            lambda: given(lines=st.lists(encoded(LINE_VALUE), min_size=1, max_size=4))(batch_target),
            lambda: given(data=encoded(CLUSTER), lines=st.lists(encoded(LINE_VALUE), min_size=1, max_size=3))(
                file_target
            ),
        ]
        round_ = 0
        while time.monotonic() - started < seconds and not report.failures:
            target = targets[round_ % 2]
            round_ += 1
            test = hypothesis.seed(seed * 1_000_003 + round_)(batch_settings(target()))
            try:
                test()
            except FuzzFailure as failure:
                report.failures.append(str(failure))
            except Exception as error:  # an error in the harness itself, reported like a failure
                report.failures.append(f"harness: {type(error).__name__}: {error}\n{traceback.format_exc()}")
            if round_ % 20 == 0 or report.failures:
                out(f"[{time.monotonic() - started:6.0f} s] batch {report.batch_examples}, "
                    f"file {report.file_examples}, failures {len(report.failures)}")  # fmt: skip
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to run (default 10)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the example stream")
    parser.add_argument("--json", help="also write the report to this file")
    args = parser.parse_args(argv)
    started = time.monotonic()
    report = fuzz(args.minutes * 60, args.seed)
    summary = {"minutes": round((time.monotonic() - started) / 60, 2), **report.summary()}
    text = json.dumps(summary, ensure_ascii=False, indent=2)
    print(text)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
