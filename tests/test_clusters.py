"""Cluster files: JSON and JSONL with metadata in, citable summaries out; malformed files are one clear line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from summarize import Document, InputError, SummarizeWarning, read_clusters, summarize
from summarize.cli import main
from summarize.clusters import document_from_record, read_cluster_file

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def seed_record(path: Path, published: str | None = None) -> dict[str, str | None]:
    return {
        "id": path.stem[:3],
        "title": f"Seed article {path.stem[:3]}",
        "url": f"https://example.com/{path.stem}",
        "published": published,
        "text": path.read_text(encoding="utf-8"),
    }


@pytest.fixture
def cluster_json(tmp_path: Path) -> Path:
    """The seeds as one cluster, the newest article first (dates descending in input order)."""
    documents = [seed_record(p, f"2024-07-{28 - i:02d}") for i, p in enumerate(SEEDS)]
    path = tmp_path / "cluster.json"
    cluster = {"id": "us-japan", "title": "US and Japan", "query": " missile production ", "documents": documents}
    path.write_text(json.dumps(cluster), encoding="utf-8")
    return path


def test_a_json_cluster_keeps_every_field(cluster_json: Path) -> None:
    [cluster] = read_clusters(cluster_json)
    assert cluster.id == "us-japan" and cluster.title == "US and Japan" and cluster.query == "missile production"
    assert [d.id for d in cluster.documents] == [p.stem[:3] for p in SEEDS]
    first = cluster.documents[0]
    assert first.title == "Seed article 000" and first.url.endswith(SEEDS[0].stem) and first.published == "2024-07-28"
    assert first.text == SEEDS[0].read_text(encoding="utf-8")


def test_json_list_jsonl_of_documents_and_bare_strings_read_alike(tmp_path: Path) -> None:
    records = [seed_record(p) for p in SEEDS]
    as_list = tmp_path / "list.json"
    as_list.write_text(json.dumps(records), encoding="utf-8")
    as_lines = tmp_path / "docs.jsonl"
    as_lines.write_text("\n".join(json.dumps(r) for r in records) + "\n\n", encoding="utf-8")
    assert read_cluster_file(as_list) == read_cluster_file(as_lines)
    strings = tmp_path / "strings.json"
    strings.write_text(json.dumps([r["text"] for r in records]), encoding="utf-8")
    documents = read_cluster_file(strings)
    assert [d.id for d in documents] == [f"strings#{n}" for n in range(1, len(SEEDS) + 1)]
    assert [d.text for d in documents] == [r["text"] for r in records]


def test_jsonl_of_clusters_gives_each_cluster(tmp_path: Path) -> None:
    path = tmp_path / "clusters.jsonl"
    lines = [
        {"id": "a", "title": "First", "documents": [seed_record(SEEDS[0])]},
        {"documents": [seed_record(SEEDS[1])]},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    clusters = read_clusters(path)
    assert [(c.id, c.title, len(c.documents)) for c in clusters] == [("a", "First", 1), ("clusters-2", None, 1)]
    with pytest.raises(InputError, match="holds 2 clusters"):
        read_cluster_file(path)


def test_published_dates_order_the_summary_and_titles_make_the_citations(
    cluster_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main([str(cluster_json), "--words", "250", "--format", "json"])  # long enough to draw on several articles
    out = capsys.readouterr().out
    assert code == 0
    result = json.loads(out)
    dates = {s["id"]: s["published"] for s in result["sources"]}
    order = [dates[s["source"]] for s in result["sentences"]]
    assert len(set(order)) > 1, "the summary should draw on more than one article"
    assert order == sorted(order)  # oldest article first, although the file lists the newest first
    assert {s["title"] for s in result["sources"]} == {f"Seed article {p.stem[:3]}" for p in SEEDS}
    code = main([str(cluster_json), "--sentences", "3", "--format", "markdown"])
    markdown = capsys.readouterr().out
    assert code == 0 and "](https://example.com/" in markdown and "[Seed article " in markdown


def test_the_api_reads_a_cluster_file_named_by_its_path(cluster_json: Path) -> None:
    documents = read_cluster_file(cluster_json)
    from summarize import Summarizer

    expected = summarize(documents, words=80).text
    assert summarize(cluster_json, words=80).text == Summarizer().summarize_paths(str(cluster_json), words=80).text
    assert summarize(cluster_json, words=80).text == expected


@pytest.mark.parametrize(
    ("content", "name", "phrase"),
    [
        ('{"documents": [{"text": "A sentence."}]\n', "bad.json", "bad.json, line 2: invalid JSON"),
        ('{"text": "Fine."}\n{oops}\n', "bad.jsonl", "bad.jsonl, line 2: invalid JSON"),
        ('{"documents": [{"title": "No text"}]}', "bad.json", "document 1: the document has no 'text'"),
        ('{"documents": [{"text": "   "}]}', "bad.json", "an empty 'text'"),
        ('{"documents": [{"text": "Hi.", "title": 7}]}', "bad.json", "'title' must be a string"),
        ('{"documents": [{"text": "Hi.", "id": true}]}', "bad.json", "'id' must be a string or an integer"),
        ('{"documents": [{"text": "Hi.", "format": "pdf"}]}', "bad.json", "'format'"),
        ('{"documents": [{"text": "A.", "id": 1}, {"text": "B.", "id": "1"}]}', "bad.json", "'1' already used"),
        ('{"documents": []}', "bad.json", "no documents"),
        ("42", "bad.json", "expected a cluster"),
        ('{"documents": [{"text": "A."}]}\n{"text": "B."}\n', "bad.jsonl", "mixes"),
        ('{"id": "x", "documents": ["A."]}\n{"id": "x", "documents": ["B."]}\n', "bad.jsonl", "'x' is used twice"),
        ("\n\n", "bad.jsonl", "no records"),
        ("[" * 200_000 + "]" * 200_000, "deep.json", "deep.json, line 1: invalid JSON: nested deeper than 200 levels"),
        ('{"id": "a", "documents": ' + "[" * 200_000 + "]" * 200_000 + "}", "deep.json", "nested deeper than 200"),
        ('{"text": "Fine."}\n{"text": ' + "[" * 200_000 + "\n", "deep.jsonl", "line 2: invalid JSON: nested"),
        ('{"documents": ["A.", ' + "7" * 5000 + "]}", "long.json", "invalid JSON: an integer of 5,000 digits"),
    ],
)
def test_malformed_cluster_files_are_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, name: str, phrase: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_clusters(path)
    assert phrase in str(raised.value) and "\n" not in str(raised.value)
    code = main([str(path)])
    captured = capsys.readouterr()
    assert code == 1 and captured.out == ""
    assert captured.err.count("\n") == 1 and phrase in captured.err


def test_a_malformed_cluster_file_from_a_fresh_process_has_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "Fine."}\n{"text": ["not", "text"]}\n', encoding="utf-8")
    process = subprocess.run(
        [sys.executable, "-m", "summarize", str(path)], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert process.returncode == 1 and process.stdout == ""
    assert process.stderr == f"summarize: error: {path.as_posix()}, line 2: 'text' must be a string, got list\n"


def test_invalid_utf8_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes('{"text": "Caf\u00e9 in M\u00fcnchen."}\n'.encode("latin-1"))
    with pytest.raises(InputError, match="line 1: not valid UTF-8"):
        read_clusters(path)


def test_document_from_record_is_the_one_parser() -> None:
    record = {"text": "Body.", "id": 12, "title": " Title ", "url": "https://example.com/x", "extra": [1, 2]}
    assert document_from_record(record) == Document(
        text="Body.", id="12", title="Title", url="https://example.com/x", published=None
    )
    assert document_from_record("Just text.", default_id="d1") == Document(text="Just text.", id="d1")
    assert document_from_record({"text": "<p>Hi</p>", "format": "html"}).format == "html"
    with pytest.raises(InputError, match=r"^feed, line 4: a document is an object"):
        document_from_record([1], where="feed, line 4")


# -- issue 17: hostile structure is one clear error; a bad date costs only the date --------------------------------
def test_json_nested_just_under_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "deepish.json"
    extra = "[" * 190 + "]" * 190  # an ignored key may nest; 200 levels in all is the limit
    path.write_text('{"id": "x", "documents": [{"text": "One sentence here.", "extra": ' + extra + "}]}", "utf-8")
    [cluster] = read_clusters(path)
    assert cluster.documents[0].text == "One sentence here."


@pytest.mark.parametrize("bad", ["2024-13-45T99:99", "2024-02-30", "July 28", 20240728, ["2024-07-28"]])
def test_a_bad_date_is_dropped_with_a_warning_and_the_cluster_summarised(
    bad: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    documents = [seed_record(p, f"2024-07-{28 - i:02d}") for i, p in enumerate(SEEDS)]  # newest first
    documents[1]["published"] = bad  # type: ignore[assignment]
    path = tmp_path / "cluster.json"
    path.write_text(json.dumps({"id": "c", "documents": documents}), encoding="utf-8")
    with pytest.warns(SummarizeWarning, match=r"cluster.json, document 2: ignored 'published' .*ISO 8601") as caught:
        [cluster] = read_clusters(path)
    assert len(caught) == 1 and cluster.warnings == (str(caught[0].message),)
    assert [d.published for d in cluster.documents] == ["2024-07-28", None, "2024-07-26", "2024-07-25"]
    undated = tmp_path / "undated.json"  # the same cluster with that date left out: what the summary must match
    documents[1]["published"] = None
    undated.write_text(json.dumps({"id": "c", "documents": documents}), encoding="utf-8")
    assert main([str(undated), "--words", "150", "--format", "json"]) == 0
    expected = json.loads(capsys.readouterr().out)
    assert main([str(path), "--words", "150", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == expected  # ordered as if that article had no date (input order)
    assert captured.err.startswith(f"summarize: warning: {path.as_posix()}, document 2: ignored 'published' ")
    assert captured.err.count("\n") == 1
    with pytest.warns(SummarizeWarning, match="ignored 'published'"):
        assert summarize(path, words=150).text == expected["text"]
