"""Speed, memory and start-up of our methods against sumy's LexRank, LSA and TextRank and the ``lexrank`` package.

Every method gets the same sentence lists, in one run of this script (ours: ``mmr``, the default; ``ilp``, exact
concept coverage that falls back to greedy coverage above 2,000 sentences; ``lexrank``):

* DUC 2004, one cluster: the 10 articles of the first cluster (about 200 sentences);
* DUC 2004, 40 articles: the first four clusters (about 800 sentences);
* synthetic, 1k / 10k / 100k sentences: articles of 33 sentences made from a pool of real sentences (all 50
  DUC 2004 clusters, about 13,000 sentences; the four seed articles when DUC is absent). With a fixed seed, each
  article draws one pool cluster, and each of its sentences joins the first half (by words) of one sentence of
  that cluster to the second half of another. Topics and vocabulary stay those of real news, nearly no sentence
  repeats, and the inputs are the same on every run.

Each (method, input) runs in a fresh process: it imports what the method needs and runs it once on the input's
first five sentences (so imports and one-time set-up are not timed, for any method), then times calls on the
whole input (``time.perf_counter``): the first call (cold: per-word caches such as our stemmer's are empty), and
on inputs of up to 1,000 sentences up to four more while the calls so far took under 15 s, the fastest of which
is the steady state of a long-running process (the API reused, ``summarize batch``; the fastest, because other
work on a shared machine only ever adds time). Our methods are timed from sentences to a finished Summary (TF-IDF,
scoring, selection, reading order, supporting sources); peers from sentences to their ranking and our budget
filler. "ours, end to end" starts from the article texts instead (cleaning and sentence splitting included), as
``summarize.summarize`` does. Peak memory is the process's peak resident set size (``resource.getrusage``
``ru_maxrss``), interpreter and input included; the table also gives the rise over the level before the timed
call. A peer runs at a size only if it finished the previous size within the time limit (60 s).

Start-up: wall time of ``summarize --help`` and ``summarize seeds/ --words 150`` as subprocesses (median of
several runs after one untimed run), and the import time of the heavy modules, each in a fresh interpreter.
Batch: ``summarize batch`` (default method) over 200 clusters of 10 articles (the 50 DUC 2004 clusters four
times over, as JSONL; synthetic clusters from the pool when DUC is absent) with 1 and 2 worker processes and with
a local Dask cluster of 1 and 2 workers, in clusters per second, start-up included.

The DUC 2004 data is NIST's: it is read from ../shared/data/duc2004 (relative to the repository root) or --data,
never copied into the repository; rows that need it are skipped when it is absent. Writes benchmarks/SPEED.md and
benchmarks/speed.png.

    python benchmarks/speed.py [--data DIR] [--sizes 1000,10000,100000] [--timeout 60] [--quick]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from summarize.methods import DEFAULT_METHOD as DEFAULT  # noqa: E402  (no NumPy: the parent stays light)

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "duc2004"
SEED = 20040101
SENTENCES_PER_ARTICLE = 33
BUDGET_WORDS = 100
REPEAT_BUDGET = 15.0  # seconds of timed calls after which no further call is made (slow peers run once or twice)

OURS = ("ilp", "mmr", "lexrank")
PEERS = ("sumy-lexrank", "sumy-lsa", "sumy-textrank", "lexrank-package")
END_TO_END = "ours, end to end"
LABELS = {
    **{m: f"ours: {m}" + (" (default)" if m == DEFAULT else "") for m in OURS},
    END_TO_END: f"ours: default ({DEFAULT}), end to end from article text",
    "sumy-lexrank": "sumy LexRank",
    "sumy-lsa": "sumy LSA",
    "sumy-textrank": "sumy TextRank",
    "lexrank-package": "lexrank package",
}
IMPORTS = (
    "numpy",
    "scipy.sparse",
    "typer",
    "summarize.cli",
    "nltk",  # no longer used by the pipeline (sumy's baselines import it): nltk/__init__ imports scikit-learn
    "sklearn.feature_extraction.text",  # what the pipeline avoids: the TF-IDF weighting is done in SciPy
)


STATIC_NOTES = (
    "The one quadratic object, LexRank's similarity graph, is sparse and bounded: each sentence keeps at most "
    "max(32, 2^23 // n) of its strongest edges at cosine >= 0.1, so the graph holds at most max(2^23, 32 n) edges "
    "(about 100 MB) and is exactly Erkan and Radev's thresholded graph up to n = 2,896 sentences; it is built in "
    "blocks of rows whose product has at most 2^21 candidate entries. Its time still grows with the candidate pairs "
    "(the sum over terms of the squared number of sentences holding the term), which is why lexrank grows faster "
    "than mmr. mmr (centroid relevance, MMR with one sparse row of cosines per chosen sentence) is linear. ilp "
    "takes its never-together pairs (cosine >= its redundancy threshold, 0.3 by default) from the same bounded "
    "graph and solves the concept-coverage ILP up to 2,000 eligible sentences, greedy coverage beyond.",
    "Peak memory is ru_maxrss of the measuring process: the interpreter, the imported libraries (NumPy, SciPy, "
    "NLTK, sumy) and the input included; the bracket is the rise during the timed "
    "calls, zero when the import peak was higher.",
    "Small times are noisy on a shared machine: the load average above says how busy it was. The peers' times "
    "and ours come from the same run, so the ratios are fair within it.",
    "`summarize seeds/ --words 150` imports neither scikit-learn nor NLTK: sentences are split by our own rules "
    "(`summarize/split.py`), stems come from PyStemmer, and the TF-IDF weighting is done in SciPy "
    "(`summarize/represent.py`, pinned to scikit-learn's TfidfTransformer by tests/test_represent.py); the import "
    "table shows what the two would cost.",
)


# -- inputs --------------------------------------------------------------------------------------------------
@dataclass
class Input:
    """One benchmark input: sentences (text, article index, position) and the article texts they came from."""

    name: str
    sentences: list[tuple[str, int, int]]
    articles: list[str]
    synthetic: bool = False

    @property
    def size(self) -> int:
        return len(self.sentences)


def cluster_sentences(folder: Path) -> tuple[list[tuple[str, int, int]], list[str]]:
    """The sentences of a folder of articles as the summariser sees them, and the articles' texts."""
    from summarize.api import extract_sentences
    from summarize.load import load_documents

    documents = load_documents([str(folder)]).documents
    sentences = [(s.text, s.doc_index, s.position) for s in extract_sentences(documents)]
    return sentences, [d.text for d in documents]


