"""URLs on the command line: fetched over http(s) with a timeout, a size cap and bounded redirects; refused offline.

Every page comes from a local HTTP server on 127.0.0.1 started by the test (never any other address); the proxy
variables are cleared so the requests go straight to it.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from summarize.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "seeds" / "001_8392e74e520cd89a.txt").read_text(encoding="utf-8")
ARTICLE_HTML = (
    "<!doctype html><html><head><title>Talks in Tokyo</title><meta charset='utf-8'></head><body>"
    "<nav><a href='/'>Home</a> | <a href='/world'>World</a> | <a href='/sport'>Sport</a></nav>"
    "<script>document.write('tracking pixel');</script>"
    "<article><h1>Japan and the United States upgrade their military ties</h1>"
    + "".join(f"<p>{paragraph}</p>" for paragraph in SEED.split("\n\n") if paragraph.strip())
    + "</article><footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"
)
SLOW_SECONDS = 1.5


class Handler(BaseHTTPRequestHandler):
    """The pages the tests fetch, by path; every request is logged on the server."""

    server: Server

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        self.server.requests.append(self.path)
        path = self.path
        if path == "/article":
            self._send(200, ARTICLE_HTML.encode("utf-8"), "text/html; charset=utf-8")
        elif path == "/plain":
            self._send(200, SEED.encode("utf-8"), "text/plain; charset=utf-8")
        elif path == "/latin1":
            body = ARTICLE_HTML.replace("U.S.", "U.S. caf\xe9").encode("latin-1", "replace")
            self._send(200, body, "text/html; charset=latin-1")
        elif path == "/moved":
            self._redirect("/article")
        elif path == "/loop":
            self._redirect("/loop")
        elif path.startswith("/chain/"):
            left = int(path.rsplit("/", 1)[1])
            self._redirect(f"/chain/{left - 1}" if left else "/article")
        elif path == "/to-file":
            self._redirect("file:///etc/passwd")
        elif path == "/to-ftp":
            self._redirect("ftp://127.0.0.1/article.html")
        elif path == "/slow":
            time.sleep(SLOW_SECONDS)
            self._send(200, ARTICLE_HTML.encode("utf-8"), "text/html")
        elif path == "/trickle":  # headers at once, then a byte at a time: no single read waits long
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            deadline = time.monotonic() + SLOW_SECONDS
            try:
                while time.monotonic() < deadline:
                    self.wfile.write(b"<p>a</p>")
                    self.wfile.flush()
                    time.sleep(0.02)
            except OSError:
                pass
        elif path == "/big":
            self._send(200, b"<p>" + b"word " * 400_000 + b"</p>", "text/html")
        elif path == "/big-unannounced":  # no Content-Length: the cap must hold while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for _ in range(200):
                    self.wfile.write(b"<p>" + b"word " * 2_000 + b"</p>")
            except OSError:
                pass
            self.close_connection = True
        elif path in ("/gzip", "/gzip-bomb"):  # compressed though the client asked for identity
            raw = ARTICLE_HTML.encode("utf-8") if path == "/gzip" else b"<p>" + b" " * 5_000_000 + b"</p>"
            self._send(200, gzip.compress(raw), "text/html; charset=utf-8", {"Content-Encoding": "gzip"})
        elif path == "/brotli":
            self._send(200, b"\x1b\x00\x00", "text/html", {"Content-Encoding": "br"})
        elif path == "/pdf":
            self._send(200, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "application/pdf")
        elif path == "/empty":
            self._send(200, b"", "text/html")
        elif path == "/menu-only":
            body = b"<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>"
            self._send(200, body, "text/html")
        else:
            self._send(404, b"<h1>Not Found</h1>", "text/html")

    def _send(self, code: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):  # the client may hang up first (a size cap, a timeout)
            self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


class Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    requests: list[str]


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    httpd = Server(("127.0.0.1", 0), Handler)
    httpd.requests = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests go straight to 127.0.0.1, whatever proxy the machine has set; and the network is on."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    monkeypatch.delenv("SUMMARIZE_OFFLINE", raising=False)


def url(server: Server, path: str) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}{path}"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("summarize: error: "), err
    assert "Traceback" not in err
    return lines[0]


def test_an_article_url_is_fetched_and_summarised_like_the_html_file(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = url(server, "/article")
    code, out, err = run([page, "--words", "60", "--format", "json"], capsys)
    assert code == 0, err
    summary = json.loads(out)
    assert summary["sources"] == [{"id": page, "title": None, "url": page, "published": None}]
    assert {s["source"] for s in summary["sentences"]} == {page}
    assert "tracking pixel" not in summary["text"] and "Copyright" not in summary["text"]
    # the same page from a file: the same sentences (the boilerplate removal is the file's)
    file = tmp_path / "article.html"
    file.write_text(ARTICLE_HTML, encoding="utf-8")
    code, from_file, err = run([str(file), "--words", "60"], capsys)
    assert code == 0, err
    assert summary["text"] + "\n" == from_file


def test_plain_text_and_a_declared_charset(server: Server, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run([url(server, "/plain"), "--sentences", "2"], capsys)
    assert code == 0, err
    assert out.strip() and out.strip() in " ".join(SEED.split())
    code, out, err = run(["split", url(server, "/latin1")], capsys)
    assert code == 0, err
    assert "café" in out and "warning" not in err  # decoded by the Content-Type's charset, not guessed


def test_redirects_are_followed_and_the_citation_is_where_the_page_was_served(
    server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run([url(server, "/moved"), "--sentences", "1", "--format", "json"], capsys)
    assert code == 0, err
    source = json.loads(out)["sources"][0]
    assert source["id"] == url(server, "/moved") and source["url"] == url(server, "/article")
    code, _, err = run([url(server, "/chain/9"), "--sentences", "1"], capsys)  # ten redirects: the limit
    assert code == 0, err


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "cannot fetch {url}: HTTP 404"),
        ("/loop", "cannot fetch {url}: more than 10 redirects"),
        ("/chain/10", "cannot fetch {url}: more than 10 redirects"),
        ("/to-file", "redirected to a file: URL (file:///etc/passwd); only http and https are followed"),
        ("/to-ftp", "redirected to a ftp: URL"),
        ("/pdf", "not an article: the page is application/pdf"),
        ("/empty", "cannot fetch {url}: empty page"),
        ("/menu-only", "no sentences found in the input"),
    ],
)
def test_a_page_that_cannot_be_used_is_one_error_line(
    server: Server, capsys: pytest.CaptureFixture[str], path: str, reason: str
) -> None:
    page = url(server, path)
    code, out, err = run([page], capsys)
    assert code == 1 and out == ""
    assert reason.format(url=page) in one_error_line(err)


def test_a_redirect_to_a_file_url_reads_no_file(server: Server, capsys: pytest.CaptureFixture[str]) -> None:
    before = len(server.requests)
    code, out, err = run(["split", url(server, "/to-file")], capsys)
    assert code == 1 and out == "" and "root:" not in err
    assert "redirected to a file: URL" in one_error_line(err)
    assert server.requests[before:] == ["/to-file"]  # asked the server, then refused to follow


@pytest.mark.parametrize("path", ["/slow", "/trickle"])
def test_a_slow_server_times_out(server: Server, capsys: pytest.CaptureFixture[str], path: str) -> None:
    page = url(server, path)
    started = time.monotonic()
    code, out, err = run([page, "--timeout", "0.3"], capsys)
    elapsed = time.monotonic() - started
    assert code == 1 and out == ""
    assert f"cannot fetch {page}: timed out after 0.3 s" in one_error_line(err)
    assert elapsed < SLOW_SECONDS  # gave up before the server finished


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "1e300"])
def test_a_timeout_that_is_not_positive_is_a_usage_error(
    server: Server, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    before = len(server.requests)
    code, out, err = run([url(server, "/article"), "--timeout", value], capsys)
    assert code == 2 and out == ""
    assert "the timeout must be a number of seconds above 0 and at most 86400" in one_error_line(err)
    assert len(server.requests) == before


@pytest.mark.parametrize("path", ["/big", "/big-unannounced"])
def test_a_page_past_max_input_bytes_is_refused(server: Server, capsys: pytest.CaptureFixture[str], path: str) -> None:
    page = url(server, path)
    code, out, err = run([page, "--max-input-bytes", "100000"], capsys)
    assert code == 1 and out == ""
    assert f"input too large: {page} takes it past the limit of 100,000 bytes" in one_error_line(err)


def test_a_compressed_page_is_inflated_within_the_limit(server: Server, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run([url(server, "/gzip"), "--sentences", "1"], capsys)
    assert code == 0 and out.strip(), err
    page = url(server, "/gzip-bomb")  # 5 KB on the wire, 5 MB inflated
    code, out, err = run([page, "--max-input-bytes", "1000000"], capsys)
    assert code == 1 and f"input too large: {page} takes it past the limit" in one_error_line(err)
    code, out, err = run([url(server, "/brotli")], capsys)
    assert code == 1 and "compressed as br, which is not read" in one_error_line(err)


def test_the_limit_counts_files_and_pages_together(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "seed.txt"
    file.write_text(SEED, encoding="utf-8")
    size = len(SEED.encode("utf-8"))
    page = url(server, "/plain")
    code, _, err = run([str(file), page, "--max-input-bytes", str(2 * size)], capsys)
    assert code == 0, err
    code, _, err = run([str(file), page, "--max-input-bytes", str(2 * size - 1)], capsys)
    assert code == 1 and f"input too large: {page}" in one_error_line(err)


@pytest.mark.parametrize(
    "argument",
    ["file:///etc/passwd", "FILE:/etc/hostname", "ftp://127.0.0.1/article.txt", "data:text/plain,Hello%20world."],
)
def test_other_schemes_are_refused_before_anything_is_read(
    server: Server, capsys: pytest.CaptureFixture[str], argument: str
) -> None:
    before = len(server.requests)
    code, out, err = run([url(server, "/article"), argument], capsys)
    assert code == 1 and out == ""
    scheme = argument.split(":")[0].lower()
    assert f"{scheme}: URLs are not fetched, only http:// and https://" in one_error_line(err)
    assert len(server.requests) == before  # refused before the good URL was fetched


def test_offline_refuses_urls_before_anything_is_read(
    server: Server, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = url(server, "/article")
    before = len(server.requests)
    code, out, err = run([page, "--offline"], capsys)
    assert code == 2 and out == ""
    assert f"refusing to fetch {page}: --offline" in one_error_line(err)
    monkeypatch.setenv("SUMMARIZE_OFFLINE", "1")
    code, out, err = run(["split", page], capsys)
    assert code == 2 and "SUMMARIZE_OFFLINE is set" in one_error_line(err)
    code, out, err = run([str(ROOT / "seeds"), "--sentences", "1"], capsys)  # files are still read
    assert code == 0 and out.strip(), err
    assert len(server.requests) == before
    monkeypatch.setenv("SUMMARIZE_OFFLINE", "0")
    code, out, err = run([page, "--sentences", "1"], capsys)
    assert code == 0, err


def test_a_url_among_files_that_cannot_be_fetched_is_a_warning(
    server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = url(server, "/missing")
    code, out, err = run([str(ROOT / "seeds"), missing, "--sentences", "1"], capsys)
    assert code == 0 and out.strip()
    assert f"summarize: warning: skipped {missing}: HTTP 404" in err


def test_the_python_api_never_fetches_text_or_paths(server: Server) -> None:
    from summarize import InputError, summarize

    page = url(server, "/article")
    before = len(server.requests)
    summary = summarize([page + " was in the news today, the agency said.", SEED], sentences=1)
    assert summary.sentences
    summary = summarize([page, SEED], sentences=1)  # a bare URL is text too, never a request
    assert summary.sentences
    with pytest.raises(InputError, match="is a URL"):
        summarize([Path(page)], sentences=1)
    assert server.requests[before:] == []


def test_load_url_fetches_on_purpose_and_honours_offline(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    from summarize import InputError, UsageError, load_url, summarize

    document = load_url(url(server, "/article"), timeout=5)
    assert document.id == url(server, "/article") and document.format == "html"
    assert summarize([document], sentences=1).sentences[0].document == document.id
    with pytest.raises(InputError, match="HTTP 404"):
        load_url(url(server, "/missing"))
    with pytest.raises(InputError, match="input too large"):
        load_url(url(server, "/big"), max_bytes=1000)
    with pytest.raises(InputError, match="file: URLs are not fetched"):
        load_url("file:///etc/passwd")
    with pytest.raises(UsageError, match="timeout"):
        load_url(url(server, "/article"), timeout=float("inf"))
    monkeypatch.setenv("SUMMARIZE_OFFLINE", "1")
    before = len(server.requests)
    with pytest.raises(UsageError, match="SUMMARIZE_OFFLINE"):
        load_url(url(server, "/article"))
    assert len(server.requests) == before


def test_a_cluster_files_url_field_is_metadata_never_fetched(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = url(server, "/article")
    cluster = tmp_path / "cluster.json"
    cluster.write_text(json.dumps({"id": "c", "documents": [{"id": "a", "url": page, "text": SEED}]}), "utf-8")
    lines = tmp_path / "clusters.jsonl"
    lines.write_text(json.dumps({"id": "c", "documents": [{"id": "a", "url": page, "text": SEED}]}) + "\n", "utf-8")
    before = len(server.requests)
    code, out, err = run([str(cluster), "--sentences", "1", "--format", "json"], capsys)
    assert code == 0, err
    assert json.loads(out)["sources"][0]["url"] == page
    code, out, err = run(["batch", str(lines), "--sentences", "1"], capsys)
    assert code == 0, err
    assert json.loads(out)["summary"]["sources"][0]["url"] == page
    assert server.requests[before:] == []


@pytest.mark.parametrize(("argument", "reason"), [("http://[::1", "not a valid URL"), ("http://", "no host given")])
def test_a_malformed_url_is_one_error_line(argument: str, reason: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run([argument], capsys)
    assert code == 1 and out == ""
    assert f"cannot fetch {argument}: {reason}" in one_error_line(err)


def test_a_url_given_twice_is_fetched_once(server: Server, capsys: pytest.CaptureFixture[str]) -> None:
    page = url(server, "/plain")
    before = len(server.requests)
    code, out, err = run([page, page, "--sentences", "1"], capsys)
    assert code == 0 and out.strip()
    assert f"summarize: warning: skipped {page}: already read" in err
    assert server.requests[before:] == ["/plain"]


def test_commands_that_read_files_only_refuse_urls_without_a_request(
    server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    page = url(server, "/article")
    before = len(server.requests)
    code, out, err = run(["stories", page], capsys)
    assert code == 1 and out == ""
    assert f"{page} is a URL, not fetched here" in one_error_line(err)
    assert server.requests[before:] == []
