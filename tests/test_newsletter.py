"""examples/newsletter.py: a JSONL of clusters to a Markdown and an HTML newsletter, checked in headless Chromium."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import Page, chromium, needs_chromium, screenshot

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "newsletter.py"
CLUSTERS = ROOT / "examples" / "clusters.jsonl"
def run_example(clusters: Path, out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(EXAMPLE), str(clusters), "--out", str(out), *args],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip


@pytest.fixture(scope="module")
def newsletter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("newsletter")
    process = run_example(CLUSTERS, out, "--words", "100")
    assert process.returncode == 0, process.stderr
    return out


def clusters() -> list[dict]:
    return [json.loads(line) for line in CLUSTERS.read_text(encoding="utf-8").splitlines() if line.strip()]


def expected_headlines() -> list[str]:
    return [c.get("title") or next(d["title"] for d in c["documents"] if d.get("title")) for c in clusters()]


def test_the_example_clusters_are_the_seed_articles_verbatim() -> None:
    texts = sorted(d["text"] for c in clusters() for d in c["documents"])
    assert texts == sorted(p.read_text(encoding="utf-8") for p in (ROOT / "seeds").glob("*.txt"))


def test_markdown_has_headlines_summaries_and_linked_sources(newsletter: Path) -> None:
    markdown = (newsletter / "newsletter.md").read_text(encoding="utf-8")
    headings = [line[3:] for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == expected_headlines()
    for cluster in clusters():
        urls = {d["url"] for d in cluster["documents"]}
        assert any(f"]({url})" in markdown for url in urls)
    assert markdown.count("**Sources**") == len(clusters())


def test_html_has_headlines_summaries_and_links_to_the_cited_sources(newsletter: Path) -> None:
    markup = (newsletter / "newsletter.html").read_text(encoding="utf-8")
    page = Page(markup)
    assert page.headlines == expected_headlines()
    urls = {d["url"] for c in clusters() for d in c["documents"]}
    external = [(href, text) for href, text in page.links if not href.startswith("#")]
    assert external and all(href in urls and text.strip() for href, text in external)
    citations = [href for href, _ in page.links if href.startswith("#")]
    assert citations and all(f'id="{href[1:]}"' in markup for href in citations)
    assert "script" not in page.tags


def test_the_newsletter_is_deterministic(newsletter: Path, tmp_path: Path) -> None:
    assert run_example(CLUSTERS, tmp_path, "--words", "100").returncode == 0
    for name in ("newsletter.md", "newsletter.html"):
        assert (tmp_path / name).read_bytes() == (newsletter / name).read_bytes()


def test_a_clusters_own_query_focuses_its_story_only(newsletter: Path, tmp_path: Path) -> None:
    focused = clusters()
    focused[0]["query"] = "missile production"
    source = tmp_path / "focused.jsonl"
    source.write_text("".join(json.dumps(c) + "\n" for c in focused), encoding="utf-8")
    assert run_example(source, tmp_path / "out", "--words", "100").returncode == 0

    def stories(path: Path) -> list[str]:
        return path.read_text(encoding="utf-8").split("\n## ")[1:]

    plain, with_query = stories(newsletter / "newsletter.md"), stories(tmp_path / "out" / "newsletter.md")
    assert with_query[1:] == plain[1:]
    assert with_query[0] != plain[0] and with_query[0].lower().count("missile") > plain[0].lower().count("missile")


def test_untrusted_metadata_is_escaped_and_only_web_addresses_are_linked(tmp_path: Path) -> None:
    first, second = (ROOT / "seeds" / name for name in ("001_8392e74e520cd89a.txt", "003_94575a5c4b2a30d3.txt"))
    hostile = {
        "id": "x",
        "title": "<script>alert('headline')</script> Tom & Jerry \"quoted\"",
        "documents": [
            {
                "id": "a",
                "title": "<img src=x onerror=alert(1)>",
                "url": "javascript:alert(1)",
                "text": first.read_text(encoding="utf-8"),
            },
            {
                "id": "b",
                "title": "Safe",
                "url": 'https://example.com/?a=1&b="2"',
                "text": second.read_text(encoding="utf-8"),
            },
        ],
    }
    source = tmp_path / "hostile.jsonl"
    source.write_text(json.dumps(hostile) + "\n", encoding="utf-8")
    process = run_example(source, tmp_path / "out", "--words", "150")
    assert process.returncode == 0, process.stderr
    page = Page((tmp_path / "out" / "newsletter.html").read_text(encoding="utf-8"))
    assert "script" not in page.tags and "img" not in page.tags
    assert page.headlines == [hostile["title"]]
    text = "".join(page.text)
    assert "<img src=x onerror=alert(1)>" in text  # both sources are cited: the first as plain text, not a link
    assert [(href, name) for href, name in page.links if not href.startswith("#")] == [
        ('https://example.com/?a=1&b="2"', "Safe")
    ]


def test_bad_input_is_one_line_and_exit_code_1(tmp_path: Path) -> None:
    source = tmp_path / "broken.jsonl"
    source.write_text('{"documents": [{"text": "Fine."}]}\n{"documents": [{"title": "no text"}]}\n', encoding="utf-8")
    process = run_example(source, tmp_path / "out")
    assert process.returncode == 1 and process.stdout == ""
    assert process.stderr == f"newsletter: error: {source.as_posix()}, line 2, document 1: the document has no 'text'\n"
    assert not (tmp_path / "out").exists()


@needs_chromium
def test_the_html_renders_in_headless_chromium(newsletter: Path, tmp_path: Path) -> None:
    image = pytest.importorskip("PIL.Image")
    url = (newsletter / "newsletter.html").as_uri()
    process, shot = screenshot(url, 1200, 1600, tmp_path)
    assert process.returncode == 0 and shot.is_file(), process.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with image.open(shot) as picture:
        assert picture.size == (1200, 1600)
        grey = picture.convert("L")
        histogram = grey.histogram()
    dark = sum(histogram[:100]) / (1200 * 1600)  # text and rules
    assert 0.005 < dark < 0.5, f"the page looks blank or broken ({dark:.2%} dark pixels)"
    assert sum(1 for count in histogram if count) > 50  # anti-aliased text, not a flat fill

    dom = chromium("--dump-dom", url, profile=tmp_path / "profile")
    assert dom.returncode == 0, dom.stderr[-2000:]
    page = Page(dom.stdout)
    assert page.headlines == expected_headlines()
    linked = {href for href, _ in page.links}
    assert {d["url"] for c in clusters() for d in c["documents"]} & linked
