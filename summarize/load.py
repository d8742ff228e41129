"""Load stage: turn the paths the user gave (files, directories, ``-`` for stdin, http(s) URLs) into Documents.

Only reading and decoding happen here; boilerplate removal is ``summarize.clean``'s job, so an HTML file keeps
its raw markup in ``Document.text``. Problems with single files become warnings (one line per skipped file);
problems that leave nothing to summarise raise ``InputError`` with one clear line.

Decoding rule, in order:

1. a byte-order mark decides: UTF-8 (BOM dropped), UTF-32 or UTF-16;
2. otherwise strict UTF-8;
3. otherwise, if the bytes look like binary data (a NUL byte, or more than 10% C0 control characters other than
   tab, newline, form feed and carriage return) the file is skipped with a warning;
4. otherwise (text in a legacy 8-bit encoding) an HTML file's own ``<meta charset>`` is tried, then Windows-1252
   (Latin-1 for the five bytes cp1252 leaves undefined), and a warning says so.

A file that decodes but has no visible text is skipped with a warning too.

The input as a whole may hold at most ``max_bytes`` bytes (``DEFAULT_MAX_INPUT_BYTES`` unless told otherwise, the
CLI's ``--max-input-bytes``): a file's size is checked before it is read, and no read asks for more than what is
left, so an oversized input is refused without being read into memory. A cluster file (JSON or JSONL) is checked
by its size on disk and then read whole (``summarize.clusters``).

A URL is fetched only when the caller asks for it (``fetch_urls=True``, as the CLI does unless ``--offline`` or
``SUMMARIZE_OFFLINE=1``; or ``load_url``), and only over http(s) (``summarize.fetch``): its bytes count against the
same limit, its Content-Type says HTML or text, and the page keeps its markup for ``summarize.clean`` like an HTML
file. Its id is the URL as given, its ``url`` the address it was served from after redirects.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
import warnings as python_warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO, TextIO

from summarize.clusters import CLUSTER_SUFFIXES, read_article_file, read_cluster_file
from summarize.errors import InputError, UsageError, os_reason, warn_caller
from summarize.fetch import (
    DEFAULT_TIMEOUT,
    FETCHED_SCHEMES,
    is_url,
    offline_requested,
    timeout_problem,
    url_scheme,
)
from summarize.options import DEFAULT_MAX_INPUT_BYTES  # re-exported: the limit lives with the other defaults
from summarize.types import Document, Format

TEXT_SUFFIXES: frozenset[str] = frozenset({".txt", ".md"})
HTML_SUFFIXES: frozenset[str] = frozenset({".html", ".htm"})
SUPPORTED = ".txt, .md, .html, .htm"
CONTROL_SHARE_MAX = 0.10
STDIN_ID = "-"
_CHUNK = 1 << 20  # bytes (or characters) asked for per read

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: the UTF-32-LE mark starts with the UTF-16-LE one
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_HTML_SNIFF = re.compile(r"\s{0,200}(?:<!--.{0,500}?-->\s*)?<(?:!doctype\s+html|html[\s>]|head[\s>])", re.IGNORECASE)


@dataclass(frozen=True)
class LoadResult:
    """The documents read, in input order, and one human-readable line per file skipped or decoded with a guess."""

    documents: tuple[Document, ...]
    warnings: tuple[str, ...]
    size: int = 0  # bytes read, counted against ``max_bytes``


class UnreadableFile(Exception):
    """A file that cannot be used (binary, undecodable, unreadable); the message is the reason for the warning."""


class _Allowance:
    """What is left of the input size limit; None means unlimited."""

    def __init__(self, limit: int | None) -> None:
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
            raise UsageError(f"the input size limit must be a number of bytes, got {limit!r}")
        self.limit = limit
        self.used = 0

    def check(self, size: int, where: str) -> None:
        """Raise InputError when ``size`` more bytes from ``where`` would pass the limit."""
        if self.limit is not None and self.used + size > self.limit:
            raise input_too_large(self.limit, where)

    def take(self, size: int, where: str) -> None:
        """Count ``size`` bytes read from ``where``, or raise InputError when they pass the limit."""
        self.check(size, where)
        self.used += size

    def read(self, stream: BinaryIO | TextIO) -> Any:
        """Read a stream (bytes or text) to its end, in chunks, stopping one unit past what the limit leaves."""
        left = None if self.limit is None else self.limit - self.used + 1
        chunks: list[Any] = []  # all bytes or all str, as the stream gives
        while left is None or left > 0:
            chunk = stream.read(_CHUNK if left is None else min(_CHUNK, left))
            if not chunk:
                break
            chunks.append(chunk)
            if left is not None:
                left -= len(chunk)
        return chunks[0][:0].join(chunks) if chunks else stream.read(0)


def input_too_large(limit: int, where: str) -> InputError:
    """The one-line error for input over the size limit, naming where it was passed and how to raise it."""
    return InputError(
        f"input too large: {where} takes it past the limit of {_human_size(limit)}; "
        "raise the limit with --max-input-bytes (max_input_bytes in Python)"
    )


def text_size(text: str) -> int:
    """A text's size in bytes as UTF-8, what the input limit counts for text given directly."""
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


