"""Curator passwords for an offline office network (no identity provider reachable).

Accounts live in ``.streamlit/secrets.toml`` (never in the repository)::

    [curators]
    lan = "pbkdf2_sha256$600000$<salt>$<hash>"     # python -m vuongmac hash-password

Hashes are salted PBKDF2-SHA256; comparison is constant-time; three failures within 15
minutes lock the account for 15 minutes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Mapping

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 600_000
MAX_FAILURES = 3
WINDOW_SECONDS = 15 * 60
LOCK_SECONDS = 15 * 60


def hash_password(password: str, *, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    if not password:
        raise ValueError("empty password")
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    b64 = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
    return f"{ALGORITHM}${iterations}${b64(salt)}${b64(digest)}"


# A stored hash with fewer iterations than this is refused (a 1-iteration hash typed into
# secrets.toml would make every guess cheap). Hashes made here use ITERATIONS.
MIN_ITERATIONS = 1_000


def verify_password(password: str, encoded: str) -> bool:
    try:
        algorithm, iterations, salt, expected = encoded.split("$")
        if algorithm != ALGORITHM or int(iterations) < MIN_ITERATIONS:
            return False
        digest = hashlib.pbkdf2_hmac(
            "sha256", password.encode("utf-8"), base64.b64decode(salt), int(iterations)
        )
        return hmac.compare_digest(digest, base64.b64decode(expected))
    except (ValueError, TypeError):
        return False


class Lockout:
    """Failed attempts per account, shared by every session of the process."""

    def __init__(self) -> None:
        self._failures: dict[str, list[float]] = {}
        self._locked_until: dict[str, float] = {}
        self._lock = threading.Lock()

    def locked_for(self, user: str, now: float | None = None) -> float:
        """Seconds the account stays locked (0 if it is not)."""
        now = time.time() if now is None else now
        with self._lock:
            return max(0.0, self._locked_until.get(user, 0.0) - now)

    def failure(self, user: str, now: float | None = None) -> None:
        now = time.time() if now is None else now
        with self._lock:
            recent = [t for t in self._failures.get(user, []) if now - t < WINDOW_SECONDS] + [now]
            self._failures[user] = recent
            if len(recent) >= MAX_FAILURES:
                self._locked_until[user] = now + LOCK_SECONDS
                self._failures[user] = []

    def success(self, user: str) -> None:
        with self._lock:
            self._failures.pop(user, None)


def check_login(
    accounts: Mapping[str, str],
    lockout: Lockout,
    user: str,
    password: str,
    now: float | None = None,
) -> tuple[bool, str]:
    """(ok, reason). A locked account is refused even with the right password."""
    user = user.strip()
    if lockout.locked_for(user, now) > 0:
        return False, "locked"
    encoded = accounts.get(user)
    # Verify against a dummy hash for unknown users, so timing does not reveal who exists.
    ok = verify_password(password, encoded or _DUMMY)
    if ok and encoded:
        lockout.success(user)
        return True, "ok"
    lockout.failure(user, now)
    return False, "locked" if lockout.locked_for(user, now) > 0 else "wrong"


_DUMMY = hash_password("not-a-password", salt=b"0" * 16, iterations=ITERATIONS)
