"""Background IDF (wordfreq) versus the cluster's own IDF in ``mmr``'s centroid relevance, on DUC 2004 and the seeds.

Why: the issue lists "centroid weights with IDF from the cluster versus a background" as a lever. The package fits
IDF on the cluster's own sentences (``summarize.represent``), so a word every article repeats (the event's names)
weighs little; an IDF from a background corpus gives it its general-English rarity instead. This script measures
whether that helps, using the word frequencies of the ``wordfreq`` package as the background, for three ``mmr``
configurations (the shipped default, lambda 0.5 with redundancy threshold 0.3, the a-priori parameters) and three
IDF variants: (a) the cluster's IDF (the shipped vectors, the baseline), (b) the background IDF, (c) a mix of both.
A parameter a configuration does not set is the package default at run time (``summarize.options.Options``).

Decisions fixed before any result was seen:

* Scope: only the centroid RELEVANCE uses the re-weighted vectors (``summarize.methods.mmr.relevance`` is wrapped,
  looked up at call time by ``mmr``); MMR's redundancy term, the redundancy filter and supporting docs keep the shipped
  cluster-IDF vectors. Re-weighting is done on the cluster the method receives (i.e. after compression when
  compress=True).
* Background frequency of a stem = MAX of ``wordfreq.word_frequency(w, "en")`` (default wordlist "best" = large_en)
  over the surface words w (lower-cased ``_WORD`` tokens, not stop word, not digits) of the cluster that map to that
  stem.
* Background idf = log(1 / max(freq, 1e-8)), no further smoothing.
* Mix (c): 0.5 * cluster_idf / mean(cluster_idf) + 0.5 * bg_idf / mean(bg_idf), means over the cluster's terms.
* Vectors: sublinear tf (1 + log tf) * idf, L2 rows (as the shipped vectors): ``summarize.represent.weight`` with
  the variant's idf; cluster idf = smoothed ``ln((1 + n) / (1 + df)) + 1`` (``summarize.represent.smoothed_idf``)
  recomputed from the counts, checked equal to the shipped matrix (to 1e-12) on every cluster.

Scoring is ``benchmarks/quality.py``'s quick scorer (ROUGE-1 and ROUGE-2 recall, stemmed, cut at the dataset's word
budget). The table gives, per configuration and variant: mean R-1 and R-2 over the 50 clusters, per-fold means (the
five folds of ``quality.py``, clusters 10k..10k+9), the per-cluster ROUGE-2 difference from (a) (mean, clusters
won/tied/lost, folds improved, per-fold means, the two-sided sign-flip permutation p-value of
``summarize.evaluation.significance.paired_permutation_test`` with 10,000 resamples, seed 0) and the seeds' R-1
and R-2 at 150 words.

``wordfreq`` is deliberately not a project dependency (a 56.8 MB wheel, its data under CC BY-SA 4.0): only this
experiment uses it. The DUC 2004 data is read from ../shared/data/duc2004 (relative to the repository root) or
--data; the script skips cleanly when the data or wordfreq is absent. Nothing is written unless --out is given
(then ``scores.pkl`` and ``seeds_scores.pkl``: ``(variant, configuration) -> per-cluster (R-1, R-2)`` arrays).

    pip install wordfreq
    python benchmarks/background_idf.py [--data DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from functools import cache
from itertools import chain
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
for _path in (ROOT, ROOT / "benchmarks"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from quality import A_PRIORI_CONFIG, Config, make_folds, quick_scores, summarise  # noqa: E402

import summarize.methods.mmr as methods  # noqa: E402  (mmr reads its relevance here, at call time)
from summarize import prepare  # noqa: E402
from summarize import represent as rep  # noqa: E402
from summarize.evaluation.dataset import Dataset, load_dataset  # noqa: E402
from summarize.evaluation.rouge import RougeScorer  # noqa: E402
from summarize.evaluation.significance import paired_permutation_test  # noqa: E402
from summarize.options import Options  # noqa: E402
from summarize.represent import Cluster, SentenceVectors  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "duc2004"
SEEDS = "seeds"  # the dataset bundled with summarize

CONFIGS = {
    "1 default": Config("mmr", ()),  # Summarizer() defaults, whatever summarize.options.Options ships
    "2 l0.5 rt0.3": Config("mmr", (("lambda_", 0.5), ("position_weight", 0.6), ("cost_exponent", 0.0),
                                   ("min_words", 6), ("compress", False), ("redundancy_threshold", 0.3))),
    "3 a-priori": A_PRIORI_CONFIG,
}  # fmt: skip
CLUSTER, BACKGROUND, MIX = "a cluster", "b background", "c mix"
VARIANTS = (CLUSTER, BACKGROUND, MIX)
MIN_FREQUENCY = 1e-8  # floor of a background frequency (wordfreq gives 0 for words it lacks)
RESAMPLES = 10_000  # sign flips in the permutation test

Scores = dict[tuple[str, str], np.ndarray]  # (variant, configuration) -> per-cluster recall


@cache
def _frequency(word: str) -> float:
    from wordfreq import word_frequency

    return float(word_frequency(word, "en"))


def surface_max_frequency(texts: Iterable[str], language: str = "english") -> dict[str, float]:
    """Stem -> the highest wordfreq frequency of the cluster's surface words that stem to it."""
    stops = rep.stop_words(language)
    words = dict.fromkeys(chain.from_iterable(rep._WORD.findall(t.lower()) for t in texts))
    content = [w for w in words if w not in stops and not w.isdigit()]
    best: dict[str, float] = {}
    for w, s in zip(content, rep.stem_words(content, language), strict=True):
        f = _frequency(w)
        if f > best.get(s, -1.0):
            best[s] = f
    return best


