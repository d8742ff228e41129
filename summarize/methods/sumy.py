"""sumy's algorithms as baselines (``sumy-lexrank``, ``sumy-lsa``, ...), run over our sentences so every method
sees the same input.

sumy ranks; we read its ratings through the ``count`` callable that sumy's ``_get_best_sentences`` accepts, and
our budget filler takes the sentences in that order. sumy's own warnings (NumPy's "invalid value encountered in
divide" when LexRank meets a sentence with no content word, say) never reach the user; our scores are sumy's
ranks, so a rating sumy could not compute (NaN) never becomes a score.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

import numpy as np

from summarize import score
from summarize.languages import WORD, stop_words
from summarize.methods.ranking import in_order
from summarize.options import Options
from summarize.types import Budget, Cluster, Selection

if TYPE_CHECKING:
    from summarize.methods import MethodFunction


SUMY_CLASSES = {
    "lexrank": ("sumy.summarizers.lex_rank", "LexRankSummarizer"),
    "lsa": ("sumy.summarizers.lsa", "LsaSummarizer"),
    "textrank": ("sumy.summarizers.text_rank", "TextRankSummarizer"),
    "luhn": ("sumy.summarizers.luhn", "LuhnSummarizer"),
    "kl": ("sumy.summarizers.kl", "KLSummarizer"),
    "sumbasic": ("sumy.summarizers.sum_basic", "SumBasicSummarizer"),
}


class _WordTokenizer:
    """The part of sumy's Tokenizer its summarizers use, without NLTK's downloadable Punkt data."""

    def __init__(self, language: str) -> None:
        self.language = language

    def to_words(self, text: str) -> tuple[str, ...]:
        return tuple(WORD.findall(text))


def sumy_document(cluster: Cluster) -> Any:
    """Our sentences as a sumy document model: one paragraph per source document."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    tokenizer = _WordTokenizer(cluster.language)
    paragraphs: list[list[Any]] = [[] for _ in cluster.documents]
    for sentence in cluster.sentences:
        paragraphs[sentence.doc_index].append(SumySentence(sentence.text, tokenizer))
    return ObjectDocumentModel(tuple(Paragraph(p) for p in paragraphs if p))


def build_summarizer(algorithm: str, language: str) -> Any:
    """An instance of sumy's class for ``algorithm`` with its stemmer and stop words for ``language``."""
    import importlib

    from sumy.nlp.stemmers import Stemmer

    module_name, class_name = SUMY_CLASSES[algorithm]
    summarizer_class = getattr(importlib.import_module(module_name), class_name)
    if algorithm == "lsa":
        summarizer_class = _deterministic_lsa(summarizer_class)
    summarizer = summarizer_class(Stemmer(language))
    summarizer.stop_words = stop_words(language)
    return summarizer


def _deterministic_lsa(lsa_class: type) -> type:
    """sumy's LSA with its term rows in sorted order: sumy numbers them in ``frozenset`` order, which follows
    ``PYTHONHASHSEED``, so the SVD (and, at near-ties, the ranking) changed from run to run."""

    class DeterministicLsa(lsa_class):
        def _create_dictionary(self, document: Any) -> dict[str, int]:
            words = map(self.normalize_word, document.words)
            terms = sorted({self.stem_word(w) for w in words if w not in self._stop_words})
            return {term: row for row, term in enumerate(terms)}

    return DeterministicLsa


def sumy_scores(algorithm: str, cluster: Cluster) -> np.ndarray:
    """sumy's rating of every sentence (higher is better), in our sentence order.

    Our sentences are appended per document, so sumy's sentence order is ours re-grouped by
    document; we map it back by the order in which we built the paragraphs.
    """
    n = len(cluster.sentences)
    scores = np.zeros(n)
    if n == 0:
        return scores
    document = sumy_document(cluster)
    ours_in_sumy_order = sorted(range(n), key=lambda i: (cluster.sentences[i].doc_index, i))
    captured: list[Any] = []

    def keep_all(infos: list[Any]) -> list[Any]:
        captured.extend(infos)
        return infos

    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")  # third-party warnings are not the user's business
        build_summarizer(algorithm, cluster.language)(document, keep_all)
    for rank, info in enumerate(captured):  # sorted best first by sumy; ties keep sumy's order
        scores[ours_in_sumy_order[info.order]] = float(n - rank)
    return scores


def _baseline(algorithm: str) -> MethodFunction:
    def run(cluster: Cluster, budget: Budget, options: Options) -> tuple[Selection, np.ndarray]:
        scores = score.normalise(sumy_scores(algorithm, cluster))
        return in_order(np.argsort(-scores, kind="stable").tolist(), cluster, budget, options), scores

    run.__name__ = run.__qualname__ = algorithm
    run.__doc__ = f"sumy's {algorithm} as a baseline: its ranking, our budget."
    return run


lexrank = _baseline("lexrank")
lsa = _baseline("lsa")
textrank = _baseline("textrank")
luhn = _baseline("luhn")
kl = _baseline("kl")
sumbasic = _baseline("sumbasic")
