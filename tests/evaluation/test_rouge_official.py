"""Reproduce the official ROUGE-1.5.5 output for DUC 2004 task 2 (13 systems x 50 clusters, ROUGE-1..4).

Setting: ``ROUGE-1.5.5.pl -n 4 -x -m -l 100 -p 0.5 -c 95 -r 1000 -f A -t 0 -a -d``. The licensed data is read
from ``../shared/data/duc2004`` next to the repository (or ``$SUMMARIZE_DUC2004``); tests skip without it.
"""

from __future__ import annotations

import re

import pytest
from helpers import duc2004_path

from summarize.evaluation.rouge import MetricResult, RougeScorer, evaluate, format_result
from summarize.evaluation.rouge.perl import evaluate_perl, perl_available

DATA = duc2004_path()
METRICS = ("ROUGE-1", "ROUGE-2", "ROUGE-3", "ROUGE-4")
_AVERAGE = re.compile(r"^(\S+) (ROUGE-\S+) Average_([RPF]): ([\d.]+) \(95%-conf\.int\. ([\d.]+) - ([\d.]+)\)$")
_EVAL = re.compile(r"^(\S+) (ROUGE-\S+) Eval (\S+) R:([\d.]+) P:([\d.]+) F:([\d.]+)$")
_FIELD = {"R": "recall", "P": "precision", "F": "fmeasure"}

Key = tuple[str, str, str]
Corpus = tuple[dict[str, dict[str, str]], dict[str, list[str]]]
Official = tuple[dict[Key, tuple[str, str, str]], dict[Key, str]]
Results = dict[str, dict[str, MetricResult]]

pytestmark = pytest.mark.skipif(
    not (DATA / "official_rouge.res").is_file(), reason=f"DUC 2004 data not found at {DATA} (set SUMMARIZE_DUC2004)"
)


def _eval_id(cluster: str) -> str:
    """Directory ``d30001t`` is evaluation ``d30001`` in the official output."""
    return cluster.removesuffix("t")


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    """(system -> eval id -> peer text, eval id -> reference texts) from ``peers/`` and ``refs/``."""
    clusters = sorted(p.name for p in (DATA / "peers").iterdir() if p.is_dir())
    refs = {_eval_id(c): [p.read_text() for p in sorted((DATA / "refs" / c).glob("*.txt"))] for c in clusters}
    peers: dict[str, dict[str, str]] = {}
    for c in clusters:
        for path in sorted((DATA / "peers" / c).glob("*.txt")):
            peers.setdefault(path.stem, {})[_eval_id(c)] = path.read_text()
    return peers, refs


@pytest.fixture(scope="module")
def official() -> Official:
    """Parsed ``official_rouge.res``: Average_X -> (mean, low, high) and Eval (sys, metric, id) -> 'R P F'."""
    averages: dict[Key, tuple[str, str, str]] = {}
    evals: dict[Key, str] = {}
    for line in (DATA / "official_rouge.res").read_text().splitlines():
        if m := _AVERAGE.match(line):
            averages[(m[1], m[2], m[3])] = (m[4], m[5], m[6])
        elif m := _EVAL.match(line):
            evals[(m[1], m[2], m[3])] = f"{m[4]} {m[5]} {m[6]}"
    return averages, evals


@pytest.fixture(scope="module")
def ours(corpus: Corpus) -> Results:
    """Python-backend results for every system under the official setting."""
    peers, refs = corpus
    scorer = RougeScorer(METRICS, stem=True, word_limit=100, alpha=0.5, multi_ref="A")
    return {
        system: evaluate(texts, refs, system=system, scorer=scorer, confidence=95, resamples=1000)
        for system, texts in peers.items()
    }


def test_official_file_has_expected_shape(official: Official, corpus: Corpus) -> None:
    averages, evals = official
    peers, refs = corpus
    assert len(peers) == 13 and len(refs) == 50
    assert len(evals) == 13 * 4 * 50 and len(averages) == 13 * 4 * 3


def test_every_eval_line_reproduced(official: Official, ours: Results) -> None:
    _, evals = official
    mine: dict[Key, str] = {}
    for system, results in ours.items():
        for metric, result in results.items():
            for eval_id, s in result.per_eval.items():
                mine[(system, metric, f"{eval_id}.{system}")] = f"{s.recall:.5f} {s.precision:.5f} {s.fmeasure:.5f}"
    assert mine.keys() == evals.keys()
    wrong = {k: (mine[k], evals[k]) for k in evals if mine[k] != evals[k]}
    assert not wrong, f"{len(wrong)} Eval lines differ, e.g. {list(wrong.items())[:3]}"


def test_every_average_line_reproduced(official: Official, ours: Results) -> None:
    averages, _ = official
    checked = 0
    for (system, metric, tag), (mean, low, high) in averages.items():
        interval = getattr(ours[system][metric].average, _FIELD[tag])
        assert f"{interval.mean:.5f}" == mean, (system, metric, tag)
        assert abs(interval.low - float(low)) <= 0.005 and abs(interval.high - float(high)) <= 0.005
        checked += 1
    assert checked == 13 * 4 * 3


def test_confidence_intervals_are_identical(official: Official, ours: Results) -> None:
    # Stronger than required: Perl's srand(i)/drand48 resampling is reproduced, so the bounds match exactly.
    averages, _ = official
    for (system, metric, tag), (_, low, high) in averages.items():
        interval = getattr(ours[system][metric].average, _FIELD[tag])
        assert (f"{interval.low:.5f}", f"{interval.high:.5f}") == (low, high), (system, metric, tag)


def test_formatted_report_matches_official_lines(ours: Results) -> None:
    text = (DATA / "official_rouge.res").read_text()
    expected = [ln for ln in text.splitlines() if " Eval " in ln]
    produced = [
        ln
        for system in sorted(ours)
        for metric in METRICS
        for ln in format_result(ours[system][metric]).splitlines()
        if " Eval " in ln
    ]
    assert produced == expected  # same lines in the same order as the Perl script prints them


@pytest.mark.skipif(not perl_available(), reason="perl with XML::Parser and DB_File not available")
def test_perl_backend_agrees_with_python(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> None:
    peers, refs = corpus
    ids = sorted(refs)[:4]
    few_refs = {e: refs[e] for e in ids}
    cache = tmp_path_factory.mktemp("rouge-cache")
    settings = [
        dict(metrics=["ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-SU4"], stem=True, word_limit=100),
        dict(metrics=["ROUGE-1", "ROUGE-L", "ROUGE-SU4"], remove_stopwords=True, byte_limit=300, multi_ref="B"),
    ]
    for system in ("Lead", "ICSISumm"):
        texts = {e: peers[system][e] for e in ids}
        for options in settings:
            py = evaluate(texts, few_refs, system=system, resamples=100, **options)
            pl = evaluate_perl(texts, few_refs, system=system, resamples=100, cache_dir=cache, **options)
            assert list(pl) == list(py)
            for metric in py:
                assert format_result(py[metric]) == format_result(pl[metric]), (system, metric, options)
