"""Opt-in measurement hooks for the benchmark (off unless a recorder is installed).

The query runner reports every executed query and the UI reports every figure it draws;
``python -m bench.pages`` installs a recorder to learn what each page runs and draws.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Recorder:
    queries: list[tuple[str, dict, float]] = field(default_factory=list)  # name, params, seconds
    figures: list[tuple[str, int]] = field(default_factory=list)  # key, JSON bytes


_ACTIVE: Recorder | None = None


def active() -> Recorder | None:
    return _ACTIVE


@contextmanager
def recording():  # noqa: ANN201
    global _ACTIVE
    previous, _ACTIVE = _ACTIVE, Recorder()
    try:
        yield _ACTIVE
    finally:
        _ACTIVE = previous
