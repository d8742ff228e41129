"""Small helpers shared by the tests (pytest puts tests/ on sys.path through its conftest)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def duc2004_path() -> Path:
    """The DUC 2004 data: $SUMMARIZE_DUC2004, else ../shared/data/duc2004 beside the checkout."""
    return Path(os.environ.get("SUMMARIZE_DUC2004") or ROOT.parent / "shared" / "data" / "duc2004")


def write(path: Path, content: str | bytes) -> Path:
    """Create a file (and its parent directories) with text (UTF-8) or bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path
