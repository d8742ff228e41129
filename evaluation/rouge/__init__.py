"""ROUGE scores identical to the official ROUGE-1.5.5.pl, in Python (optionally via the Perl script itself).

Split like rouge-score: :mod:`.tokenize` (reading, ``-l``/``-b``, ``-s``, ``-m``), :mod:`.score` (ROUGE-N/L/SU
per summary, ``-f``, ``-p``) and :mod:`.aggregate` (averages and ``-c``/``-r`` bootstrap intervals).

    >>> from evaluation.rouge import rouge_n
    >>> rouge_n("the cat sat", ["the cat sat down"], n=1).recall
    0.75
"""

from evaluation.rouge.aggregate import (
    Aggregate,
    Interval,
    MetricResult,
    bootstrap,
    evaluate,
    format_result,
    perl_resample_indices,
)
from evaluation.rouge.score import RougeScorer, Score, canonical_metric, rouge_l, rouge_n, rouge_s
from evaluation.rouge.tokenize import Tokenizer, morph_stem, porter_stem

__all__ = [
    "Aggregate",
    "Interval",
    "MetricResult",
    "RougeScorer",
    "Score",
    "Tokenizer",
    "bootstrap",
    "canonical_metric",
    "evaluate",
    "format_result",
    "morph_stem",
    "perl_resample_indices",
    "porter_stem",
    "rouge_l",
    "rouge_n",
    "rouge_s",
]
