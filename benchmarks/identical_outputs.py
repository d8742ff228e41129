"""A digest of every output of ``summarize`` on the seeds and DUC 2004: one sha256 per (method, input, options).

Run it before and after a refactoring that must not change any output, and compare the two files (``diff``): the
same line means byte-identical standard output and the same exit status. Every method runs on the seeds (with
several budgets and options, and a query for the methods that take one) and on every DUC 2004 cluster, in the text
and json formats, through the command line's own ``main`` in this process (so the start-up is paid once).

Paths are part of the output (a json summary's source ids), so compare runs over the same --data and --seeds
paths. The last line is a digest of all the lines above it. Standard error is not digested (its wording may change on
purpose); lines it produced are counted per method at the end, for information. DUC 2004 is read from
../shared/data/duc2004 (relative to the repository root) or --data, and skipped when absent.

    python benchmarks/identical_outputs.py [--data DIR] [--seeds DIR] [--out FILE] [--methods mmr,lead]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_VARIANTS: tuple[tuple[str, ...], ...] = (
    (),
    ("--words", "60"),
    ("--sentences", "3"),
    ("--chars", "400", "--truncate"),
    ("--compress",),
    ("--lambda", "0.5", "--seed", "7"),
)
QUERY = ("--query", "missile production")


def run_cli(argv: list[str]) -> tuple[int, bytes, str]:
    """Exit status, standard output (bytes) and standard error of ``summarize ARGV``, run in this process."""
    from summarize.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue().encode("utf-8", "surrogatepass"), err.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="the seed articles (default: seeds/)")
    parser.add_argument("--out", type=Path, default=None, help="write the digest here (default: standard output)")
    parser.add_argument("--methods", default=None, help="comma-separated subset (default: all)")
    args = parser.parse_args()

    from summarize import available_methods

    methods = list(available_methods()) if args.methods is None else args.methods.split(",")
    query_methods = {"ilp", "mmr", "centroid", "lexrank"}
    cases: list[tuple[str, str, list[str]]] = []
    seeds = str(args.seeds)
    for method in methods:
        variants = list(SEED_VARIANTS) + ([QUERY, (*QUERY, "--query-weight", "0.8")] if method in query_methods else [])
        for variant in variants:
            cases.append((method, "seeds" + ("" if not variant else " " + " ".join(variant)), [seeds, *variant]))
    duc = args.data / "duc2004" / "docs"
    clusters = sorted(p for p in duc.iterdir() if p.is_dir()) if duc.is_dir() else []
    for method in methods:
        for cluster in clusters:
            cases.append((method, f"duc2004/{cluster.name} --words 100", [str(cluster), "--words", "100"]))

    lines: list[str] = []
    stderr_lines: dict[str, int] = {}
    start = time.perf_counter()
    for method, label, argv in cases:
        for fmt in ("text", "json"):
            code, stdout, stderr = run_cli(["run", *argv, "--method", method, "--format", fmt])
            lines.append(f"{method}\t{label}\t{fmt}\texit={code}\t{hashlib.sha256(stdout).hexdigest()}")
            if stderr.strip():
                stderr_lines[method] = stderr_lines.get(method, 0) + len(stderr.strip().splitlines())
    total = hashlib.sha256("\n".join(lines).encode()).hexdigest()
    text = "\n".join([*lines, f"ALL\t{len(lines)} outputs\t{total}"]) + "\n"
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8")
    print(
        f"{len(lines)} outputs ({len(clusters)} DUC 2004 clusters) in {time.perf_counter() - start:.0f} s; "
        f"digest {total}; stderr lines per method: {stderr_lines or 'none'}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
