"""The command line: exit codes, one-line errors, formats, stdin, determinism."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from summarize.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_seeds_summary_fits_150_words_and_is_deterministic(capsys: pytest.CaptureFixture[str]) -> None:
    code, first, err = run_cli([str(ROOT / "seeds"), "--words", "150"], capsys)
    assert code == 0, err
    assert 100 <= len(first.split()) <= 150
    _, second, _ = run_cli([str(ROOT / "seeds"), "--words", "150"], capsys)
    assert first == second


def test_the_installed_command_runs_from_a_fresh_process() -> None:
    process = subprocess.run(
        [sys.executable, "-m", "summarize", "seeds/", "--words", "150"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert process.returncode == 0, process.stderr
    assert 0 < len(process.stdout.split()) <= 150
    assert "Traceback" not in process.stderr


@pytest.mark.parametrize(
    ("args", "code", "phrase"),
    [
        (["does-not-exist/"], 1, "no such file"),
        (["seeds/", "--words", "0"], 2, "positive"),
        (["seeds/", "--words", "-5"], 2, "positive"),
        (["seeds/", "--words", "abc"], 2, "words"),
        (["seeds/", "--words", "50", "--chars", "300"], 2, "only one"),
        (["seeds/", "--method", "nope"], 2, "unknown method"),
        (["seeds/", "--lambda", "1.5"], 2, "lambda"),
        (["seeds/", "--format", "yaml"], 2, "format"),
        (["seeds/", "--language", "klingon"], 2, "language"),
        (["seeds/", "--words", "2"], 1, "smaller than every sentence"),
    ],
)
def test_bad_input_gets_one_line_and_the_right_exit_code(args: list[str], code: int, phrase: str) -> None:
    process = subprocess.run(
        [sys.executable, "-m", "summarize", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert process.returncode == code, process.stderr
    lines = [line for line in process.stderr.splitlines() if line.strip()]
    assert lines and phrase.lower() in process.stderr.lower()
    assert "Traceback" not in process.stderr
    assert process.stdout == ""


def test_truncate_fills_the_budget_exactly(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["seeds/", "--words", "37", "--truncate"], capsys)
    assert code == 0
    assert len(out.split()) == 37


def test_compression_switches_between_shortened_and_verbatim_sentences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "yacht.txt"
    article.write_text(
        "The 40-foot (12-meter) yacht sank near Eden on Monday with six sailors aboard. "
        "Rescuers in two helicopters (one from the navy) pulled all six sailors from the water. "
        "However, the yacht's owner said the boat had passed an inspection last month.",
        encoding="utf-8",
    )
    outputs = {}
    for flag in ("--compress", "--no-compress"):
        code, out, err = run_cli([str(article), "--sentences", "3", flag], capsys)
        assert code == 0, err
        outputs[flag] = out
    assert "(12-meter)" in outputs["--no-compress"] and "However," in outputs["--no-compress"]
    assert "(12-meter)" not in outputs["--compress"] and "(one from the navy)" not in outputs["--compress"]
    assert "The yacht's owner said" in outputs["--compress"]
    code, default, _ = run_cli([str(article), "--sentences", "3"], capsys)
    assert default == outputs["--no-compress"]  # verbatim unless asked


def test_sentence_and_char_budgets(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["seeds/", "--sentences", "2", "--format", "json"], capsys)
    assert code == 0 and len(json.loads(out)["sentences"]) == 2
    code, out, _ = run_cli(["seeds/", "--chars", "400"], capsys)
    assert code == 0 and 0 < len(out.rstrip("\n")) <= 400


def test_json_output_traces_every_sentence_to_its_source(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["seeds/", "--words", "150", "--format", "json"], capsys)
    assert code == 0
    result = json.loads(out)
    sources = {path.name: path.read_text(encoding="utf-8") for path in (ROOT / "seeds").iterdir()}
    for sentence in result["sentences"]:
        assert set(sentence) >= {"text", "source", "position", "score", "supporting_sources"}
        assert Path(sentence["source"]).name in sources
        assert all(Path(s).name in sources for s in sentence["supporting_sources"])
        assert sentence["source"] not in sentence["supporting_sources"]
    assert result["text"] == " ".join(s["text"] for s in result["sentences"])


def test_markdown_cites_numbered_sources(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["seeds/", "--sentences", "3", "--format", "markdown"], capsys)
    assert code == 0
    body, _, sources = out.partition("**Sources**")
    cited = {int(n) for n in __import__("re").findall(r"\[(\d+)\]", body)}
    listed = {int(line.split(".")[0]) for line in sources.strip().splitlines()}
    assert cited and cited == listed


def test_stdin_is_read_with_a_dash(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / "seeds" / "001_8392e74e520cd89a.txt").read_text(encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    code, out, _ = run_cli(["-", "--sentences", "2"], capsys)
    assert code == 0
    assert all(part in " ".join(text.split()) for part in out.strip().split(". ")[:1])


def test_one_bad_file_among_good_ones_is_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "good.txt").write_text((ROOT / "seeds" / "001_8392e74e520cd89a.txt").read_text(encoding="utf-8"))
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    code, out, err = run_cli([str(tmp_path), "--sentences", "2"], capsys)
    assert code == 0 and out.strip()
    assert "bad.txt" in err


def test_output_file_is_written_and_never_onto_an_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "summary.md"
    code, out, _ = run_cli(["seeds/", "--sentences", "2", "-o", str(target)], capsys)
    assert code == 0 and out == "" and target.read_text(encoding="utf-8").strip()
    article = tmp_path / "article.txt"
    article.write_text((ROOT / "seeds" / "001_8392e74e520cd89a.txt").read_text(encoding="utf-8"))
    before = article.read_bytes()
    code, _, err = run_cli([str(article), "-o", str(article)], capsys)
    assert code == 2 and "refusing" in err
    assert article.read_bytes() == before


def test_split_prints_one_sentence_per_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["split", "seeds/001_8392e74e520cd89a.txt"], capsys)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) >= 10
    assert any(line.startswith("Japan is home to more than 50,000 U.S. troops") for line in lines)
    assert all(line == line.strip() and line for line in lines)


def test_methods_lists_every_method(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["methods"], capsys)
    from summarize import available_methods

    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == list(available_methods())


def test_help_shows_examples(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["--help"], capsys)
    assert code == 0 and "summarize seeds/ --words 150" in out