def _human_size(size: int) -> str:
    mib = 1024 * 1024
    return f"{size / mib:g} MiB ({size:,} bytes)" if size >= mib else f"{size:,} bytes"


def load_documents(
    paths: Sequence[str | Path],
    recursive: bool = False,
    stdin: TextIO | None = None,
    max_bytes: int | None = DEFAULT_MAX_INPUT_BYTES,
    fetch_urls: bool = False,
    fetch_timeout: float = DEFAULT_TIMEOUT,
) -> LoadResult:
    """Read every file named or found under the directories named, in argument order (each directory in path order).

    A file named explicitly is read even if hidden; inside directories hidden entries are skipped. A file reached
    twice is read once. Raises InputError for a missing path, an empty directory, an explicitly named single
    file that cannot be read, when nothing readable is left, or when the files together pass ``max_bytes``
    (None: no limit); any other problem is a warning. An http(s) URL is fetched when ``fetch_urls`` is true
    (``fetch_timeout`` seconds at most), a page that cannot be fetched treated as a file that cannot be read; any
    other URL, or any URL without ``fetch_urls``, is an InputError before anything is read.
    """
    allowance = _Allowance(max_bytes)
    if not paths:
        raise InputError("no input given: name files, directories or - for standard input")
    for given in paths:
        check_url_argument(os.fspath(given), fetch_urls)
    documents: list[Document] = []
    warnings: list[str] = []
    seen: set[str] = set()
    for given in paths:
        given_str = os.fspath(given)
        if given_str == STDIN_ID:
            if STDIN_ID in seen:
                warnings.append("skipped -: standard input given more than once")
                continue
            seen.add(STDIN_ID)
            try:
                documents.append(_read_stdin(stdin if stdin is not None else sys.stdin, warnings, allowance))
            except UnreadableFile as skip:
                warnings.append(f"skipped -: {skip}")
            continue
        if is_url(given_str):
            if given_str in seen:
                warnings.append(f"skipped {given_str}: already read")
                continue
            seen.add(given_str)
            try:
                documents.append(_read_url(given_str, warnings, allowance, fetch_timeout))
            except UnreadableFile as skip:
                if len(paths) == 1:
                    raise InputError(f"cannot fetch {given_str}: {skip}") from None
                warnings.append(f"skipped {given_str}: {skip}")
            continue
        path = Path(given_str)
        try:
            st = path.stat()
        except FileNotFoundError:
            raise InputError(f"no such file or directory: {given_str}") from None
        except OSError as err:
            if len(paths) == 1:
                raise InputError(f"cannot open {given_str}: {os_reason(err)}") from None
            warnings.append(f"skipped {given_str}: {os_reason(err)}")
            continue
        is_dir = stat.S_ISDIR(st.st_mode)
        if is_dir:
            files = _directory_files(path, recursive, warnings)
            if files is None:
                raise InputError(f"empty directory: {given_str}")
            candidates = [(f, _doc_id(path, f)) for f in files]
        else:
            candidates = [(path, path.as_posix())]
        for file, doc_id in candidates:
            key = _identity(file)
            if key in seen:
                warnings.append(f"skipped {doc_id}: already read")
                continue
            seen.add(key)
            if not is_dir and file.suffix.lower() in CLUSTER_SUFFIXES:  # hook (issue 7): a cluster file
                allowance.take(st.st_size, doc_id)  # its size counts too, checked before it is read
                documents.extend(read_cluster_file(file, warnings))
                continue
            try:
                documents.append(_read_file(file, doc_id, warnings, allowance))
            except UnreadableFile as skip:
                if len(paths) == 1 and not is_dir:
                    raise InputError(f"cannot read {doc_id}: {skip}") from None
                warnings.append(f"skipped {doc_id}: {skip}")
    if not documents:
        more = f"; {len(warnings) - 1} more" if len(warnings) > 1 else ""
        detail = f" ({warnings[0].removeprefix('skipped ')}{more})" if warnings else ""
        raise InputError(f"nothing readable among the inputs{detail}")
    return LoadResult(documents=tuple(documents), warnings=tuple(warnings), size=allowance.used)


