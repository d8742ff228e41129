"""Shared fixtures: the project root, the seed articles, and the DUC 2004 data when it is there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def duc2004_path() -> Path:
    """The DUC 2004 data: $SUMMARIZE_DUC2004, else ../shared/data/duc2004 beside the checkout."""
    return Path(os.environ.get("SUMMARIZE_DUC2004", ROOT.parent / "shared" / "data" / "duc2004"))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def duc2004() -> Path:
    path = duc2004_path()
    if not (path / "docs").is_dir():
        pytest.skip(f"DUC 2004 data not found at {path}")
    return path
