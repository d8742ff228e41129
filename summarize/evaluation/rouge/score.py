"""Per-summary ROUGE-N, ROUGE-L and ROUGE-S/SU scores, computed the way ROUGE-1.5.5.pl computes them.

For each reference ("model") the script counts clipped hits, the model's gram count and the peer's gram
count; ``-f A`` sums those three over the references (it does not average per-reference scores), ``-f B``
keeps the counts of the reference with the highest recall (rounded to five decimals, first one on ties).
R and P are rounded to five decimals and F is computed from the rounded values, as the Perl script prints.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from summarize.evaluation.rouge.options import DEFAULT_METRICS, MultiRef, RougeOptions, canonical_metric
from summarize.evaluation.rouge.results import Score, round5
from summarize.evaluation.rouge.tokenize import Tokenizer

__all__ = ["RougeScorer", "Score", "canonical_metric", "combine", "rouge_l", "rouge_n", "rouge_s", "round5"]


def ngram_counts(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    """N-gram multiset of a token list (``createNGram``); its total is ``max(0, len - n + 1)``."""
    return Counter(zip(*(tokens[i:] for i in range(n)), strict=False))


def skip_bigram_counts(
    tokens: Sequence[str], max_gap: int | None = 4, unigrams: bool = True
) -> Counter[tuple[str, ...]]:
    """Skip-bigrams with at most ``max_gap`` words between (``-2``; None = any) plus unigrams (``-u``).

    As in ``createSkipBigram``, the last token never contributes a unigram.
    """
    grams: Counter[tuple[str, ...]] = Counter()
    size = len(tokens)
    for i in range(size - 1):
        first = tokens[i]
        if unigrams:
            grams[(first,)] += 1
        stop = size if max_gap is None or max_gap < 0 else min(size, i + max_gap + 2)
        grams.update((first, tokens[j]) for j in range(i + 1, stop))
    return grams


def clipped_hits(model: Counter[tuple[str, ...]], peer: Counter[tuple[str, ...]]) -> int:
    """Sum over model grams of min(model count, peer count) (``ngramScore``)."""
    if len(peer) < len(model):
        model, peer = peer, model
    return sum(min(count, peer[gram]) for gram, count in model.items() if gram in peer)


def _mark_lcs(model: Sequence[str], peer: Sequence[str], mask: list[bool]) -> None:
    """Mark the model positions of one LCS with ``lcs_inner``/``markLCS``'s tie-breaking (prefer moving up)."""
    m, n = len(model), len(peer)
    if m == 0 or n == 0:
        return
    table = [[0] * (n + 1)]
    for i in range(m):
        word, prev = model[i], table[i]
        row = [0] * (n + 1)
        for j in range(n):
            if word == peer[j]:
                row[j + 1] = prev[j] + 1
            else:
                up, left = prev[j + 1], row[j]
                row[j + 1] = up if up >= left else left
        table.append(row)
    i, j = m, n
    while i and j:
        if model[i - 1] == peer[j - 1]:
            i -= 1
            j -= 1
            mask[i] = True
        elif table[i - 1][j] >= table[i][j - 1]:
            i -= 1
        else:
            j -= 1


def union_lcs_hits(
    model_units: Sequence[Sequence[str]],
    peer_units: Sequence[Sequence[str]],
    model_unigrams: Counter[tuple[str, ...]],
    peer_unigrams: Counter[tuple[str, ...]],
) -> tuple[int, int]:
    """(hits, model length) of summary-level ROUGE-L: union LCS of each model sentence against all peer sentences.

    A marked word counts only while both unigram budgets last, so LCS hits never exceed unigram hits (``lcs``).
    """
    model_left = Counter({gram[0]: c for gram, c in model_unigrams.items()})
    peer_left = Counter({gram[0]: c for gram, c in peer_unigrams.items()})
    hits = base = 0
    for unit in model_units:
        mask = [False] * len(unit)
        base += len(unit)
        for peer_unit in peer_units:
            _mark_lcs(unit, peer_unit, mask)
        for word, marked in zip(unit, mask, strict=True):
            if marked and model_left[word] > 0 and peer_left[word] > 0:
                hits += 1
                model_left[word] -= 1
                peer_left[word] -= 1
    return hits, base


class _Prepared:
    """One summary read once: flat tokens, ROUGE-L units and lazily built gram multisets."""

    __slots__ = ("_grams", "tokens", "units")

    def __init__(self, tokens: list[str], units: list[list[str]]) -> None:
        """Keep the readText tokens and the readText_LCS units of one summary."""
        self.tokens = tokens
        self.units = units
        self._grams: dict[tuple[str, int | None, bool], Counter[tuple[str, ...]]] = {}

    def grams(self, kind: str, size: int | None, unigrams: bool = False) -> Counter[tuple[str, ...]]:
        """Cached n-grams (``kind="N"``) or skip-bigrams (``kind="S"``) of this summary."""
        key = (kind, size, unigrams)
        if key not in self._grams:
            if kind == "N":
                self._grams[key] = ngram_counts(self.tokens, size or 1)
            else:
                self._grams[key] = skip_bigram_counts(self.tokens, size, unigrams)
        return self._grams[key]


