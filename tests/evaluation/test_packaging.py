"""What the project installs: one top-level package, ``summarize``, with the evaluation code, the ROUGE resources
and the bundled seeds dataset inside it (issue 16: no generic top-level ``evaluation``; the seeds work from a wheel)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """File names in a wheel built from a copy of the sources (so the checkout gets no build/ folder)."""
    pytest.importorskip("setuptools")
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "summarize", source / "summarize", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", str(source)]
    command += ["-w", str(out)]
    subprocess.run(command, check=True, capture_output=True, text=True)
    (wheel,) = out.glob("summarize-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def test_the_wheel_installs_only_the_summarize_package(wheel_names: list[str]) -> None:
    top_level = {name.split("/")[0] for name in wheel_names if not name.split("/")[0].endswith(".dist-info")}
    assert top_level == {"summarize"}
    assert "summarize/evaluation/rouge/score.py" in wheel_names and "summarize/evaluation/harness.py" in wheel_names


def test_the_wheel_carries_the_rouge_resources_and_the_seeds_dataset(wheel_names: list[str]) -> None:
    data = "summarize/evaluation/rouge/data/"
    assert {f"{data}smart_common_words.txt", f"{data}LICENSE.md"} <= set(wheel_names)
    assert {f"{data}WordNet-2.0-Exceptions/{part}.exc" for part in ("adj", "adv", "noun", "verb")} <= set(wheel_names)
    seeds = "summarize/evaluation/datasets/seeds/"
    assert f"{seeds}dataset.json" in wheel_names
    assert sum(n.startswith(f"{seeds}refs/seeds/") and n.endswith(".txt") for n in wheel_names) == 3
    assert sum(n.startswith(f"{seeds}docs/seeds/") and n.endswith(".txt") for n in wheel_names) == 4


def test_pyproject_finds_no_top_level_evaluation_package() -> None:
    tomllib = pytest.importorskip("tomllib")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert config["packages"]["find"]["include"] == ["summarize*"]
    assert set(config["package-data"]) == {"summarize"}


def test_the_repository_has_no_symlinks() -> None:
    """Checkouts without symlink support (Windows, some archives) must get every file the datasets need."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    listing = subprocess.run(["git", "ls-files", "-s"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    links = [line.split("\t", 1)[1] for line in listing.splitlines() if line.startswith("120000 ")]
    assert links == []


def test_the_bundled_seeds_documents_are_the_seed_articles() -> None:
    """The packaged copy of ``seeds/`` (so the wheel can run the seeds evaluation) never drifts from it."""
    from summarize.evaluation.dataset import load_dataset

    (cluster,) = load_dataset("seeds").clusters
    bundled = {p.name: p.read_bytes() for p in sorted(cluster.documents.glob("*.txt"))}
    assert bundled == {p.name: p.read_bytes() for p in sorted((ROOT / "seeds").glob("*.txt"))}
    assert len(bundled) == 4 and len(cluster.references) == 3


def test_the_seeds_old_path_still_loads_with_a_deprecation_warning() -> None:
    from summarize.evaluation.dataset import load_dataset

    with pytest.warns(DeprecationWarning, match="load_dataset\\('seeds'\\)"):
        dataset = load_dataset(ROOT / "evaluation" / "datasets" / "seeds")
    assert dataset == load_dataset("seeds")
