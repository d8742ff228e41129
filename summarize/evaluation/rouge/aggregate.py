"""Averages and bootstrap confidence intervals over evaluation units, exactly as ROUGE-1.5.5.pl computes them.

ROUGE-1.5.5 (``-t 0``) averages the rounded per-unit R, P, F. Resample ``i`` reseeds Perl's ``drand48`` with
``srand(i)`` and draws ``int(rand(n))`` n times; the printed ``Average_X`` is the mean of the resample means
and the interval bounds are order statistics of them (``-c`` level, ``-r`` resamples). Reproducing the
generator makes averages and intervals identical to the Perl output, not merely close.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache, cmp_to_key
from typing import Any, Literal

import numpy as np

from summarize.evaluation.rouge.options import RougeOptions
from summarize.evaluation.rouge.results import Aggregate, Interval, MetricResult, Score
from summarize.evaluation.rouge.score import RougeScorer

Backend = Literal["python", "perl"]
_MASK48 = np.uint64((1 << 48) - 1)


@cache
def perl_resample_indices(n: int, resamples: int, seed: int = 0) -> np.ndarray:
    """Indices ``int(rand(n))`` drawn by Perl after ``srand(seed + i)`` for resample ``i`` (shape resamples x n).

    Perl (5.20+, and glibc before) uses drand48: ``x = (seed << 16) + 0x330E``, ``x = (0x5DEECE66D x + 11) mod 2^48``.
    """
    state = (np.arange(seed, seed + resamples, dtype=np.uint64) << np.uint64(16)) + np.uint64(0x330E)
    out = np.empty((resamples, n), dtype=np.intp)
    for k in range(n):
        state = (state * np.uint64(0x5DEECE66D) + np.uint64(0xB)) & _MASK48  # wraps mod 2^64, fine mod 2^48
        out[:, k] = np.floor(n * (state.astype(np.float64) * 2.0**-48)).astype(np.intp)
    out.setflags(write=False)
    return out


def _sequential_sum(values: np.ndarray) -> float:
    """Left-to-right float sum, like Perl's ``+=`` loop (NumPy's pairwise ``sum`` could differ in the last bit)."""
    total = 0.0
    for v in values.tolist():
        total += v
    return total


def bootstrap(scores: Sequence[Score], *, confidence: float = 95.0, resamples: int = 1000, seed: int = 0) -> Aggregate:
    """Bootstrap over units in the given order (``-c confidence``, ``-r resamples``); deterministic for ``seed``.

    ``seed=0`` reproduces ROUGE-1.5.5, which seeds resample ``i`` with ``srand(i)``.
    """
    if not 0 <= confidence <= 100:
        raise ValueError(f"confidence (-c) must be within [0, 100], got {confidence}")
    if resamples < 1:
        raise ValueError(f"resamples (-r) must be positive, got {resamples}")
    n = len(scores)
    if n == 0:
        zero = Interval(0.0, 0.0, 0.0)
        return Aggregate(zero, zero, zero)
    values = np.array([(s.recall, s.precision, s.fmeasure) for s in scores], dtype=np.float64)
    drawn = values[perl_resample_indices(n, resamples, seed)]  # resamples x n x 3
    sums = drawn[:, 0, :].copy()
    for k in range(1, n):  # sequential accumulation, as Perl adds one draw at a time
        sums += drawn[:, k, :]
    means = np.sort(sums / n, axis=0)
    delta = resamples * ((100 - confidence) / 2.0) / 100.0
    upper_a = int(resamples - delta - 1)
    lower_a = int(delta)
    ratio = resamples - delta - 1 - upper_a

    def at(column: np.ndarray, index: int) -> float:
        """Perl array read: past-the-end reads as 0 (undef)."""
        return float(column[index]) if 0 <= index < len(column) else 0.0

    def interval(column: np.ndarray) -> Interval:
        """Mean of resample means and interpolated order statistics, each rounded like ``%7.5f``."""
        low = at(column, lower_a) + (at(column, lower_a + 1) - at(column, lower_a)) * ratio
        high = at(column, upper_a) + (at(column, upper_a + 1) - at(column, upper_a)) * ratio
        return Interval(*(float(f"{x:.5f}") for x in (_sequential_sum(column) / resamples, low, high)))

    return Aggregate(*(interval(means[:, c]) for c in range(3)))


def _unit_order(eval_ids: Sequence[str], system: str) -> list[str]:
    """Order of units in the bootstrap: Perl's ``sort keys`` of ``"$evalID.$peerID"``."""
    return sorted(eval_ids, key=lambda e: f"{e}.{system}".encode())