def reweighted(cluster: Cluster, variant: str) -> SentenceVectors:
    """The cluster's sentence vectors with the ``variant``'s IDF (``CLUSTER`` rebuilds the shipped ones)."""
    counts, terms = rep.term_counts(cluster.texts, cluster.language)
    assert terms == cluster.vectors.terms
    cluster_idf = rep.smoothed_idf(counts)
    if variant == CLUSTER:
        idf = cluster_idf
    else:
        frequencies = surface_max_frequency(cluster.texts, cluster.language)
        bg_idf = np.log(1.0 / np.maximum(np.array([frequencies[t] for t in terms]), MIN_FREQUENCY))
        if variant == BACKGROUND:
            idf = bg_idf
        elif variant == MIX:
            idf = 0.5 * cluster_idf / cluster_idf.mean() + 0.5 * bg_idf / bg_idf.mean()
        else:
            raise ValueError(f"unknown variant {variant!r}")
    return SentenceVectors(matrix=rep.weight(counts, idf), terms=terms, idf=idf)


@contextmanager
def centroid_idf(variant: str) -> Iterator[None]:
    """Within the block, ``mmr``'s relevance (only) reads vectors weighted by ``variant``'s IDF."""
    if variant == CLUSTER:  # the shipped method, unpatched
        yield
        return
    original = methods.relevance

    def patched_relevance(cluster: Cluster, options: Options) -> np.ndarray:
        if not cluster.vectors.terms:
            return original(cluster, options)
        return original(replace(cluster, vectors=reweighted(cluster, variant)), options)

    methods.relevance = patched_relevance
    try:
        yield
    finally:
        methods.relevance = original


def check(prepared: Sequence[Cluster], tolerance: float = 1e-12) -> float:
    """The largest difference between the rebuilt cluster-IDF vectors and the shipped ones (asserted tiny)."""
    worst = 0.0
    for cluster in prepared:
        diff = abs(reweighted(cluster, CLUSTER).matrix - cluster.vectors.matrix)
        worst = max(worst, float(diff.max()) if diff.nnz else 0.0)
    assert worst < tolerance, f"rebuilt cluster-IDF vectors differ from the shipped ones by {worst:.2e}"
    return worst