def real_inputs(data: Path) -> tuple[list[Input], dict[str, list[str]]]:
    """The DUC rows (one cluster, 40 articles) and the sentence pool, one list per cluster."""
    folders = sorted(p for p in (data / "docs").iterdir() if p.is_dir())
    pool: dict[str, list[str]] = {}
    per_folder: dict[str, tuple[list[tuple[str, int, int]], list[str]]] = {}
    for folder in folders:
        sentences, articles = cluster_sentences(folder)
        per_folder[folder.name] = (sentences, articles)
        pool[folder.name] = [text for text, _, _ in sentences]
    first = per_folder[folders[0].name]
    forty_sentences: list[tuple[str, int, int]] = []
    forty_articles: list[str] = []
    for folder in folders[:4]:
        sentences, articles = per_folder[folder.name]
        offset = len(forty_articles)
        forty_sentences += [(text, doc + offset, position) for text, doc, position in sentences]
        forty_articles += articles
    rows = [
        Input(f"DUC 2004 cluster {folders[0].name} (10 articles)", first[0], first[1]),
        Input("DUC 2004, 40 articles (4 clusters)", forty_sentences, forty_articles),
    ]
    return rows, pool


def seed_pool() -> dict[str, list[str]]:
    """The fallback pool: the seed articles' sentences, one 'cluster' (they are about one event)."""
    sentences, _ = cluster_sentences(ROOT / "seeds")
    return {"seeds": [text for text, _, _ in sentences]}


