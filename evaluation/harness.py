"""Summarise every cluster of a dataset with our methods and score them, with the published peers, by ROUGE.

The standard DUC 2004 setting (Hong et al. 2014; ``official_rouge.res``) is
``ROUGE-1.5.5.pl -n 4 -m -l <words> -p 0.5 -c 95 -r 1000 -f A``: Porter stemming, stop words kept,
every summary (and reference) cut to its first ``words`` words, F with alpha 0.5, 95% bootstrap
intervals, scores averaged over the references. ROUGE-SU4 (``-2 4 -u``) is scored with the same options.
Uses only the public API of ``summarize``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from evaluation.dataset import Dataset
from evaluation.rouge import MetricResult, RougeScorer, Score, evaluate

METRICS = ("ROUGE-1", "ROUGE-2", "ROUGE-4", "ROUGE-SU4")


@dataclass(frozen=True)
class RougeSetting:
    """The ROUGE-1.5.5 options of an evaluation (flags in comments)."""

    word_limit: int  # -l
    stem: bool = True  # -m
    remove_stopwords: bool = False  # -s
    alpha: float = 0.5  # -p
    multi_ref: str = "A"  # -f
    confidence: float = 95.0  # -c
    resamples: int = 1000  # -r
    metrics: tuple[str, ...] = METRICS

    def options(self) -> dict[str, Any]:
        """The per-summary options (-m, -s, -l, -p, -f) as keywords of ``RougeScorer`` and ``evaluate``."""
        return {
            "stem": self.stem,
            "remove_stopwords": self.remove_stopwords,
            "word_limit": self.word_limit,
            "alpha": self.alpha,
            "multi_ref": self.multi_ref,
        }

    def flags(self) -> str:
        """The equivalent ROUGE-1.5.5.pl command line, for reports."""
        n = max(int(m.split("-")[1]) for m in self.metrics if m.split("-")[1].isdigit())
        su = " -2 4 -u" if "ROUGE-SU4" in self.metrics else ""
        stop = " -s" if self.remove_stopwords else ""
        return (
            f"-n {n}{su} -x{' -m' if self.stem else ''}{stop} -l {self.word_limit} -p {self.alpha} "
            f"-c {self.confidence:g} -r {self.resamples} -f {self.multi_ref}"
        )


@dataclass(frozen=True)
class SystemScores:
    """One system's ROUGE results: per metric, the per-cluster scores and the bootstrap averages."""

    system: str
    results: dict[str, MetricResult]
    ours: bool = False
    failures: dict[str, str] = field(default_factory=dict)

    def per_cluster(self, metric: str) -> dict[str, Score]:
        return self.results[metric].per_eval

    def recall(self, metric: str) -> float:
        return self.results[metric].average.recall.mean


def summarise_dataset(
    dataset: Dataset,
    methods: Sequence[str],
    words: int,
    truncate: bool = True,
    params: dict[str, Any] | None = None,
    progress: bool = True,
    on_error: Callable[[str], None] | None = None,
) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """``method -> cluster -> summary`` (one sentence per line), every method over the same prepared sentences.

    A cluster that fails is reported through ``on_error`` and scored as an empty summary, so the
    averages stay over the whole dataset. Returns the summaries and ``method -> cluster -> error``.
    """
    from summarize import SummarizeError, Summarizer, prepare

    summarizers = {method: Summarizer(method, **(params or {})) for method in methods}
    summaries: dict[str, dict[str, str]] = {method: {} for method in methods}
    failures: dict[str, dict[str, str]] = {method: {} for method in methods}
    for cluster in _progress(dataset.clusters, progress, f"summarising {dataset.name}"):
        try:
            prepared = prepare(cluster.documents)
        except SummarizeError as error:
            prepared, reason = None, str(error)
        for method, summarizer in summarizers.items():
            try:
                if prepared is None:
                    raise SummarizeError(reason)
                summary = summarizer.summarize(prepared, words=words, truncate=truncate)
                summaries[method][cluster.id] = "\n".join(s.text for s in summary.sentences)
            except SummarizeError as error:
                summaries[method][cluster.id] = ""
                failures[method][cluster.id] = str(error)
                if on_error:
                    on_error(f"{dataset.name}/{cluster.id} ({method}): {error}")
    return summaries, failures


def score_systems(
    dataset: Dataset,
    systems: dict[str, dict[str, str]],
    setting: RougeSetting,
    ours: Iterable[str] = (),
    backend: str = "python",
    failures: dict[str, dict[str, str]] | None = None,
) -> list[SystemScores]:
    """Score each ``system -> cluster -> summary`` mapping against the dataset's references."""
    references = {cluster.id: list(cluster.references) for cluster in dataset.clusters}
    options = setting.options()
    scorer = RougeScorer(setting.metrics, **options) if backend == "python" else None  # shared across systems
    ours = set(ours)
    scored = []
    for system, summaries in systems.items():
        results = evaluate(
            summaries, references, metrics=setting.metrics, system=system, confidence=setting.confidence,
            resamples=setting.resamples, scorer=scorer, backend=backend, **options,  # type: ignore[arg-type]
        )  # fmt: skip
        scored.append(SystemScores(system, results, system in ours, (failures or {}).get(system, {})))
    return scored


def peer_summaries(dataset: Dataset, systems: Sequence[str] | None = None) -> dict[str, dict[str, str]]:
    """``system -> cluster -> summary`` for the published systems that cover every cluster."""
    chosen = dataset.systems if systems is None else systems
    return {system: {c.id: c.peers[system] for c in dataset.clusters} for system in chosen}


def evaluate_dataset(
    dataset: Dataset,
    methods: Sequence[str] = ("mmr",),
    words: int | None = None,
    peers: bool = True,
    truncate: bool = True,
    params: dict[str, Any] | None = None,
    backend: str = "python",
    resamples: int = 1000,
    progress: bool = True,
    on_error: Callable[[str], None] | None = None,
) -> list[SystemScores]:
    """Summarise with ``methods`` (none: peers only) and score them next to the published peers."""
    words = words or dataset.words
    setting = RougeSetting(word_limit=words, resamples=resamples)
    systems: dict[str, dict[str, str]] = {}
    failures: dict[str, dict[str, str]] = {}
    if methods:
        systems, failures = summarise_dataset(dataset, methods, words, truncate, params, progress, on_error)
    if peers:
        systems.update(peer_summaries(dataset))
    ours = [m for m in methods if not m.startswith("sumy-")]  # sumy's algorithms are baselines, not ours
    return score_systems(dataset, systems, setting, ours=ours, backend=backend, failures=failures)


def _progress(items: Sequence[Any], enabled: bool, description: str) -> Iterable[Any]:
    """A tqdm progress bar on stderr when enabled and stderr is a terminal or progress was asked for."""
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=description, unit="cluster", file=sys.stderr, leave=False)
