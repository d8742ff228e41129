"""Summary quality on DUC 2004 and the seeds: cross-validated configuration, full table, ablations, oracle.

Regenerates ``benchmarks/RESULTS.md`` and ``benchmarks/quality.png``. Standard setting: ROUGE-1.5.5 -n 4 -2 4 -u
-m -l 100 -p 0.5 -c 95 -r 1000 -f A, recall quoted, our summaries cut at 100 words (``truncate=True``).

* Model selection, honestly: every configuration of a modest grid (``grid``) summarises all 50 clusters once, and
  the learned relevance (``learned_grid``) does so once per fold with weights fitted on that fold's training
  clusters (``evaluation/training.py``); 5-fold cross-validation by cluster id order (fold k = clusters
  10k..10k+9) picks, in each fold, the configuration with the best ``selection_score`` on the 40 training clusters:
  mean ROUGE-1 recall / DPP's 39.84 + mean ROUGE-2 recall / ICSISumm's 9.81, both halves of the goal weighed alike
  (ties: grid order). The cross-validated system is the 50
  held-out summaries, each made by the configuration chosen without its cluster. The shipped default is the
  configuration most folds pick (ties: best mean training score over the folds), with, for the learned relevance,
  the weights fitted on all 50 clusters (``benchmarks/train_relevance.py``). The ROUGE-2-only criterion of the
  first version is reported beside it.
* The main table scores our methods with that configuration, sumy's six baselines, the 13 published systems and a
  greedy ROUGE-2 oracle (an extractive upper bound: it reads the references), with p-values against ICSISumm.
* Ablations switch one lever at a time from the shipped default, on all 50 clusters: descriptive, not a test.
* The seeds (one cluster, our references in ``evaluation/references/seeds``) are scored at 150 words.

Only summarize's public API and ``evaluation/`` are used. The DUC 2004 data is NIST's: it is read from
../shared/data/duc2004 (relative to the repository root) or --data, never copied, and the benchmark skips
cleanly when it is absent.

    python benchmarks/quality.py [--data DIR] [--out DIR] [--resamples 1000]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from train_relevance import WEIGHTS, matches  # noqa: E402

from summarize import RELEVANCE_FEATURES, SummarizeError, Summarizer, prepare  # noqa: E402
from summarize.evaluation.dataset import ClusterData, Dataset, load_dataset  # noqa: E402
from summarize.evaluation.harness import METRICS, RougeSetting, peer_summaries, score_systems  # noqa: E402
from summarize.evaluation.report import markdown_table, table_rows, write_chart  # noqa: E402
from summarize.evaluation.rouge import RougeScorer  # noqa: E402
from summarize.evaluation.training import TARGET_RECALL, fit_weights, training_rows  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "duc2004"
SEEDS = ROOT / "evaluation" / "datasets" / "seeds"
FOLDS = 5
TARGETS = {"ROUGE-1": ("DPP", TARGET_RECALL["ROUGE-1"]), "ROUGE-2": ("ICSISumm", TARGET_RECALL["ROUGE-2"])}
CRITERION = f"R-1 / {100 * TARGET_RECALL['ROUGE-1']:.2f} + R-2 / {100 * TARGET_RECALL['ROUGE-2']:.2f}"
OURS = ("mmr", "ilp", "centroid", "lexrank", "lead", "random")
SUMY = ("sumy-lexrank", "sumy-lsa", "sumy-textrank", "sumy-luhn", "sumy-kl", "sumy-sumbasic")


@dataclass(frozen=True)
class Config:
    """A method and its parameters (the rest at the package defaults); ``weights`` for the learned relevance."""

    method: str
    params: tuple[tuple[str, Any], ...]
    weights: tuple[float, ...] | None = None  # None: the package's shipped weights

    @property
    def kwargs(self) -> dict[str, Any]:
        return dict(self.params) | ({"relevance_weights": self.weights} if self.weights else {})

    def label(self) -> str:
        return self.method + "".join(f" {k}={v}" for k, v in self.params)


A_PRIORI = "mmr, a-priori parameters"
A_PRIORI_CONFIG = Config(
    "mmr",
    (("centrality", "centroid"), ("lambda_", 0.7), ("position_weight", 0.0), ("cost_exponent", 0.0), ("min_words", 6),
     ("compress", False), ("redundancy_threshold", 0.5)),
)  # fmt: skip
"""The parameters before this benchmark chose any (the package defaults until then), for comparison."""


def grid() -> list[Config]:
    """The configurations cross-validation chooses from: MMR's and the ILP's main levers, compression on and off.

    Every configuration names each parameter the grid varies anywhere, so the grid does not move with the defaults.
    """
    configs = [
        Config("mmr", (("centrality", "centroid"), ("lambda_", lam), ("position_weight", pw), ("cost_exponent", ce),
                       ("min_words", mw), ("compress", comp), ("redundancy_threshold", rt)))
        for lam, pw, ce, mw, comp, rt in itertools.product(
            (0.5, 0.7, 0.9), (0.0, 0.3, 0.6), (0.0, 0.5), (6, 10), (False, True), (0.3, 0.5)
        )
    ]  # fmt: skip
    configs += [
        Config("ilp", (("concept_position_weight", pw), ("min_words", mw), ("min_df", df), ("compress", comp),
                       ("redundancy_threshold", 0.5)))
        for pw, mw, df, comp in itertools.product((0.0, 0.5), (6, 10), (2, 3), (False, True))
    ]  # fmt: skip
    return configs


def learned_grid(weights: tuple[float, ...] | None) -> list[Config]:
    """MMR over the learned relevance, with ``weights`` fitted on a fold's training clusters; the lead prior is a
    feature of the model, so ``position_weight`` is 0. The grid's other levers stay at the plain choices."""
    return [
        Config("mmr", (("centrality", "learned"), ("lambda_", lam), ("position_weight", 0.0), ("cost_exponent", 0.0),
                       ("min_words", 6), ("compress", False), ("redundancy_threshold", rt)), weights)
        for lam, rt in itertools.product((0.5, 0.7, 0.9, 1.0), (0.3, 0.5))
    ]  # fmt: skip


