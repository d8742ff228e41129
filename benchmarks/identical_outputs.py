"""A digest of the outputs of ``summarize`` on the seeds and DUC 2004: one sha256 per (method, input, options, format).

Run it before and after a refactoring that must not change any output, and compare the two files (``diff``): the
same line means byte-identical output. Three parts:

* the command line (``summarize.cli.main``, in this process): every method on the seeds, text and json formats,
  standard output and exit status digested;
* the Python API on the seeds: every method with several budgets and options (and two queries for the methods
  that take one), each summary rendered in the text and json formats exactly as ``summarize run`` prints them;
* the Python API on every DUC 2004 cluster (``--words 100``), the same way. sumy's baselines are slow (10-20 s a
  cluster each on a busy machine), so they run on the first ``--sumy-clusters`` clusters (default 8; 0: all).

``sumy-lsa`` differs from run to run whatever the code: sumy builds its LSA term list from a ``frozenset``, whose order
follows Python's string hashing; run both sides with ``PYTHONHASHSEED=0`` to compare it too. The last line is a
digest of all the lines above it. Paths are part of the output (a json summary's source ids),
so compare runs over the same --data and --seeds paths. DUC 2004 is read from ../shared/data/duc2004 (relative to
the repository root) or --data, and skipped when absent.

    python benchmarks/identical_outputs.py [--data DIR] [--seeds DIR] [--out FILE] [--methods mmr,lead]
                                           [--sumy-clusters N]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import sys
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED_VARIANTS: tuple[dict[str, Any], ...] = (
    {},
    {"words": 60},
    {"sentences": 3},
    {"chars": 400, "truncate": True},
    {"compress": True},
    {"lambda_": 0.5, "random_state": 7},
)
QUERY_VARIANTS: tuple[dict[str, Any], ...] = (
    {"query": "missile production"},
    {"query": "missile production", "query_weight": 0.8},
)
BUDGET_KEYS = ("words", "sentences", "chars", "truncate")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def run_cli(argv: list[str]) -> tuple[int, bytes]:
    """Exit status and standard output (bytes) of ``summarize ARGV``, run in this process."""
    from summarize.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue().encode("utf-8", "surrogatepass")


def api_outputs(method: str, path: Path, variant: dict[str, Any]) -> dict[str, bytes]:
    """What ``summarize run PATH`` would print in each format, through the API (one summary, rendered twice)."""
    from summarize.api import Summarizer
    from summarize.load import load_documents
    from summarize.render import render

    documents = load_documents([str(path)]).documents
    params = {k: v for k, v in variant.items() if k not in BUDGET_KEYS}
    budget = {k: v for k, v in variant.items() if k in BUDGET_KEYS}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            summary = Summarizer(method, **params).summarize(documents, **budget)
    except Exception as error:  # an error is an output too
        message = f"error: {type(error).__name__}: {error}".encode()
        return {"text": message, "json": message}
    outputs = {}
    for fmt in ("text", "json"):
        text = render(summary, fmt)
        outputs[fmt] = (text if text.endswith("\n") else text + "\n").encode("utf-8", "surrogatepass")
    return outputs


def label(variant: dict[str, Any]) -> str:
    return " ".join(f"{k}={v}" for k, v in variant.items()) or "defaults"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="the seed articles (default: seeds/)")
    parser.add_argument("--out", type=Path, default=None, help="write the digest here (default: standard output)")
    parser.add_argument("--methods", default=None, help="comma-separated subset (default: all)")
    parser.add_argument("--sumy-clusters", type=int, default=8, help="DUC 2004 clusters for sumy's baselines")
    args = parser.parse_args()

    from summarize import available_methods

    methods = list(available_methods()) if args.methods is None else args.methods.split(",")
    query_methods = {"ilp", "mmr", "centroid", "lexrank"}
    duc = args.data / "duc2004" / "docs"
    clusters = sorted(p for p in duc.iterdir() if p.is_dir()) if duc.is_dir() else []

    lines: list[str] = []
    start = time.perf_counter()
    for method in methods:
        for fmt in ("text", "json"):
            code, stdout = run_cli(["run", str(args.seeds), "--method", method, "--format", fmt])
            lines.append(f"cli\t{method}\tseeds\t{fmt}\texit={code}\t{digest(stdout)}")
    for method in methods:
        variants = list(SEED_VARIANTS) + (list(QUERY_VARIANTS) if method in query_methods else [])
        for variant in variants:
            for fmt, output in api_outputs(method, args.seeds, variant).items():
                lines.append(f"api\t{method}\tseeds {label(variant)}\t{fmt}\t{digest(output)}")
    for method in methods:
        chosen = clusters[: args.sumy_clusters] if method.startswith("sumy-") and args.sumy_clusters else clusters
        for cluster in chosen:
            for fmt, output in api_outputs(method, cluster, {"words": 100}).items():
                lines.append(f"api\t{method}\tduc2004/{cluster.name} words=100\t{fmt}\t{digest(output)}")
        print(f"{method}: done at {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    total = digest("\n".join(lines).encode())
    text = "\n".join([*lines, f"ALL\t{len(lines)} outputs\t{total}"]) + "\n"
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8")
    print(
        f"{len(lines)} outputs ({len(clusters)} DUC 2004 clusters) in {time.perf_counter() - start:.0f} s; "
        f"digest {total}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
