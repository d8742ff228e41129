"""``summarize batch`` on broken JSONL and interrupted runs (issue 6): a bad cluster becomes an error record and
the others still succeed; Ctrl-C leaves whole lines that a rerun of the same command completes."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from summarize import Summarizer
from summarize.api import make_budget
from summarize.batch import ClusterJob, run_batch
from summarize.batch.inputs import load_folder
from summarize.cli import main

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


def cluster_line(cluster_id: object, documents: object = None) -> str:
    return json.dumps({"id": cluster_id, "documents": TEXTS[:2] if documents is None else documents})


def batch(
    lines: list[str | bytes], tmp_path: Path, capsys: pytest.CaptureFixture[str], *options: str
) -> tuple[int, list, str]:
    """Run ``summarize batch`` on these JSONL lines; return the exit code, the output records and stderr."""
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"".join((x if isinstance(x, bytes) else x.encode()) + b"\n" for x in lines))
    output = tmp_path / "out.jsonl"
    code = main(["batch", str(source), "-o", str(output), "--sentences", "1", "--no-progress", *options])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "internal error" not in err  # main() turns an unexpected exception into this line
    return code, [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()], err


def test_malformed_lines_are_error_records_and_the_rest_succeed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines: list[str | bytes] = [
        cluster_line("good-1"),
        '{"id": "broken", "documents": ["unterminated',
        "[1, 2, 3]",
        "42",
        "",
        b'{"id": "latin1", "documents": ["caf\xe9"]}',
        "not json at all",
        cluster_line("good-2"),
    ]
    code, records, err = batch(lines, tmp_path, capsys)
    assert code == 1
    assert err.splitlines()[-1].startswith("summarize: 5 of 7 cluster(s) failed")
    assert [r.get("id") for r in records] == ["good-1", None, None, None, None, None, "good-2"]
    assert [r.get("line") for r in records[1:-1]] == [2, 3, 4, 6, 7]
    assert "invalid JSON" in records[1]["error"] and "expected an object" in records[2]["error"]
    assert "not valid UTF-8" in records[4]["error"]
    assert all(records[i]["summary"]["sentences"] for i in (0, -1))


def test_missing_fields_are_error_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines: list[str | bytes] = [
        json.dumps({"documents": TEXTS[:2]}),
        json.dumps({"id": "no-documents"}),
        json.dumps({"id": "documents-not-a-list", "documents": "text"}),
        json.dumps({"id": "document-without-text", "documents": [{"title": "only a title"}]}),
        json.dumps({"id": None, "documents": TEXTS[:1]}),
        cluster_line("good"),
    ]
    code, records, _ = batch(lines, tmp_path, capsys)
    assert code == 1
    assert records[0] == {
        "id": None,
        "line": 1,
        "error": "line 1: the cluster has no 'id' (give a string or an integer)",
    }
    assert "'documents' list" in records[1]["error"] and "'documents' list" in records[2]["error"]
    assert "the document has no 'text'" in records[3]["error"]
    assert records[4]["line"] == 5 and "no 'id'" in records[4]["error"]
    assert records[5]["id"] == "good" and "summary" in records[5]


def test_duplicate_ids_give_one_summary_and_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, records, _ = batch([cluster_line("same"), cluster_line("other"), cluster_line("same")], tmp_path, capsys)
    assert code == 1
    assert [(r["id"], "summary" in r) for r in records] == [("same", True), ("other", True), (None, False)]
    assert records[2] == {"id": None, "line": 3, "error": "line 3: duplicate id 'same' (first on line 1)"}


def test_a_cluster_with_no_documents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines: list[str | bytes] = [
        cluster_line("empty", []),
        cluster_line("blank-texts", ["   ", "\n"]),
        cluster_line("no-sentences", ["Home | World | Sport", "Subscribe"]),
        cluster_line("good"),
    ]
    code, records, _ = batch(lines, tmp_path, capsys)
    assert code == 1
    assert records[0] == {"id": "empty", "error": "cluster 'empty' has no documents"}
    assert "empty 'text'" in records[1]["error"]
    assert records[2]["error"].startswith("no sentences found in the input")
    assert "summary" in records[3]


def test_a_cluster_over_the_input_limit_fails_alone(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(f"{cluster_line('big', TEXTS)}\n{cluster_line('small', [TEXTS[0][:2000]])}\n", encoding="utf-8")
    stream = io.StringIO()
    report = run_batch(source, None, Summarizer(max_input_bytes=5000), make_budget(sentences=1), stream=stream)
    records = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert (report.done, report.failed) == (1, 1)
    assert records[0]["error"].startswith("input too large: big#") and "summary" in records[1]


def test_max_input_bytes_limits_each_cluster_of_a_batch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [cluster_line("big", TEXTS), cluster_line("small", [TEXTS[0][:2000]])]
    code, records, err = batch(lines, tmp_path, capsys, "--max-input-bytes", "5000")
    assert code == 1 and "1 of 2 cluster(s) failed" in err
    assert records[0]["error"].startswith("input too large: big#") and "summary" in records[1]
    (tmp_path / "default").mkdir()
    code, records, _ = batch(lines, tmp_path / "default", capsys)
    assert code == 0 and all("summary" in r for r in records)  # the default limit, 32 MiB, holds both
    assert main(["batch", str(tmp_path / "in.jsonl"), "--max-input-bytes", "0"]) == 2
    assert "--max-input-bytes" in capsys.readouterr().err


def test_a_folder_cluster_is_read_with_the_batch_limit(tmp_path: Path) -> None:
    folder = tmp_path / "big"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    job = ClusterJob(id="big", folder=folder)
    refused = load_folder(job, 1000)  # read with the limit given, not load's default
    assert refused.error is not None and refused.error.startswith("input too large:")
    loaded = load_folder(job, None)  # no limit at all
    assert loaded.error is None and len(loaded.documents) == 1


# -- interrupts -------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def many_clusters(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """120 clusters (a few seconds of work, so the interrupt lands mid-batch even on a loaded machine) and the output
    of an uninterrupted run over them."""
    folder = tmp_path_factory.mktemp("interrupt")
    source = folder / "in.jsonl"
    lines = [cluster_line(f"c{i:02d}", [TEXTS[i % 4], TEXTS[(i + 1) % 4][: 800 + 40 * i]]) for i in range(120)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reference = folder / "reference.jsonl"
    assert main(["batch", str(source), "-o", str(reference), "-s", "2", "--no-progress"]) == 0
    return source, reference.read_bytes()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigint_mid_batch_leaves_whole_lines_that_a_rerun_completes(
    jobs: str, many_clusters: tuple[Path, bytes], tmp_path: Path
) -> None:
    source, reference = many_clusters
    output = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "summarize", "batch", str(source), "-o", str(output), "-s", "2", "-j", jobs]
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while (not output.exists() or output.read_bytes().count(b"\n") < 2) and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    partial = output.read_bytes()
    assert process.returncode == 130 and err == "summarize: interrupted\n"
    assert partial.endswith(b"\n") and reference.startswith(partial), "not a prefix of whole records"
    assert 2 <= partial.count(b"\n") < reference.count(b"\n"), "the interrupt did not land mid-batch"
    rerun = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    written = partial.count(b"\n")
    assert f"skipped {written} cluster(s) already in" in rerun.stderr
    assert output.read_bytes() == reference


def test_an_interrupt_while_a_record_is_written_waits_for_its_end(many_clusters: tuple[Path, bytes]) -> None:
    source, reference = many_clusters

    class InterruptedMidWrite(io.StringIO):
        """A stream that receives Ctrl-C halfway through writing the third record."""

        records = 0

        def write(self, text: str) -> int:
            self.records += 1
            if self.records != 3:
                return super().write(text)
            super().write(text[: len(text) // 2])
            os.kill(os.getpid(), signal.SIGINT)
            return super().write(text[len(text) // 2 :]) + len(text) // 2

    stream = InterruptedMidWrite()
    idle = threading.Event()  # another thread, as a process pool has: the signal may land on it
    threading.Thread(target=idle.wait, daemon=True).start()
    try:
        with pytest.raises(KeyboardInterrupt):
            run_batch(source, None, Summarizer(), make_budget(sentences=2), stream=stream)
    finally:
        idle.set()
    written = stream.getvalue().encode()
    assert written.count(b"\n") == 3 and written.endswith(b"\n") and reference.startswith(written)


# -- issue 17: hostile structure is one error record; a bad date costs only the date --------------------------------
DEEP = "[" * 200_000 + "]" * 200_000


def test_a_deeply_nested_line_is_one_error_record_and_the_rest_succeed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines: list[str | bytes] = [
        cluster_line("good-1"),
        '{"id": "a", "documents": ' + DEEP + "}",
        DEEP,
        # more brackets than the limit, but in a string or side by side: a good cluster
        '{"id": "b", "note": "'
        + "[" * 300
        + '", "extra": ['
        + ", ".join(["{}"] * 300)
        + '], "documents": ["'
        + TEXTS[0].replace("\n", " ").replace('"', "'")
        + '"]}',
        cluster_line("good-2"),
    ]
    code, records, err = batch(lines, tmp_path, capsys)
    assert code == 1 and "2 of 5 cluster(s) failed" in err, err
    assert records[1] == {
        "id": None,
        "line": 2,
        "error": "line 2: invalid JSON: nested deeper than 200 levels (column 225)",
    }
    assert records[2] == {
        "id": None,
        "line": 3,
        "error": "line 3: invalid JSON: nested deeper than 200 levels (column 201)",
    }
    assert [r["id"] for r in records] == ["good-1", None, None, "b", "good-2"]
    assert all("summary" in records[i] for i in (0, 3, 4))


def test_a_deeply_nested_json_batch_input_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "clusters.json"
    source.write_text('[{"id": "a", "documents": ' + DEEP + "}]", encoding="utf-8")
    assert main(["batch", str(source), "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert err == f"summarize: error: {source.as_posix()}, line 1: invalid JSON: nested deeper than 200 levels\n"


def test_a_deeply_nested_line_in_an_old_output_is_not_a_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(cluster_line("good") + "\n", encoding="utf-8")
    output = tmp_path / "out.jsonl"
    output.write_text('{"id": ' + DEEP + "}\n", encoding="utf-8")
    assert main(["batch", str(source), "-o", str(output), "--no-progress"]) == 2
    assert "line 1 is not a batch record" in capsys.readouterr().err


def test_a_bad_date_is_a_warning_in_the_record_and_the_cluster_is_summarised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dated = [
        {"text": t, "id": f"a{i}", "published": f"2024-07-{28 - i:02d}"} for i, t in enumerate(TEXTS)
    ]  # newest 1st
    bad = [dict(d) for d in dated]
    bad[2]["published"] = "2024-13-45T99:99"
    undated = [dict(d) for d in dated]
    del undated[2]["published"]
    source, output = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(cluster_line("bad", bad) + "\n" + cluster_line("undated", undated) + "\n", encoding="utf-8")
    assert main(["batch", str(source), "-o", str(output), "--words", "150", "--no-progress"]) == 0
    assert capsys.readouterr().err == ""
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert records[0]["warnings"] == [
        "line 1, document 3: ignored 'published' '2024-13-45T99:99': not an ISO 8601 date or date-time such as "
        "2024-07-28 or 2024-07-28T09:30:00Z"
    ]
    assert "warnings" not in records[1]
    assert records[0]["summary"] == records[1]["summary"]  # ordered as if that article had no date


def test_huge_integers_and_lone_surrogates_never_stop_a_batch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines: list[str | bytes] = [
        '{"id": "n", "documents": [' + "9" * 5000 + "]}",  # past Python's 4,300-digit int conversion limit
        '{"id": "s\\ud800", "documents": [' + json.dumps(TEXTS[0]) + ', "Lone \\udc00 surrogate here."]}',
        cluster_line("good"),
    ]
    code, records, err = batch(lines, tmp_path, capsys)
    assert code == 1 and "1 of 3 cluster(s) failed" in err
    assert records[0] == {
        "id": None,
        "line": 1,
        "error": "line 1: invalid JSON: an integer of 5,000 digits (at most 4,300 are read) (column 1)",
    }
    assert records[1]["id"] == "s\ufffd" and "summary" in records[1]  # written as UTF-8: U+FFFD for the lone half
    assert "summary" in records[2]