def summarise(config: Config, prepared: Sequence[Any], words: int) -> list[str]:
    """One summary per cluster (one sentence per line), cut at ``words``; a failure is an empty summary."""
    summarizer = Summarizer(config.method, **config.kwargs)
    out = []
    for cluster in prepared:
        try:
            summary = summarizer.summarize(cluster, words=words, truncate=True)
            out.append("\n".join(s.text for s in summary.sentences))
        except SummarizeError:
            out.append("")
    return out


def quick_scores(scorer: RougeScorer, summaries: Sequence[str], references: Sequence[Sequence[str]]) -> np.ndarray:
    """Per-cluster (ROUGE-1, ROUGE-2) recall, shape (clusters, 2)."""
    rows = []
    for summary, refs in zip(summaries, references, strict=True):
        score = scorer.score(summary, list(refs))
        rows.append((score["ROUGE-1"].recall, score["ROUGE-2"].recall))
    return np.array(rows)


def selection_score(mean_recalls: np.ndarray) -> np.ndarray:
    """Each half of the goal relative to its target (``TARGETS``): R-1 / 39.84 + R-2 / 9.81, over
    ``mean_recalls[..., (R-1, R-2)]``."""
    return mean_recalls[..., 0] / TARGETS["ROUGE-1"][1] + mean_recalls[..., 1] / TARGETS["ROUGE-2"][1]


def rouge2_only(mean_recalls: np.ndarray) -> np.ndarray:
    """The first version's criterion, mean ROUGE-2 recall (ROUGE-1 breaks ties), reported for comparison."""
    return mean_recalls[..., 1] + 1e-6 * mean_recalls[..., 0]


Criterion = Callable[[np.ndarray], np.ndarray]


Fold = tuple[np.ndarray, np.ndarray]  # (training clusters, test clusters)


def make_folds(n: int, folds: int = FOLDS) -> list[Fold]:
    """Folds by cluster order: fold k tests clusters k*(n//folds) up to the next fold's start (the last: up to n)."""
    size = n // folds
    tests = [np.arange(k * size, n if k == folds - 1 else (k + 1) * size) for k in range(folds)]
    return [(np.setdiff1d(np.arange(n), test), test) for test in tests]


