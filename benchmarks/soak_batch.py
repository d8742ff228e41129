"""Soak ``summarize batch``: many clusters, time, the parent's and the workers' memory over the run, and a
``kill -9`` in the middle followed by a rerun that must complete byte-identically (issue 17).

    python benchmarks/soak_batch.py                          # 10,000 clusters, --jobs 2, kill -9 at half way
    python benchmarks/soak_batch.py --clusters 2000 --json soak.json

The clusters are built in a temporary directory from the seed articles: each has three documents of five
paragraphs drawn with a fixed seed from the seeds' paragraphs (about 3 KB a cluster), so every cluster differs.
Three runs of ``python -m summarize batch IN.jsonl -o OUT.jsonl --jobs J --words W --no-progress``, as a user runs
it:

1. uninterrupted, into ``reference.jsonl``: wall time; the resident set size (``VmRSS`` from ``/proc``) of the
   parent and of each worker, sampled every ``--interval`` seconds, reported when 1k, 5k and all clusters are
   written (the current value and the peak so far): memory that grows with the clusters done shows as a rising
   row;
2. the same command into ``soak.jsonl``, killed with SIGKILL (the parent and its workers together, as the OOM
   killer or ``kill -9`` on the process group would) once ``--kill-at`` of the records are out;
3. the same command again: it resumes, and ``soak.jsonl`` must equal ``reference.jsonl`` byte for byte.

Exit status 0 when the resumed output is identical, 1 otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MILESTONES = (1_000, 5_000, 10_000)


def write_clusters(path: Path, count: int, seed: int = 0) -> int:
    """``count`` clusters of three five-paragraph documents drawn from the seed articles; return the file size."""
    paragraphs = [
        " ".join(p.split())
        for seed_file in sorted((ROOT / "seeds").glob("*.txt"))
        for p in seed_file.read_text(encoding="utf-8").split("\n\n")
        if len(p.split()) >= 12
    ]
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            documents = [
                {"id": f"d{d}", "text": "\n\n".join(rng.sample(paragraphs, 5)), "published": f"2024-07-{10 + d:02d}"}
                for d in range(3)
            ]
            out.write(json.dumps({"id": f"c{number:05d}", "documents": documents}, ensure_ascii=False) + "\n")
    return path.stat().st_size


def rss_mib(pid: int) -> float | None:
    """The resident set size of ``pid`` in MiB (``VmRSS``), or None when it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        return None
    return None


