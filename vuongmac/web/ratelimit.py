"""Token buckets per key (a client address, a session), for the guard middleware."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rate:
    per_minute: float
    burst: int

    @property
    def per_second(self) -> float:
        return self.per_minute / 60.0


class Buckets:
    """``take(key)`` is True while ``key`` has a token left; tokens refill at the rate.
    Bounded: beyond ``max_keys`` the fullest (idle) buckets are forgotten first."""

    def __init__(self, rate: Rate, max_keys: int = 50_000) -> None:
        self.rate = rate
        self.max_keys = max_keys
        self._lock = threading.Lock()
        self._state: dict[str, tuple[float, float]] = {}  # key -> (tokens, last time)

    def take(self, key: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._state.get(key, (float(self.rate.burst), now))
            tokens = min(float(self.rate.burst), tokens + (now - last) * self.rate.per_second)
            ok = tokens >= 1.0
            self._state[key] = (tokens - 1.0 if ok else tokens, now)
            if len(self._state) > self.max_keys:
                self._forget(now)
            return ok

    def _forget(self, now: float) -> None:
        refilled = sorted(
            self._state, key=lambda k: -(self._state[k][0] + (now - self._state[k][1]))
        )
        for key in refilled[: len(refilled) // 2]:
            del self._state[key]