def cross_validate(scores: np.ndarray, folds: Sequence[Fold], criterion: Criterion = selection_score) -> list[int]:
    """Per fold k, the candidate with the best training ``criterion`` in ``scores[k]`` (ties: grid order).

    ``scores`` is (fold, candidate, cluster, metric): candidate i is the same configuration in every fold, fitted
    (the learned weights) on that fold's training clusters only.
    """
    return [int(np.argmax(criterion(scores[k][:, train].mean(axis=1)))) for k, (train, _) in enumerate(folds)]


def shipped_default(chosen: Sequence[int], folds: Sequence[Fold], scores: np.ndarray) -> int:
    """The candidate most folds pick; ties by mean training ``selection_score`` over the folds."""
    votes = Counter(chosen)
    top = max(votes.values())
    tied = [c for c, v in votes.items() if v == top]

    def training_score(c: int) -> float:
        return float(np.mean([selection_score(scores[k][c, train].mean(axis=0)) for k, (train, _) in enumerate(folds)]))

    return max(tied, key=lambda c: (training_score(c), -c))


def held_out_means(scores: np.ndarray, chosen: Sequence[int], folds: Sequence[Fold]) -> np.ndarray:
    """Mean (R-1, R-2) recall of the held-out summaries: each test cluster scored with its fold's choice."""
    held_out = np.concatenate([scores[k][c, test] for k, (c, (_, test)) in enumerate(zip(chosen, folds, strict=True))])
    return held_out.mean(axis=0)


def subset_held_out(scores: np.ndarray, folds: Sequence[Fold], subset: Sequence[int]) -> tuple[np.ndarray, int]:
    """Held-out (R-1, R-2) means when the folds may choose only among the candidates ``subset``, and how many
    different ones they chose: how much the size of the candidate set costs in selection noise."""
    picks = [subset[c] for c in cross_validate(scores[:, list(subset)], folds)]
    return held_out_means(scores, picks, folds), len(set(picks))


def in_sample_ceiling(fixed_scores: np.ndarray, fixed: Sequence[Config]) -> list[str]:
    """What the fixed grid reaches with no held-out data at all: each configuration's mean over every cluster.

    Not a result (every figure has seen its test clusters); it bounds what choosing from the grid can hold out,
    so it tells apart a goal missed by the choice's noise from one the grid does not reach even in-sample.
    """
    means = fixed_scores.mean(axis=1)  # (configuration, metric) over all clusters
    targets = np.array([TARGETS["ROUGE-1"][1], TARGETS["ROUGE-2"][1]])
    best = int(np.argmax(selection_score(means)))
    reach = means >= targets
    return [
        f"No selection at all (in-sample, not a result): on all {fixed_scores.shape[1]} clusters the fixed grid's",
        f"best configuration by the criterion, `{fixed[best].label()}`, scores R-1 {fmt(means[best, 0])},",
        f"R-2 {fmt(means[best, 1])} (quick scorer). Of the {len(fixed)} fixed configurations, {int(reach[:, 0].sum())}",
        f"reach the R-1 target in-sample, {int(reach[:, 1].sum())} the R-2 target and {int(reach.all(axis=1).sum())}",
        "both; the held-out figure can reach the goal only if the folds' choices do as well on clusters they have",
        "not seen.",
    ]


def greedy_oracle(prepared: Any, references: Sequence[str], scorer: RougeScorer, words: int) -> str:
    """Greedy extractive upper bound: add the sentence raising ROUGE-2 recall most until ``words`` are filled."""
    texts = list(dict.fromkeys(prepared.texts))
    chosen: list[str] = []
    best = 0.0
    while sum(len(t.split()) for t in chosen) < words:
        gains = [scorer.score("\n".join([*chosen, t]), list(references))["ROUGE-2"].recall for t in texts]
        pick = int(np.argmax(gains))
        if gains[pick] <= best:
            break
        best = gains[pick]
        chosen.append(texts.pop(pick))
    return "\n".join(chosen)


def systems_for(
    dataset: Dataset, prepared: Sequence[Any], methods: Sequence[str], params: dict[str, Any], words: int
) -> dict[str, dict[str, str]]:
    """``method -> cluster -> summary`` for our methods (and sumy's) with ``params``."""
    ids = [c.id for c in dataset.clusters]
    out = {}
    for method in methods:  # every method gets every parameter, as the package defaults would give them
        out[method] = dict(zip(ids, summarise(Config(method, tuple(params.items())), prepared, words), strict=True))
    return out


