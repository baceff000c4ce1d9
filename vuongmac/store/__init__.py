"""The curated store: one interface over SQLite (embedded default, WAL) and PostgreSQL
(``VUONGMAC_STORE_URL=postgresql+psycopg://…`` for a shared deployment).

Every curation action is one transaction that touches only its own rows and appends to the
change log; each write bumps the store's revision, which keys the warehouse build. Schema
changes are Alembic migrations (``migrations/``), run when a store is opened. The CSV
snapshot (``data/curated/``) is the exchange format: ``import_csv`` / ``export_csv``
round-trip it exactly, and an empty store loads the seed snapshot on first open.
"""

from __future__ import annotations

import csv
import os
import secrets
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, delete, event, func, insert, select
from sqlalchemy.exc import OperationalError

from vuongmac.curated import CURATED_FILES, check_headers, file_columns, write_csv_atomic
from vuongmac.domain import FROM_ROW, normalized_row
from vuongmac.store import schema

MIGRATIONS = Path(__file__).parent / "migrations"
STORE_ENV = "VUONGMAC_STORE_URL"


class StoreError(RuntimeError):
    """The store cannot be opened or written (message in plain words)."""


def default_url(root: Path) -> str:
    return os.environ.get(STORE_ENV) or f"sqlite:///{Path(root) / 'store.sqlite'}"