def synthetic_input(pool: dict[str, list[str]], size: int, seed: int = SEED) -> Input:
    """``size`` sentences in articles of 33, each sentence two halves of two pool sentences of one cluster."""
    import numpy as np

    rng = np.random.default_rng(seed)
    names = sorted(pool)
    words = {name: [s.split() for s in pool[name]] for name in names}
    sentences: list[tuple[str, int, int]] = []
    articles: list[str] = []
    while len(sentences) < size:
        cluster = words[names[int(rng.integers(len(names)))]]
        count = min(SENTENCES_PER_ARTICLE, size - len(sentences))
        firsts = rng.integers(len(cluster), size=count)
        seconds = rng.integers(len(cluster), size=count)
        texts = []
        for position, (i, j) in enumerate(zip(firsts.tolist(), seconds.tolist(), strict=True)):
            head, tail = cluster[i], cluster[j]
            text = " ".join(head[: len(head) // 2] + tail[len(tail) // 2 :])
            texts.append(text)
            sentences.append((text, len(articles), position))
        paragraphs = [" ".join(texts[k : k + 2]) for k in range(0, len(texts), 2)]  # two sentences a paragraph
        articles.append("\n\n".join(paragraphs))
    return Input(f"synthetic, {size:,} sentences ({len(articles):,} articles)", sentences, articles, synthetic=True)


# -- one measurement, in a fresh process ---------------------------------------------------------------------
def build_cluster(sentences: list[tuple[str, int, int]], articles: list[str], vectors: bool) -> Any:
    """A prepared Cluster over the given sentences; peers, which do their own counting, get no TF-IDF."""
    import numpy as np
    from scipy.sparse import csr_matrix

    from summarize.represent import Cluster, SentenceVectors, represent
    from summarize.types import Document, Sentence

    documents = [Document(text=text, id=f"article-{i + 1}") for i, text in enumerate(articles)]
    items = [Sentence(text, doc, position) for text, doc, position in sentences]
    if vectors:
        return represent(documents, items)
    empty = SentenceVectors(matrix=csr_matrix((len(items), 0), dtype=np.float64), terms=())
    return Cluster(tuple(documents), tuple(items), empty)


def run_method(method: str, sentences: list[tuple[str, int, int]], articles: list[str]) -> int:
    """Run ``method`` once on the input; return how many sentences it chose (``worker`` checks it is not 0)."""
    from summarize.types import Budget

    budget = Budget(words=BUDGET_WORDS)
    if method == END_TO_END:
        from summarize.api import Summarizer
        from summarize.types import Document

        documents = [Document(text=text, id=f"article-{i + 1}") for i, text in enumerate(articles)]
        return len(Summarizer().summarize(documents, words=BUDGET_WORDS).sentences)
    if method in OURS:
        from summarize.api import Summarizer

        summary = Summarizer(method).summarize_cluster(build_cluster(sentences, articles, vectors=True), budget)
        return len(summary.sentences)
    if method == "lexrank-package":
        from lexrank import STOPWORDS, LexRank

        by_article: dict[int, list[str]] = {}
        for text, doc, _ in sentences:
            by_article.setdefault(doc, []).append(text)
        texts = [text for text, _, _ in sentences]
        ranker = LexRank(list(by_article.values()), stopwords=STOPWORDS["en"])
        scores = ranker.rank_sentences(texts, threshold=0.1, fast_power_method=True)
        return int(len(scores) > 0)
    from summarize.methods import METHODS
    from summarize.options import Options

    selection, _ = METHODS[method](build_cluster(sentences, articles, vectors=False), budget, Options())
    return len(selection.indices)


def worker(method: str, path: Path, repeats: int) -> None:
    """Subprocess entry: warm up on five sentences, then time up to ``repeats`` calls; print a JSON line."""
    data = json.loads(path.read_text(encoding="utf-8"))
    sentences = [tuple(s) for s in data["sentences"]]
    articles = data["articles"]
    small = sentences[:5]
    run_method(method, [(t, 0, p) for t, _, p in small], [" ".join(t for t, _, _ in small)])
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    times: list[float] = []
    while not times or (len(times) < repeats and sum(times) < REPEAT_BUDGET):
        start = time.perf_counter()
        chosen = run_method(method, sentences, articles)
        times.append(time.perf_counter() - start)
        if not chosen:
            raise SystemExit(f"{method} chose no sentence: its time would measure nothing")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"times": times, "peak_mb": peak / 1024, "before_mb": before / 1024}))


@dataclass
class Result:
    """One (method, input) measurement: first call, fastest later call (steady state), peak memory; or why none."""

    seconds: float | None = None
    steady: float | None = None
    peak_mb: float | None = None
    before_mb: float | None = None
    note: str = ""


