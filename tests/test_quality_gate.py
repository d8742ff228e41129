"""The quality gate CI runs: ROUGE-2 recall of the default method may not drop more than 0.003 below
the baseline committed in ``evaluation/baselines.json``, on the seeds and (where present) on DUC 2004."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarize.cli import main
from summarize.evaluation.gate import load_baselines

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BASELINES = ROOT / "evaluation" / "baselines.json"


def run_gate(data: Path | str, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["evaluate", str(data), "--gate", str(DEFAULT_BASELINES), "--no-progress", "--out", str(out)])
    return code, capsys.readouterr().err


def test_baselines_cover_the_default_method_on_both_datasets() -> None:
    baselines = load_baselines(DEFAULT_BASELINES)
    assert {"seeds", "duc2004"} <= set(baselines)
    assert all("ROUGE-2" in baselines[name]["mmr"] for name in ("seeds", "duc2004"))


def test_gate_on_the_seeds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run_gate("seeds", tmp_path, capsys)
    assert code == 0, err
    assert "gate ok: seeds mmr ROUGE-2" in err


def test_gate_on_duc2004(duc2004: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run_gate(duc2004, tmp_path, capsys)
    assert code == 0, err
    assert "gate ok: duc2004 mmr ROUGE-2" in err
