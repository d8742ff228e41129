"""``summarize batch``: JSONL and folder input, input order with workers, resume, error records, exit codes, Dask."""

from __future__ import annotations

import io
import json
import shutil
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest

from summarize.api import Summarizer
from summarize.batch import done_keys, parse_cluster_line, read_cluster_jobs, run_batch
from summarize.cli import main
from summarize.types import Budget

ROOT = Path(__file__).resolve().parent.parent
SEED_FILES = sorted((ROOT / "seeds").glob("*.txt"))
BUDGET = Budget(words=40)


def seed_text(index: int) -> str:
    return SEED_FILES[index % len(SEED_FILES)].read_text(encoding="utf-8")


def cluster_line(cluster_id: object, documents: list[Any]) -> str:
    return json.dumps({"id": cluster_id, "documents": documents}, ensure_ascii=False)


@pytest.fixture
def clusters_jsonl(tmp_path: Path) -> Path:
    """Five good clusters of seed articles, as strings and as objects with metadata."""
    lines = [
        cluster_line("c1", [seed_text(0), seed_text(1)]),
        cluster_line("c2", [{"text": seed_text(2), "id": "a", "title": "T", "url": "https://example.com/a"}]),
        cluster_line(3, [seed_text(3), {"text": seed_text(0), "published": "2024-07-28"}]),
        cluster_line("c4", [seed_text(1), seed_text(2), seed_text(3)]),
        cluster_line("c5", [seed_text(2)]),
    ]
    path = tmp_path / "clusters.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def run(source: Path, output: Path | None, **kwargs: Any) -> Any:
    return run_batch(source, output, Summarizer(), BUDGET, progress=False, **kwargs)