def run(dataset: Dataset, prepared: Sequence[Cluster]) -> Scores:
    """Per-cluster (R-1, R-2) recall of every variant and configuration (progress on stderr)."""
    references = [c.references for c in dataset.clusters]
    scorer = RougeScorer(("ROUGE-1", "ROUGE-2"), stem=True, word_limit=dataset.words)
    out: Scores = {}
    for variant in VARIANTS:
        with centroid_idf(variant):
            for label, config in CONFIGS.items():
                started = time.perf_counter()
                out[(variant, label)] = quick_scores(scorer, summarise(config, prepared, dataset.words), references)
                s = out[(variant, label)].mean(axis=0) * 100
                print(f"{dataset.name} {variant:13s} {label:13s} R-1 {s[0]:.2f} R-2 {s[1]:.2f} "
                      f"({time.perf_counter() - started:.0f}s)", file=sys.stderr, flush=True)  # fmt: skip
    return out


def table(scores: Scores, seed_scores: Scores) -> list[str]:
    """One line per configuration and variant (see the module docstring)."""
    lines = [
        "variant x config: all-50 R-1 R-2 | per-fold R-1 | per-fold R-2 | dR-2 vs (a): mean, win/tie/loss, "
        "folds up | seeds R-1 R-2"
    ]
    for label in CONFIGS:
        base = scores[(CLUSTER, label)]
        for variant in VARIANTS:
            s = scores[(variant, label)]
            tests = [test for _, test in make_folds(len(s))]
            folds = np.array([s[test].mean(axis=0) for test in tests]) * 100
            d = (s[:, 1] - base[:, 1]) * 100
            fd = np.array([d[test].mean() for test in tests])
            p = paired_permutation_test(s[:, 1], base[:, 1], resamples=RESAMPLES)
            ss = seed_scores[(variant, label)][0] * 100
            lines.append(
                f"{label:13s} {variant:13s} {s[:, 0].mean() * 100:.2f} {s[:, 1].mean() * 100:.2f} | "
                + " ".join(f"{x:.2f}" for x in folds[:, 0]) + " | "
                + " ".join(f"{x:.2f}" for x in folds[:, 1])
                + f" | {d.mean():+.2f} {(d > 0).sum()}/{(d == 0).sum()}/{(d < 0).sum()} "
                f"folds+{(fd > 0).sum()} [" + " ".join(f"{x:+.2f}" for x in fd) + f"] p={p:.3f}"
                f" sdR2={s[:, 1].std(ddof=1) * 100:.2f} | seeds {ss[0]:.2f} {ss[1]:.2f}"
            )  # fmt: skip
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the DUC 2004 folder")
    parser.add_argument("--out", type=Path, default=None, help="write scores.pkl and seeds_scores.pkl here")
    args = parser.parse_args(argv)
    if not (args.data / "docs").is_dir():
        print(f"skipped: DUC 2004 data not found at {args.data} (give --data)")
        return 0
    try:
        import wordfreq  # noqa: F401
    except ImportError:
        print("skipped: wordfreq is not installed (pip install wordfreq; not a project dependency)")
        return 0
    started = time.perf_counter()
    duc = load_dataset(args.data)
    prepared = [prepare(c.documents) for c in duc.clusters]
    print(f"check: max |rebuilt cluster-IDF vectors - shipped| = {check(prepared):.2e} over {len(prepared)} clusters")
    scores = run(duc, prepared)
    seeds = load_dataset(SEEDS)
    seed_scores = run(seeds, [prepare(c.documents) for c in seeds.clusters])
    print()
    print("\n".join(table(scores, seed_scores)))
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        for name, values in (("scores.pkl", scores), ("seeds_scores.pkl", seed_scores)):
            with open(args.out / name, "wb") as f:
                pickle.dump(values, f)
    print(f"\ntotal {time.perf_counter() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
