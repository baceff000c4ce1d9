"""Rebuilds after publishing, in the background and debounced: several publishes within
the delay give one build. Readers keep the previous warehouse until the new file is swapped
in (the build writes a temporary file and renames it). No Streamlit here: the UI holds one
``BackgroundRebuild`` per server process and shows its outcome to the curator."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

from vuongmac.config import DataPaths


@dataclass(frozen=True, slots=True)
class Outcome:
    finished_at: dt.datetime
    ok: bool
    message: str  # plain words: the build's error, or "" on success
    warnings: tuple[str, ...] = ()  # problems of unpublished records (they did not block)


class BackgroundRebuild:
    """``request()`` schedules a build ``delay`` seconds later (a request during that wait
    joins it; the build starts at the latest ``max_wait`` after the first request)."""

    def __init__(self, paths: DataPaths, delay: float = 20.0, max_wait: float = 60.0) -> None:
        self.paths = paths
        self.delay = delay
        self.max_wait = max_wait
        self._lock = threading.Condition()
        self._due: float | None = None
        self._first: float | None = None
        self._running = False
        self._generation = 0  # requests seen
        self._done_generation = 0  # requests covered by a finished build
        self.last: Outcome | None = None
        self._thread: threading.Thread | None = None

    @property
    def pending(self) -> bool:
        with self._lock:
            return self._done_generation < self._generation

    def request(self) -> None:
        import time

        with self._lock:
            now = time.monotonic()
            self._generation += 1
            if self._first is None:
                self._first = now
            self._due = min(now + self.delay, self._first + self.max_wait)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, name="rebuild", daemon=True)
                self._thread.start()
            self._lock.notify_all()

    def wait(self, timeout: float | None = None) -> Outcome | None:
        """Block until every request so far is built (or ``timeout``); the last outcome."""
        with self._lock:
            target = self._generation
            self._lock.wait_for(lambda: self._done_generation >= target, timeout)
            return self.last

    def _loop(self) -> None:
        import time

        from vuongmac.store import StoreError
        from vuongmac.warehouse.build import BuildError, ensure_built

        while True:
            with self._lock:
                while self._due is None or time.monotonic() < self._due:
                    if self._due is None:
                        return  # nothing requested: the thread ends, request() starts another
                    self._lock.wait(max(0.0, self._due - time.monotonic()))
                covered = self._generation
                self._due = self._first = None
                self._running = True
            try:
                built = ensure_built(self.paths)
                outcome = Outcome(dt.datetime.now(dt.UTC), True, "",
                                  built.warnings if built is not None else ())  # fmt: skip
            except (BuildError, StoreError) as exc:
                outcome = Outcome(dt.datetime.now(dt.UTC), False, str(exc))
            except Exception as exc:  # noqa: BLE001 (a rebuild failure must never kill the server)
                outcome = Outcome(dt.datetime.now(dt.UTC), False, f"{type(exc).__name__}: {exc}")
            with self._lock:
                self.last = outcome
                self._running = False
                self._done_generation = max(self._done_generation, covered)
                self._lock.notify_all()