def test_jsonl_clusters_are_summarised_in_input_order(clusters_jsonl: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.jsonl"
    report = run(clusters_jsonl, output)
    got = records(output)
    assert [r["id"] for r in got] == ["c1", "c2", "3", "c4", "c5"]
    assert (report.done, report.failed, report.skipped) == (5, 0, 0)
    for record in got:
        assert set(record) == {"id", "summary"}
        assert 0 < record["summary"]["words"] <= 40
    assert got[1]["summary"]["sources"][0] == {
        "id": "a",
        "title": "T",
        "url": "https://example.com/a",
        "published": None,
    }


def test_a_directory_of_cluster_folders(tmp_path: Path) -> None:
    source = tmp_path / "clusters"
    for name, files in {"beta": SEED_FILES[:2], "alpha": SEED_FILES[2:]}.items():
        (source / name).mkdir(parents=True)
        for file in files:
            shutil.copy(file, source / name / file.name)
    (source / "notes.txt").write_text("Not a cluster.", encoding="utf-8")  # files beside the folders are ignored
    (source / ".hidden").mkdir()
    output = tmp_path / "out.jsonl"
    run(source, output)
    got = records(output)
    assert [r["id"] for r in got] == ["alpha", "beta"]
    assert all("summary" in r for r in got)
    assert {s["id"].rsplit("/", 1)[-1] for s in got[1]["summary"]["sources"]} == {f.name for f in SEED_FILES[:2]}


def test_a_directory_without_cluster_folders_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", str(ROOT / "seeds"), "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert "no cluster folders" in err and "summarize " in err and len(err.strip().splitlines()) == 1


def test_two_workers_keep_the_input_order_and_the_bytes(clusters_jsonl: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["batch", str(clusters_jsonl), "-o", str(one), "--words", "40", "--no-progress"]) == 0
    assert main(["batch", str(clusters_jsonl), "-o", str(two), "--words", "40", "--jobs", "2", "--no-progress"]) == 0
    assert two.read_bytes() == one.read_bytes()


def test_a_rerun_skips_the_ids_already_written(clusters_jsonl: Path, tmp_path: Path) -> None:
    full = tmp_path / "full.jsonl"
    run(clusters_jsonl, full)
    lines = clusters_jsonl.read_text(encoding="utf-8").splitlines(keepends=True)
    first_two = tmp_path / "first_two.jsonl"
    first_two.write_text("".join(lines[:2]), encoding="utf-8")
    output = tmp_path / "out.jsonl"
    run(first_two, output)
    report = run(clusters_jsonl, output)
    assert (report.skipped, report.done) == (2, 3)
    assert output.read_bytes() == full.read_bytes()
    again = run(clusters_jsonl, output)
    assert (again.skipped, again.done) == (5, 0)
    assert output.read_bytes() == full.read_bytes()


def test_a_truncated_last_line_is_removed_and_its_cluster_run_again(clusters_jsonl: Path, tmp_path: Path) -> None:
    full = tmp_path / "full.jsonl"
    run(clusters_jsonl, full)
    data = full.read_bytes()
    cut = data.rfind(b"\n", 0, len(data) - 1) + 1 + 25  # 25 bytes into the last record: an interrupted write
    output = tmp_path / "out.jsonl"
    output.write_bytes(data[:cut])
    assert done_keys(output, repair=False) == ({'"c1"', '"c2"', '"3"', '"c4"'}, True)
    report = run(clusters_jsonl, output)
    assert report.repaired and (report.skipped, report.done) == (4, 1)
    assert output.read_bytes() == data


def test_a_failing_cluster_becomes_an_error_record_and_the_others_go_on(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        "\n".join(
            [
                cluster_line("good-1", [seed_text(0)]),
                cluster_line("empty", [{"text": "   "}]),
                cluster_line("no-sentences", ["12 34 56"]),
                cluster_line("good-2", [seed_text(1)]),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    output = tmp_path / "out.jsonl"
    report = run(source, output)
    got = records(output)
    assert [r["id"] for r in got] == ["good-1", "empty", "no-sentences", "good-2"]
    assert "summary" in got[0] and "summary" in got[3]
    assert set(got[1]) == {"id", "error"} and "text" in got[1]["error"]
    assert set(got[2]) == {"id", "error"} and "no sentences" in got[2]["error"]
    assert (report.done, report.failed) == (2, 2)


def test_malformed_lines_are_reported_by_line_and_not_retried(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        cluster_line("ok", [seed_text(0)])
        + "\n{not json\n\n"
        + json.dumps({"documents": ["no id here"]})
        + "\n[1, 2]\n"
        + cluster_line("ok", [seed_text(1)])
        + "\n",
        encoding="utf-8",
    )
    output = tmp_path / "out.jsonl"
    report = run(source, output)
    got = records(output)
    assert got[0]["id"] == "ok" and "summary" in got[0]
    assert [(r["id"], r["line"]) for r in got[1:]] == [(None, 2), (None, 4), (None, 5), (None, 6)]
    assert got[1]["error"].startswith("line 2: invalid JSON")
    assert "no 'id'" in got[2]["error"]
    assert "expected an object" in got[3]["error"]
    assert "duplicate id 'ok' (first on line 1)" in got[4]["error"]
    assert (report.done, report.failed) == (1, 4)
    rerun = run(source, output)
    assert (rerun.skipped, rerun.done, rerun.failed) == (5, 0, 0)


def test_parse_cluster_line_validates_documents() -> None:
    job = parse_cluster_line(cluster_line("x", [{"text": "A.", "published": 7}, {"title": "T"}]), 7)
    assert job.id == "x" and job.error == "line 7, document 2: the document has no 'text'"
    job = parse_cluster_line(cluster_line("x", []), 1)
    assert job.error is not None and "no documents" in job.error
    job = parse_cluster_line(cluster_line(True, ["A."]), 1)
    assert job.id is None and job.error is not None and "boolean" in job.error


def test_the_cli_streams_to_standard_output_without_o(clusters_jsonl: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", str(clusters_jsonl), "--sentences", "1", "--no-progress"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["c1", "c2", "3", "c4", "c5"]


@pytest.mark.parametrize(
    ("args", "code", "phrase"),
    [
        (["missing.jsonl"], 1, "no such file"),
        (["{input}", "--jobs", "0"], 2, "--jobs"),
        (["{input}", "--engine", "spark"], 2, "unknown engine"),
        (["{input}", "--scheduler", "tcp://127.0.0.1:1"], 2, "--engine dask"),
        (["{input}", "--words", "0"], 2, "positive"),
        (["{input}", "--words", "10", "--chars", "10"], 2, "only one"),
        (["{input}", "--method", "nope"], 2, "unknown method"),
        (["{input}", "-o", "{input}"], 2, "refusing"),
    ],
)
def test_cli_exit_codes(
    args: list[str], code: int, phrase: str, clusters_jsonl: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = clusters_jsonl.read_bytes()
    argv = ["batch", *(a.replace("{input}", str(clusters_jsonl)) for a in args), "--no-progress"]
    assert main(argv) == code
    err = capsys.readouterr().err
    assert phrase in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert clusters_jsonl.read_bytes() == before  # the input is never written


def test_cli_exit_code_is_1_when_a_cluster_failed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(cluster_line("ok", [seed_text(0)]) + "\n" + cluster_line("bad", ["..."]) + "\n", "utf-8")
    output = tmp_path / "out.jsonl"
    assert main(["batch", str(source), "-o", str(output), "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert "1 of 2 cluster(s) failed" in err and '"bad"' in err
    assert [r["id"] for r in records(output)] == ["ok", "bad"]


def test_an_output_that_is_not_a_batch_output_is_left_alone(clusters_jsonl: Path, tmp_path: Path) -> None:
    output = tmp_path / "notes.txt"
    output.write_text("my notes\n", encoding="utf-8")
    assert main(["batch", str(clusters_jsonl), "-o", str(output), "--no-progress"]) == 2
    assert output.read_text(encoding="utf-8") == "my notes\n"


class _DyingPool(Executor):
    """A process pool stand-in whose worker dies on the cluster "boom" (and, in the first pool, takes the cluster
    "after", in flight beside it, along)."""

    started = 0

    def __init__(self) -> None:
        _DyingPool.started += 1
        self.generation = _DyingPool.started

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        job = args[0]
        future: Future[Any] = Future()
        if job.id == "boom" or (self.generation == 1 and job.id == "after"):
            future.set_exception(BrokenProcessPool("a worker died"))
        else:
            future.set_result(fn(*args, **kwargs))
        return future


def test_a_dead_worker_fails_only_the_cluster_that_killed_it(tmp_path: Path) -> None:
    from summarize.batch.engines import Engine
    from summarize.batch.stream import BatchReport, stream_records

    jobs = [parse_cluster_line(cluster_line(i, [seed_text(0)]), n) for n, i in enumerate(["before", "boom", "after"])]
    out = io.StringIO()
    report = BatchReport()
    _DyingPool.started = 0
    stream_records(iter(jobs), Engine(_DyingPool), Summarizer().get_params(), BUDGET, 2, set(), out, report)
    assert _DyingPool.started > 1  # the broken pool was replaced
    got = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["id"] for r in got] == ["before", "boom", "after"]
    assert "summary" in got[0] and "summary" in got[2]
    assert "worker process died" in got[1]["error"]


def test_read_cluster_jobs_is_lazy_and_keeps_order(clusters_jsonl: Path) -> None:
    clusters = read_cluster_jobs(clusters_jsonl)
    assert next(clusters).id == "c1"
    assert [c.id for c in clusters] == ["c2", "3", "c4", "c5"]


def test_dask_engine_on_a_local_cluster(clusters_jsonl: Path, tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    run(clusters_jsonl, local)
    report = run(clusters_jsonl, dask, engine="dask", jobs=1)
    assert report.done == 5
    assert dask.read_bytes() == local.read_bytes()


def test_dask_missing_is_one_clear_line(
    clusters_jsonl: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # import now fails as if dask were not installed
    assert main(["batch", str(clusters_jsonl), "--engine", "dask", "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "pip install 'summarize[dask]'" in err and len(err.strip().splitlines()) == 1


def test_a_line_that_is_not_utf8_is_an_error_record(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    good = cluster_line("ok", [seed_text(0)]).encode("utf-8")
    source.write_bytes(b'{"id": "latin", "documents": ["caf\xe9"]}\n' + good + b"\n")
    output = tmp_path / "out.jsonl"
    report = run(source, output)
    got = records(output)
    assert got[0] == {"id": None, "line": 1, "error": "line 1: not valid UTF-8 (byte 34)"}
    assert got[1]["id"] == "ok" and "summary" in got[1]
    assert (report.done, report.failed) == (1, 1)


def test_a_json_file_with_a_list_of_clusters(tmp_path: Path) -> None:
    source = tmp_path / "clusters.json"
    clusters = [{"id": "one", "documents": [seed_text(0)]}, {"id": "two", "documents": [seed_text(1)]}]
    source.write_text(json.dumps(clusters, indent=2), encoding="utf-8")
    output = tmp_path / "out.jsonl"
    run(source, output)
    assert [r["id"] for r in records(output)] == ["one", "two"]


def test_a_clusters_own_query_focuses_its_summary_and_the_cli_query_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    documents = [seed_text(i) for i in range(len(SEED_FILES))]
    source = tmp_path / "clusters.jsonl"
    lines = [
        json.dumps({"id": "own", "query": "missile production", "documents": documents}),
        json.dumps({"id": "plain", "documents": documents}),
        json.dumps({"id": "empty", "query": "the of and", "documents": documents}),  # no content words
        json.dumps({"id": "bad", "query": 7, "documents": documents}),
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = tmp_path / "out.jsonl"
    code = main(["batch", str(source), "-o", str(output), "--words", "100", "--query", "Blinken Austin"])
    assert code == 1  # two clusters failed, and only they
    got = {r["id"]: r for r in records(output)}
    expected = {
        query: [s.text for s in Summarizer(query=query).summarize(documents, words=100).sentences]
        for query in ("missile production", "Blinken Austin")
    }
    assert [s["text"] for s in got["own"]["summary"]["sentences"]] == expected["missile production"]
    assert [s["text"] for s in got["plain"]["summary"]["sentences"]] == expected["Blinken Austin"]
    assert expected["missile production"] != expected["Blinken Austin"]
    assert "no content words" in got["empty"]["error"]
    assert got["bad"]["error"] == "line 4: 'query' must be a string, got int 7"
    assert "2 of 4 cluster(s) failed" in capsys.readouterr().err


def test_a_query_with_a_method_that_takes_none_is_an_error_record(tmp_path: Path) -> None:
    source = tmp_path / "clusters.jsonl"
    lines = [cluster_line("a", [seed_text(0)]), json.dumps({"id": "b", "query": "Japan", "documents": [seed_text(1)]})]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = tmp_path / "out.jsonl"
    report = run_batch(source, output, Summarizer("lead"), BUDGET, progress=False)
    got = records(output)
    assert "summary" in got[0]
    assert got[1] == {"id": "b", "error": "a query works with the methods mmr, centroid, lexrank, ilp, not 'lead'"}
    assert (report.done, report.failed) == (1, 1)


def test_batch_compress_shortens_the_sentences(tmp_path: Path) -> None:
    text = "The 40-foot (12-meter) yacht sank near Eden on Monday with six sailors aboard, police said."
    source = tmp_path / "clusters.jsonl"
    source.write_text(cluster_line("yacht", [text]) + "\n", encoding="utf-8")
    for flag, expected in (
        ("--no-compress", text),
        ("--compress", "The 40-foot yacht sank near Eden on Monday with six sailors aboard."),
    ):
        output = tmp_path / f"{flag}.jsonl"
        assert main(["batch", str(source), "-o", str(output), "--sentences", "1", flag]) == 0
        assert records(output)[0]["summary"]["text"] == expected