def sumy_summaries(clusters: Sequence[ClusterData], method: str, words: int) -> dict[str, str]:
    """sumy's ``method`` over our sentences for ``clusters`` (sumy's own parameters, our budget filler)."""
    prepared = [prepare(c.documents) for c in clusters]
    texts = summarise(Config(method, ()), prepared, words)
    return dict(zip([c.id for c in clusters], texts, strict=True))


def sumy_systems(
    pool: ProcessPoolExecutor, dataset: Dataset, chunk: int = 10
) -> dict[str, list[Future[dict[str, str]]]]:
    """Start sumy's six baselines in ``pool``, ``chunk`` clusters a task (KL-Sum and LSA are slow)."""
    clusters = dataset.clusters
    return {
        method: [
            pool.submit(sumy_summaries, clusters[i : i + chunk], method, dataset.words)
            for i in range(0, len(clusters), chunk)
        ]
        for method in SUMY
    }


def collect(futures: dict[str, list[Future[dict[str, str]]]]) -> dict[str, dict[str, str]]:
    """``method -> cluster -> summary`` from the finished tasks."""
    return {method: {k: v for f in parts for k, v in f.result().items()} for method, parts in futures.items()}


def ablations(default: Config) -> list[tuple[str, Config]]:
    """One lever switched at a time from the shipped default (a lever already off is switched on)."""
    params = default.kwargs

    def with_(method: str | None = None, **changes: Any) -> Config:
        merged = {**params, **changes}
        return Config(method or default.method, tuple(merged.items()))

    rows = [("shipped default", default)]
    rows.append(
        ("compression " + ("off" if params.get("compress") else "on"), with_(compress=not params.get("compress")))
    )
    rows.append(("length floor off (min_words=1)", with_(min_words=1)))
    rows.append(("stand-alone penalty off", with_(standalone_penalty=1.0)))
    pw_name = "concept_position_weight" if default.method == "ilp" else "position_weight"
    pw = params.get(pw_name, 0.0)
    learned = params.get("centrality") == "learned"
    if learned:  # the lead prior is a feature of the learned relevance: compare with the hand-made mix instead
        rows.append(
            (
                "relevance: centroid x lead prior 0.6 instead of learned",
                with_(centrality="centroid", position_weight=0.6),
            )
        )
        rows.append(("relevance: centroid, no lead prior", with_(centrality="centroid", position_weight=0.0)))
    else:
        rows.append((f"position prior {'off' if pw else 'on (0.5)'}", with_(**{pw_name: 0.0 if pw else 0.5})))
    rows.append(("redundancy filter off", with_(redundancy_threshold=1.01)))
    if default.method == "ilp":
        df = params.get("min_df", 3)
        rows.append((f"concepts in >= {5 - df} documents", with_(min_df=5 - df)))
        mmr_params = {k: v for k, v in params.items() if k not in ("min_df", "concept_position_weight")}
        rows.append(("selection: MMR (centroid) instead of the ILP", Config("mmr", tuple(mmr_params.items()))))
        rows.append(
            ("selection: MMR with concept relevance", Config("mmr", (*mmr_params.items(), ("centrality", "concepts"))))
        )
    else:
        centrality = params.get("centrality", "centroid")
        rows.append((f"relevance: concepts instead of {centrality}", with_(centrality="concepts")))
        rows.append(("relevance: LexRank + centroid", with_(centrality="combined")))
        ce = params.get("cost_exponent", 0.0)
        rows.append((f"cost scaling {'off' if ce else 'on (r=1)'}", with_(cost_exponent=0.0 if ce else 1.0)))
        lam = params.get("lambda_", 0.7)
        rows.append(("MMR lambda 1.0 (no redundancy term)", with_(lambda_=1.0)))
        rows.append((f"MMR lambda {0.3 if lam > 0.3 else 0.7}", with_(lambda_=0.3 if lam > 0.3 else 0.7)))
        rows.append(
            (
                "selection: ILP instead of MMR",
                Config(
                    "ilp",
                    tuple(
                        ("concept_position_weight" if k == "position_weight" else k, v)
                        for k, v in params.items()
                        if k in ("position_weight", "min_words", "compress")
                    ),
                ),
            )
        )
    return rows


