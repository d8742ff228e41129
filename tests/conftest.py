"""Shared fixtures: the project root, the seed articles, and the DUC 2004 data when it is there."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ROOT, duc2004_path

SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def duc2004() -> Path:
    path = duc2004_path()
    if not (path / "docs").is_dir():
        pytest.skip(f"DUC 2004 data not found at {path}")
    return path
