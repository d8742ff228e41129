"""Help pages: ``summarize --help`` shows the default command's options, metavars are words, nothing is cut off."""

from __future__ import annotations

import re

import pytest
import typer.main

from summarize.cli import app, main

PYTHON_TYPES = re.compile(r"list\[|int range|float range|<(?:int|str|float|path|bool|text)\b|\{[A-Za-z_][A-Za-z_.]*\}")


def help_of(args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", "100")
    assert main([*args, "--help"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


def command_names() -> list[str]:
    return list(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def section(page: str, title: str) -> str:
    match = re.search(rf"^{title}:\n(.*?)(?=^\S|\Z)", page, re.S | re.M)
    assert match, f"no {title} section in:\n{page}"
    return match.group(1)


def test_summarize_help_shows_the_default_commands_options(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = help_of([], capsys, monkeypatch)
    assert page.startswith("Usage: summarize [OPTIONS] PATH...\n   or: summarize COMMAND [ARGS]...\n")
    options = section(page, "Options")
    for option in ("-w, --words N", "-f, --format", "--sentences N", "--method", "--max-input-bytes N", "--offline"):
        assert option in options
    assert "--version" in options and options.count("--help") == 1
    assert "PATH..." in section(page, "Arguments")
    assert set(command_names()) <= set(re.findall(r"^  (\w+) ", section(page, "Commands"), re.M))
    assert main(["--words", "40", "seeds/"]) == 0  # what the page shows works: options before the paths too
    assert 0 < len(capsys.readouterr().out.split()) <= 40


@pytest.mark.parametrize("command", [[], *([name] for name in ("run", "split", "batch", "evaluate", "methods"))])
def test_no_help_page_shows_python_types(
    command: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = help_of(command, capsys, monkeypatch)
    assert not PYTHON_TYPES.findall(page), page


def test_every_subcommands_help_page_reads_without_python_types(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in command_names():  # any command added later too
        page = help_of([name], capsys, monkeypatch)
        assert not PYTHON_TYPES.findall(page), page
        assert page.startswith(f"Usage: summarize {name} ")


def test_each_commands_line_is_its_whole_first_paragraph(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    rows: dict[str, str] = {}
    for line in section(help_of([], capsys, monkeypatch), "Commands").splitlines():
        if match := re.match(r"^  (\w+)\s+(.*)$", line):
            name, text = match.groups()
            rows[name] = text
        else:  # a wrapped continuation
            rows[name] += " " + line.strip()
    group = typer.main.get_command(app)
    for name, text in rows.items():
        command = group.commands[name]  # type: ignore[attr-defined]
        whole = " ".join((command.short_help or command.help).split("\n\n")[0].split())
        assert text == whole
    assert rows["batch"].endswith("into JSONL.") and rows["split"].endswith("as the summariser sees them.")


def test_split_help_does_not_mention_batch(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert "batch" not in help_of(["split"], capsys, monkeypatch).lower()
    assert "batch" not in help_of(["run"], capsys, monkeypatch).lower()


def test_usage_lines_name_arguments_as_words(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "Usage: summarize run [OPTIONS] PATH...\n" in help_of(["run"], capsys, monkeypatch)
    assert "Usage: summarize split [OPTIONS] PATH...\n" in help_of(["split"], capsys, monkeypatch)
    assert "Usage: summarize batch [OPTIONS] INPUT\n" in help_of(["batch"], capsys, monkeypatch)
    assert "Usage: summarize evaluate [OPTIONS] DATA\n" in help_of(["evaluate"], capsys, monkeypatch)