def descendants(pid: int) -> list[tuple[int, str]]:
    """(pid, command line) of every live descendant of ``pid``."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                    ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            parents.setdefault(ppid, []).append(int(entry))
    found: list[tuple[int, str]] = []
    stack = [pid]
    while stack:
        for child in parents.get(stack.pop(), []):
            try:
                with open(f"/proc/{child}/cmdline", "rb") as cmdline:
                    command = cmdline.read().replace(b"\0", b" ").decode("utf-8", "replace")
            except OSError:
                command = ""
            found.append((child, command))
            stack.append(child)
    return found


@dataclass
class Run:
    """One run of the command: its time, the records it wrote, and memory as the records came out."""

    seconds: float = 0.0
    records: int = 0
    killed: bool = False
    returncode: int | None = None
    parent_peak: float = 0.0
    worker_peak: float = 0.0
    workers_seen: int = 0
    at: dict[int, dict[str, float]] = field(default_factory=dict)  # milestone -> memory figures

    def to_dict(self) -> dict[str, object]:
        return {
            "seconds": round(self.seconds, 1),
            "records": self.records,
            "killed": self.killed,
            "returncode": self.returncode,
            "parent_peak_mib": round(self.parent_peak, 1),
            "worker_peak_mib": round(self.worker_peak, 1),
            "workers_seen": self.workers_seen,
            "at": {str(k): {n: round(v, 1) for n, v in figures.items()} for k, figures in sorted(self.at.items())},
        }


def run(command: list[str], output: Path, total: int, interval: float, kill_after: int | None = None) -> Run:
    """Run ``command`` (which appends to ``output``), sampling memory until it ends or ``kill_after`` records are
    out (then SIGKILL the parent and all its descendants at once)."""
    result = Run()
    offset = output.stat().st_size if output.exists() else 0
    start_records = 0
    if output.exists():
        with output.open("rb") as existing:
            start_records = existing.read().count(b"\n")
    records = start_records
    milestones = [m for m in sorted({*MILESTONES, total}) if start_records < m <= total]
    workers: set[int] = set()
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while True:
        finished = process.poll() is not None
        if output.exists():
            with output.open("rb") as stream:
                stream.seek(offset)
                chunk = stream.read()
            records += chunk.count(b"\n")
            offset += len(chunk)
        parent = rss_mib(process.pid) or 0.0
        alive = descendants(process.pid)
        children = [(pid, rss_mib(pid) or 0.0) for pid, cmd in alive if "resource_tracker" not in cmd]
        workers.update(pid for pid, _ in children)
        result.parent_peak = max(result.parent_peak, parent)
        result.worker_peak = max([result.worker_peak, *(mib for _, mib in children)])
        while milestones and records >= milestones[0]:
            result.at[milestones.pop(0)] = {
                "parent_mib": parent,
                "worker_mib": max((mib for _, mib in children), default=0.0),
                "parent_peak_mib": result.parent_peak,
                "worker_peak_mib": result.worker_peak,
                "seconds": time.monotonic() - started,
            }
        if finished:
            break
        if kill_after is not None and records - start_records >= kill_after:
            for pid in [process.pid, *(pid for pid, _ in descendants(process.pid))]:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            process.wait()
            result.killed = True
            break
        time.sleep(interval)
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    process.wait()
    if output.exists():  # what was written after the last sample (before the kill landed, or at the end)
        with output.open("rb") as stream:
            stream.seek(offset)
            records += stream.read().count(b"\n")
    result.seconds = time.monotonic() - started
    result.records = records - start_records
    result.returncode = process.returncode
    result.workers_seen = len(workers)
    if process.returncode not in (0, -signal.SIGKILL):
        print(stderr, file=sys.stderr)
    return result


def table(runs: dict[str, Run]) -> str:
    """The memory figures as a Markdown table: one row per run and milestone."""
    lines = [
        "| run | clusters written | wall time (s) | parent RSS (MiB) | parent peak | largest worker RSS | "
        "worker peak |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, result in runs.items():
        for milestone, figures in sorted(result.at.items()):
            lines.append(
                f"| {name} | {milestone:,} | {figures['seconds']:.0f} | {figures['parent_mib']:.0f} | "
                f"{figures['parent_peak_mib']:.0f} | {figures['worker_mib']:.0f} | {figures['worker_peak_mib']:.0f} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clusters", type=int, default=10_000, help="how many clusters (default 10,000)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--words", type=int, default=100, help="summary budget in words (default 100)")
    parser.add_argument("--kill-at", type=float, default=0.5, help="kill -9 after this share of the records")
    parser.add_argument("--interval", type=float, default=0.25, help="seconds between memory samples")
    parser.add_argument("--workdir", type=Path, help="keep the files here (default: a temporary directory)")
    parser.add_argument("--json", type=Path, help="also write the report to this file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="soak-") as scratch:
        work = args.workdir or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        source = work / "clusters.jsonl"
        size = write_clusters(source, args.clusters)
        print(f"{args.clusters:,} clusters, {size / 2**20:.1f} MiB of JSONL in {source}", flush=True)

        def command(output: Path) -> list[str]:
            return [sys.executable, "-m", "summarize", "batch", str(source), "-o", str(output),
                    "--jobs", str(args.jobs), "--words", str(args.words), "--no-progress"]  # fmt: skip

        reference, soaked = work / "reference.jsonl", work / "soak.jsonl"
        for stale in (reference, soaked):
            stale.unlink(missing_ok=True)
        runs = {"uninterrupted": run(command(reference), reference, args.clusters, args.interval)}
        print(f"uninterrupted: {runs['uninterrupted'].seconds:.0f} s", flush=True)
        kill_after = max(1, int(args.clusters * args.kill_at))
        runs["killed"] = run(command(soaked), soaked, args.clusters, args.interval, kill_after=kill_after)
        data = soaked.read_bytes()
        truncated = not data.endswith(b"\n") and bool(data)
        print(f"killed after {runs['killed'].records:,} records (a truncated last line: {truncated})", flush=True)
        runs["resumed"] = run(command(soaked), soaked, args.clusters, args.interval)
        identical = soaked.read_bytes() == reference.read_bytes()
        report = {
            "command": f"python -m summarize batch clusters.jsonl -o OUT.jsonl --jobs {args.jobs} --words {args.words}",
            "clusters": args.clusters,
            "jobs": args.jobs,
            "input_mib": round(size / 2**20, 1),
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg(),
            "killed_after_records": runs["killed"].records,
            "truncated_line_left_by_kill": truncated,
            "resumed_identical": identical,
            "reference_error_records": sum("error" in json.loads(line) for line in reference.open(encoding="utf-8")),
            "runs": {name: result.to_dict() for name, result in runs.items()},
        }
        text = json.dumps(report, indent=2)
        print(text)
        print(table(runs))
        if args.json:
            args.json.write_text(text + "\n", encoding="utf-8")
    return 0 if identical and runs["uninterrupted"].returncode == 0 and runs["resumed"].returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