def measure(method: str, item: Input, workdir: Path, timeout: float, repeats: int) -> Result:
    """Run ``worker`` in a fresh interpreter with a wall-clock limit (the limit per call plus 20 s for start-up)."""
    path = workdir / f"input-{item.size}.json"
    if not path.exists():
        path.write_text(json.dumps({"sentences": item.sentences, "articles": item.articles}), encoding="utf-8")
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", method, str(path), str(repeats)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout * repeats + 20, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return Result(note=f"> {timeout:.0f} s")
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return Result(note=f"failed: {last[:80]}")
    record = json.loads(done.stdout.strip().splitlines()[-1])
    first = record["times"][0]
    if first > timeout:
        return Result(note=f"> {timeout:.0f} s ({first:.0f} s)")
    steady = min(record["times"][1:]) if len(record["times"]) > 1 else first
    return Result(first, steady, record["peak_mb"], record["before_mb"])


# -- start-up ------------------------------------------------------------------------------------------------
def summarize_command() -> list[str]:
    """The installed ``summarize`` script beside this interpreter, else ``python -m summarize``."""
    script = Path(sys.executable).with_name("summarize")
    return [str(script)] if script.exists() else [sys.executable, "-m", "summarize"]


def wall_times(command: list[str], runs: int) -> list[float]:
    """Wall time of ``command`` ``runs`` times, after one untimed run (file cache)."""
    subprocess.run(command, capture_output=True, cwd=ROOT, check=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, cwd=ROOT, check=True)
        times.append(time.perf_counter() - start)
    return times


def import_time(module: str, runs: int) -> float:
    """Median time to import ``module`` (with everything it imports) in a fresh interpreter."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    values = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
        values.append(float(done.stdout.strip()))
    return statistics.median(values)


# -- batch throughput ----------------------------------------------------------------------------------------
def batch_source(data: Path | None, pool: dict[str, list[str]], workdir: Path, count: int) -> tuple[Path, str]:
    """A JSONL file of ``count`` clusters: the DUC 2004 clusters over and over, or synthetic ones without DUC."""
    path = workdir / "clusters.jsonl"
    with path.open("w", encoding="utf-8") as stream:
        if data is not None:
            folders = sorted(p for p in (data / "docs").iterdir() if p.is_dir())
            texts = {f.name: [d.read_text(encoding="utf-8") for d in sorted(f.glob("*.txt"))] for f in folders}
            for index in range(count):
                name = folders[index % len(folders)].name
                record = {"id": f"{name}-{index // len(folders) + 1}", "documents": texts[name]}
                stream.write(json.dumps(record) + "\n")
            what = f"{count} clusters of 10 articles: the 50 DUC 2004 clusters, repeated (JSONL)"
        else:
            for index in range(count):
                item = synthetic_input(pool, 10 * SENTENCES_PER_ARTICLE, seed=SEED + index)
                stream.write(json.dumps({"id": f"synthetic-{index + 1}", "documents": item.articles}) + "\n")
            what = f"{count} synthetic clusters of 10 articles (JSONL)"
    return path, what


def batch_throughput(source: Path, count: int, workdir: Path, jobs_list: list[int]) -> list[tuple[str, int, float]]:
    """(engine, workers, seconds) for ``summarize batch`` as a subprocess, the output file new each time."""
    rows = []
    settings = [("process", jobs) for jobs in jobs_list]
    try:
        import dask.distributed  # noqa: F401

        settings += [("dask", jobs) for jobs in jobs_list]
    except ImportError:
        pass
    for engine, jobs in settings:
        output = workdir / f"batch-{engine}-{jobs}.jsonl"
        output.unlink(missing_ok=True)
        command = [*summarize_command(), "batch", str(source), "-o", str(output), "--words", str(BUDGET_WORDS)]
        command += ["--jobs", str(jobs), "--engine", engine, "--no-progress"]
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, cwd=ROOT, check=True)
        seconds = time.perf_counter() - start
        assert sum(1 for _ in output.open(encoding="utf-8")) == count
        rows.append((engine, jobs, seconds))
    return rows


# -- report --------------------------------------------------------------------------------------------------
@dataclass
class Report:
    inputs: list[Input] = field(default_factory=list)
    results: dict[tuple[str, str], Result] = field(default_factory=dict)
    startup: dict[str, list[float]] = field(default_factory=dict)
    imports: dict[str, float] = field(default_factory=dict)
    batch: list[tuple[str, int, float]] = field(default_factory=list)
    batch_what: str = ""
    batch_count: int = 0
    notes: list[str] = field(default_factory=list)
    load: list[tuple[float, float, float]] = field(default_factory=list)


def fmt_seconds(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def cell(result: Result | None, key: str) -> str:
    if result is None:
        return "not run"
    if result.seconds is None:
        return result.note
    if key == "seconds":
        return fmt_seconds(result.seconds)
    return f"{result.peak_mb:,.0f} (+{result.peak_mb - result.before_mb:,.0f})"


def methods_of(report: Report) -> list[str]:
    return [m for m in (*OURS, END_TO_END, *PEERS) if any(k[0] == m for k in report.results)]


def _section(title: str, head: list[str], align: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown section: a blank line, the heading, then a table with one row per entry."""
    table = ["| " + " | ".join(cells) + " |" for cells in (head, align, *rows)]
    return ["", f"## {title}", "", *table]


