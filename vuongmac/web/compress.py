"""The frontend's bytes: compressed once, and the first page told what it will need.

- **Compression.** Streamlit serves its JavaScript bundles (and the root document)
  uncompressed, because compressing them on every request costs CPU. Here each distinct
  body is compressed once and kept (bounded), so a fresh browser downloads about a quarter
  of the bytes and the server pays the compression once per file per process. Brotli when
  the client accepts it, else gzip; ranged requests, bodies already encoded, small or
  non-text bodies pass through unchanged.
- **Preloading.** Streamlit loads a component's code only when the first element of that
  kind arrives over the websocket, so a first visit downloads the 4 MB chart bundle after
  the script has run: a waterfall. The HTML document (every page path serves it) gets
  ``<link rel="modulepreload">`` for the chunks every page of ours shows (charts, markdown,
  the sidebar's pickers and date inputs) and a preload of the icon font, so they load while
  the script runs. It also says the page is Vietnamese (``lang="vi"``).
- **Language.** The document carries ``localize.page_script()`` and the bundle that
  filters select options gets ``localize.PATCHES`` (see ``localize``).
"""

from __future__ import annotations

import gzip
import hashlib
import re
import threading
from collections import OrderedDict
from functools import cache
from pathlib import Path

from vuongmac.web import localize
from vuongmac.web.guard import STATIC_FILES, ASGIApp, Message, Receive, Scope, Send

try:  # a kept library when present; gzip (stdlib) otherwise
    import brotli
except ImportError:  # pragma: no cover - depends on the installation
    brotli = None

NOT_DOCUMENTS = ("/_stcore/", *STATIC_FILES, "/component/", "/media/", "/auth/")
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
)
# Chunks every page of ours uses (by the name before the content hash), and the icon font.
PRELOAD_CHUNKS = ("PlotlyChart", "StreamlitMarkdown", "Multiselect", "DateInput", "DateField")
PRELOAD_FONTS = ("MaterialSymbols-Rounded",)


@cache
def preload_tags(static: Path | None) -> bytes:
    """The ``<link>`` tags for the chunk files of a frontend build (``static``: the folder
    holding its ``js/`` and ``media/``; None: no preloads)."""
    if static is None:
        return b""
    tags = []
    for name in PRELOAD_CHUNKS:
        for path in sorted((static / "js").glob(f"{name}.*.js")):
            tags.append(f'<link rel="modulepreload" crossorigin href="./static/js/{path.name}">')
    for name in PRELOAD_FONTS:
        for path in sorted((static / "media").glob(f"{name}.*.woff2")):
            tags.append(
                f'<link rel="preload" as="font" type="font/woff2" crossorigin'
                f' href="./static/media/{path.name}">'
            )
    return "\n    ".join(tags).encode()


_HTML_LANG = re.compile(rb'<html lang="[^"]*">')


def rewrite_document(html: bytes, tags: bytes) -> bytes:
    """Streamlit's index.html with ``lang="vi"``, our page script first in ``<head>`` (it
    must run before the bundles read the locale) and ``tags`` before ``</head>``."""
    html = _HTML_LANG.sub(b'<html lang="vi">', html, count=1)
    html = html.replace(b"<head>", b"<head>\n    " + localize.page_script(), 1)
    return html.replace(b"</head>", tags + b"\n  </head>", 1)


def _headers(scope: Scope) -> dict[bytes, str]:
    return {n: v.decode("latin-1").lower() for n, v in scope.get("headers", [])}


def _encoding(headers: dict[bytes, str]) -> str | None:
    """The encoding to send: "br", "gzip", or None."""
    offered = {
        part.split(";")[0].strip() for part in headers.get(b"accept-encoding", "").split(",")
    }
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
    """``static``: the frontend build's static folder, whose chunks the documents preload
    (the caller knows where the frontend is; this layer does not import it)."""

    def __init__(
        self, app: ASGIApp, static: Path | None = None, cache: _Cache | None = None
    ) -> None:
        self.app = app
        self.cache = cache or _Cache()
        self.tags = preload_tags(static)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        headers = _headers(scope)
        if b"range" in headers:
            await self.app(scope, receive, send)
            return
        document = not path.startswith(NOT_DOCUMENTS) and "text/html" in headers.get(b"accept", "")
        if not (document or path == "/" or path.startswith(STATIC_FILES)):
            await self.app(scope, receive, send)
            return
        encoding = _encoding(headers)
        downstream = scope
        if document:  # the plain document from Streamlit: we rewrite it, then compress it
            downstream = dict(scope)
            downstream["headers"] = [
                (n, v) for n, v in scope.get("headers", []) if n != b"accept-encoding"
            ]
        await self._buffered(downstream, receive, send, encoding, document, path)

    async def _buffered(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        encoding: str | None,
        document: bool,
        path: str,
    ) -> None:
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0
        passing = False  # not for us: stream the rest straight through

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
            more = message.get("more_body", False)
            if size > MAX_BODY:  # too big to hold: send what we have as it is
                passing = True
                await send(start)
                await send(
                    {"type": "http.response.body", "body": b"".join(chunks), "more_body": more}
                )
                return
            if more:
                return
            plain = b"".join(chunks)
            kind = dict((n.lower(), v) for n, v in start.get("headers", [])).get(
                b"content-type", b""
            )
            if document and kind.startswith(b"text/html"):
                plain = rewrite_document(plain, self.tags)
            elif path.startswith(STATIC_FILES):
                plain = localize.patch_bundle(path, plain)
            if encoding is None or len(plain) < MIN_SIZE:
                await send(
                    {
                        **start,
                        "headers": _replace(start, [(b"content-length", str(len(plain)).encode())]),
                    }
                )
                await send({"type": "http.response.body", "body": plain})
                return
            packed = self.cache.get(encoding, plain)
            vary = b", ".join(
                [v for n, v in start.get("headers", []) if n.lower() == b"vary"]
                + [b"Accept-Encoding"]
            )
            extra = [
                (b"content-encoding", encoding.encode()),
                (b"content-length", str(len(packed)).encode()),
                (b"vary", vary),
            ]
            await send({**start, "headers": _replace(start, extra)})
            await send({"type": "http.response.body", "body": packed})

        await self.app(scope, receive, capture)


def _replace(start: Message, extra: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    names = {n for n, _ in extra}
    return [(n, v) for n, v in start.get("headers", []) if n.lower() not in names] + extra


def _compressible(start: Message) -> bool:
    if start.get("status") != 200:
        return False
    headers: dict[bytes, bytes] = {n.lower(): v for n, v in start.get("headers", [])}
    if b"content-encoding" in headers:
        return False
    kind = headers.get(b"content-type", b"").lower()
    return kind.startswith(COMPRESSIBLE)
