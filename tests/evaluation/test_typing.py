"""The evaluation code's type hints are checked: ``mypy`` reports nothing in ``summarize/evaluation`` or the
``evaluate`` command (issue 18; CI runs mypy over the whole package)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHECKED = ("summarize/evaluation", "summarize/cli/evaluate.py")


def test_mypy_finds_nothing_in_the_evaluation_code() -> None:
    pytest.importorskip("mypy")
    command = [sys.executable, "-m", "mypy", "--no-error-summary", "--warn-unused-ignores", *CHECKED]
    output = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False).stdout
    ours = [line for line in output.splitlines() if line.startswith(CHECKED) and ": error:" in line]
    assert ours == []
