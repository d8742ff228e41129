"""Small helpers shared by the tests (pytest puts tests/ on sys.path through its conftest)."""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (.ci/run installs Debian's chromium)"
)


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


class Page(HTMLParser):
    """The parts of a page the newsletter promises: title, headlines, links, scripts and visible text."""

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.headlines: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.tags: list[str] = []
        self.text: list[str] = []
        self._open: list[str] = []
        self._href: str | None = None
        self.feed(markup)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._open.append(tag)
        if tag == "h2":
            self.headlines.append("")
        if tag == "a":
            self._href = dict(attrs).get("href")
            self.links.append((self._href or "", ""))

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if "h2" in self._open:
            self.headlines[-1] += data
        if "a" in self._open and self.links:
            href, text = self.links[-1]
            self.links[-1] = (href, text + data)


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    command = [
        CHROMIUM or "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        f"--user-data-dir={profile}", *args,
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=180)


def screenshot(url: str, width: int, height: int, tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
    """Headless Chromium's run and the PNG it took of ``url`` at ``width`` x ``height`` (into ``tmp_path``)."""
    shot = tmp_path / "page.png"
    process = chromium(f"--screenshot={shot}", f"--window-size={width},{height}", url, profile=tmp_path / "profile")
    return process, shot
