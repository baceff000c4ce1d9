"""A polite HTTP fetcher for the watch list: robots.txt, a per-host delay, timeouts,
conditional GET (ETag / Last-Modified), a size limit and at most a few redirects, each
checked against robots.txt. IO at the edge; every failure is a ``FetchError`` with a kind a
curator can act on (dns, connect, timeout, http, robots, too_large, redirect, url).

Names under ``.localhost`` are loopback (RFC 6761 §6.3): they are connected to 127.0.0.1
without asking the resolver, which is how the tests' fixture sites are reached offline.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

USER_AGENT = "VuongMacWatch/1.0 (+https://github.com/vuongmac; dashboard of local difficulties)"
DEFAULT_DELAY = 2.0  # seconds between two requests to one host
DEFAULT_TIMEOUT = 15.0  # seconds for connecting, and for the whole response
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5


class FetchError(RuntimeError):
    """A fetch that failed; ``kind`` is one of dns, connect, timeout, http, robots,
    too_large, redirect, url; ``status`` the HTTP status when there is one."""

    def __init__(self, kind: str, url: str, detail: str, status: int | None = None) -> None:
        super().__init__(f"{kind}: {url}: {detail}")
        self.kind, self.url, self.detail, self.status = kind, url, detail, status


@dataclass(frozen=True, slots=True)
class Response:
    url: str  # after redirects
    status: int  # 200, or 304 (not modified: body empty)
    body: bytes
    content_type: str
    etag: str
    last_modified: str

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(slots=True)
class Fetcher:
    """One run's fetcher: it remembers each host's robots.txt and last request."""

    delay: float = DEFAULT_DELAY
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    user_agent: str = USER_AGENT
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)
    requests: int = 0

    @classmethod
    def from_env(cls) -> Fetcher:
        """The app's fetcher: VUONGMAC_WATCH_DELAY and VUONGMAC_WATCH_TIMEOUT (seconds)
        override the defaults; a value that is not a number in [0, 600] is ignored."""
        import os

        def seconds(name: str, default: float) -> float:
            try:
                value = float(os.environ.get(name, default))
            except ValueError:
                return default
            return value if 0 <= value <= 600 else default

        return cls(
            delay=seconds("VUONGMAC_WATCH_DELAY", DEFAULT_DELAY),
            timeout=seconds("VUONGMAC_WATCH_TIMEOUT", DEFAULT_TIMEOUT),
        )

    def get(self, url: str, etag: str = "", last_modified: str = "") -> Response:
        """GET ``url`` (following redirects), conditionally when ``etag`` or
        ``last_modified`` is given. Raises FetchError."""
        for _ in range(MAX_REDIRECTS + 1):
            self._check_robots(url)
            status, headers, body = self._request(url, etag, last_modified)
            if status in (301, 302, 303, 307, 308):
                target = headers.get("location", "")
                if not target:
                    raise FetchError("redirect", url, f"HTTP {status} without a Location")
                url = urljoin(url, target)
                etag = last_modified = ""  # the validators belonged to the old address
                continue
            if status == 304:
                return Response(url, 304, b"", "", etag, last_modified)
            if status >= 400:
                raise FetchError("http", url, f"HTTP {status}", status)
            return Response(
                url, status, body, headers.get("content-type", ""),
                headers.get("etag", ""), headers.get("last-modified", ""),
            )  # fmt: skip
        raise FetchError("redirect", url, f"more than {MAX_REDIRECTS} redirects")

    # -- robots.txt ------------------------------------------------------------------------

    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.path == "/robots.txt":
            return
        host = f"{parts.scheme}://{parts.netloc}"
        if host not in self._robots:
            self._robots[host] = self._load_robots(host)
        robots = self._robots[host]
        if robots is not None and not robots.can_fetch(self.user_agent, url):
            raise FetchError("robots", url, "disallowed by robots.txt")

    def _load_robots(self, host: str) -> urllib.robotparser.RobotFileParser | None:
        """The host's rules; None (everything allowed) when it has no robots.txt. A host
        that cannot be reached fails on the real request, with its own error."""
        try:
            status, _, body = self._request(f"{host}/robots.txt", "", "")
        except FetchError:
            return None
        if status >= 400:
            return None
        robots = urllib.robotparser.RobotFileParser()
        robots.parse(body.decode("utf-8", errors="replace").splitlines())
        return robots

    # -- one request -----------------------------------------------------------------------

    def _wait(self, netloc: str) -> None:
        last = self._last.get(netloc)
        if last is not None and (pause := self.delay - (time.monotonic() - last)) > 0:
            time.sleep(pause)
        self._last[netloc] = time.monotonic()

    def _request(self, url: str, etag: str, last_modified: str) -> tuple[int, dict, bytes]:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError("url", url, "not an http(s) address")
        host = parts.hostname
        address = "127.0.0.1" if host == "localhost" or host.endswith(".localhost") else host
        port = parts.port or (443 if parts.scheme == "https" else 80)
        self._wait(parts.netloc)
        self.requests += 1
        if parts.scheme == "https":
            context = ssl.create_default_context()
            conn: http.client.HTTPConnection = http.client.HTTPSConnection(
                address, port, timeout=self.timeout, context=context
            )
        else:
            conn = http.client.HTTPConnection(address, port, timeout=self.timeout)
        headers = {
            "Host": parts.netloc,
            "User-Agent": self.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/xml,application/rss+xml,"
            "application/atom+xml;q=0.9,*/*;q=0.5",
            "Accept-Encoding": "identity",
        }
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        path = parts.path or "/"
        if parts.query:
            path += f"?{parts.query}"
        deadline = time.monotonic() + self.timeout
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            found = {k.lower(): v for k, v in response.getheaders()}
            declared = found.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise FetchError(
                    "too_large", url, f"{int(declared):,} bytes (limit {self.max_bytes:,})"
                )
            chunks, size = [], 0
            while chunk := response.read(64 * 1024):
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError("too_large", url, f"more than {self.max_bytes:,} bytes")
                if time.monotonic() > deadline:
                    raise FetchError("timeout", url, f"no full answer in {self.timeout:g} s")
                chunks.append(chunk)
            return response.status, found, b"".join(chunks)
        except FetchError:
            raise
        except socket.gaierror as exc:
            raise FetchError("dns", url, f"name not found ({exc.strerror or exc})") from exc
        except TimeoutError as exc:
            raise FetchError("timeout", url, f"no answer in {self.timeout:g} s") from exc
        except ssl.SSLError as exc:
            raise FetchError("connect", url, f"TLS: {exc.reason or exc}") from exc
        except (ConnectionError, OSError, http.client.HTTPException) as exc:
            raise FetchError("connect", url, str(exc) or type(exc).__name__) from exc
        finally:
            conn.close()
