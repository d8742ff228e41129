"""The one ROUGE-1.5.5 option set, :class:`RougeOptions`, shared by the Python scorer, the Perl backend, the harness.

Each field is one ROUGE-1.5.5.pl flag; :meth:`RougeOptions.arguments` is the only place the Perl command line is
built, so the report's "Setting" line and the command the Perl backend runs cannot disagree.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

MultiRef = Literal["A", "B"]
DEFAULT_METRICS: tuple[str, ...] = ("ROUGE-1", "ROUGE-2", "ROUGE-L")
_METRIC = re.compile(r"^rouge-?(?:(?P<n>\d+)|(?P<l>l)|s(?P<u>u)?(?P<gap>\d+|\*))$", re.IGNORECASE)


def canonical_metric(name: str) -> str:
    """Normalise a metric name to ROUGE-1.5.5's label: ``rouge1`` -> ``ROUGE-1``, ``rouge-su4`` -> ``ROUGE-SU4``."""
    m = _METRIC.match(name.strip())
    if m is None:
        raise ValueError(f"Unknown ROUGE metric {name!r}: use ROUGE-N, ROUGE-L, ROUGE-S<gap> or ROUGE-SU<gap>")
    if m["n"] is not None:
        if int(m["n"]) < 1:
            raise ValueError(f"ROUGE-N needs N >= 1, got {name!r}")
        return f"ROUGE-{int(m['n'])}"
    if m["l"] is not None:
        return "ROUGE-L"
    gap = m["gap"] if m["gap"] == "*" else str(int(m["gap"]))
    return f"ROUGE-S{'U' if m['u'] else ''}{gap}"


@dataclass(frozen=True)
class RougeOptions:
    """ROUGE-1.5.5 options (flag in the comment); defaults are the Perl script's own. Validated on construction."""

    metrics: tuple[str, ...] = DEFAULT_METRICS  # -n, -x (no ROUGE-L), -2/-u/-U
    stem: bool = False  # -m
    remove_stopwords: bool = False  # -s
    word_limit: int | None = None  # -l
    byte_limit: int | None = None  # -b
    alpha: float = 0.5  # -p
    multi_ref: MultiRef = "A"  # -f
    confidence: float = 95.0  # -c
    resamples: int = 1000  # -r

    def __post_init__(self) -> None:
        """Canonical, de-duplicated metric labels; every value checked against the range ROUGE-1.5.5 accepts."""
        if isinstance(self.metrics, str):
            raise TypeError("metrics must be a sequence of metric names, not one string")
        object.__setattr__(self, "metrics", tuple(dict.fromkeys(canonical_metric(m) for m in self.metrics)))
        object.__setattr__(self, "word_limit", self.word_limit or None)
        object.__setattr__(self, "byte_limit", self.byte_limit or None)
        if not 0 <= self.alpha <= 1:
            raise ValueError(f"alpha (-p) must be within [0, 1], got {self.alpha}")
        if self.multi_ref not in ("A", "B"):
            raise ValueError(f"multi_ref (-f) must be 'A' or 'B', got {self.multi_ref!r}")
        if not 0 <= self.confidence <= 100:
            raise ValueError(f"confidence (-c) must be within [0, 100], got {self.confidence}")
        if self.resamples < 1:
            raise ValueError(f"resamples (-r) must be positive, got {self.resamples}")
        if self.word_limit and self.byte_limit:
            raise ValueError("Specify a length limit in words (-l) or bytes (-b), not both.")
        if (self.word_limit or 0) < 0 or (self.byte_limit or 0) < 0:
            raise ValueError("Length limits (-l, -b) must be positive; 0 or None means no limit.")

    @classmethod
    def of(cls, base: Iterable[str] | RougeOptions | None = None, /, **settings: Any) -> RougeOptions:
        """``base`` with ``settings`` replaced, or options from metric names (``base``) and keyword settings."""
        if isinstance(base, RougeOptions):
            return dataclasses.replace(base, **settings) if settings else base
        if base is not None:
            if "metrics" in settings:
                raise TypeError("metrics given twice")
            settings["metrics"] = tuple(base)
        return cls(**settings)

    def replace(self, **changes: Any) -> RougeOptions:
        """A copy with some options changed (validated again)."""
        return dataclasses.replace(self, **changes)

    def arguments(self) -> list[str]:
        """The ROUGE-1.5.5.pl options for this setting, in the order the report prints them.

        ``-n`` the longest N asked for, ``-x`` without ROUGE-L, ``-2 gap`` with ``-u`` (SU) or ``-U`` (S and SU),
        then ``-m -s -l -b -p -c -r -f`` and ``-t 0`` (sentence units, the default spelled out).
        """
        ngram = [int(m[6:]) for m in self.metrics if m[6:].isdigit()]
        skips = {m.removeprefix("ROUGE-SU").removeprefix("ROUGE-S") for m in self.metrics if m.startswith("ROUGE-S")}
        if len(skips) > 1:
            raise ValueError("ROUGE-1.5.5.pl computes one skip distance per run (-2); ask for one gap at a time")
        flags: list[str] = []
        if ngram:
            flags += ["-n", str(max(ngram))]
        if "ROUGE-L" not in self.metrics:
            flags.append("-x")
        if skips:
            gap = skips.pop()
            with_unigrams, plain = f"ROUGE-SU{gap}" in self.metrics, f"ROUGE-S{gap}" in self.metrics
            flags += ["-2", "-1" if gap == "*" else gap]
            flags += ["-U"] if with_unigrams and plain else ["-u"] if with_unigrams else []
        if self.stem:
            flags.append("-m")
        if self.remove_stopwords:
            flags.append("-s")
        if self.word_limit:
            flags += ["-l", str(self.word_limit)]
        if self.byte_limit:
            flags += ["-b", str(self.byte_limit)]
        flags += ["-p", f"{self.alpha:g}", "-c", f"{self.confidence:g}", "-r", str(self.resamples)]
        return [*flags, "-f", self.multi_ref, "-t", "0"]

    def flags(self) -> str:
        """:meth:`arguments` as one string for reports: ``-n 4 -x -2 4 -u -m -l 100 -p 0.5 -c 95 -r 1000 -f A -t 0``."""
        return " ".join(self.arguments())
