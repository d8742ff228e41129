"""Documented examples run: README Python, JSON and shell examples, the doctests, --help, shell completion."""

from __future__ import annotations

import doctest
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

import summarize
import summarize.api
from summarize.cli import main
from summarize.clusters import read_cluster_file

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent


def section(title: str) -> str:
    """The README text under a ``#``/``##``/``###`` heading, up to the next heading of any level."""
    match = re.search(rf"^#+ {re.escape(title)}\n(.*?)(?=^#+ |\Z)", README, re.S | re.M)
    assert match, f"README.md has no section {title!r}"
    return match.group(1)


def blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", text, re.S | re.M)


def shell_commands(title: str) -> list[str]:
    return [
        line.split("  # ")[0].strip()
        for block in blocks(section(title), "sh")
        for line in block.splitlines()
        if line.strip() and not line.startswith("#")
    ]


def test_the_python_api_section_runs(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    code = blocks(section("Python API"), "python")
    assert code, "the Python API section has no python block"
    for block in code:
        exec(compile(block, "README.md", "exec"), {"__name__": "readme"})
    out = capsys.readouterr().out
    assert "**Sources**" in out and "https://example.com/seed-001" in out  # to_markdown cites the titled article
    assert "us-japan-2plus2" in out and "asia-pacific-tensions" in out  # both example clusters summarised


def test_the_readme_cluster_json_is_read_as_documented(tmp_path: Path) -> None:
    [example] = blocks(section("Clusters as JSON or JSONL, with metadata"), "json")
    path = tmp_path / "cluster.json"
    path.write_text(example, encoding="utf-8")
    documents = read_cluster_file(path)
    assert [d.id for d in documents] == ["a-1", "a-2"]
    assert documents[0].published == "2024-07-28T09:30:00Z" and documents[0].url == "https://example.com/a-1"
    assert json.loads(summarize.summarize(documents, sentences=1).to_json())["sources"][0]["id"] == "a-1"


@pytest.mark.parametrize("title", ["Command line", "Example: a newsletter"])
def test_the_readme_shell_examples_run(
    title: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    commands = shell_commands(title)
    assert commands
    monkeypatch.chdir(ROOT)
    environment = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "TMPDIR": str(tmp_path)}
    for command in commands:
        words = shlex.split(command)
        if words[0] == "summarize" and not set("|<>$") & set(command):  # a plain command: run in this process
            code = main(words[1:])
            out, err = capsys.readouterr()
        else:  # pipes, redirections, variables: through bash
            process = subprocess.run(
                ["bash", "-c", f"set -o pipefail; {command}"],
                cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300,
            )  # fmt: skip
            code, out, err = process.returncode, process.stdout, process.stderr
        assert code == 0, f"{command}: {err}"
        assert err == "", f"{command}: {err}"
        assert out.strip() or "> /dev/null" in command, command
    if title == "Example: a newsletter":
        assert (tmp_path / "newsletter" / "newsletter.html").is_file()


@pytest.mark.parametrize("module", [summarize, summarize.api])
def test_docstring_examples_run(module: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert result.attempted >= 2 and result.failed == 0


def test_help_shows_examples(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "Examples:" in out and 'summarize cluster.json --query "missile production"' in out
    assert "--install-completion" in out and "--show-completion" in out
    assert main(["run", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--query" in out and "Examples: summarize seeds/" in out


def run_completion(words: str) -> list[str]:
    environment = {
        **os.environ, "_SUMMARIZE_COMPLETE": "complete_bash", "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
    }  # fmt: skip
    process = subprocess.run(
        [sys.executable, "-m", "summarize"], env=environment, capture_output=True, text=True, timeout=120
    )
    assert process.returncode == 0, process.stderr
    return process.stdout.split()


def test_shell_completion_script_and_completions() -> None:
    script = subprocess.run(
        [sys.executable, "-m", "summarize", "--show-completion", "bash"], capture_output=True, text=True, timeout=120
    )
    assert script.returncode == 0, script.stderr
    assert "complete -o default -F _summarize_completion summarize" in script.stdout
    assert "_SUMMARIZE_COMPLETE=complete_bash" in script.stdout
    assert run_completion("summarize me") == ["methods"]
    assert "--format" in run_completion("summarize seeds/ --fo")
    assert sorted(run_completion("summarize seeds/ --method l")) == ["lead", "lexrank"]
    assert run_completion("summarize seeds/ --language ge") == ["german"]


def test_the_package_is_typed() -> None:
    assert (ROOT / "summarize" / "py.typed").is_file()
    assert '"py.typed"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
