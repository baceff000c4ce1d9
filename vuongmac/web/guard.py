"""The guard in front of Streamlit's server: uploads for curators only, rate limits per
client, no public metrics, and standard security headers on every response.

A pure ASGI middleware (no request body is buffered, websockets pass through untouched once
admitted). Limits are generous for people and tight for scripts:

- HTTP requests other than static files: 600 a minute per client address (static files,
  cached bodies, are not counted: an office behind one address opens many fresh browsers);
- new websocket sessions: 120 a minute (60 at once) per client address;
- uploads: signed-in curators' sessions only, 60 a minute (30 at once) per address and per
  session.
"""

from __future__ import annotations

import json
import os
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from vuongmac.web import uploads
from vuongmac.web.ratelimit import Buckets, Rate

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

UPLOAD_PATH = "/_stcore/upload_file/"
REQUESTS = Rate(600, 200)
SOCKETS = Rate(120, 60)
UPLOADS_PER_CLIENT = Rate(60, 30)
UPLOADS_PER_SESSION = Rate(60, 30)
METRICS_PATH = "/_stcore/metrics"
STATIC_FILES = ("/static/", "/app/static/")  # Streamlit's bundles and our static folder
STATIC_PREFIXES = (*STATIC_FILES, "/favicon")

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"content-security-policy", b"frame-ancestors 'self'; object-src 'none'; base-uri 'self'"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
)

MESSAGES = {
    403: "Chỉ biên tập viên đã đăng nhập mới được tải tệp lên. / "
    "Only signed-in curators can upload files.",
    404: "Không có trang này. / Not found.",
    429: "Quá nhiều yêu cầu, xin thử lại sau ít phút. / Too many requests, try again shortly.",
}


TRUSTED_PROXIES = frozenset(
    a.strip()
    for a in os.environ.get("VUONGMAC_TRUSTED_PROXIES", "127.0.0.1,::1").split(",")
    if a.strip()
)


def _client(scope: Scope, trusted: frozenset[str] = TRUSTED_PROXIES) -> str:
    """The client's address: the peer's, or, when the peer is a trusted reverse proxy (by
    default one on this machine), the last address it put in ``X-Forwarded-For``, so the
    limits count people, not the proxy."""
    client = scope.get("client")
    peer = str(client[0]) if client else "unknown"
    if peer in trusted:
        for name, value in scope.get("headers", []):
            if name == b"x-forwarded-for":
                forwarded = [a.strip() for a in value.decode("latin-1").split(",") if a.strip()]
                if forwarded:
                    return forwarded[-1]
    return peer


async def _refuse(send: Send, status: int, retry_after: int | None = None) -> None:
    body = json.dumps({"error": MESSAGES[status]}, ensure_ascii=False).encode()
    headers = [
        (b"content-type", b"application/json; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        *SECURITY_HEADERS,
    ]
    if retry_after is not None:
        headers.append((b"retry-after", str(retry_after).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def upload_session(path: str) -> str | None:
    """The session id of an upload URL (``/_stcore/upload_file/<session>/<file>``)."""
    at = path.find(UPLOAD_PATH)
    if at < 0:
        return None
    parts = path[at + len(UPLOAD_PATH) :].split("/")
    return parts[0] if parts and parts[0] else ""


class Guard:
    def __init__(
        self,
        app: ASGIApp,
        *,
        public_metrics: bool | None = None,
        requests: Rate = REQUESTS,
        sockets: Rate = SOCKETS,
        uploads_per_client: Rate = UPLOADS_PER_CLIENT,
        uploads_per_session: Rate = UPLOADS_PER_SESSION,
        trusted_proxies: frozenset[str] = TRUSTED_PROXIES,
    ) -> None:
        self.app = app
        self.trusted_proxies = trusted_proxies
        if public_metrics is None:
            public_metrics = os.environ.get("VUONGMAC_PUBLIC_METRICS") == "1"
        self.public_metrics = public_metrics
        self.requests = Buckets(requests)
        self.sockets = Buckets(sockets)
        self.uploads_per_client = Buckets(uploads_per_client)
        self.uploads_per_session = Buckets(uploads_per_session)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind == "websocket":
            if not self.sockets.take(_client(scope, self.trusted_proxies)):
                await send({"type": "websocket.close", "code": 1008})
                return
            await self.app(scope, receive, send)
            return
        if kind != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        client = _client(scope, self.trusted_proxies)
        if path.endswith(METRICS_PATH) and not self.public_metrics:
            await _refuse(send, 404)
            return
        if not path.startswith(STATIC_PREFIXES) and not self.requests.take(client):
            await _refuse(send, 429, retry_after=30)
            return
        session = upload_session(path)
        if session is not None and scope.get("method") in ("PUT", "DELETE", "POST"):
            if not uploads.allowed(session):
                await _refuse(send, 403)
                return
            if not (
                self.uploads_per_client.take(client) and self.uploads_per_session.take(session)
            ):
                await _refuse(send, 429, retry_after=60)
                return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (name, value) for name, value in SECURITY_HEADERS if name not in present
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)
