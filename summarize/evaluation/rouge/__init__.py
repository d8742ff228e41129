"""ROUGE scores identical to the official ROUGE-1.5.5.pl, in Python (optionally via the Perl script itself).

Split like rouge-score: :mod:`.options` (the one :class:`RougeOptions`, the Perl command line), :mod:`.tokenize`
(reading, ``-l``/``-b``, ``-s``, ``-m``), :mod:`.score` (ROUGE-N/L/SU per summary, ``-f``, ``-p``),
:mod:`.aggregate` (averages and ``-c``/``-r`` bootstrap intervals) and :mod:`.results` (the result types).

    >>> from summarize.evaluation.rouge import rouge_n
    >>> rouge_n("the cat sat", ["the cat sat down"], n=1).recall
    0.75
"""

from summarize.evaluation.rouge.aggregate import bootstrap, evaluate, format_result, perl_resample_indices
from summarize.evaluation.rouge.options import MultiRef, RougeOptions, canonical_metric
from summarize.evaluation.rouge.results import Aggregate, Interval, MetricResult, Score
from summarize.evaluation.rouge.score import RougeScorer, rouge_l, rouge_n, rouge_s
from summarize.evaluation.rouge.tokenize import Tokenizer, morph_stem, porter_stem

__all__ = [
    "Aggregate",
    "Interval",
    "MetricResult",
    "MultiRef",
    "RougeOptions",
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