class RougeScorer:
    """ROUGE-1.5.5 scorer for one option set; caches tokenised summaries, so reuse it across systems."""

    def __init__(self, metrics: Iterable[str] | RougeOptions = DEFAULT_METRICS, **settings: Any) -> None:
        """``RougeScorer(options)``, or metric names plus :class:`RougeOptions` keywords (``stem=True``, ...).

        Only the per-summary options matter here: -m, -s, -l/-b (applied to peers and references), -p, -f.
        """
        self.options = RougeOptions.of(metrics, **settings)
        self.metrics = self.options.metrics
        self.tokenizer = Tokenizer(
            self.options.stem, self.options.remove_stopwords, self.options.word_limit, self.options.byte_limit
        )
        self.alpha = self.options.alpha
        self.multi_ref: MultiRef = self.options.multi_ref
        self._cache: dict[str | bytes, _Prepared] = {}

    def prepare(self, text: str | bytes) -> _Prepared:
        """Tokenise a summary (one sentence per line) once; cached by its text."""
        prepared = self._cache.get(text)
        if prepared is None:
            if len(self._cache) >= 20_000:
                self._cache.clear()
            tok = self.tokenizer
            units = tok.sentence_tokens(text) if "ROUGE-L" in self.metrics else []
            prepared = self._cache[text] = _Prepared(tok.tokens(text), units)
        return prepared

    def score(self, peer: str | bytes, references: Sequence[str | bytes]) -> dict[str, Score]:
        """Score one peer summary against its references; keys are ROUGE labels like ``ROUGE-2``, ``ROUGE-SU4``."""
        if isinstance(references, str | bytes):
            references = [references]
        if not references:
            raise ValueError("At least one reference summary is needed")
        p = self.prepare(peer)
        models = [self.prepare(r) for r in references]
        return {metric: self._metric(metric, p, models) for metric in self.metrics}

    def _metric(self, metric: str, peer: _Prepared, models: list[_Prepared]) -> Score:
        """Counts per reference for one metric, combined by ``-f``."""
        per_model: list[tuple[int, int, int, float]] = []
        if metric == "ROUGE-L":
            peer_1 = peer.grams("N", 1)
            for model in models:
                hits, base = union_lcs_hits(model.units, peer.units, model.grams("N", 1), peer_1)
                per_model.append((hits, base, len(peer.tokens), hits / base if base else 0.0))
        else:
            if metric.startswith("ROUGE-S"):
                gap_text = metric.removeprefix("ROUGE-SU").removeprefix("ROUGE-S")
                kind, size, uni = "S", (None if gap_text == "*" else int(gap_text)), metric.startswith("ROUGE-SU")
            else:
                kind, size, uni = "N", int(metric.removeprefix("ROUGE-")), False
            peer_grams = peer.grams(kind, size, uni)
            peer_total = sum(peer_grams.values())
            for model in models:
                model_grams = model.grams(kind, size, uni)
                hits, total = clipped_hits(model_grams, peer_grams), sum(model_grams.values())
                per_model.append((hits, total, peer_total, round5(hits / total) if total else 0.0))
        return combine(per_model, self.multi_ref, self.alpha)


def combine(per_model: Sequence[tuple[int, int, int, float]], multi_ref: MultiRef, alpha: float) -> Score:
    """``-f A``: sum hits, model and peer counts over references; ``-f B``: counts of the best-recall reference."""
    if multi_ref == "B":
        best = -1.0
        hits = model_count = peer_count = 0
        for h, m, p, recall in per_model:
            if recall > best:
                best, hits, model_count, peer_count = recall, h, m, p
    else:
        hits = sum(h for h, _, _, _ in per_model)
        model_count = sum(m for _, m, _, _ in per_model)
        peer_count = sum(p for _, _, p, _ in per_model)
    return Score.from_counts(hits, model_count, peer_count, alpha)


def _one_metric(label: str, options: RougeOptions | None, settings: dict[str, Any]) -> RougeScorer:
    """A scorer for one metric, the other options from ``options`` and keyword ``settings``."""
    return RougeScorer((options or RougeOptions()).replace(metrics=(label,), **settings))


def rouge_n(
    peer: str, references: Sequence[str], n: int = 1, *, options: RougeOptions | None = None, **settings: Any
) -> Score:
    """ROUGE-N (``-n``) of one summary; other options from ``options`` or :class:`RougeOptions` keywords."""
    return _one_metric(f"ROUGE-{n}", options, settings).score(peer, references)[f"ROUGE-{n}"]


def rouge_l(peer: str, references: Sequence[str], *, options: RougeOptions | None = None, **settings: Any) -> Score:
    """Summary-level union-LCS ROUGE-L (on unless ``-x``) of one summary; one sentence per line."""
    return _one_metric("ROUGE-L", options, settings).score(peer, references)["ROUGE-L"]


def rouge_s(
    peer: str,
    references: Sequence[str],
    max_gap: int | None = 4,
    *,
    unigrams: bool = True,
    options: RougeOptions | None = None,
    **settings: Any,
) -> Score:
    """ROUGE-S (``-2 max_gap``, None = unlimited) or, with ``unigrams`` (``-u``), ROUGE-SU; default ROUGE-SU4."""
    label = f"ROUGE-S{'U' if unigrams else ''}{'*' if max_gap is None or max_gap < 0 else max_gap}"
    return _one_metric(label, options, settings).score(peer, references)[label]