def write_markdown(report: Report, path: Path, command: str) -> None:
    methods = methods_of(report)
    labels = [LABELS[m] for m in methods]
    numbers = ["---:" for _ in methods]
    small = [item for item in report.inputs if item.size <= 1000]
    lines = [
        "# Speed, memory and start-up",
        "",
        f"Produced by `{command}` (see the docstring of `benchmarks/speed.py` for how everything is measured).",
        "",
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"{_memory_gb():.0f} GB; Python {platform.python_version()}, {_versions()}. "
        f"Load average (1 min) at the start, highest after a measurement, and at the end: {report.load[0][0]:.2f}, "
        f"{max(load[0] for load in report.load):.2f}, {report.load[-1][0]:.2f} (the measurement itself is about "
        f"1; above that, other work shared the machine's {os.cpu_count()} cores and slowed every figure).",
    ]
    lines += _section(
        "Time (seconds, first call, imports excluded)",
        ["input", "sentences", *labels],
        ["---", "---:", *numbers],
        [
            [item.name, f"{item.size:,}", *(cell(report.results.get((m, item.name)), "seconds") for m in methods)]
            for item in report.inputs
        ],
    )
    lines += _section(
        "Peak memory (MB: the process's peak RSS, and in brackets its rise during the timed call)",
        ["input", *labels],
        ["---", *numbers],
        [[item.name, *(cell(report.results.get((m, item.name)), "memory") for m in methods)] for item in report.inputs],
    )
    if small:
        lines += _section(
            "Time, steady state (seconds, fastest later call in one process; inputs up to 1,000)",
            ["input", *labels],
            ["---", *numbers],
            [[item.name, *(_steady_cell(report.results.get((m, item.name))) for m in methods)] for item in small],
        )
    peers = [p for p in PEERS if p in methods]
    ours = [m for m in ("ilp", "mmr") if m in methods]
    for title, attribute in (("first call", "seconds"), ("steady state", "steady")):
        rows = [
            [item.name, mine, *(_ratio(report, mine, p, item, attribute) for p in peers)]
            for item in (report.inputs if attribute == "seconds" else small)
            if any(report.results.get((p, item.name)) and report.results[(p, item.name)].seconds for p in peers)
            for mine in ours
        ]
        lines += _section(
            f"How much faster: peer time / time of ours, {title}",
            ["input", "ours", *(LABELS[p] for p in peers)],
            ["---", "---", *("---:" for _ in peers)],
            rows,
        )
    lines += ["", "![time against input size, log-log](speed.png)", ""]
    lines += _targets(report)
    lines += _section(
        "Start-up (wall time of the command, median of the runs)",
        ["command", "median (s)", "runs (s)"],
        ["---", "---:", "---"],
        [
            [f"`{name}`", f"{statistics.median(times):.3f}", ", ".join(f"{t:.2f}" for t in times)]
            for name, times in report.startup.items()
        ],
    )
    lines += ["", "Import time of each module with all it imports, in a fresh interpreter (median, seconds):", ""]
    lines += ["| module | seconds |", "| --- | ---: |"]
    lines += [f"| `{module}` | {seconds:.3f} |" for module, seconds in report.imports.items()]
    if report.batch:
        lines += _section(
            f"Batch throughput: `summarize batch` over {report.batch_what}",
            ["engine", "workers", "seconds", "clusters per second"],
            ["---", "---:", "---:", "---:"],
            [
                [engine, str(jobs), f"{seconds:.1f}", f"{report.batch_count / seconds:.2f}"]
                for engine, jobs, seconds in report.batch
            ],
        )
        lines += ["", "Wall time of the whole command, start-up of the workers (and of the Dask cluster) included."]
    lines += ["", "## Notes", ""] + [f"* {note}" for note in [*report.notes, *STATIC_NOTES]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _steady_cell(result: Result | None) -> str:
    """The fastest later call, or what the first-call cell says when there was none."""
    return fmt_seconds(result.steady) if result and result.steady is not None else cell(result, "seconds")


def _ratio(report: Report, mine: str, peer: str, item: Input, attribute: str) -> str:
    ours, theirs = report.results.get((mine, item.name)), report.results.get((peer, item.name))
    a = getattr(ours, attribute) if ours else None
    b = getattr(theirs, attribute) if theirs else None
    return _times(b / a) if a and b else "—"


def _times(ratio: float) -> str:
    return f"{ratio:,.0f}×" if ratio >= 10 else f"{ratio:.1f}×"


def _targets(report: Report) -> list[str]:
    """The issue's targets, each with the measured figure."""
    lines = ["## Targets", "", "| target | measured | met |", "| --- | --- | --- |"]
    forty = next((i for i in report.inputs if i.name.startswith("DUC 2004, 40")), None)
    if forty is not None:
        theirs = report.results.get(("sumy-lexrank", forty.name))
        for mine in ("ilp", "mmr"):
            ours = report.results.get((mine, forty.name))
            for title, attribute in (("first call", "seconds"), ("steady state", "steady")):
                a = getattr(ours, attribute) if ours else None
                b = getattr(theirs, attribute) if theirs else None
                if a and b:
                    measured = f"{_times(b / a)} ({b:.2f} s against {a:.3f} s)"
                    target = f"≥ 100× faster than sumy LexRank at {forty.size} sentences ({LABELS[mine]}, {title})"
                    lines.append(f"| {target} | {measured} | {_yes(b / a >= 100)} |")
    biggest = max((i for i in report.inputs if i.synthetic), key=lambda i: i.size, default=None)
    if biggest is not None and biggest.size >= 100_000:
        for method in ("ilp", "mmr", END_TO_END, "lexrank"):
            result = report.results.get((method, biggest.name))
            if result and result.seconds is not None:
                ok = result.seconds < 30 and result.peak_mb < 2048
                measured = f"{result.seconds:.1f} s, {result.peak_mb:,.0f} MB peak"
                lines.append(
                    f"| {biggest.size:,} sentences < 30 s and < 2 GB ({LABELS[method]}) | {measured} | {_yes(ok)} |"
                )
    for name, limit in (("summarize --help", 0.3), ("summarize seeds/ --words 150", 1.0)):
        if name in report.startup:
            median = statistics.median(report.startup[name])
            lines.append(f"| `{name}` < {limit} s | {median:.2f} s | {_yes(median < limit)} |")
    return lines


def _yes(value: bool) -> str:
    return "yes" if value else "**no**"


def _memory_gb() -> float:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    except (ValueError, OSError, AttributeError):
        return 0.0


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    parts = []
    for name in ("numpy", "scipy", "scikit-learn", "nltk", "sumy", "lexrank"):
        with contextlib.suppress(PackageNotFoundError):
            parts.append(f"{name} {version(name)}")
    return ", ".join(parts)


def _timed_out(result: Result | None) -> bool:
    return result is not None and result.seconds is None and result.note.startswith(">")


def plot(report: Report, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(8, 5.5))
    styles = {"ilp": "P-", "mmr": "o-", "lexrank": "s-", END_TO_END: "D--", "sumy-lexrank": "^:", "sumy-lsa": "v:"}
    for method in methods_of(report):
        points = sorted(
            (item.size, result.seconds)
            for item in report.inputs
            if (result := report.results.get((method, item.name))) is not None and result.seconds is not None
        )
        over = [item.size for item in report.inputs if _timed_out(report.results.get((method, item.name)))]
        if points:
            xs, ys = zip(*points, strict=True)
            (line,) = axes.loglog(xs, ys, styles.get(method, "x:"), label=LABELS[method])
            if over:  # an open marker on the limit line where the method did not finish in time
                axes.loglog(over, [60] * len(over), styles.get(method, "x:")[0], color=line.get_color(), mfc="none")
    axes.axhline(60, color="grey", linewidth=0.8)
    axes.text(axes.get_xlim()[0] * 1.1, 66, "time limit (60 s); open markers: did not finish", color="grey", fontsize=8)
    axes.set_xlabel("input size (sentences)")
    axes.set_ylabel("wall time of one call (s)")
    axes.set_title("Time against input size (log-log)")
    axes.grid(True, which="both", linewidth=0.3)
    axes.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


# -- main ----------------------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="DUC 2004 folder (with docs/)")
    parser.add_argument("--sizes", default="1000,10000,100000", help="synthetic input sizes, comma-separated")
    parser.add_argument("--timeout", type=float, default=60.0, help="time limit of one call, seconds")
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each start-up command")
    parser.add_argument("--jobs", default="1,2", help="worker counts for the batch throughput")
    parser.add_argument("--no-batch", action="store_true", help="skip the batch throughput")
    parser.add_argument("--batch-clusters", type=int, default=200, help="clusters in the batch throughput run")
    parser.add_argument("--quick", action="store_true", help="sizes 1000 and 10000, 3 runs: a smoke test")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks", help="where SPEED.md and speed.png go")
    parser.add_argument("--repeats", type=int, default=5, help="timed calls per method on inputs up to 1,000")
    parser.add_argument("--worker", nargs=3, metavar=("METHOD", "INPUT", "REPEATS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker[0], Path(args.worker[1]), int(args.worker[2]))
        return 0
    if args.quick:
        args.sizes, args.runs = "1000,10000", 3
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    report = Report(load=[os.getloadavg()])
    workdir = Path(tempfile.mkdtemp(prefix="summarize-speed-"))
    try:
        data = args.data if (args.data / "docs").is_dir() else None
        if data is None:
            report.notes.append(f"DUC 2004 not found at {args.data}: its rows are skipped and the pool is the seeds.")
            pool = seed_pool()
        else:
            rows, pool = real_inputs(data)
            report.inputs += rows
        report.inputs += [synthetic_input(pool, size) for size in sizes]
        pool_size = sum(map(len, pool.values()))
        report.notes.append(f"Sentence pool for the synthetic inputs: {pool_size:,} sentences in {len(pool)} clusters.")
        given_up: dict[str, str] = {}
        for item in report.inputs:
            for method in (*OURS, END_TO_END, *PEERS):
                if method in given_up:
                    report.results[(method, item.name)] = Result(note=f"not run ({given_up[method]})")
                    continue
                repeats = args.repeats if item.size <= 1000 else 1
                result = measure(method, item, workdir, args.timeout, repeats)
                report.results[(method, item.name)] = result
                report.load.append(os.getloadavg())
                print(f"{item.name:<50} {LABELS[method]:<42} {cell(result, 'seconds'):>12}", flush=True)
                if result.seconds is None and method in PEERS:
                    given_up[method] = f"{result.note} at {item.size:,}"
        report.startup["summarize --help"] = wall_times([*summarize_command(), "--help"], args.runs)
        report.startup["summarize seeds/ --words 150"] = wall_times(
            [*summarize_command(), "seeds/", "--words", "150"], args.runs
        )
        for module in IMPORTS:
            report.imports[module] = import_time(module, max(3, args.runs // 2))
        if not args.no_batch:
            source, report.batch_what = batch_source(data, pool, workdir, args.batch_clusters)
            jobs_list = [int(j) for j in args.jobs.split(",") if j.strip()]
            report.batch = batch_throughput(source, args.batch_clusters, workdir, jobs_list)
            report.batch_count = args.batch_clusters
        report.load.append(os.getloadavg())
        command = "python benchmarks/speed.py" + (" " + " ".join(argv if argv is not None else sys.argv[1:])).rstrip()
        args.out.mkdir(parents=True, exist_ok=True)
        write_markdown(report, args.out / "SPEED.md", command.strip())
        plot(report, args.out / "speed.png")
        print(f"wrote {args.out / 'SPEED.md'} and {args.out / 'speed.png'}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
