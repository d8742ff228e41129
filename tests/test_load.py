"""Tests for summarize.load: paths, directories and stdin to Documents, with warnings and one-line errors."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from helpers import write

from summarize.errors import InputError
from summarize.load import LoadResult, UnreadableFile, decode_bytes, load_documents, looks_binary, sniff_format

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
BODY = "The ministers met in Tokyo on Sunday and agreed to deepen their cooperation.\n"


# -- the real seeds ---------------------------------------------------------------------------------------------
def test_seeds_directory_gives_relative_ids_in_name_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = load_documents(["seeds"])
    ids = [d.id for d in result.documents]
    expected = sorted(f"seeds/{p.name}" for p in SEEDS.glob("*.txt"))
    assert ids == expected and len(ids) >= 4
    assert all(d.format == "text" for d in result.documents)
    assert result.warnings == ()
    assert "Japan is home to more than 50,000" in result.documents[0].text


def test_directory_with_trailing_slash_gives_the_same_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert [d.id for d in load_documents(["seeds/"]).documents] == [d.id for d in load_documents(["seeds"]).documents]


def test_result_is_frozen(tmp_path: Path) -> None:
    result = load_documents([write(tmp_path / "a.txt", BODY)])
    assert isinstance(result, LoadResult)
    with pytest.raises(AttributeError):
        result.documents = ()  # type: ignore[misc]


# -- ordering, mixing, formats ----------------------------------------------------------------------------------
def test_files_in_a_directory_sorted_by_code_point(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "B.txt", "10.txt", "2.txt"):
        write(tmp_path / "d" / name, f"{name}: {BODY}")
    ids = [Path(d.id).name for d in load_documents([tmp_path / "d"]).documents]
    assert ids == ["10.txt", "2.txt", "B.txt", "a.txt", "b.txt"]


def test_argument_order_is_kept_between_arguments(tmp_path: Path) -> None:
    b = write(tmp_path / "b.txt", BODY)
    a = write(tmp_path / "a.txt", "Another sentence here.\n")
    d = write(tmp_path / "dir" / "c.md", "Markdown body here.\n").parent
    result = load_documents([b, d, a])
    assert [Path(doc.id).name for doc in result.documents] == ["b.txt", "c.md", "a.txt"]


def test_formats_by_suffix_case_insensitive(tmp_path: Path) -> None:
    html = "<html><body><p>Hello there, this is a page.</p></body></html>"
    write(tmp_path / "a.md", "# Title\n\nBody text here.\n")
    write(tmp_path / "b.html", html)
    write(tmp_path / "c.HTM", html)
    write(tmp_path / "d.TXT", BODY)
    docs = {Path(d.id).name: d for d in load_documents([tmp_path]).documents}
    assert {n: d.format for n, d in docs.items()} == {
        "a.md": "text",
        "b.html": "html",
        "c.HTM": "html",
        "d.TXT": "text",
    }
    assert docs["b.html"].text == html  # raw HTML kept: extraction is clean.py's job


def test_hidden_and_unsupported_files_are_skipped_with_warnings(tmp_path: Path) -> None:
    write(tmp_path / "good.txt", BODY)
    write(tmp_path / ".hidden.txt", BODY)
    write(tmp_path / "image.png", b"\x89PNG\r\n")
    write(tmp_path / "notes.rst", BODY)
    result = load_documents([tmp_path])
    assert [Path(d.id).name for d in result.documents] == ["good.txt"]
    assert len(result.warnings) == 3
    joined = "\n".join(result.warnings)
    assert ".hidden.txt: hidden file" in joined
    assert "image.png: unsupported file type '.png'" in joined
    assert "notes.rst: unsupported" in joined
    assert all("\n" not in w for w in result.warnings)


def test_explicitly_named_unsupported_file_alone_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^cannot read .*notes\.rst: unsupported file type"):
        load_documents([write(tmp_path / "notes.rst", BODY)])


# -- recursion and symlinks -------------------------------------------------------------------------------------
def test_recursive_reads_subdirectories_but_not_hidden_ones(tmp_path: Path) -> None:
    write(tmp_path / "top.txt", BODY)
    write(tmp_path / "sub" / "inner.txt", BODY)
    write(tmp_path / "sub" / "deeper" / "deep.html", "<p>Deep page text here.</p>")
    write(tmp_path / ".git" / "config.txt", BODY)
    flat = load_documents([tmp_path])
    assert [Path(d.id).name for d in flat.documents] == ["top.txt"]
    assert any("sub/: a subdirectory, read only when recursing" in w for w in flat.warnings)
    deep = load_documents([tmp_path], recursive=True)
    root = tmp_path.as_posix()
    assert [d.id for d in deep.documents] == [
        f"{root}/sub/deeper/deep.html",
        f"{root}/sub/inner.txt",
        f"{root}/top.txt",
    ]
    assert any(".git/: hidden directory" in w for w in deep.warnings)
    assert not any("config.txt" in d.id for d in deep.documents)


def test_symlink_loop_terminates_and_reads_each_file_once(tmp_path: Path) -> None:
    write(tmp_path / "d" / "a.txt", BODY)
    write(tmp_path / "d" / "sub" / "b.txt", BODY)
    os.symlink(tmp_path / "d", tmp_path / "d" / "sub" / "loop")
    os.symlink(tmp_path / "d" / "sub", tmp_path / "d" / "alias")
    result: list[LoadResult] = []
    worker = threading.Thread(
        target=lambda: result.append(load_documents([tmp_path / "d"], recursive=True)), daemon=True
    )
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "recursive loading hung on a symlink loop"
    names = sorted(Path(d.id).name for d in result[0].documents)
    assert names == ["a.txt", "b.txt"]


# -- errors -----------------------------------------------------------------------------------------------------
def test_nonexistent_path_is_an_error_naming_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "ok.txt", BODY)
    with pytest.raises(InputError) as info:
        load_documents(["ok.txt", "foo/"])
    assert str(info.value) == "no such file or directory: foo/"


def test_empty_directory_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=r"^empty directory: .*empty$"):
        load_documents([tmp_path / "empty"])


def test_no_input_is_an_error() -> None:
    with pytest.raises(InputError, match="no input given"):
        load_documents([])


def test_nothing_readable_among_inputs_is_one_line_error(tmp_path: Path) -> None:
    write(tmp_path / "d" / "a.bin.txt", b"\x00\x01\x02binary")
    write(tmp_path / "d" / "b.txt", "   \n\n")
    write(tmp_path / "d" / ".c.txt", BODY)
    with pytest.raises(InputError) as info:
        load_documents([tmp_path / "d"])
    message = str(info.value)
    assert message.startswith("nothing readable among the inputs (")
    assert ".c.txt: hidden file; 2 more)" in message and "\n" not in message


def test_binary_file_among_good_ones_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "b.txt", bytes(range(256)) * 4)
    result = load_documents([tmp_path])
    assert [Path(d.id).name for d in result.documents] == ["a.txt"]
    assert result.warnings == (f"skipped {(tmp_path / 'b.txt').as_posix()}: binary file, not text",)


def test_single_binary_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^cannot read .*x\.txt: binary file"):
        load_documents([write(tmp_path / "x.txt", b"abc\x00def")])
    general = r"^nothing readable among the inputs \(.*x\.txt: binary file, not text\)$"
    with pytest.raises(InputError, match=general):
        load_documents([tmp_path])  # a directory named, not the file: the general message


def test_empty_file_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "b.txt", "")
    result = load_documents([tmp_path])
    assert len(result.documents) == 1 and "b.txt: empty file" in result.warnings[0]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_real_permissions(tmp_path: Path) -> None:
    locked = write(tmp_path / "locked.txt", BODY)
    locked.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        load_documents([locked])
    result = load_documents([write(tmp_path / "ok.txt", BODY), locked])
    assert len(result.documents) == 1 and "permission denied" in result.warnings[0]


def test_unreadable_file_alone_is_an_error_among_others_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = write(tmp_path / "locked.txt", BODY)
    ok = write(tmp_path / "ok.txt", BODY)
    real_open = Path.open

    def open_(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_)
    with pytest.raises(InputError) as info:
        load_documents([locked])
    assert str(info.value) == f"cannot read {locked.as_posix()}: permission denied"
    result = load_documents([ok, locked])
    assert [d.id for d in result.documents] == [ok.as_posix()]
    assert result.warnings == (f"skipped {locked.as_posix()}: permission denied",)


def test_fifo_in_a_directory_is_skipped_not_read(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", BODY)
    os.mkfifo(tmp_path / "pipe.txt")
    result = load_documents([tmp_path])
    assert len(result.documents) == 1 and "pipe.txt: not a regular file" in result.warnings[0]


def test_explicitly_named_hidden_file_is_read(tmp_path: Path) -> None:
    assert load_documents([write(tmp_path / ".notes.txt", BODY)]).documents[0].text == BODY


def test_same_file_twice_is_read_once(tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", BODY)
    result = load_documents([a, tmp_path])
    assert len(result.documents) == 1
    assert "already read" in result.warnings[0]


# -- decoding ---------------------------------------------------------------------------------------------------
def test_latin1_file_is_decoded_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path / "old.txt", "Café in São Paulo, naïve résumé.\n".encode("latin-1"))
    result = load_documents([path])
    assert result.documents[0].text == "Café in São Paulo, naïve résumé.\n"
    assert result.warnings == (f"{path.as_posix()}: not valid UTF-8 (byte 3); decoded as Windows-1252",)


def test_cp1252_smart_quotes_and_undefined_bytes(tmp_path: Path) -> None:
    text, note = decode_bytes(b"\x93Quoted\x94 \x96 dash \x81")
    assert text == "“Quoted” – dash \x81"
    assert note is not None and "Windows-1252" in note


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.txt", "\ufeffHello world.\n".encode())
    assert load_documents([path]).documents[0].text == "Hello world.\n"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path: Path, codec: str) -> None:
    text = "Zürich — “quotes” and 日本.\n"
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(codec, b"")
    path = write(tmp_path / "wide.txt", bom + text.encode(codec))
    result = load_documents([path])
    assert result.documents[0].text == text and result.warnings == ()


def test_utf16_without_bom_is_binary_not_mojibake() -> None:
    with pytest.raises(UnreadableFile, match="binary"):
        decode_bytes("Plain text without a mark.".encode("utf-16-le"))


def test_binary_after_a_utf16_mark_is_still_binary() -> None:
    with pytest.raises(UnreadableFile, match="binary"):
        decode_bytes(b"\xff\xfe" + b"\x01\x00\x02\x00\x03\x00A\x00" * 100)


def test_control_character_heavy_bytes_are_binary() -> None:
    assert looks_binary(b"\x01\x02\x03\x04abc" * 10)
    assert not looks_binary(b"Normal text\twith tabs\r\nand lines\x0c")
    assert not looks_binary(b"")


def test_html_meta_charset_is_honoured_when_not_utf8(tmp_path: Path) -> None:
    html = '<html><head><meta charset="iso-8859-7"></head><body><p>Αθήνα</p></body></html>'
    path = write(tmp_path / "greek.html", html.encode("iso-8859-7"))
    result = load_documents([path])
    assert "Αθήνα" in result.documents[0].text
    assert "meta charset" in result.warnings[0]


# -- stdin ------------------------------------------------------------------------------------------------------
def test_stdin_dash_text_stream() -> None:
    result = load_documents(["-"], stdin=io.StringIO(BODY))
    assert [(d.id, d.format, d.text) for d in result.documents] == [("-", "text", BODY)]


def test_stdin_html_is_sniffed() -> None:
    html = "  <!DOCTYPE html><html><body><p>Text.</p></body></html>"
    assert load_documents(["-"], stdin=io.StringIO(html)).documents[0].format == "html"
    assert sniff_format("<p>not a document</p>") == "text"


def test_stdin_bytes_go_through_the_decoding_rule() -> None:
    stream = io.TextIOWrapper(io.BytesIO("Señor Müller said so.\n".encode("latin-1")), encoding="utf-8")
    result = load_documents(["-"], stdin=stream)
    assert result.documents[0].text == "Señor Müller said so.\n"
    assert result.warnings and result.warnings[0].startswith("-: not valid UTF-8")


def test_stdin_mixed_with_files_and_given_twice(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", BODY)
    result = load_documents([path, "-", "-"], stdin=io.StringIO("From standard input.\n"))
    assert [d.id for d in result.documents] == [path.as_posix(), "-"]
    assert result.warnings == ("skipped -: standard input given more than once",)


def test_empty_stdin_alone_is_an_error() -> None:
    with pytest.raises(InputError, match="standard input is empty"):
        load_documents(["-"], stdin=io.StringIO("  \n"))


# -- lean imports -----------------------------------------------------------------------------------------------
def test_importing_load_and_clean_pulls_in_no_heavy_modules() -> None:
    code = (
        "import sys, summarize.load, summarize.clean; "
        "print(sorted(m for m in ('lxml', 'trafilatura', 'justext', 'numpy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"