def fmt(value: float) -> str:
    return f"{100 * value:.2f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the DUC 2004 folder")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks", help="where RESULTS.md and quality.png go")
    parser.add_argument("--resamples", type=int, default=1000, help="bootstrap resamples (-r)")
    args = parser.parse_args(argv)
    if not (args.data / "docs").is_dir():
        print(f"skipped: DUC 2004 data not found at {args.data} (give --data)")
        return 0
    started = time.perf_counter()
    dataset = load_dataset(args.data)
    seeds = load_dataset(SEEDS)
    pool = ProcessPoolExecutor(max_workers=2)  # sumy's baselines run beside the grid search
    sumy_duc = sumy_systems(pool, dataset)
    sumy_seeds = sumy_systems(pool, seeds)
    words = dataset.words
    ids = [c.id for c in dataset.clusters]
    references = [c.references for c in dataset.clusters]
    prepared = [prepare(c.documents) for c in dataset.clusters]
    quick = RougeScorer(("ROUGE-1", "ROUGE-2"), stem=True, word_limit=words)

    # -- model selection by 5-fold cross-validation --------------------------------------------------------
    # The fixed grid summarises every cluster once; the learned relevance is refitted per fold on the training
    # clusters, so its candidates differ between folds (each is scored on all clusters, selected on training ones).
    folds = make_folds(len(ids))
    fixed = grid()
    rows = training_rows(prepared, references)
    fold_weights = [fit_weights([rows[j] for j in train.tolist()]) for train, _ in folds]
    candidates = [fixed + learned_grid(w) for w in fold_weights]  # candidate i: one configuration in every fold
    configs = candidates[0]
    summaries: list[list[list[str]]] = [[] for _ in folds]  # fold -> candidate -> cluster -> summary
    scores = np.zeros((len(folds), len(configs), len(ids), 2))
    for i, config in enumerate(configs):
        fitted = i >= len(fixed)  # a learned candidate has each fold's own weights; a fixed one is summarised once
        texts = [summarise(candidates[k][i], prepared, words) for k in range(len(folds) if fitted else 1)]
        for k in range(len(folds)):
            summaries[k].append(texts[k if fitted else 0])
            scores[k, i] = quick_scores(quick, summaries[k][i], references) if fitted or k == 0 else scores[0, i]
        print(f"[{i + 1}/{len(configs)}] {config.label()}: R-1 {fmt(scores[:, i, :, 0].mean())} "
              f"R-2 {fmt(scores[:, i, :, 1].mean())}", file=sys.stderr, flush=True)  # fmt: skip
    chosen = cross_validate(scores, folds)
    r2_chosen = cross_validate(scores, folds, rouge2_only)
    default_index = shipped_default(chosen, folds, scores)
    default = replace(configs[default_index], weights=None)  # the learned relevance: the fit on all 50 clusters
    cv_system = {
        ids[j]: summaries[k][c][j] for k, (c, (_, test)) in enumerate(zip(chosen, folds, strict=True)) for j in test
    }
    shipped_fit = fit_weights(rows)
    grid_seconds = time.perf_counter() - started

    # -- the main table: ours with the default configuration, sumy, peers, CV, oracle ----------------------
    systems = systems_for(dataset, prepared, OURS, default.kwargs, words)
    systems[A_PRIORI] = dict(zip(ids, summaries[0][configs.index(A_PRIORI_CONFIG)], strict=True))  # a grid point
    systems.update(collect(sumy_duc))
    systems["cross-validated"] = cv_system
    oracle_scorer = RougeScorer(("ROUGE-2",), stem=True, word_limit=words)
    systems["oracle (greedy R-2)"] = {
        c.id: greedy_oracle(p, c.references, oracle_scorer, words)
        for c, p in zip(dataset.clusters, prepared, strict=True)
    }
    systems.update(peer_summaries(dataset))
    setting = RougeSetting(word_limit=words, resamples=args.resamples)
    ours = [*OURS, "cross-validated", A_PRIORI]
    main_scores = score_systems(dataset, systems, setting, ours=ours)
    by_name = {s.system: s for s in main_scores}

    # -- ablations from the shipped default ----------------------------------------------------------------
    ablation_rows = ablations(default)
    ablation_systems = {}
    for name, config in ablation_rows:
        ablation_systems[name] = dict(zip(ids, summarise(config, prepared, words), strict=True))
    ablation_scores = {s.system: s for s in score_systems(dataset, ablation_systems, setting)}
    base_r2 = ablation_scores["shipped default"].recall("ROUGE-2")

    # -- the seeds at 150 words ----------------------------------------------------------------------------
    seeds_prepared = [prepare(c.documents) for c in seeds.clusters]
    seed_systems = systems_for(seeds, seeds_prepared, OURS, default.kwargs, seeds.words)
    seed_systems[A_PRIORI] = {
        c.id: text
        for c, text in zip(seeds.clusters, summarise(A_PRIORI_CONFIG, seeds_prepared, seeds.words), strict=True)
    }
    seed_systems.update(collect(sumy_seeds))
    pool.shutdown()
    seed_oracle = RougeScorer(("ROUGE-2",), stem=True, word_limit=seeds.words)
    seed_systems["oracle (greedy R-2)"] = {
        c.id: greedy_oracle(p, c.references, seed_oracle, seeds.words)
        for c, p in zip(seeds.clusters, seeds_prepared, strict=True)
    }
    seed_scores = score_systems(seeds, seed_systems, RougeSetting(word_limit=seeds.words, resamples=args.resamples),
                                ours=[*OURS, A_PRIORI])  # fmt: skip
    seconds = time.perf_counter() - started

    # -- the report ----------------------------------------------------------------------------------------
    args.out.mkdir(parents=True, exist_ok=True)
    chart_scores = [s for s in main_scores if not s.system.startswith("oracle")]
    write_chart(args.out / "quality.png", chart_scores, "DUC 2004: ROUGE-2 recall (100 words)")
    cv = by_name["cross-validated"]
    package = Summarizer().get_params()
    shipped = package["method"] == default.method and all(package[k] == v for k, v in default.params)
    weights_shipped = matches(json.loads(WEIGHTS.read_text(encoding="utf-8")), shipped_fit)
    lines = [
        "# Summary quality",
        "",
        "Regenerate with (DUC 2004 is read from `--data`, never copied):",
        "",
        "    python benchmarks/quality.py --data ../shared/data/duc2004",
        "",
        f"This run: {seconds / 60:.1f} minutes, of which the grid search {grid_seconds / 60:.1f}. "
        f"ROUGE setting: `ROUGE-1.5.5 {setting.flags()}`, recall x100, 95% bootstrap intervals in brackets; "
        f"our summaries are cut at {words} words (`truncate=True`), as ROUGE's `-l` cuts the peers.",
        "",
        "## The goal (issue 4)",
        "",
        markdown_table(
            ["figure", "ours, 5-fold cross-validated", "target", "reached"],
            [
                [
                    f"{m} recall",
                    fmt(cv.recall(m)),
                    f"{fmt(target)} ({system})",
                    "yes" if round(cv.recall(m), 5) >= target else f"no (short by {fmt(target - cv.recall(m))})",
                ]
                for m, (system, target) in TARGETS.items()
            ],
        ),
        "",
        f"Shipped default (picked by {Counter(chosen)[default_index]} of {FOLDS} folds): "
        f"`{default.label()}`; every other parameter at its package default. "
        f"The package's defaults (`Summarizer()`) {'are' if shipped else 'are NOT'} this configuration.",
        "",
        "The learned relevance (`centrality=learned`): its weights are fitted on each fold's 40 training",
        "clusters only (`evaluation/training.py`: ridge regression of per-sentence ROUGE-1/2 recall per word on",
        f"{len(RELEVANCE_FEATURES)} features: {', '.join(RELEVANCE_FEATURES)}); the shipped weights are the same fit",
        "on all 50 clusters (`python benchmarks/train_relevance.py`), and the package's",
        f"`summarize/data/relevance_weights.json` {'is' if weights_shipped else 'is NOT'} that fit.",
        "",
        "## DUC 2004, all systems",
        "",
        "Ours with the shipped default configuration; `cross-validated` is the 50 held-out summaries of the",
        "cross-validation (the honest figure); `oracle (greedy R-2)` reads the references and is an upper bound",
        "for extraction, not a system. p: paired permutation test on per-cluster ROUGE-2 recall against ICSISumm.",
        f"`{A_PRIORI}` is `{A_PRIORI_CONFIG.label()}`, the package defaults before this benchmark chose any.",
        "",
        markdown_table(*table_rows(main_scores, METRICS, against="ICSISumm")),
        "",
        "![ROUGE-2 recall with 95% intervals](quality.png)",
        "",
        "## Cross-validation (5 folds by cluster id order)",
        "",
        f"Grid: {len(configs)} configurations (`benchmarks/quality.py: grid` and `learned_grid`, the latter with",
        "weights fitted on the fold's training clusters). Each fold picks the configuration with the best",
        f"{CRITERION} on its 40 training clusters (`selection_score`: both halves of the goal",
        "weighed alike). Training and test figures are mean per-cluster recall x100 of the chosen configuration",
        "(for the learned relevance the training figure is in-sample: its weights saw those clusters).",
        "",
        markdown_table(
            ["fold", "test clusters", "chosen configuration", "train R-2", "train R-1", "test R-2", "test R-1"],
            [
                [
                    str(k),
                    f"{ids[test[0]]}–{ids[test[-1]]}",
                    f"`{configs[c].label()}`",
                    fmt(scores_k[c, train, 1].mean()),
                    fmt(scores_k[c, train, 0].mean()),
                    fmt(scores_k[c, test, 1].mean()),
                    fmt(scores_k[c, test, 0].mean()),
                ]
                for k, (c, (train, test)) in enumerate(zip(chosen, folds, strict=True))
                for scores_k in (scores[k],)
            ],
        ),
        "",
        "The criterion matters because the folds disagree. Held-out means (the quick scorer that does the",
        "selection, without the bootstrap):",
        "",
        markdown_table(
            ["selection criterion", "held-out R-1", "held-out R-2", "configurations chosen"],
            [
                [name, *(fmt(v) for v in held_out_means(scores, picks, folds)), str(len(set(picks)))]
                for name, picks in (
                    (f"{CRITERION} (used)", chosen),
                    ("R-2 only (the first version's)", r2_chosen),
                )
            ],
        ),
        "",
        "Candidate sets, same criterion: the fewer configurations the folds choose among, the less of the",
        "training clusters' noise the choice can fit. Only the first row is the protocol; the others are",
        "reported beside it, not used to choose the default.",
        "",
        markdown_table(
            ["candidates", "held-out R-1", "held-out R-2", "configurations chosen"],
            [
                [name, *(fmt(v) for v in means), str(count)]
                for name, subset in (
                    (f"the whole grid ({len(configs)}: fixed and learned; used)", range(len(configs))),
                    (f"the fixed grid only ({len(fixed)}, the previous protocol)", range(len(fixed))),
                    (f"the learned relevance only ({len(configs) - len(fixed)})", range(len(fixed), len(configs))),
                )
                for means, count in (subset_held_out(scores, folds, list(subset)),)
            ],
        ),
        "",
        *in_sample_ceiling(scores[0][: len(fixed)], fixed),
        "",
        "## Ablations (one lever at a time from the shipped default; all 50 clusters, descriptive)",
        "",
        markdown_table(
            ["configuration", "R-1", "R-2", "R-4", "SU4", "Δ R-2"],
            [
                [
                    f"{name}: `{config.label()}`" if name != "shipped default" else f"**{name}**: `{config.label()}`",
                    *(fmt(ablation_scores[name].recall(m)) for m in METRICS),
                    f"{100 * (ablation_scores[name].recall('ROUGE-2') - base_r2):+.2f}",
                ]
                for name, config in ablation_rows
            ],
        ),
        "",
        "Cleaning (datelines, bylines, boilerplate) is part of `prepare` and is always on; it has no switch here.",
        "Not in this benchmark: IDF from a background corpus. The project ships none; an experiment with",
        "wordfreq's English frequencies as background IDF in the centroid relevance lowered R-2 in every",
        "configuration tried (`benchmarks/background_idf.py`, needs `pip install wordfreq`), so it was not adopted.",
        "",
        "Caveat: the levers and the grid were designed while DUC 2004 scores were being looked at during",
        "development; cross-validation chooses only the parameter values, so the cross-validated figure is",
        "honest about those values but not about the design. The shipped default's own row in the main table",
        "has seen all 50 clusters.",
        "",
        "## Seeds (one cluster, 150 words, references in `evaluation/references/seeds/`)",
        "",
        "One cluster, so the intervals are a single point; the configuration is the shipped default, not tuned here.",
        "",
        markdown_table(*table_rows(seed_scores, METRICS)),
        "",
    ]
    (args.out / "RESULTS.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
