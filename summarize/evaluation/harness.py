"""Summarise every cluster of a dataset with our methods and score them, with the published peers, by ROUGE.

The standard DUC 2004 setting (Hong et al. 2014; ``official_rouge.res``) is
``ROUGE-1.5.5.pl -n 4 -m -l <words> -p 0.5 -c 95 -r 1000 -f A``: Porter stemming, stop words kept,
every summary (and reference) cut to its first ``words`` words, F with alpha 0.5, 95% bootstrap
intervals, scores averaged over the references. ROUGE-SU4 (``-2 4 -u``) is scored with the same options.
Uses only the public API of ``summarize``.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from summarize.evaluation.dataset import Dataset
from summarize.evaluation.rouge import MetricResult, RougeOptions, RougeScorer, Score, evaluate
from summarize.evaluation.rouge.aggregate import Backend

METRICS = ("ROUGE-1", "ROUGE-2", "ROUGE-4", "ROUGE-SU4")


def duc_options(word_limit: int, resamples: int = 1000) -> RougeOptions:
    """DUC 2004's setting: ``-n 4 -2 4 -u -m -l <word_limit> -p 0.5 -c 95 -r <resamples> -f A`` (Hong et al. 2014)."""
    return RougeOptions(metrics=METRICS, stem=True, word_limit=word_limit, resamples=resamples)


def RougeSetting(word_limit: int, **settings: Any) -> RougeOptions:
    """Deprecated: :func:`duc_options` (or :class:`RougeOptions`) with ``settings`` replaced."""
    warnings.warn(
        "RougeSetting is deprecated: use summarize.evaluation.harness.duc_options or summarize.evaluation.rouge."
        "RougeOptions", DeprecationWarning, stacklevel=2,
    )  # fmt: skip
    return duc_options(word_limit).replace(**settings)


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
    options: RougeOptions,
    ours: Iterable[str] = (),
    backend: Backend = "python",
    failures: dict[str, dict[str, str]] | None = None,
) -> list[SystemScores]:
    """Score each ``system -> cluster -> summary`` mapping against the dataset's references under ``options``."""
    references = {cluster.id: list(cluster.references) for cluster in dataset.clusters}
    scorer = RougeScorer(options) if backend == "python" else None  # shared across systems
    ours = set(ours)
    scored = []
    for system, summaries in systems.items():
        results = evaluate(
            summaries, references, options, system=system, scorer=scorer, backend=backend,
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
    backend: Backend = "python",
    resamples: int = 1000,
    progress: bool = True,
    on_error: Callable[[str], None] | None = None,
    options: RougeOptions | None = None,
) -> list[SystemScores]:
    """Summarise with ``methods`` (none: peers only) and score them next to the published peers.

    ROUGE runs under ``options``, by default :func:`duc_options` at ``words`` (the dataset's length) and ``resamples``.
    """
    words = words or dataset.words
    options = options or duc_options(words, resamples)
    systems: dict[str, dict[str, str]] = {}
    failures: dict[str, dict[str, str]] = {}
    if methods:
        systems, failures = summarise_dataset(dataset, methods, words, truncate, params, progress, on_error)
    if peers:
        systems.update(peer_summaries(dataset))
    ours = [m for m in methods if not m.startswith("sumy-")]  # sumy's algorithms are baselines, not ours
    return score_systems(dataset, systems, options, ours=ours, backend=backend, failures=failures)


def _progress(items: Sequence[Any], enabled: bool, description: str) -> Iterable[Any]:
    """A tqdm progress bar on stderr when enabled and stderr is a terminal or progress was asked for."""
    if not enabled:
        return items
    from tqdm import tqdm  # type: ignore[import-untyped, unused-ignore]

    return tqdm(items, desc=description, unit="cluster", file=sys.stderr, leave=False)