def read_articles(
    paths: Sequence[str | Path],
    *,
    recursive: bool = False,
    stdin: TextIO | None = None,
    max_bytes: int | None = DEFAULT_MAX_INPUT_BYTES,
) -> list[Document]:
    """Articles for grouping into stories from files, directories, ``-`` and JSON/JSONL article lists, in argument
    order; every problem is one ``SummarizeWarning`` (``summarize stories`` prints them as warning lines).

    A ``.json``/``.jsonl`` argument is an article list read leniently (``summarize.clusters.read_article_file``);
    the other arguments are read by ``load_documents``. InputError when no article with text is left.
    """
    documents: list[Document] = []
    run: list[str | Path] = []

    def flush() -> None:
        if not run:
            return
        try:
            result = load_documents(run, recursive=recursive, stdin=stdin, max_bytes=max_bytes)
        except InputError as error:
            if not str(error).startswith("nothing readable"):
                raise
            warn_caller(str(error))
        else:
            for message in result.warnings:
                warn_caller(message)
            documents.extend(result.documents)
        run.clear()

    for given in paths:
        if Path(given).suffix.lower() in CLUSTER_SUFFIXES and str(given) != STDIN_ID:
            flush()
            documents.extend(read_article_file(given, max_bytes))
        else:
            run.append(given)
    flush()
    if not documents:
        raise InputError("nothing readable among the inputs: no article with text")
    return documents


def check_url_argument(argument: str, fetch_urls: bool) -> None:
    """InputError for an argument written as a URL that will not be fetched: not http(s), or fetching is off."""
    if not is_url(argument):
        return
    scheme = url_scheme(argument)
    if scheme not in FETCHED_SCHEMES:
        raise InputError(
            f"refusing {_shorten(argument)}: {scheme}: URLs are not fetched, only http:// and https:// "
            "(give a local file as a path)"
        )
    if not fetch_urls:
        raise InputError(
            f"{_shorten(argument)} is a URL, not fetched here: `summarize URL` and `summarize split URL` fetch pages "
            "(summarize.load_url in Python)"
        )


def load_url(
    url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int | None = DEFAULT_MAX_INPUT_BYTES
) -> Document:
    """Fetch one http(s) page as a Document (id: the URL; ``url``: where it was served from after redirects).

    The one Python entry that touches the network, for a caller who means to: text given to ``summarize`` is
    never fetched. Raises UsageError when ``SUMMARIZE_OFFLINE`` is set, InputError when the page cannot be
    fetched in ``timeout`` seconds, is not http(s), is past ``max_bytes`` or is not HTML or text; a guessed
    encoding is a UserWarning.
    """
    if offline_requested():
        raise UsageError(f"refusing to fetch {_shorten(url)}: SUMMARIZE_OFFLINE is set")
    problem = timeout_problem(timeout)
    if problem:
        raise UsageError(problem)
    if not is_url(url):
        raise InputError(f"not a URL: {_shorten(url)} (give http:// or https://)")
    result = load_documents([url], max_bytes=max_bytes, fetch_urls=True, fetch_timeout=timeout)
    for message in result.warnings:
        python_warnings.warn(message, UserWarning, stacklevel=2)
    return result.documents[0]


