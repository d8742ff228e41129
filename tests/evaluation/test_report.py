"""The chart and the tables of an evaluation report (issue 16's "Evaluation output")."""

from __future__ import annotations

import pytest

from summarize.evaluation.harness import SystemScores
from summarize.evaluation.report import chart_figure, table_rows
from summarize.evaluation.rouge import RougeOptions, evaluate

REFERENCES = {
    "d1": ["the storm hit the coast on monday and cut power to thousands"],
    "d2": ["talks between the two ministers ended without an agreement on trade"],
    "d3": ["the central bank raised interest rates by half a point"],
}
GOOD = {
    "d1": "the storm hit the coast on monday",
    "d2": "talks between the ministers ended without an agreement",
    "d3": "the bank raised rates by half a point",
}
FAIR = {"d1": "a storm cut power on monday", "d2": "the ministers held talks on trade", "d3": "rates rose"}


def _scores(peers: dict[str, dict[str, str]]) -> list[SystemScores]:
    options = RougeOptions(metrics=("ROUGE-1", "ROUGE-2"), resamples=50)
    return [
        SystemScores(system, evaluate(summaries, {k: REFERENCES[k] for k in summaries}, options, system=system))
        for system, summaries in peers.items()
    ]


def test_chart_bars_start_at_zero_and_show_intervals() -> None:
    pytest.importorskip("matplotlib")
    from matplotlib.container import BarContainer, ErrorbarContainer

    scores = _scores({"good": GOOD, "fair": FAIR})
    assert min(s.recall("ROUGE-2") for s in scores) > 0.05  # a truncated axis would start above zero
    figure = chart_figure(scores, "test", "ROUGE-2")
    axis = figure.axes[0]
    assert axis.get_xlim()[0] == 0.0
    assert any(isinstance(c, BarContainer) for c in axis.containers)
    assert any(isinstance(c, ErrorbarContainer) for c in axis.containers)
    assert "95% bootstrap interval" in axis.get_xlabel()


def test_chart_of_one_cluster_has_no_error_bars_and_says_why() -> None:
    pytest.importorskip("matplotlib")
    from matplotlib.container import ErrorbarContainer

    scores = _scores({"good": {"d1": GOOD["d1"]}, "fair": {"d1": FAIR["d1"]}})
    axis = chart_figure(scores, "test", "ROUGE-2").axes[0]
    assert not any(isinstance(c, ErrorbarContainer) for c in axis.containers)
    assert "no interval" in axis.get_xlabel()


def test_table_gives_intervals_for_many_clusters_and_none_for_one() -> None:
    _, rows = table_rows(_scores({"good": GOOD}), metrics=("ROUGE-1",))
    assert "–" in rows[0][1] and "(" in rows[0][1]
    _, rows = table_rows(_scores({"good": {"d1": GOOD["d1"]}}), metrics=("ROUGE-1",))
    assert rows[0][1].replace(".", "").isdigit()  # "63.64", not "63.64 (63.64–63.64)"
