"""Polite HTTP fetching: robots.txt, one request at a time per host with a pause between them, timeouts,
retries with backoff for what may pass (timeouts, 429, 5xx), a size limit, conditional GET.

Every failure is a `FetchError` whose message says what happened to which URL, so the watcher can log one
line for it and go on with the other sources.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from peristiwa import __version__

USER_AGENT = f"peristiwa/{__version__} (news event coder; follows robots.txt)"
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class FetchOptions:
    timeout: float = 10.0  # seconds to connect, and between bytes; a whole response gets `deadline`
    deadline: float = 30.0  # seconds for one response, however slowly it trickles in
    max_bytes: int = 5_000_000  # a feed or page larger than this is refused (a news page is ~100 kB)
    retries: int = 2  # further tries after a timeout, a 429 or a 5xx
    backoff: float = 1.0  # seconds before the first retry; doubled for each next one
    host_delay: float = 1.0  # seconds between two requests to one host
    max_redirects: int = 5
    robots: bool = True  # obey robots.txt
    user_agent: str = USER_AGENT


class FetchError(Exception):
    """One URL could not be fetched; `lasting` when trying again later will not help (404, 410, too large …)."""

    def __init__(self, url: str, reason: str, lasting: bool = False) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.lasting = lasting


@dataclass(slots=True)
class Fetched:
    url: str  # after redirects
    status: int
    body: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(slots=True)
class _Host:
    lock: threading.Lock = field(default_factory=threading.Lock)
    last: float = 0.0
    robots: RobotFileParser | None = None


class Fetcher:
    """Thread-safe: many threads may fetch at once; requests to one host go one at a time, spaced."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        self.client = httpx.Client(
            timeout=httpx.Timeout(self.options.timeout),
            follow_redirects=True,
            max_redirects=self.options.max_redirects,
            headers={"User-Agent": self.options.user_agent},
        )
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET `url` (conditionally, when validators are given); raise FetchError."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FetchError(url, "not an http(s) URL", lasting=True)
        host = self._host(parts.netloc)
        if self.options.robots and not self._allowed(host, url):
            raise FetchError(url, "robots.txt of the site disallows it", lasting=True)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for attempt in range(self.options.retries + 1):
            try:
                with self._turn(host):
                    return self._once(url, headers)
            except FetchError as error:
                if error.lasting or attempt == self.options.retries:
                    raise
                time.sleep(self.options.backoff * 2**attempt)
        raise AssertionError("unreachable")

    def _host(self, netloc: str) -> _Host:
        with self._hosts_lock:
            return self._hosts.setdefault(netloc.lower(), _Host())

    @contextmanager
    def _turn(self, host: _Host) -> Iterator[None]:
        with host.lock:
            wait = host.last + self.options.host_delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                yield
            finally:
                host.last = time.monotonic()

    def _once(self, url: str, headers: dict[str, str]) -> Fetched:
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                if response.status_code == 304:
                    return Fetched(str(response.url), 304, etag=response.headers.get("etag"))
                _check_status(url, response.status_code)
                body = self._body(url, response)
                return Fetched(
                    str(response.url),
                    response.status_code,
                    body,
                    response.headers.get("content-type"),
                    response.headers.get("etag"),
                    response.headers.get("last-modified"),
                )
        except httpx.TooManyRedirects as error:
            raise FetchError(url, f"more than {self.options.max_redirects} redirects (a loop?)", True) from error
        except httpx.TimeoutException as error:
            raise FetchError(url, f"no answer within {self.options.timeout:g}s (timeout)") from error
        except httpx.HTTPError as error:
            raise FetchError(url, f"request failed ({type(error).__name__}: {error})") from error

    def _body(self, url: str, response: httpx.Response) -> bytes:
        limit = self.options.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"response is {int(declared):,} bytes, over the {limit:,}-byte limit", True)
        started = time.monotonic()
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(url, f"response is over the {limit:,}-byte limit; not read further", True)
            if time.monotonic() - started > self.options.deadline:
                raise FetchError(url, f"response still incomplete after {self.options.deadline:g}s (too slow)")
            chunks.append(chunk)
        return b"".join(chunks)

    def _allowed(self, host: _Host, url: str) -> bool:
        if host.robots is None:
            host.robots = self._robots(url)
        return host.robots.can_fetch(self.options.user_agent, url)

    def _robots(self, url: str) -> RobotFileParser:
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        parser = RobotFileParser(robots_url)
        try:
            response = self.client.get(robots_url, timeout=self.options.timeout)
        except httpx.HTTPError:
            parser.parse([])  # unreachable robots.txt: as if there were none (the page fetch will fail anyway)
            return parser
        if response.status_code in (401, 403):
            parser.parse(["User-agent: *", "Disallow: /"])  # as urllib does: the site keeps robots out
        elif response.status_code < 400:
            parser.parse(response.text[:500_000].splitlines())
        else:
            parser.parse([])
        return parser


def _check_status(url: str, status: int) -> None:
    if status < 400:
        return
    if status in RETRY_STATUS:
        raise FetchError(url, f"the server answered {status}; will try again later")
    meaning = {404: "not found", 410: "gone", 401: "needs a login", 403: "forbidden"}.get(status, "client error")
    raise FetchError(url, f"the server answered {status} ({meaning})", lasting=True)
