"""Fetching a page by its http(s) URL, politely and within limits.

One GET per hop with httpx: a User-Agent naming the project, a time limit on the whole fetch (not only
on each read, so a server that trickles bytes is cut off too), a size limit on the body (checked on the
announced length and on the bytes received, after decompression), redirects followed by hand (at most
``max_redirects``, only to http and https URLs) and robots.txt obeyed at every origin visited
(RFC 9309: a robots.txt that is missing or refused with a 4xx allows everything; one that cannot be
fetched, a 5xx, a 429 or a time-out, allows nothing).  Only HTML and plain-text answers are accepted.

Every failure is a :class:`FetchError` whose message is one line naming the URL and the problem.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from ilo_kg import __version__

__all__ = ["USER_AGENT", "FetchError", "FetchLimits", "Fetched", "fetch", "is_url"]

PROJECT_URL = "https://w3id.org/ilo-kg/"
USER_AGENT = f"ilo-kg/{__version__} (+{PROJECT_URL})"
ROBOTS_AGENT = "ilo-kg"  # the product token robots.txt groups are matched against
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class FetchError(Exception):
    """A page that could not be fetched; the message is one line."""


@dataclass(frozen=True)
class FetchLimits:
    timeout_s: float = 30.0
    """Time limit of the whole fetch (robots.txt, redirects and body), in seconds."""
    max_bytes: int = 5_000_000
    """Largest page body accepted, in bytes (after decompression)."""
    max_redirects: int = 5
    """Most redirects followed."""
    robots_max_bytes: int = 512_000
    """robots.txt is read up to this size (RFC 9309 asks for at least 500 KiB)."""


@dataclass(frozen=True)
class Fetched:
    url: str
    """The URL asked for."""
    final_url: str
    """The URL answered, after redirects."""
    media_type: str
    """``text/html``, ``application/xhtml+xml`` or ``text/plain``."""
    charset: str | None
    """The charset of the ``Content-Type`` header, if any."""
    body: bytes
    retrieved: datetime
    """When the answer came (UTC)."""

    @property
    def is_html(self) -> bool:
        return self.media_type in HTML_TYPES


def is_url(source: str) -> bool:
    """True for something that names a URL (``scheme://``) rather than a file."""
    scheme, sep, _ = source.partition("://")
    return bool(sep) and scheme.isalpha()


class _Unreachable(FetchError):
    """The host could not be reached at all (name, connection)."""


def _check_url(url: str, what: str = "URL") -> None:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError when out of range
        httpx.URL(url)
    except (ValueError, httpx.InvalidURL) as exc:
        raise FetchError(f"{url!r}: not a valid {what}: {exc}") from exc
    if parts.scheme.lower() not in {"http", "https"}:
        raise FetchError(f"{url}: only http and https {what}s can be fetched, not {parts.scheme or 'this'}")
    if not parts.hostname:
        raise FetchError(f"{url}: no host in the {what}")
    if parts.username is not None or parts.password is not None:
        raise FetchError(
            f"{_safe(url)}: a {what} with a user name or password is not fetched (it would be kept)"
        )


def _safe(url: str) -> str:
    """The URL without its user name and password, for messages."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    return parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class _Session:
    def __init__(self, client: httpx.Client, limits: FetchLimits) -> None:
        self.client = client
        self.limits = limits
        self.deadline = time.monotonic() + limits.timeout_s
        self.robots: dict[str, RobotFileParser] = {}

    def remaining(self, url: str) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise FetchError(f"{url}: timed out after {self.limits.timeout_s:g} s")
        return left

    def get(self, url: str) -> httpx.Response:
        """Send a GET and return the streamed response (headers read, body not yet)."""
        request = self.client.build_request("GET", url, timeout=httpx.Timeout(self.remaining(url)))
        try:
            return self.client.send(request, stream=True)
        except httpx.TimeoutException as exc:
            raise FetchError(f"{url}: timed out after {self.limits.timeout_s:g} s (no answer)") from exc
        except httpx.ConnectError as exc:
            raise _Unreachable(f"{url}: cannot connect to {urlsplit(url).hostname}: {_reason(exc)}") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: {type(exc).__name__}: {_reason(exc)}") from exc

    def read(self, url: str, response: httpx.Response, limit: int, *, cut: bool = False) -> bytes:
        """The body, at most ``limit`` bytes: past it an error, or (``cut``) the first ``limit`` bytes."""
        announced = response.headers.get("content-length", "")
        if announced.isdigit() and int(announced) > limit and not cut:
            raise FetchError(f"{url}: too large ({int(announced):,} bytes announced; the limit is {limit:,})")
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_bytes():
                self.remaining(url)
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    if cut:
                        break
                    raise FetchError(f"{url}: too large (more than {limit:,} bytes; the limit is {limit:,})")
        except httpx.TimeoutException as exc:
            raise FetchError(f"{url}: timed out after {self.limits.timeout_s:g} s (reading)") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: {type(exc).__name__} while reading: {_reason(exc)}") from exc
        return b"".join(chunks)[:limit]

    def allowed(self, url: str) -> None:
        """Raise unless the robots.txt of the URL's origin lets this project fetch it."""
        origin = _origin(url)
        rules = self.robots.get(origin)
        if rules is None:
            try:
                rules = self.robots[origin] = self.read_robots(origin)
            except _Unreachable as exc:  # the host itself: say so about the page
                raise FetchError(str(exc).replace(f"{origin}/robots.txt", url, 1)) from exc
        if not rules.can_fetch(USER_AGENT, url):
            raise FetchError(f"{url}: {origin}/robots.txt disallows it for {ROBOTS_AGENT}; not fetched")

    def read_robots(self, origin: str) -> RobotFileParser:
        url = f"{origin}/robots.txt"
        rules = RobotFileParser(url)
        for _ in range(self.limits.max_redirects + 1):
            try:
                response = self.get(url)
            except _Unreachable:
                raise
            except FetchError as exc:
                raise FetchError(f"{exc}; without robots.txt nothing is fetched from {origin}") from exc
            try:
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    url = urljoin(url, response.headers["location"])
                    if urlsplit(url).scheme.lower() not in {"http", "https"}:
                        break
                    continue
                if 400 <= response.status_code < 500 and response.status_code != 429:
                    rules.parse([])  # RFC 9309 2.3.1.3: unavailable, so no rules
                elif response.status_code >= 300:  # 5xx, 429 (asked to slow down), a 3xx that goes nowhere
                    raise FetchError(
                        f"{url}: HTTP {response.status_code} {response.reason_phrase}; without robots.txt "
                        f"nothing is fetched from {origin}"
                    )
                else:
                    body = self.read(url, response, self.limits.robots_max_bytes, cut=True)
                    rules.parse(body.decode("utf-8", errors="replace").splitlines())
                rules.modified()
                return rules
            finally:
                response.close()
        rules.parse([])  # too many redirects: unavailable (RFC 9309 2.3.1.2)
        rules.modified()
        return rules


def _reason(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    if "Name or service not known" in text or "nodename nor servname" in text or "getaddrinfo" in text:
        return f"the host name does not resolve ({text})"
    return text.splitlines()[0]


def _media(response: httpx.Response) -> tuple[str, str | None]:
    header = response.headers.get("content-type", "")
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media.strip().lower(), charset


def fetch(
    url: str, limits: FetchLimits | None = None, *, transport: httpx.BaseTransport | None = None
) -> Fetched:
    """GET an HTML or plain-text page; :class:`FetchError` for anything else (see the module docstring)."""
    limits = limits or FetchLimits()
    _check_url(url)
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.8",
    }
    with httpx.Client(headers=headers, follow_redirects=False, transport=transport) as client:
        session = _Session(client, limits)
        current = url
        for hop in range(limits.max_redirects + 1):
            session.allowed(current)
            response = session.get(current)
            try:
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    target = urljoin(current, response.headers["location"])
                    if hop == limits.max_redirects:
                        raise FetchError(f"{url}: too many redirects (more than {limits.max_redirects})")
                    _check_url(target, "redirect target URL")
                    current = target
                    continue
                if response.status_code >= 300 or response.status_code in {204, 205}:
                    where = current if current == url else f"{current} (redirected from {url})"
                    raise FetchError(f"{where}: HTTP {response.status_code} {response.reason_phrase}")
                media, charset = _media(response)
                if media and media not in HTML_TYPES | TEXT_TYPES:
                    raise FetchError(f"{current}: not an HTML or plain-text page (Content-Type: {media})")
                body = session.read(current, response, limits.max_bytes)
            finally:
                response.close()
            if not media:  # no Content-Type: HTML if it looks like it, else plain text
                media = "text/html" if b"<html" in body[:2048].lower() else "text/plain"
            return Fetched(url, current, media, charset, body, datetime.now(UTC).replace(microsecond=0))
    raise AssertionError("unreachable")  # pragma: no cover
