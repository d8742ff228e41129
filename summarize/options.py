"""The tunable parameters of the methods and the names of the methods: cheap to import, for the CLI's help."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Options:
    """Every tunable parameter of the methods (see ``Summarizer`` for what each means).

    ``centrality``, ``lambda_``, ``redundancy_threshold``, ``position_weight``, ``cost_exponent``, ``min_words`` and
    ``compress`` (with ``DEFAULT_METHOD``) are the configuration 5-fold cross-validation picked on DUC 2004
    (``benchmarks/quality.py``, ``benchmarks/RESULTS.md``); ``relevance_weights=None`` means the ``learned``
    relevance's weights fitted on all of DUC 2004 (``summarize/data/relevance_weights.json``); the rest are a priori
    (``min_df`` = 3 and no concept position prior as in Gillick and Favre 2009).
    """

    lambda_: float = 0.9
    redundancy_threshold: float = 0.3
    centrality: str = "centroid"
    position_weight: float = 0.6
    position_half_life: float = 3.0
    standalone_penalty: float = 0.5
    lexrank_threshold: float = 0.1
    cost_exponent: float = 0.0
    min_words: int = 6
    random_state: int = 0
    query: str | None = None
    query_weight: float = 0.5
    min_df: int = 3
    concept_position_weight: float = 0.0
    compress: bool = False
    relevance_weights: tuple[float, ...] | None = None  # None: the shipped ones (summarize/data/relevance_weights.json)


DEFAULT_MAX_INPUT_BYTES = 32 * 1024 * 1024  # ~5,000 news articles; docs/reliability.md: time and memory at it
CENTRALITIES = ("centroid", "lexrank", "combined", "concepts", "learned")  # mmr's relevance (methods.relevance)
DEFAULT_METHOD = "mmr"  # chosen by cross-validation with the defaults above (benchmarks/RESULTS.md)
QUERY_METHODS = ("ilp", "mmr", "centroid", "lexrank")  # the methods whose relevance a query can bias


METHOD_HELP: dict[str, str] = {
    "mmr": "centroid relevance with Maximal Marginal Relevance selection (default)",
    "centroid": "similarity to the cluster centroid, redundancy-filtered (Radev et al. 2004)",
    "lexrank": "graph centrality, redundancy-filtered (Erkan and Radev 2004)",
    "lead": "the start of the most recent document (the DUC baseline)",
    "random": "a seeded random choice (a floor for comparison)",
    "ilp": "exact bigram-concept coverage by integer programming (Gillick and Favre 2009)",
    "sumy-lexrank": "sumy's LexRank",
    "sumy-lsa": "sumy's LSA (Steinberger and Jezek 2004)",
    "sumy-textrank": "sumy's TextRank (Mihalcea and Tarau 2004)",
    "sumy-luhn": "sumy's Luhn (1958)",
    "sumy-kl": "sumy's KL-Sum (Haghighi and Vanderwende 2009)",
    "sumy-sumbasic": "sumy's SumBasic (Nenkova and Vanderwende 2005)",
}
