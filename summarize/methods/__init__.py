"""The registry of summarisation methods: one self-describing ``Method`` record per name.

A method is a function ``(cluster, budget, options) -> (Selection, scores)``: it takes the prepared ``Cluster``
(sentences and TF-IDF rows), the ``Budget`` and the ``Options`` and returns the chosen sentences plus one score
per sentence. Each family lives in its own module (``mmr``: mmr, centroid, lexrank; ``ranking``: lead, random;
``ilp``; ``sumy``: sumy's algorithms as baselines). The registry names each function by its module path and
imports it on first use, so reading the registry (``summarize --help``, ``summarize methods``, the query check)
imports no NumPy.

A new method is one new module plus one line in ``METHODS`` (or a ``register(Method(...))`` call at run time):

    register(Method("first", "the first sentence of every document", "mypackage.first:first_sentences"))

The command line's ``--method`` choices and help, ``summarize methods``, ``available_methods()`` and the query
check all read ``METHODS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from summarize.options import DEFAULT_METHOD  # re-exported: the registry's default

if TYPE_CHECKING:
    import numpy as np

    from summarize.options import Options
    from summarize.types import Budget, Cluster, Selection

MethodFunction = Callable[["Cluster", "Budget", "Options"], "tuple[Selection, np.ndarray]"]
__all__ = [
    "DEFAULT_METHOD",
    "METHODS",
    "Method",
    "MethodFunction",
    "get_method",
    "method_help",
    "query_methods",
    "register",
]


@dataclass(frozen=True)
class Method:
    """A summarisation method: its name, a one-line help, where its function lives, whether a query can bias it.

    ``function`` is ``"package.module:name"``; it is imported when the method first runs.
    """

    name: str
    help: str
    function: str
    takes_query: bool = False

    def resolve(self) -> MethodFunction:
        """The function that runs the method (imported on first use)."""
        module, _, attribute = self.function.partition(":")
        run: MethodFunction = getattr(import_module(module), attribute)
        return run

    def __call__(self, cluster: Cluster, budget: Budget, options: Options) -> tuple[Selection, np.ndarray]:
        return self.resolve()(cluster, budget, options)


_SUMY = "summarize.methods.sumy"
METHODS: dict[str, Method] = {
    method.name: method
    for method in (
        Method("mmr", "centroid + LexRank relevance, Maximal Marginal Relevance, word-coverage redundancy (default)",
               "summarize.methods.mmr:mmr", takes_query=True),
        Method("centroid", "similarity to the cluster centroid, redundancy-filtered (Radev et al. 2004)",
               "summarize.methods.mmr:centroid", takes_query=True),
        Method("lexrank", "graph centrality, redundancy-filtered (Erkan and Radev 2004)",
               "summarize.methods.mmr:lexrank", takes_query=True),
        Method("lead", "the start of the most recent document (the DUC baseline)", "summarize.methods.ranking:lead"),
        Method("random", "a seeded random choice (a floor for comparison)", "summarize.methods.ranking:random"),
        Method("ilp", "exact bigram-concept coverage by integer programming (Gillick and Favre 2009)",
               "summarize.methods.ilp:ilp", takes_query=True),
        Method("sumy-lexrank", "sumy's LexRank", f"{_SUMY}:lexrank"),
        Method("sumy-lsa", "sumy's LSA (Steinberger and Jezek 2004)", f"{_SUMY}:lsa"),
        Method("sumy-textrank", "sumy's TextRank (Mihalcea and Tarau 2004)", f"{_SUMY}:textrank"),
        Method("sumy-luhn", "sumy's Luhn (1958)", f"{_SUMY}:luhn"),
        Method("sumy-kl", "sumy's KL-Sum (Haghighi and Vanderwende 2009)", f"{_SUMY}:kl"),
        Method("sumy-sumbasic", "sumy's SumBasic (Nenkova and Vanderwende 2005)", f"{_SUMY}:sumbasic"),
    )
}  # fmt: skip
"""Every method by name, in the order ``summarize methods`` lists them."""


def register(method: Method) -> Method:
    """Add (or replace) a method in the registry, for the API and the command line alike; returns it."""
    METHODS[method.name] = method
    return method


def get_method(name: str) -> Method:
    """The method called ``name``; a UsageError naming the choices if there is none."""
    from summarize.errors import UsageError

    try:
        return METHODS[name]
    except (KeyError, TypeError):
        raise UsageError(f"unknown method {name!r}; choose from: {', '.join(METHODS)}") from None


def method_help() -> dict[str, str]:
    """Method names with their one-line help, in registry order."""
    return {name: method.help for name, method in METHODS.items()}


def query_methods() -> tuple[str, ...]:
    """The methods whose relevance a query can bias."""
    return tuple(name for name, method in METHODS.items() if method.takes_query)