def evaluate(
    peers: Mapping[str, str],
    references: Mapping[str, Sequence[str]],
    options: RougeOptions | Iterable[str] | None = None,
    *,
    system: str = "peer",
    seed: int = 0,
    scorer: RougeScorer | None = None,
    backend: Backend = "python",
    **settings: Any,
) -> dict[str, MetricResult]:
    """Score one system's summaries (eval id -> text) against references (eval id -> texts); ROUGE-1.5.5 ``-a -d``.

    ``options`` (a :class:`RougeOptions`, or its keywords: ``metrics``, ``stem`` -m, ``word_limit`` -l, ...,
    ``confidence`` -c, ``resamples`` -r) sets every flag. A shared ``scorer`` reuses tokenised references across
    systems; its per-summary options then win. ``backend="perl"`` runs the official script instead (see ``perl``).
    """
    if scorer is not None and options is None and "metrics" not in settings:
        options = scorer.options
    rouge = RougeOptions.of(options, **settings)
    missing = [e for e in peers if e not in references]
    if missing:
        raise KeyError(f"No references for evaluation ids: {', '.join(sorted(missing)[:5])}")
    if backend == "perl":
        from summarize.evaluation.rouge.perl import evaluate_perl

        if seed != 0:
            raise ValueError("ROUGE-1.5.5.pl always seeds resample i with srand(i); seed must be 0 with backend='perl'")
        return evaluate_perl(peers, references, rouge, system=system)
    if backend != "python":
        raise ValueError(f"backend must be 'python' or 'perl', got {backend!r}")
    scorer = scorer or RougeScorer(rouge)
    order = _unit_order(list(peers), system)
    per_unit = {e: scorer.score(peers[e], references[e]) for e in order}
    results: dict[str, MetricResult] = {}
    for metric in scorer.metrics:
        per_eval = {e: per_unit[e][metric] for e in order}
        average = bootstrap(list(per_eval.values()), confidence=rouge.confidence, resamples=rouge.resamples, seed=seed)
        results[metric] = MetricResult(system, metric, per_eval, average)
    return results


def _by_eval_id(a: str, b: str) -> int:
    """Perl's ``by_evalID``: numeric order of leading digits when both ids have them, else string order."""
    da, db = a[: len(a) - len(a.lstrip("0123456789"))], b[: len(b) - len(b.lstrip("0123456789"))]
    if da and db:
        return (int(da) > int(db)) - (int(da) < int(db))
    return (a > b) - (a < b)


def format_result(result: MetricResult, *, confidence: float = 95.0, per_eval: bool = True) -> str:
    """The block ROUGE-1.5.5.pl prints for one system and metric (``-d`` adds the per-unit ``Eval`` lines)."""
    conf = f"{confidence:g}"
    head = f"{result.system} {result.metric}"
    lines = ["---------------------------------------------"]
    average = result.average
    for tag, iv in zip("RPF", (average.recall, average.precision, average.fmeasure), strict=True):
        lines.append(f"{head} Average_{tag}: {iv.mean:7.5f} ({conf}%-conf.int. {iv.low:7.5f} - {iv.high:7.5f})")
    if per_eval:
        lines.append(".............................................")
        ids = {f"{e}.{result.system}": s for e, s in result.per_eval.items()}
        for test_id in sorted(ids, key=cmp_to_key(_by_eval_id)):
            s = ids[test_id]
            lines.append(f"{head} Eval {test_id} R:{s.recall:7.5f} P:{s.precision:7.5f} F:{s.fmeasure:7.5f}")
    return "\n".join(lines) + "\n"