def _read_url(url: str, warnings: list[str], allowance: _Allowance, timeout: float) -> Document:
    """Fetch and decode one page; UnreadableFile with the reason when it cannot be used (InputError past the limit).

    The Content-Type decides the format (HTML, or plain text); without one, the body is sniffed as stdin is.
    """
    from summarize import __version__
    from summarize.fetch import HTML_TYPES, TEXT_TYPES, FetchError, PageTooLarge, fetch

    left = None if allowance.limit is None else allowance.limit - allowance.used
    try:
        page = fetch(url, timeout=timeout, max_bytes=left, user_agent=f"summarize/{__version__}")
    except PageTooLarge:
        raise input_too_large(allowance.limit or 0, url) from None
    except FetchError as err:
        raise UnreadableFile(str(err)) from None
    allowance.take(len(page.body), url)
    fmt: Format | None = "html" if page.media_type in HTML_TYPES else "text" if page.media_type in TEXT_TYPES else None
    if page.media_type and fmt is None:
        raise UnreadableFile(f"not an article: the page is {page.media_type} (reading HTML and plain text)")
    text, note = _decode_page(page.body, page.charset, fmt != "text")
    if not text.strip():
        raise UnreadableFile("empty page")
    if note:
        warnings.append(f"{url}: {note}")
    return Document(text=text, id=url, url=page.final_url, format=fmt or sniff_format(text))


def _decode_page(data: bytes, charset: str | None, is_html: bool) -> tuple[str, str | None]:
    """A page's text: by the charset its Content-Type names (a byte-order mark first), else by the file rule."""
    if charset and not data.startswith(tuple(bom for bom, _ in _BOMS)) and not looks_binary(data):
        try:
            return data.decode(charset), None
        except (UnicodeDecodeError, LookupError):
            pass
    return decode_bytes(data, is_html=is_html)


def _shorten(text: str, width: int = 200) -> str:
    """``text`` cut to ``width`` characters for a one-line message."""
    return text if len(text) <= width else text[: width - 3] + "..."


def decode_bytes(data: bytes, is_html: bool = False) -> tuple[str, str | None]:
    """Decode a file's bytes by the module's rule; return the text and a note when the encoding was guessed.

    Raises UnreadableFile for binary data or a BOM-marked file whose bytes do not match its mark.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as err:
                raise UnreadableFile(
                    f"invalid {codec.upper().removesuffix('-SIG')} after its byte-order mark (byte {err.start})"
                ) from None
            text = text.removeprefix("\ufeff")
            if looks_binary(text.encode("utf-8", "surrogatepass")):  # a binary file that happens to open FF FE
                raise UnreadableFile("binary file, not text")
            return text, None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        bad_at = err.start
    else:
        if looks_binary(data):
            raise UnreadableFile("binary file, not text")
        return text, None
    if looks_binary(data):
        raise UnreadableFile("binary file, not text")
    if is_html:
        declared = _declared_charset(data)
        if declared is not None:
            try:
                return data.decode(declared), f"not UTF-8; decoded as {declared} as its <meta charset> says"
            except (UnicodeDecodeError, LookupError):
                pass
    return _decode_cp1252(data), f"not valid UTF-8 (byte {bad_at}); decoded as Windows-1252"


def looks_binary(data: bytes) -> bool:
    """True for a NUL byte or a high share of C0 control bytes: what ``file`` and git treat as binary."""
    if not data:
        return False
    if b"\x00" in data[: 1 << 20]:
        return True
    sample = data[: 1 << 16]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample) > CONTROL_SHARE_MAX


def sniff_format(text: str) -> Format:
    """Guess the format of unnamed input (stdin): HTML if it opens with a doctype or an <html>/<head> tag."""
    return "html" if _HTML_SNIFF.match(text) else "text"


def _decode_cp1252(data: bytes) -> str:
    """Windows-1252, a superset of Latin-1's printable range; bytes it leaves undefined decode as Latin-1."""
    return data.decode("cp1252", errors="latin1fallback")