def _engines(url: str) -> tuple[Engine, Engine]:
    """(reader, writer). SQLite: WAL, a busy timeout, and writers that take the write lock
    at BEGIN (``BEGIN IMMEDIATE``), so two writers queue instead of deadlocking."""
    if url.startswith("sqlite"):
        kwargs = {"connect_args": {"timeout": 30, "check_same_thread": False}}

        def on_connect(dbapi_conn, _record) -> None:  # noqa: ANN001
            dbapi_conn.isolation_level = None  # transactions are begun explicitly below
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        reader = create_engine(url, **kwargs)
        writer = create_engine(url, **kwargs)
        event.listen(reader, "connect", on_connect)
        event.listen(writer, "connect", on_connect)
        event.listen(reader, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
        event.listen(writer, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
        return reader, writer
    engine = create_engine(url, pool_pre_ping=True)
    return engine, engine


class Store:
    def __init__(self, url: str) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            path = url.split("///", 1)[-1]
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._reader, self._writer = _engines(url)
        self._migrated = False

    def __repr__(self) -> str:
        return f"Store({self.safe_url})"

    @property
    def safe_url(self) -> str:
        """The URL without a password (for messages and logs)."""
        return self._writer.url.render_as_string(hide_password=True)

    def dispose(self) -> None:
        self._reader.dispose()
        self._writer.dispose()

    # -- schema ---------------------------------------------------------------------------

    def migrate(self) -> None:
        """Bring the schema to the newest migration (idempotent)."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        try:
            with self._writer.begin() as conn:
                if not self.is_sqlite:  # one migrator at a time on a shared server
                    conn.exec_driver_sql("SELECT pg_advisory_xact_lock(4242)")
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
        except OperationalError as exc:
            raise StoreError(f"cannot open the curated store {self.safe_url}: {exc.orig}") from exc
        self._migrated = True

    def schema_revision(self) -> str | None:
        with self._reader.connect() as conn:
            try:
                row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
            except Exception:  # noqa: BLE001 (no table yet)
                return None
        return row[0] if row else None

    # -- transactions ---------------------------------------------------------------------

    @contextmanager
    def write(self, bump: bool = True) -> Iterator[Connection]:
        """One write transaction; commits on success, rolls back on any error. Bumps the
        store revision (the build's key) in the same transaction, unless ``bump`` is False
        (a write that no build reads: sign-in attempts)."""
        with self._writer.begin() as conn:
            yield conn
            if bump:
                self._bump(conn)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self._reader.connect() as conn:
            yield conn

    def _bump(self, conn: Connection) -> None:
        token = secrets.token_hex(8)
        table = schema.store_meta
        updated = conn.execute(
            table.update().where(table.c.key == "revision").values(value=token)
        ).rowcount
        if not updated:
            conn.execute(insert(table).values(key="revision", value=token))

    def revision(self) -> str:
        """Changes with every committed write (and differs between stores)."""
        with self.read() as conn:
            row = conn.execute(
                select(schema.store_meta.c.value).where(schema.store_meta.c.key == "revision")
            ).first()
        return row[0] if row else "empty"

    # -- rows -----------------------------------------------------------------------------

    @staticmethod
    def _record(row: Mapping[str, Any], table_name: str) -> dict[str, str]:
        spec = next(s for s in CURATED_FILES if s.name == table_name)
        return {c: ("" if row[c] is None else str(row[c])) for c in spec.columns}

    def rows(
        self, table_name: str, conn: Connection | None = None, **where: str
    ) -> list[dict[str, str]]:
        """Rows of a curated table as CSV-like dicts, in insertion order; ``where``
        compares columns for equality (a list or set value means IN)."""
        table = schema.CURATED_TABLES[table_name]
        query = select(table).order_by(table.c.seq)
        for column, value in where.items():
            if isinstance(value, (list, set, tuple, frozenset)):
                query = query.where(table.c[column].in_(list(value)))
            else:
                query = query.where(table.c[column] == value)
        if conn is not None:
            return [self._record(r._mapping, table_name) for r in conn.execute(query)]
        with self.read() as own:
            return [self._record(r._mapping, table_name) for r in own.execute(query)]

    def count(self, table_name: str, **where: str) -> int:
        table = schema.CURATED_TABLES[table_name]
        query = select(func.count()).select_from(table)
        for column, value in where.items():
            query = query.where(table.c[column] == value)
        with self.read() as conn:
            return int(conn.execute(query).scalar_one())

    @staticmethod
    def insert_rows(
        conn: Connection, table_name: str, rows: list[Mapping[str, str]], check: bool = True
    ) -> None:
        """Insert rows; with ``check`` each goes through its typed record first
        (``domain.normalized_row``: enums, dates, key columns), so a bad value is refused
        here, not found by a later build. A snapshot import skips it (the build checks)."""
        if not rows:
            return
        table = schema.CURATED_TABLES[table_name]
        spec = next(s for s in CURATED_FILES if s.name == table_name)
        if check and table_name in FROM_ROW:
            rows = [normalized_row(table_name, r) for r in rows]
        conn.execute(insert(table), [{c: str(r.get(c) or "") for c in spec.columns} for r in rows])

    def is_empty(self) -> bool:
        with self.read() as conn:
            return conn.execute(select(schema.sources.c.seq).limit(1)).first() is None and (
                conn.execute(select(schema.visits.c.seq).limit(1)).first() is None
            )

    # -- the CSV snapshot -------------------------------------------------------------------

    def import_csv(self, directory: Path, chunk: int = 20_000) -> dict[str, int]:
        """Replace the store's curated rows with a snapshot folder's (one transaction)."""
        directory = Path(directory)
        check_headers(directory)
        counts = {}
        with self.write() as conn:
            for spec in reversed(CURATED_FILES):
                conn.execute(delete(schema.CURATED_TABLES[spec.name]))
            for spec in CURATED_FILES:
                path = directory / spec.filename
                counts[spec.name] = 0
                if not path.is_file():
                    continue
                present = file_columns(path, spec)
                with path.open(encoding="utf-8", newline="") as f:
                    reader = csv.reader(f)
                    next(reader, None)
                    batch = []
                    for values in reader:
                        row = dict(zip(present, values, strict=False))
                        batch.append({c: row.get(c, "") for c in spec.columns})
                        if len(batch) >= chunk:
                            self.insert_rows(conn, spec.name, batch, check=False)
                            counts[spec.name] += len(batch)
                            batch = []
                    self.insert_rows(conn, spec.name, batch, check=False)
                    counts[spec.name] += len(batch)
        return counts

    def export_csv(self, directory: Path) -> dict[str, int]:
        """Write the git-diffable snapshot (today's layout, rows in insertion order)."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        counts = {}
        with self.read() as conn:
            for spec in CURATED_FILES:
                table = schema.CURATED_TABLES[spec.name]
                result = conn.execute(select(table).order_by(table.c.seq))
                rows = (self._record(r._mapping, spec.name) for r in result)
                n = 0

                def counted(rows=rows):  # noqa: ANN001, ANN202
                    nonlocal n
                    for r in rows:
                        n += 1
                        yield r

                write_csv_atomic(directory / spec.filename, spec.columns, counted())
                counts[spec.name] = n
        return counts

    def frames(self) -> dict[str, Any]:
        """Every curated table as a pandas DataFrame of text, with ``_row`` = insertion
        order (the warehouse build's raw layer)."""
        import pandas as pd

        out = {}
        with self.read() as conn:
            for spec in CURATED_FILES:
                table = schema.CURATED_TABLES[spec.name]
                query = select(table.c.seq.label("_row"), *[table.c[c] for c in spec.columns])
                frame = pd.read_sql(query.order_by(table.c.seq), conn, dtype=str)
                frame["_row"] = frame["_row"].astype("int64")
                out[spec.name] = frame
        return out


_OPEN: dict[str, Store] = {}
_OPEN_LOCK = threading.Lock()


def open_store(root: Path, url: str | None = None, seed: Path | None = None) -> Store:
    """The store of a data folder (migrated; loaded from ``seed`` — by default the folder's
    ``curated/`` snapshot — when it is empty). One Store per URL and process."""
    url = url or default_url(root)
    with _OPEN_LOCK:
        store = _OPEN.get(url)
        if store is None:
            store = Store(url)
            store.migrate()
            _OPEN[url] = store
        seed = seed if seed is not None else Path(root) / "curated"
        if store.is_empty() and (seed / "visits.csv").is_file():
            store.import_csv(seed)
    return store


def forget_stores() -> None:
    """Close every open store (tests; a process that changes data folders)."""
    with _OPEN_LOCK:
        for store in _OPEN.values():
            store.dispose()
        _OPEN.clear()
