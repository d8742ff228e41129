"""Fetch one web page for the load stage: http(s) only, with a timeout, a size cap and a bounded number of redirects.

Only the command line (an http:// or https:// argument) and ``summarize.load.load_url``, called on purpose, come
here; text given to the Python API never becomes a network call, and a cluster file's ``url`` field is metadata,
never fetched. The opener is built from the HTTP and HTTPS handlers alone, so no ``file:``, ``ftp:`` or ``data:``
URL can be opened, not even through a redirect; redirects are followed here, one at a time, each target checked.
No compression is asked for (``Accept-Encoding: identity``), so the size cap counts the bytes as they arrive; a
server that compresses anyway (gzip, deflate) has its page inflated within the same cap.
Proxies are taken from the environment (``https_proxy``, ``no_proxy``), as curl and pip do.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the network modules are imported by ``fetch`` only, so the CLI starts fast
    import urllib.request

DEFAULT_TIMEOUT = 30.0  # seconds: to connect, for each read, and for the whole download
MAX_TIMEOUT = 86_400.0  # a day: beyond it the socket and clock arithmetic overflow long before a page arrives
MAX_REDIRECTS = 10  # as urllib's own redirect handler; browsers allow 20
FETCHED_SCHEMES = ("http", "https")
OFFLINE_VARIABLE = "SUMMARIZE_OFFLINE"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain", "text/markdown"})
_REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
# "scheme://..." is a URL; so is "scheme:..." for the schemes without "//" a user may paste (data:, mailto:, ...).
# A scheme has two letters at least, so a Windows drive ("C:\\...") stays a path.
_URL = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]+://|(?:data|file|mailto|javascript|about|ftp|https?):)", re.IGNORECASE)
_PATH_SAFE = "/:@!$&'()*+,;=%~-._"  # characters kept as they are in a path, query or fragment (RFC 3986)


class FetchError(Exception):
    """The page cannot be used: the message is the reason, in a few lower-case words."""


class PageTooLarge(FetchError):
    """The page holds more bytes than were allowed; the caller names the limit."""


@dataclass(frozen=True)
class Page:
    """A fetched page: the body as it arrived, its media type (lower case, "" when not given) and charset."""

    url: str
    final_url: str
    media_type: str
    charset: str | None
    body: bytes


def is_url(argument: str) -> bool:
    """True for an argument written as a URL (``https://...``, ``file:...``, ``data:...``), whatever its scheme."""
    return _URL.match(argument) is not None


def url_scheme(url: str) -> str:
    """The scheme of a URL, lower case (``"https"``)."""
    return url.split(":", 1)[0].lower()


def offline_requested(environ: Mapping[str, str] = os.environ) -> bool:
    """True when ``SUMMARIZE_OFFLINE`` is set to anything but "", "0", "false" or "no"."""
    return environ.get(OFFLINE_VARIABLE, "").strip().lower() not in ("", "0", "false", "no")


def timeout_problem(timeout: float) -> str | None:
    """Why ``timeout`` is not a usable number of seconds (not in (0, MAX_TIMEOUT], NaN), or None."""
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 0 < timeout <= MAX_TIMEOUT:
        return f"the timeout must be a number of seconds above 0 and at most {MAX_TIMEOUT:g}, got {timeout!r}"
    return None


def check_scheme(url: str) -> None:
    """FetchError for any URL that is not http(s) (``file:``, ``ftp:``, ``data:``, ...)."""
    scheme = url_scheme(url)
    if scheme not in FETCHED_SCHEMES:
        raise FetchError(f"{scheme}: URLs are not fetched, only http and https (give a local file as a path)")


def fetch(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int | None = None,
    max_redirects: int = MAX_REDIRECTS,
    user_agent: str = "summarize",
) -> Page:
    """GET an http(s) URL and return its body; FetchError (PageTooLarge past ``max_bytes``) with the reason.

    ``timeout`` bounds the connection, each read and the whole download; a ``Content-Length`` past ``max_bytes``
    is refused before the body is read, and no read asks for more than one byte past it.
    """
    import http.client
    import urllib.error
    import urllib.parse
    import urllib.request

    check_scheme(url)
    problem = timeout_problem(timeout)
    if problem:
        raise ValueError(problem)
    deadline = time.monotonic() + timeout
    opener = _opener()
    try:
        current = _quoted(url)
    except (ValueError, UnicodeError) as error:  # "http://[::1", a host label of 64 characters
        raise FetchError(f"not a valid URL ({error})") from None
    for _ in range(max_redirects + 1):
        request = urllib.request.Request(
            current,
            headers={
                "User-Agent": user_agent,
                "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
                "Accept-Encoding": "identity",
            },
        )
        try:
            response = opener.open(request, timeout=max(deadline - time.monotonic(), 0.001))
        except urllib.error.HTTPError as error:
            with error:
                if error.code not in _REDIRECT_CODES:
                    raise FetchError(f"HTTP {error.code} {error.reason}".rstrip()) from None
                location = error.headers.get("Location")
            if not location:
                raise FetchError(f"HTTP {error.code} redirect without a Location") from None
            target = urllib.parse.urljoin(current, location.strip())
            if url_scheme(target) not in FETCHED_SCHEMES:
                raise FetchError(
                    f"redirected to a {url_scheme(target)[:20]}: URL ({target[:200]}); only http and https are followed"
                ) from None
            try:
                current = _quoted(target)
            except (ValueError, UnicodeError) as error:
                raise FetchError(f"redirected to an invalid URL ({error})") from None
            continue
        except (urllib.error.URLError, OSError, ValueError, UnicodeError, http.client.HTTPException) as error:
            raise FetchError(_reason(error, timeout)) from None
        with response:
            body = _read_body(response, max_bytes, deadline, timeout)
            headers = response.headers
            body = _decompressed(body, headers.get("Content-Encoding", ""), max_bytes)
            return Page(
                url=url,
                final_url=response.geturl(),
                media_type=headers.get_content_type() if headers.get("Content-Type") else "",
                charset=headers.get_content_charset(),
                body=body,
            )
    raise FetchError(f"more than {max_redirects} redirects")


def _opener() -> urllib.request.OpenerDirector:
    """An opener for http and https only (proxies from the environment), which follows no redirect by itself."""
    import urllib.request

    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _read_body(response: Any, max_bytes: int | None, deadline: float, timeout: float) -> bytes:
    """The body, refused (PageTooLarge) past ``max_bytes`` by its Content-Length or while reading."""
    import http.client

    headers = response.headers
    declared = headers.get("Content-Length", "").strip()
    if max_bytes is not None and declared.isdigit() and int(declared) > max_bytes:
        raise PageTooLarge(f"{int(declared):,} bytes")
    left = None if max_bytes is None else max_bytes + 1
    chunks: list[bytes] = []
    try:
        while left is None or left > 0:
            if time.monotonic() > deadline:
                raise FetchError(f"timed out after {timeout:g} s")
            # read1: what one socket read gives, so a server trickling bytes cannot hold a read past the deadline
            chunk = response.read1(_CHUNK if left is None else min(_CHUNK, left))
            if not chunk:
                break
            chunks.append(chunk)
            if left is not None:
                left -= len(chunk)
    except (OSError, ValueError, http.client.HTTPException) as error:
        raise FetchError(_reason(error, timeout)) from None
    body = b"".join(chunks)
    if max_bytes is not None and len(body) > max_bytes:
        raise PageTooLarge(f"more than {max_bytes:,} bytes")
    return body


def _decompressed(body: bytes, encoding: str, max_bytes: int | None) -> bytes:
    """The body a server compressed though asked not to (gzip or deflate), inflated to at most ``max_bytes``."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return body
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise FetchError(f"the page is compressed as {encoding[:40]}, which is not read")
    import zlib

    # wbits 47: a gzip or zlib header, told apart by its magic; raw deflate (what some servers mean) is the fallback
    for wbits in (47, -15):
        inflater = zlib.decompressobj(wbits)
        try:
            data = inflater.decompress(body, (max_bytes + 1) if max_bytes is not None else 0)
        except zlib.error:
            continue
        if max_bytes is not None and (len(data) > max_bytes or inflater.unconsumed_tail):
            raise PageTooLarge(f"more than {max_bytes:,} bytes once decompressed")
        return data
    raise FetchError(f"the page is not valid {encoding}")


def _quoted(url: str) -> str:
    """The URL with spaces and non-ASCII characters percent-encoded (an IDN host as punycode), as browsers send it."""
    import urllib.parse

    parts = urllib.parse.urlsplit(url.strip())
    netloc = parts.netloc
    if not netloc.isascii():
        userinfo, at, host_port = netloc.rpartition("@")
        host, colon, port = host_port.partition(":")
        netloc = userinfo + at + host.encode("idna").decode("ascii") + colon + port
    return urllib.parse.urlunsplit(
        (
            parts.scheme,
            netloc,
            urllib.parse.quote(parts.path, safe=_PATH_SAFE),
            urllib.parse.quote(parts.query, safe=_PATH_SAFE + "?"),
            urllib.parse.quote(parts.fragment, safe=_PATH_SAFE + "?#"),
        )
    )


def _reason(error: BaseException, timeout: float) -> str:
    """A short lower-case reason for a network error ("connection refused", "timed out after 30 s")."""
    import socket
    import ssl
    import urllib.error

    cause = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(cause, (TimeoutError, socket.timeout)):
        return f"timed out after {timeout:g} s"
    if isinstance(cause, socket.gaierror):
        return "host not found"
    if isinstance(cause, ssl.SSLCertVerificationError):
        return f"certificate not trusted ({cause.verify_message})"
    if isinstance(cause, OSError) and cause.strerror:
        return cause.strerror.lower()
    text = str(cause).strip() or type(cause).__name__
    return text[:200]
