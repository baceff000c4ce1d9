"""Compressed static files: Streamlit serves its JavaScript bundles (and the root document)
uncompressed, because compressing them on every request costs CPU. Here each distinct body
is compressed once and kept (bounded), so a fresh browser downloads about a quarter of the
bytes and the server pays the compression once per file per process.

Brotli when the client accepts it and the ``brotli`` package is installed, else gzip.
Ranged requests, bodies already encoded, small or non-text bodies pass through unchanged.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from collections import OrderedDict

from vuongmac.web.guard import ASGIApp, Message, Receive, Scope, Send

try:  # a kept library when present; gzip (stdlib) otherwise
    import brotli
except ImportError:  # pragma: no cover - depends on the installation
    brotli = None

COMPRESSED_PREFIXES = ("/static/", "/app/static/")
MIN_SIZE = 1024
MAX_BODY = 32 * 1024 * 1024
COMPRESSIBLE = (
    b"text/",
    b"application/javascript",
    b"application/json",
    b"application/geo+json",
    b"application/xml",
    b"image/svg+xml",
    b"application/wasm",
    b"font/ttf",
    b"application/x-font-ttf",
    b"application/vnd.ms-fontobject",
)


def _wants(scope: Scope) -> str | None:
    """The encoding to send: "br", "gzip", or None."""
    if scope.get("method") not in ("GET",):
        return None
    path = scope.get("path", "")
    if not (path == "/" or path.startswith(COMPRESSED_PREFIXES)):
        return None
    accept = ""
    for name, value in scope.get("headers", []):
        if name == b"range":
            return None
        if name == b"accept-encoding":
            accept = value.decode("latin-1").lower()
    offered = {part.split(";")[0].strip() for part in accept.split(",")}
    if "br" in offered and brotli is not None:
        return "br"
    return "gzip" if "gzip" in offered else None


class _Cache:
    """Compressed bodies by (encoding, digest of the plain body), least recently used first
    out beyond ``max_bytes``."""

    def __init__(self, max_bytes: int = 96 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[tuple[str, bytes], bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, encoding: str, body: bytes) -> bytes:
        key = (encoding, hashlib.blake2b(body, digest_size=16).digest())
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
                return hit
        packed = (
            brotli.compress(body, quality=6)
            if encoding == "br"
            else gzip.compress(body, compresslevel=6, mtime=0)
        )
        with self._lock:
            if key not in self._items:
                self._items[key] = packed
                self._size += len(packed)
                while self._size > self.max_bytes and self._items:
                    _, old = self._items.popitem(last=False)
                    self._size -= len(old)
        return packed


class StaticCompression:
    def __init__(self, app: ASGIApp, cache: _Cache | None = None) -> None:
        self.app = app
        self.cache = cache or _Cache()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        encoding = _wants(scope) if scope["type"] == "http" else None
        if encoding is None:
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0
        passing = False  # not compressible: stream the rest straight through

        async def capture(message: Message) -> None:
            nonlocal start, size, passing
            if passing:
                await send(message)
                return
            if message["type"] == "http.response.start":
                start = message
                if not _compressible(message):
                    passing = True
                    await send(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            body = message.get("body", b"")
            chunks.append(body)
            size += len(body)
            if size > MAX_BODY:  # too big to hold: send what we have as it is
                passing = True
                await send(start)
                more = message.get("more_body", False)
                await send(
                    {"type": "http.response.body", "body": b"".join(chunks), "more_body": more}
                )
                return
            if message.get("more_body", False):
                return
            plain = b"".join(chunks)
            if len(plain) < MIN_SIZE:
                await send(start)
                await send({"type": "http.response.body", "body": plain})
                return
            packed = self.cache.get(encoding, plain)
            headers = [
                (n, v)
                for n, v in start.get("headers", [])
                if n.lower() not in (b"content-length", b"vary")
            ]
            vary = b", ".join(
                [v for n, v in start.get("headers", []) if n.lower() == b"vary"]
                + [b"Accept-Encoding"]
            )
            headers += [
                (b"content-encoding", encoding.encode()),
                (b"content-length", str(len(packed)).encode()),
                (b"vary", vary),
            ]
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": packed})

        await self.app(scope, receive, capture)


def _compressible(start: Message) -> bool:
    if start.get("status") != 200:
        return False
    headers: dict[bytes, bytes] = {n.lower(): v for n, v in start.get("headers", [])}
    if b"content-encoding" in headers:
        return False
    kind = headers.get(b"content-type", b"").lower()
    return kind.startswith(COMPRESSIBLE)
