"""The one place that executes dashboard SQL.

Every dashboard question is a file ``queries/<name>.sql`` whose header declares its
parameters and result columns::

    -- params: $province_codes VARCHAR[], $date_from DATE
    -- returns: category_id, issue_count

``Warehouse.run(name, **params)`` checks the given parameters against the declaration
(names and Python types), binds them (never string formatting) and returns a DataFrame.
The connection is read-only and reopened when a rebuild has swapped the file, so readers
keep a consistent snapshot and see the new one on their next query; a connection is closed
only when no running query uses it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from vuongmac import metrics

QUERIES_DIR = Path(__file__).resolve().parents[2] / "queries"
_PARAM_DECL = re.compile(r"\$(\w+)\s+([A-Z]+(?:\[\])?)")
_PARAM_USE = re.compile(r"\$(\w+)")
_HEADER = re.compile(r"^--\s*(params|returns):(.*)$", re.MULTILINE)


class QueryError(RuntimeError):
    """A query file is malformed, or was called with the wrong parameters."""


@dataclass(frozen=True, slots=True)
class QuerySpec:
    name: str
    sql: str
    params: dict[str, str]  # name -> declared SQL type
    returns: tuple[str, ...]


@cache
def load_query(name: str, queries_dir: Path = QUERIES_DIR) -> QuerySpec:
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise QueryError(f"invalid query name {name!r}")
    path = queries_dir / f"{name}.sql"
    if not path.is_file():
        raise QueryError(f"no query file {path}")
    sql = path.read_text(encoding="utf-8")
    header = {key: value.strip() for key, value in _HEADER.findall(sql)}
    if "returns" not in header:
        raise QueryError(f"{path}: header lacks '-- returns:'")
    declared = dict(_PARAM_DECL.findall(header.get("params", "")))
    body = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    used = set(_PARAM_USE.findall(body))
    if used != set(declared):
        raise QueryError(
            f"{path}: parameters used {sorted(used)} differ from declared {sorted(declared)}"
        )
    returns = tuple(c.strip() for c in header["returns"].split(",") if c.strip())
    return QuerySpec(name=name, sql=sql, params=declared, returns=returns)


def list_queries(queries_dir: Path = QUERIES_DIR) -> list[str]:
    return sorted(p.stem for p in queries_dir.glob("*.sql"))


def _check_value(query: str, name: str, sql_type: str, value: object) -> object:
    def bad(expected: str) -> QueryError:
        return QueryError(f"{query}: ${name} must be {expected}, got {type(value).__name__}")

    if sql_type.endswith("[]"):
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise bad("a list of strings")
        return list(value)
    if value is None:
        return None
    if sql_type == "DATE":
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise bad("a date")
        return value
    if sql_type in {"INTEGER", "BIGINT"}:
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad("an integer")
        return value
    if sql_type in {"DOUBLE"}:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise bad("a number")
        return value
    if sql_type == "VARCHAR":
        if not isinstance(value, str):
            raise bad("a string")
        return value
    raise QueryError(f"{query}: unsupported parameter type {sql_type} for ${name}")


CATALOG = "wh"


class _Generation:
    """One opened build of the warehouse file, with the number of queries using it. A
    rebuild retires it; it is closed when its last query is done, never under one."""

    __slots__ = ("con", "inode", "build_id", "built_at", "users", "retired")

    def __init__(self, db_path: Path, inode: tuple[int, int]) -> None:
        # An in-memory instance of its own that attaches the file: DuckDB shares one
        # instance per path in a process, so connecting to the path again while the old
        # build is open would reach the old build, not the file now on disk.
        self.con = duckdb.connect(":memory:")
        quoted = str(db_path).replace("'", "''")
        self.con.execute(f"ATTACH '{quoted}' AS {CATALOG} (READ_ONLY)")
        self.inode = inode
        self.build_id, self.built_at = (
            self.cursor().execute("SELECT build_id, built_at FROM meta").fetchone()
        )
        self.users = 0
        self.retired = False

    def cursor(self) -> duckdb.DuckDBPyConnection:
        cursor = self.con.cursor()
        cursor.execute(f"USE {CATALOG}")
        return cursor

    def close_if_unused(self) -> None:
        if self.retired and self.users == 0:
            self.con.close()


class Warehouse:
    """Read-only access to a built warehouse file, shared by every session of a process.

    A rebuild swaps the file; the next query opens the new build while queries already
    running finish on the old one, whose connection is closed when the last of them is
    done (reference counted under one lock)."""

    def __init__(
        self, db_path: Path, queries_dir: Path = QUERIES_DIR, timeout_seconds: float = 20.0
    ) -> None:
        self.db_path = Path(db_path)
        self.queries_dir = queries_dir
        self.timeout_seconds = timeout_seconds
        self._lock = threading.Lock()
        self._current: _Generation | None = None

    def _current_generation(self) -> _Generation:
        """The generation of the file on disk now (the caller holds the lock)."""
        st = os.stat(self.db_path)
        inode = (st.st_dev, st.st_ino)
        current = self._current
        if current is None or current.inode != inode:
            fresh = _Generation(self.db_path, inode)
            if current is not None:
                current.retired = True
                current.close_if_unused()
            self._current = current = fresh
        return current

    def _acquire(self) -> _Generation:
        with self._lock:
            generation = self._current_generation()
            generation.users += 1
            return generation

    def _release(self, generation: _Generation) -> None:
        with self._lock:
            generation.users -= 1
            generation.close_if_unused()

    @property
    def build_id(self) -> str:
        with self._lock:
            return self._current_generation().build_id

    @property
    def built_at(self) -> str:
        with self._lock:
            return self._current_generation().built_at

    def run(self, name: str, **params: object) -> pd.DataFrame:
        spec = load_query(name, self.queries_dir)
        missing = set(spec.params) - set(params)
        unknown = set(params) - set(spec.params)
        if missing or unknown:
            raise QueryError(
                f"{name}: missing parameters {sorted(missing)}, unknown {sorted(unknown)}"
            )
        bound = {k: _check_value(name, k, spec.params[k], v) for k, v in params.items()}
        generation = self._acquire()
        try:
            return self._run_on(generation, spec, bound)
        finally:
            self._release(generation)

    def _run_on(self, generation: _Generation, spec: QuerySpec, bound: dict) -> pd.DataFrame:
        name = spec.name
        cursor = generation.cursor()
        started = time.perf_counter()
        # No filter combination may hang the server: interrupt a query past the limit.
        timer = threading.Timer(self.timeout_seconds, cursor.interrupt)
        timer.start()
        try:
            frame = cursor.execute(spec.sql, bound).df() if bound else cursor.execute(spec.sql).df()
        except duckdb.InterruptException as exc:
            raise QueryError(
                f"{name}: took longer than {self.timeout_seconds:g} s and was stopped"
            ) from exc
        finally:
            timer.cancel()
            cursor.close()
        if (recorder := metrics.active()) is not None:
            recorder.queries.append((name, bound, time.perf_counter() - started))
        if tuple(frame.columns) != spec.returns:
            raise QueryError(
                f"{name}: returned columns {list(frame.columns)}, declared {list(spec.returns)}"
            )
        return frame

    def close(self) -> None:
        """Close the current build once no query uses it (the next query reopens)."""
        with self._lock:
            if self._current is not None:
                self._current.retired = True
                self._current.close_if_unused()
                self._current = None