def _latin1_fallback(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: decode the offending bytes as Latin-1 (for the five holes in cp1252)."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    return err.object[err.start : err.end].decode("latin-1"), err.end


codecs.register_error("latin1fallback", _latin1_fallback)


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML file declares in a <meta> tag within its first 4 KB, if Python knows that codec."""
    match = _META_CHARSET.search(data[:4096])
    if match is None:
        return None
    name = match.group(1).decode("ascii").lower()
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return None if codec in ("utf-8", "utf-16", "utf-32") else codec


def _file_format(path: Path) -> Format | None:
    """The format a file name's suffix announces, or None when the suffix is not one we read."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in HTML_SUFFIXES:
        return "html"
    return None


def _read_file(path: Path, doc_id: str, warnings: list[str], allowance: _Allowance) -> Document:
    """Read and decode one file; raise UnreadableFile with the reason when it cannot be used.

    Raises InputError, before reading, when the file would take the input past its size limit.
    """
    fmt = _file_format(path)
    if fmt is None:
        raise UnreadableFile(f"unsupported file type {path.suffix or '(no extension)'!r} (reading {SUPPORTED})")
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):  # a FIFO or device would block or never end
            raise UnreadableFile("not a regular file")
        allowance.check(st.st_size, doc_id)
        with path.open("rb") as handle:
            data = allowance.read(handle)  # bounded: a file growing after stat() cannot run past the limit
    except OSError as err:
        raise UnreadableFile(os_reason(err)) from None
    allowance.take(len(data), doc_id)
    text, note = decode_bytes(data, is_html=fmt == "html")
    if not text.strip():
        raise UnreadableFile("empty file")
    if note:
        warnings.append(f"{doc_id}: {note}")
    return Document(text=text, id=doc_id, format=fmt)


def _read_stdin(stream: TextIO, warnings: list[str], allowance: _Allowance) -> Document:
    """Read standard input: bytes through the decoding rule when available, else the text stream as is."""
    buffer = getattr(stream, "buffer", None)
    try:
        if buffer is not None:
            data = allowance.read(buffer)
            allowance.take(len(data), "standard input")
            text, note = decode_bytes(data)
            if note:
                warnings.append(f"-: {note}")
        else:
            text = allowance.read(stream)
            allowance.take(text_size(text), "standard input")
    except OSError as err:
        raise UnreadableFile(os_reason(err)) from None
    if not text.strip():
        raise UnreadableFile("standard input is empty")
    return Document(text=text, id=STDIN_ID, format=sniff_format(text))


def _directory_files(root: Path, recursive: bool, warnings: list[str]) -> list[Path] | None:
    """Files under a directory, sorted by path string; None when it holds nothing at all.

    Hidden entries and unsupported suffixes are skipped with a warning; symlinked directories are followed once
    (resolved directories are remembered, so symlink loops end).
    """
    found: list[Path] = []
    any_entry = False
    visited: set[tuple[int, int]] = set()
    for entry, is_dir in _walk(root, recursive, visited, warnings):
        any_entry = True
        if is_dir:
            continue
        name = entry.name
        if name.startswith("."):
            warnings.append(f"skipped {_doc_id(root, entry)}: hidden file")
        elif _file_format(entry) is None:
            warnings.append(
                f"skipped {_doc_id(root, entry)}: unsupported file type "
                f"{entry.suffix or '(no extension)'!r} (reading {SUPPORTED})"
            )
        else:
            found.append(entry)
    if not any_entry:
        return None
    found.sort(key=lambda p: _doc_id(root, p))
    return found


def _walk(
    directory: Path, recursive: bool, visited: set[tuple[int, int]], warnings: list[str]
) -> Iterator[tuple[Path, bool]]:
    """Yield (entry, is_directory) below ``directory``; descend only when recursive, never twice into one directory."""
    try:
        st = directory.stat()
    except OSError as err:
        warnings.append(f"skipped {directory.as_posix()}/: {os_reason(err)}")
        return
    key = (st.st_dev, st.st_ino)
    if key in visited:
        warnings.append(f"skipped {directory.as_posix()}/: directory already visited (symlink loop?)")
        return
    visited.add(key)
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as err:
        warnings.append(f"skipped {directory.as_posix()}/: {os_reason(err)}")
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()  # follows symlinks
        except OSError:
            is_dir = False
        if not is_dir:
            yield path, False
            continue
        yield path, True
        if entry.name.startswith("."):
            if recursive:
                warnings.append(f"skipped {path.as_posix()}/: hidden directory")
            continue
        if not recursive:
            warnings.append(f"skipped {path.as_posix()}/: a subdirectory, read only when recursing")
            continue
        yield from _walk(path, recursive, visited, warnings)


def _doc_id(root: Path, file: Path) -> str:
    """A stable id: the path as the user gave the directory, joined with the file's path relative to it."""
    relative = file.relative_to(root) if file.is_relative_to(root) else Path(file.name)
    return str(PurePosixPath(root.as_posix()) / PurePosixPath(relative.as_posix()))


def _identity(path: Path) -> str:
    """The resolved path, so one file named twice (or via a directory and directly) is read once."""
    try:
        return str(path.resolve())
    except OSError:
        return str(path.absolute())
