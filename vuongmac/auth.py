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
from collections.abc import Callable, Iterable, Mapping

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
        self._attempts = threading.Lock()  # held through check, verify and record

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

    def attempt(
        self, user: str, client: str | None, verify: Callable[[], bool], now: float | None = None
    ) -> tuple[bool, str]:
        """Check, verify and record as one step (the lock is held throughout)."""
        with self._attempts:
            if self.locked_for(user, now) > 0:
                return False, "locked"
            if verify():
                self.success(user)
                return True, "ok"
            self.failure(user, now)
            return False, "locked" if self.locked_for(user, now) > 0 else "wrong"


# Back-off in the store: a client address is slowed after 3 failures, an account after 8
# (so a stranger's guesses slow the stranger first and cannot lock a curator out for long);
# each further failure doubles the wait, from 30 s up to 15 minutes.
CLIENT_THRESHOLD = 3
ACCOUNT_THRESHOLD = 8
FIRST_DELAY = 30
MAX_DELAY = 15 * 60


def backoff_seconds(failures: int, threshold: int) -> int:
    if failures < threshold:
        return 0
    return min(MAX_DELAY, FIRST_DELAY * 2 ** (failures - threshold))


class StoreLockout:
    """Failed sign-ins per account and per client address, kept in the curated store: they
    survive restarts and are shared by every server process. Check, verify and record run in
    one serialised write transaction, so parallel attempts cannot slip past the count."""

    def __init__(self, store) -> None:  # noqa: ANN001 (vuongmac.store.Store)
        self.store = store

    def attempt(
        self, user: str, client: str | None, verify: Callable[[], bool], now: float | None = None
    ) -> tuple[bool, str]:
        from sqlalchemy import delete, insert, select

        from vuongmac.store.schema import signin_attempts as t

        now_s = int(time.time() if now is None else now)
        subjects = {f"account:{user[:200]}": ACCOUNT_THRESHOLD}
        if client:
            subjects[f"client:{client[:200]}"] = CLIENT_THRESHOLD
        with self.store.write(bump=False) as conn:
            if not self.store.is_sqlite:  # SQLite's BEGIN IMMEDIATE already serialises
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(4245)")
            rows = {
                r.subject: r for r in conn.execute(select(t).where(t.c.subject.in_(list(subjects))))
            }
            if any(r.locked_until > now_s for r in rows.values()):
                return False, "locked"
            ok = verify()
            locked = False
            for subject, threshold in subjects.items():
                failures = 0 if ok else (rows[subject].failures if subject in rows else 0) + 1
                wait = backoff_seconds(failures, threshold)
                locked = locked or wait > 0
                conn.execute(delete(t).where(t.c.subject == subject))
                if failures:
                    conn.execute(
                        insert(t).values(
                            subject=subject, failures=failures, locked_until=now_s + wait
                        )
                    )
        if ok:
            return True, "ok"
        return False, "locked" if locked else "wrong"


def check_login(
    accounts: Mapping[str, str],
    lockout: Lockout | StoreLockout,
    user: str,
    password: str,
    now: float | None = None,
    client: str | None = None,
) -> tuple[bool, str]:
    """(ok, reason). A locked account or client is refused even with the right password."""
    user = user.strip()
    encoded = accounts.get(user)

    def verify() -> bool:
        # Against a dummy hash for unknown users, so timing does not reveal who exists.
        ok = verify_password(password, encoded or _DUMMY)
        return bool(ok and encoded)

    return lockout.attempt(user, client, verify, now)


_DUMMY = hash_password("not-a-password", salt=b"0" * 16, iterations=ITERATIONS)


def oidc_curator(info: Mapping[str, object], allowed: Iterable[str]) -> str | None:
    """The curator an identity provider signed in, or None: the e-mail must be verified by
    the provider (``email_verified``) and on the allowed list, compared case-insensitively
    ("Lan@So.gov.vn" is lan@so.gov.vn). Returns the e-mail in lower case."""
    email = str(info.get("email") or "").strip()
    verified = info.get("email_verified")
    if not email or not (verified is True or str(verified).lower() == "true"):
        return None
    wanted = {str(a).strip().casefold() for a in allowed if str(a).strip()}
    return email.casefold() if email.casefold() in wanted else None
