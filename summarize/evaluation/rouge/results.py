"""ROUGE result types: one summary's :class:`Score`, a bootstrap :class:`Interval`, a system's :class:`Aggregate`
and :class:`MetricResult`. Plain data, imported by the scorer, the bootstrap and the Perl backend alike."""

from __future__ import annotations

from dataclasses import dataclass, field


def round5(value: float) -> float:
    """Round as ROUGE's ``sprintf("%7.5f")`` does (exact binary value, printf rounding)."""
    return float(f"{value:.5f}")


@dataclass(frozen=True)
class Score:
    """Recall, precision and F of one peer summary (five decimals, as printed) plus the counts behind them."""

    recall: float
    precision: float
    fmeasure: float
    hits: int = 0
    model_count: int = 0
    peer_count: int = 0

    @classmethod
    def from_counts(cls, hits: int, model_count: int, peer_count: int, alpha: float = 0.5) -> Score:
        """R = hits/model, P = hits/peer, F = PR/((1-alpha)P + alpha R) on the rounded R, P (``-p alpha``)."""
        recall = round5(hits / model_count) if model_count else 0.0
        precision = round5(hits / peer_count) if peer_count else 0.0
        denom = (1 - alpha) * precision + alpha * recall
        fmeasure = round5(precision * recall / denom) if denom > 0 else 0.0
        return cls(recall, precision, fmeasure, hits, model_count, peer_count)


@dataclass(frozen=True)
class Interval:
    """A ROUGE average with its bootstrap confidence interval (five decimals, as printed)."""

    mean: float
    low: float
    high: float


@dataclass(frozen=True)
class Aggregate:
    """``Average_R``, ``Average_P`` and ``Average_F`` of one system and metric."""

    recall: Interval
    precision: Interval
    fmeasure: Interval


@dataclass(frozen=True)
class MetricResult:
    """One system under one metric: per-unit scores (by evaluation id) and their bootstrap average."""

    system: str
    metric: str
    per_eval: dict[str, Score] = field(repr=False)
    average: Aggregate
