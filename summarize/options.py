"""Every parameter of a summary, declared once: its default, its valid range and what it means.

``Options`` is the one source of truth: ``Summarizer``'s parameters, ``get_params``/``set_params`` and the command
line's options are checked against its fields (``tests/test_options.py``), and ``check_ranges`` is the one place
that checks them. Cheap to import (no NumPy), for the command line's start-up.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import MISSING, Field, dataclass, field, fields
from typing import Any

from summarize.errors import UsageError

__all__ = ["DEFAULTS", "DEFAULT_MAX_INPUT_BYTES", "DEFAULT_METHOD", "MIN_DF", "PARAMETERS", "Options", "check_ranges"]

DEFAULT_METHOD = "mmr"  # the quality protocol's candidates are mmr's, with the defaults below (benchmarks/RESULTS.md)
DEFAULT_MAX_INPUT_BYTES = 32 * 1024 * 1024  # ~5,000 news articles; docs/reliability.md: time and memory at it
MIN_DF = 3
"""Gillick and Favre (2009) keep the bigrams that occur in at least three documents of a DUC/TAC cluster."""


@dataclass(frozen=True)
class Range:
    """A closed or half-open interval of numbers; ``None`` ends are unbounded."""

    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    integer: bool = False

    def __contains__(self, value: object) -> bool:
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            return False
        if self.integer and not isinstance(value, numbers.Integral):
            return False
        number = value if isinstance(value, (int, float)) else float(value)  # NumPy's scalars, say
        if not math.isfinite(number) and not (self.high is None and number == math.inf and not self.integer):
            return False
        if self.low is not None and (number < self.low or (self.low_open and number == self.low)):
            return False
        return not (self.high is not None and (number > self.high or (self.high_open and number == self.high)))

    def __str__(self) -> str:
        kind = "an integer" if self.integer else "a number"
        if self.low is not None and self.high is not None:
            left, right = "(" if self.low_open else "[", ")" if self.high_open else "]"
            return f"{kind} in {left}{_number(self.low)}, {_number(self.high)}{right}"
        if self.low is not None:
            return f"{kind} {'>' if self.low_open else '>='} {_number(self.low)}"
        if self.high is not None:
            return f"{kind} {'<' if self.high_open else '<='} {_number(self.high)}"
        return kind


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


UNIT = Range(0.0, 1.0)


def parameter(default: Any, help: str, valid: Range | None = None, optional: bool = False) -> Any:
    """A field of ``Options``: its default, a one-line help and its valid range (``optional``: None is allowed)."""
    return field(default=default, metadata={"help": help, "range": valid, "optional": optional})


@dataclass(frozen=True)
class Options:
    """Every tunable parameter of a summary (``Summarizer`` takes each as a keyword argument of the same name).

    ``centrality``, ``lambda_``, ``redundancy_threshold``, ``position_weight``, ``redundancy`` and
    ``coverage_threshold`` (with ``DEFAULT_METHOD``) are the configuration the quality protocol picked on the training
    data, DUC 2002 and DUC 2003, never on DUC 2004, the test (``benchmarks/quality.py``, ``benchmarks/RESULTS.md``);
    ``cost_exponent``, ``min_words`` and ``compress`` stay as before; ``relevance_weights=None`` means the ``learned``
    relevance's weights fitted on the same training data (``summarize/data/relevance_weights.json``); the rest are a
    priori (``min_df`` = 3 and no concept position prior as in Gillick and Favre 2009).
    """

    lambda_: float = parameter(0.7, "MMR's trade-off: the weight of relevance against redundancy", UNIT)
    redundancy_threshold: float = parameter(
        0.3, "a sentence this similar (cosine) to a chosen one is never added; above 1 turns it off", Range(0.0)
    )
    centrality: str = parameter("combined", "mmr's relevance (one of relevance.CENTRALITIES)")
    redundancy: str = parameter(
        "words",
        "mmr's redundancy: cosine to the closest chosen sentence, or also the covered share of a sentence's content "
        "words or bigram concepts (one of redundancy.REDUNDANCY_MEASURES)",
    )
    coverage_threshold: float = parameter(
        1.0, "a sentence whose content the summary covers beyond this share is never added; 1 turns it off", UNIT
    )
    position_weight: float = parameter(0.3, "weight of the news-lead prior; 0 turns it off", UNIT)
    position_half_life: float = parameter(
        3.0, "sentences after which the lead prior halves", Range(0.0, None, low_open=True)
    )
    standalone_penalty: float = parameter(
        0.5, "multiplier for sentences that cannot stand alone; 1 turns it off", Range(0.0, 1.0, low_open=True)
    )
    lexrank_threshold: float = parameter(0.1, "cosine below which LexRank drops an edge", UNIT)
    cost_exponent: float = parameter(0.0, "divide the MMR gain by cost ** r (Lin and Bilmes 2010)", Range(0.0))
    min_words: int = parameter(6, "sentences shorter than this are not chosen", Range(0, integer=True))
    random_state: int = parameter(0, "seed of the random method", Range(0, integer=True))
    query: str | None = parameter(None, "focus the summary on this question or topic", optional=True)
    query_weight: float = parameter(0.5, "weight of similarity to the query against centrality", UNIT)
    min_df: int = parameter(MIN_DF, "documents that must hold a bigram for it to be a concept", Range(1, integer=True))
    concept_position_weight: float = parameter(0.0, "weight of the lead prior on ilp's concepts", UNIT)
    compress: bool = parameter(False, "delete leading connectives, trailing attributions and short parentheticals")
    relevance_weights: tuple[float, ...] | None = parameter(
        None, "the learned relevance's weights, one per feature; None: the shipped ones", optional=True
    )
    support_threshold: float = parameter(
        0.5, "cosine at which another document's sentence counts as saying the same thing", UNIT
    )
    language: str = parameter("english", "the documents' language (stemmer, stop words, splitter)")
    max_input_bytes: int | None = parameter(
        DEFAULT_MAX_INPUT_BYTES, "the most input one call reads; None: no limit", Range(1, integer=True), optional=True
    )


PARAMETERS: dict[str, Field[Any]] = {f.name: f for f in fields(Options)}
"""``Options``' fields by name: ``PARAMETERS[name].default`` and ``.metadata`` (``help``, ``range``, ``optional``)."""
DEFAULTS: dict[str, Any] = {name: f.default for name, f in PARAMETERS.items() if f.default is not MISSING}


def check_ranges(options: Options) -> None:
    """A UsageError naming the first parameter whose value is out of its range (or of the wrong type)."""
    for name, spec in PARAMETERS.items():
        value = getattr(options, name)
        if value is None and spec.metadata["optional"]:
            continue
        valid: Range | None = spec.metadata["range"]
        label = name.rstrip("_")
        if valid is not None and value not in valid:
            allowed = f"{valid}{' or None' if spec.metadata['optional'] else ''}"
            raise UsageError(f"{label} must be {allowed}, got {value!r}")
        if isinstance(spec.default, bool) and not isinstance(value, bool):
            raise UsageError(f"{label} must be True or False, got {value!r}")
        if isinstance(spec.default, str) and not isinstance(value, str):
            raise UsageError(f"{label} must be text, got {type(value).__name__}")
