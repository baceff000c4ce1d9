"""Which Streamlit sessions may upload files: those of signed-in curators.

Streamlit's upload endpoint (``PUT /_stcore/upload_file/<session>/<file>``) accepts any
live session by default, readers' too. A curator page registers its session here when it
has checked the sign-in (``allow``); signing out revokes it. The guard middleware refuses
every other upload. Process-wide and thread-safe: Streamlit runs scripts on threads and the
middleware on the event loop of the same process.
"""

from __future__ import annotations

import threading
import time

TTL_SECONDS = 12 * 3600  # a session idle for longer signs in again before uploading

_lock = threading.Lock()
_allowed: dict[str, float] = {}  # session id -> when the allowance ends (monotonic)


def allow(session_id: str, now: float | None = None) -> None:
    now = time.monotonic() if now is None else now
    with _lock:
        _allowed[session_id] = now + TTL_SECONDS
        if len(_allowed) > 10_000:  # drop expired entries now and then
            for sid in [s for s, until in _allowed.items() if until < now]:
                del _allowed[sid]


def revoke(session_id: str) -> None:
    with _lock:
        _allowed.pop(session_id, None)


def allowed(session_id: str, now: float | None = None) -> bool:
    now = time.monotonic() if now is None else now
    with _lock:
        until = _allowed.get(session_id)
        return until is not None and until >= now
