"""Time and peak memory of ``summarize`` on the largest input it accepts by default, and on one just past it.

    python benchmarks/max_input.py                 # at the default --max-input-bytes (32 MiB)
    python benchmarks/max_input.py --mib 8 --mib 16 --mib 32

The input is synthetic news: articles of about 6 KB (paragraphs of three sentences of 8 to 30 words) drawn with
a fixed seed from the vocabulary of the seed articles plus 50,000 invented names (one word in ten), so the
vocabulary grows with the input as real news does. Every size is filled to just under the limit and summarised
by ``summarize DIR --words 150`` in a fresh process (``--max-input-bytes`` set to the size); peak memory is that
process's peak resident set size (``ru_maxrss``), the interpreter and its libraries included.
The last row gives twice the default limit, refused before anything is read.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarize.load import DEFAULT_MAX_INPUT_BYTES  # noqa: E402

MIB = 1024 * 1024
ARTICLE_BYTES = 6000


def write_corpus(directory: Path, total: int, seed: int = 0) -> int:
    """Fill ``directory`` with article files of about 6 KB, ``total`` bytes in all (at most); return the count."""
    words = re.findall(r"[A-Za-z]+", " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "seeds").glob("*.txt")))
    rng = random.Random(seed)
    syllables = [c + v for c in "bcdfghjklmnprstvz" for v in "aeiou"]
    names = ["".join(rng.choices(syllables, k=rng.randint(2, 4))).capitalize() for _ in range(50_000)]

    def sentence() -> str:
        chosen = [rng.choice(names) if rng.random() < 0.1 else rng.choice(words) for _ in range(rng.randint(8, 30))]
        return " ".join(chosen).capitalize() + "."

    written, count = 0, 0
    while total - written > 200:
        paragraphs, size = [], 0
        while size < min(ARTICLE_BYTES, total - written - 200):
            paragraph = " ".join(sentence() for _ in range(3))
            paragraphs.append(paragraph)
            size += len(paragraph) + 2
        data = ("\n\n".join(paragraphs) + "\n").encode()
        if written + len(data) > total:
            break
        (directory / f"{count:06d}.txt").write_bytes(data)
        written += len(data)
        count += 1
    return count


PROBE = (
    "import resource, sys\n"
    "from summarize.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "sys.stderr.write(f'\\nMAXRSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n')\n"
    "sys.exit(code)\n"
)


def run(arguments: list[str]) -> tuple[float, float, int, str]:
    """Wall seconds, peak RSS in MiB, exit code and the last message of ``summarize ARGUMENTS`` in a fresh process."""
    start = time.perf_counter()
    process = subprocess.run([sys.executable, "-c", PROBE, *arguments], capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    lines = process.stderr.strip().splitlines()
    peak_kib = int(lines.pop().split()[1])  # ru_maxrss is in KiB on Linux
    last = next((line for line in reversed(lines) if line.strip()), "")
    return seconds, peak_kib / 1024, process.returncode, last


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mib", type=float, action="append", help="input sizes in MiB (repeatable)")
    args = parser.parse_args()
    sizes = sorted(int(m * MIB) for m in (args.mib or [DEFAULT_MAX_INPUT_BYTES / MIB]))
    print("| input | articles | wall time | peak RSS | result |")
    print("| --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as scratch:
        for size in sizes:
            folder = Path(scratch) / f"in-{size}"
            folder.mkdir()
            count = write_corpus(folder, size)
            actual = sum(p.stat().st_size for p in folder.iterdir())
            seconds, peak, code, last = run([str(folder), "--words", "150", "--max-input-bytes", str(size)])
            result = "summary" if code == 0 else f"exit {code}: {last}"
            print(f"| {actual / MIB:.1f} MiB | {count:,} | {seconds:.1f} s | {peak:,.0f} MiB | {result} |", flush=True)
        huge = Path(scratch) / "huge.txt"
        with huge.open("wb") as handle:
            handle.truncate(2 * DEFAULT_MAX_INPUT_BYTES)
        seconds, peak, code, last = run([str(huge)])
        print(f"| {2 * DEFAULT_MAX_INPUT_BYTES / MIB:.0f} MiB (sparse file) | 1 | {seconds:.1f} s | {peak:,.0f} MiB "
              f"| exit {code}: {last} |")  # fmt: skip


if __name__ == "__main__":
    main()
