"""summarize.digest and ``summarize digest``: ranked, summarised stories as Markdown, HTML and JSON; updates."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import ROOT, Page, chromium, needs_chromium, screenshot, write
from test_stories import EVENTS, ONE_OFF

from summarize import Document, InputError, UsageError
from summarize.cli import main
from summarize.digest import Digest, DigestBuilder, read_previous

SEEDS = ROOT / "seeds"
SCHEMA = json.loads((ROOT / "docs" / "digest.schema.json").read_text(encoding="utf-8"))
SUMMARY_SCHEMA = json.loads((ROOT / "docs" / "summary.schema.json").read_text(encoding="utf-8"))


def validator():  # type: ignore[no-untyped-def]
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    registry = Registry().with_resource(SUMMARY_SCHEMA["$id"], Resource.from_contents(SUMMARY_SCHEMA))
    return Draft202012Validator(SCHEMA, registry=registry)


def day_folder(folder: Path) -> Path:
    """The seed articles (one story) plus two articles on a strike and a one-off, as files."""
    folder.mkdir(parents=True, exist_ok=True)
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    write(folder / "strike-1.txt", EVENTS["strike"][0])
    write(folder / "strike-2.txt", EVENTS["strike"][1])
    write(folder / "giraffe.txt", ONE_OFF)
    return folder


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = day_folder(tmp_path_factory.mktemp("day") / "articles")
    out = folder.parent / "edition"
    assert main(["digest", str(folder), "--out", str(out), "--words", "60", "--title", "Morning <brief> & more"]) == 0
    return out


def test_the_digest_command_writes_markdown_html_and_json(edition: Path) -> None:
    digest = json.loads((edition / "digest.json").read_text(encoding="utf-8"))
    validator().validate(digest)
    stories = digest["stories"]
    assert [len(s["articles"]) for s in stories] == [4, 2, 1]  # ranked by distinct sources
    assert all(s["update"] is False and s["summary"]["words"] <= 60 for s in stories)
    assert all(a["id"] in {x["id"] for x in s["summary"]["sources"]} for s in stories for a in s["articles"])
    markdown = (edition / "digest.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Morning \\<brief\\> \\& more\n")
    assert [line[3:] for line in markdown.splitlines() if line.startswith("## ")] == [s["title"] for s in stories]
    page = Page((edition / "digest.html").read_text(encoding="utf-8"))
    assert page.headlines == [s["title"] for s in stories] and "script" not in page.tags


def test_the_same_articles_give_byte_identical_editions(edition: Path, tmp_path: Path) -> None:
    folder = edition.parent / "articles"
    args = [
        "digest",
        str(folder),
        "--out",
        str(tmp_path / "again"),
        "--words",
        "60",
        "--title",
        "Morning <brief> & more",
    ]
    assert main(args) == 0
    for name in ("digest.md", "digest.html", "digest.json"):
        assert (tmp_path / "again" / name).read_bytes() == (edition / name).read_bytes()


def test_previous_leaves_out_what_was_said_and_marks_the_update(edition: Path, tmp_path: Path, capsys) -> None:
    folder = day_folder(tmp_path / "articles")
    write(folder / "strike-3.txt", "Rotterdam dock workers ended their strike on Thursday after the port and the "
          "union agreed a 6 percent pay rise. Container ships began unloading in Rotterdam within hours.")  # fmt: skip
    (folder / "giraffe.txt").unlink()
    out = tmp_path / "next"
    assert (
        main(["digest", str(folder), "--out", str(out), "--words", "60", "--previous", str(edition / "digest.json")])
        == 0
    )
    before = {s["id"]: s for s in json.loads((edition / "digest.json").read_text(encoding="utf-8"))["stories"]}
    after = json.loads((out / "digest.json").read_text(encoding="utf-8"))
    validator().validate(after)
    updates = [s for s in after["stories"] if s["update"]]
    assert len(updates) == 2 and all(s["continues"] in before for s in updates) and after["unchanged"] == []
    for story in updates:
        said = {x["text"] for x in before[story["continues"]]["summary"]["sentences"]}
        assert story["left_out_as_already_said"] >= 1
        assert said.isdisjoint(x["text"] for x in story["summary"]["sentences"])
    strike = next(s for s in updates if any("strike-3" in a["id"] for a in s["articles"]))
    # what is new is the new article's: at least one of its sentences, whichever the default relevance ranks first
    assert any("strike-3" in sentence["source"] for sentence in strike["summary"]["sentences"])
    assert "Update: what is new" in (out / "digest.md").read_text(encoding="utf-8")
    assert "2 updates, 0 unchanged left out" in capsys.readouterr().err


def test_previous_that_is_not_a_digest_is_a_one_line_error_naming_it(edition: Path, tmp_path: Path, capsys) -> None:
    folder = edition.parent / "articles"
    deep = '{"stories": ' + "[" * 200_000 + "]" * 200_000 + "}"
    for content in ('{"stories": [{"id": "x"}]}', "[1, 2]", "not json at all", deep):
        bad = write(tmp_path / "bad.json", content)
        assert main(["digest", str(folder), "--out", str(tmp_path / "out"), "--previous", str(bad)]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith(f"summarize: error: {bad.as_posix()} is not a digest JSON")
    assert not (tmp_path / "out").exists()


def test_nothing_readable_is_a_one_line_error(tmp_path: Path, capsys) -> None:
    source = write(tmp_path / "feed.jsonl", '{"id": "a", "title": "no text"}\n')
    assert main(["digest", str(source), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[-1].startswith("summarize: error: nothing readable") and "Traceback" not in err


def test_a_single_article_is_a_digest_of_one_story(tmp_path: Path) -> None:
    digest = DigestBuilder(words=30).build([Document(EVENTS["quake"][0], id="only", title="Quake in Sumatra")])
    assert [(s.id, s.title, s.update) for s in digest.stories] == [("story-1", "Quake in Sumatra", False)]
    assert json.loads(digest.to_json())["stories"][0]["summary"]["sources"][0]["id"] == "only"


def test_the_api_takes_a_digest_a_dict_or_a_path_as_previous_never_a_string(tmp_path: Path) -> None:
    documents = [Document(t, id=f"q{n}") for n, t in enumerate(EVENTS["quake"])]
    builder = DigestBuilder(words=40)
    first = builder.build(documents[:2])
    path = write(tmp_path / "first.json", first.to_json())
    for previous in (first, json.loads(first.to_json()), path, read_previous(path)):
        second = builder.build(documents, previous=previous)
        assert isinstance(second, Digest) and (second.unchanged or second.stories[0].update)
    with pytest.raises(UsageError):
        builder.build(documents, previous=str(path))
    with pytest.raises(InputError, match="not a digest JSON"):
        builder.build(documents, previous={"stories": "none"})


def test_untrusted_titles_and_urls_are_escaped_and_only_web_addresses_linked() -> None:
    hostile = [
        Document(EVENTS["strike"][0], id="a", title="<img src=x onerror=alert(1)> & co", url="javascript:alert(1)"),
        Document(EVENTS["strike"][1], id="b", title="Safe", url='https://example.com/?a=1&b="2"'),
    ]
    digest = DigestBuilder(words=60).build(hostile)
    page = Page(digest.to_html())
    assert "img" not in page.tags and "script" not in page.tags
    assert "<img src=x onerror=alert(1)> & co" in "".join(page.text) or "Safe" in "".join(page.text)
    external = {href for href, _ in page.links if not href.startswith("#")}
    assert external <= {'https://example.com/?a=1&b="2"'} and not any("javascript" in h for h, _ in page.links)
    assert "<img src=x onerror=alert(1)> &amp; co" not in digest.to_markdown()  # Markdown escapes it too


@needs_chromium
def test_the_digest_html_renders_in_headless_chromium(edition: Path, tmp_path: Path) -> None:
    image = pytest.importorskip("PIL.Image")
    url = (edition / "digest.html").as_uri()
    process, shot = screenshot(url, 1000, 1400, tmp_path)
    assert process.returncode == 0 and shot.is_file(), process.stderr[-2000:]
    with image.open(shot) as picture:
        histogram = picture.convert("L").histogram()
    dark = sum(histogram[:100]) / (1000 * 1400)
    assert 0.005 < dark < 0.5, f"the page looks blank or broken ({dark:.2%} dark pixels)"
    dom = chromium("--dump-dom", url, profile=tmp_path / "profile")
    assert dom.returncode == 0, dom.stderr[-2000:]
    stories = json.loads((edition / "digest.json").read_text(encoding="utf-8"))["stories"]
    assert Page(dom.stdout).headlines == [s["title"] for s in stories]


def test_stories_then_digest_in_two_commands_keeps_the_grouping(tmp_path: Path, capsys) -> None:
    folder = day_folder(tmp_path / "articles")
    assert main(["stories", str(folder), "-o", str(tmp_path / "stories.jsonl")]) == 0
    lines = (tmp_path / "stories.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    records[0]["title"] = "Edited by hand"
    write(tmp_path / "stories.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    out = tmp_path / "edition"
    assert main(["digest", str(tmp_path / "stories.jsonl"), "--grouped", "--out", str(out), "--words", "50"]) == 0
    digest = json.loads((out / "digest.json").read_text(encoding="utf-8"))
    assert digest["stories"][0]["title"] == "Edited by hand"
    assert [[a["id"] for a in s["articles"]] for s in digest["stories"]] == [
        [d["id"] for d in r["documents"]] for r in records
    ]


def test_the_readme_section_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    import os
    import shlex
    import subprocess
    import sys

    from test_examples import blocks, section

    text = section("A day's articles into a digest")
    monkeypatch.chdir(ROOT)
    environment = {**os.environ, "TMPDIR": str(tmp_path), "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    commands = [line.split("  # ")[0].strip() for block in blocks(text, "sh") for line in block.splitlines()]
    assert len(commands) == 2
    for command in commands:
        process = subprocess.run(["bash", "-c", command], cwd=ROOT, env=environment, capture_output=True, text=True,
                                 timeout=300)  # fmt: skip
        assert process.returncode == 0, f"{shlex.quote(command)}: {process.stderr}"
    assert {p.name for p in (tmp_path / "edition").iterdir()} == {"digest.md", "digest.html", "digest.json"}
    [code] = blocks(text, "python")
    exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
    assert capsys.readouterr().out.startswith("# Digest")


def test_the_digest_is_never_written_into_an_input_folder(edition: Path, capsys) -> None:
    folder = edition.parent / "articles"
    before = sorted(p.name for p in folder.iterdir())
    assert main(["digest", str(folder), "--out", str(folder / "edition")]) == 2
    assert "refusing to write" in capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == before
