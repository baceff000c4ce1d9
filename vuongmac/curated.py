"""The curated dataset's file layout: one CSV per entity in ``data/curated/``.

CSV (UTF-8, comma, RFC 4180 quoting, ``\\n`` line ends) keeps the dataset human-editable in a
spreadsheet and diffable in git. This module is the single description of the files: the
build validates against it and every writer uses it.
"""

from __future__ import annotations

import csv
import fcntl
import hashlib
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class CuratedFile:
    name: str  # table name; the file is f"{name}.csv"
    columns: tuple[str, ...]
    key: tuple[str, ...]  # columns that identify a row
    optional: bool = False  # may be absent (datasets made before it existed): read as empty
    added: tuple[str, ...] = ()  # trailing columns older files lack: read as empty

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"


CURATED_FILES: tuple[CuratedFile, ...] = (
    CuratedFile(
        "sources",
        (
            "source_id",
            "title",
            "url",
            "publisher",
            "published_date",
            "language",
            "content_hash",
            "file",
            "review_status",
        ),
        ("source_id",),
    ),
    CuratedFile(
        "visits",
        (
            "visit_id",
            "visit_date",
            "date_precision",
            "province_code",
            "lead_official",
            "lead_title",
            "body",
            "evidence",
            "review_status",
            "scope",
        ),
        ("visit_id",),
        added=("scope",),
    ),
    CuratedFile("visit_sources", ("visit_id", "source_id"), ("visit_id", "source_id")),
    CuratedFile(
        "visit_communes",
        ("visit_id", "commune_code", "as_written", "conversion"),
        ("visit_id", "commune_code", "as_written"),
    ),
    CuratedFile(
        "issues",
        (
            "issue_id",
            "visit_id",
            "category_id",
            "commune_code",
            "evidence",
            "source_id",
            "review_status",
        ),
        ("issue_id",),
    ),
    CuratedFile(
        "proposals",
        (
            "proposal_id",
            "visit_id",
            "text",
            "assigned_agency",
            "status",
            "status_note",
            "due_date",
            "source_id",
            "review_status",
        ),
        ("proposal_id",),
    ),
    CuratedFile(
        "changes",
        ("change_id", "at", "who", "action", "entity", "record_id", "before", "after", "note"),
        ("change_id",),
        optional=True,
    ),
)
CURATED_BY_NAME = {f.name: f for f in CURATED_FILES}


class CuratedFormatError(ValueError):
    """A curated file is missing or its header does not match the layout."""


def check_headers(curated_dir: Path) -> None:
    """Raise CuratedFormatError naming every missing file and wrong header."""
    problems: list[str] = []
    for spec in CURATED_FILES:
        path = curated_dir / spec.filename
        if not path.is_file():
            if not spec.optional:
                problems.append(f"{path}: file missing")
            continue
        with path.open(encoding="utf-8", newline="") as f:
            try:
                header = next(csv.reader(f), None)
            except (UnicodeDecodeError, csv.Error) as exc:
                problems.append(f"{path}: unreadable header ({exc})")
                continue
        if header is None:
            problems.append(f"{path}: empty file (expected header {','.join(spec.columns)})")
        elif (cleaned := tuple(h.strip().lstrip("\ufeff") for h in header)) not in (
            spec.columns,
            spec.columns[: len(spec.columns) - len(spec.added)],
        ) or (cleaned != spec.columns and not spec.added):
            missing = [c for c in spec.columns if c not in header]
            extra = [c for c in header if c not in spec.columns]
            problems.append(
                f"{path}: header mismatch (missing: {missing or '-'}, unknown: {extra or '-'};"
                f" expected {','.join(spec.columns)})"
            )
    if problems:
        raise CuratedFormatError("\n".join(problems))


def file_columns(path: Path, spec: CuratedFile) -> tuple[str, ...]:
    """The columns a curated file has (an older file may lack ``spec.added``)."""
    with path.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f), None) or []
    return tuple(h.strip().lstrip("\ufeff") for h in header)


def fingerprint(paths: Iterable[Path]) -> str:
    """sha256 over the names and bytes of the given files (order-independent)."""
    h = hashlib.sha256()
    for path in sorted(paths, key=lambda p: p.name):
        h.update(path.name.encode())
        h.update(b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def write_csv_atomic(
    path: Path, columns: tuple[str, ...], rows: Iterable[Mapping[str, object]]
) -> None:
    """Write a CSV next to its target, fsync it, then rename over the target.

    A crash leaves either the old or the new file, never a half-written one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        _write_csv(Path(tmp), columns, rows)
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def curated_lock(curated_dir: Path) -> Iterator[None]:
    """Serialise writers (and recovery) of one curated folder across processes."""
    curated_dir.mkdir(parents=True, exist_ok=True)
    with open(curated_dir / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


COMMIT_MARKER = ".commit"
_PENDING = ".{name}.pending"


def write_tables_atomic(
    curated_dir: Path, tables: Mapping[str, Iterable[Mapping[str, object]]]
) -> None:
    """Replace several curated files as one transaction (all new or all old after a crash).

    1. each file is written in full beside its target (``.name.csv.pending``) and fsynced;
    2. a ``.commit`` marker listing them is written and fsynced: the commit point;
    3. each pending file is renamed over its target; 4. the marker is removed.
    ``recover`` finishes a committed batch (roll forward) or discards an uncommitted one.
    """
    recover(curated_dir)
    names = []
    try:
        for name, rows in tables.items():
            spec = CURATED_BY_NAME[name]
            pending = curated_dir / _PENDING.format(name=spec.filename)
            _write_csv(pending, spec.columns, rows)
            names.append(spec.filename)
        marker = curated_dir / COMMIT_MARKER
        _write_text_durable(marker, "\n".join(names) + "\n")
    except BaseException:
        # Before the commit point nothing is visible: discard what was written.
        for stray in curated_dir.glob(".*.pending"):
            stray.unlink(missing_ok=True)
        (curated_dir / COMMIT_MARKER).unlink(missing_ok=True)
        raise
    _roll_forward(curated_dir, names)


def recover(curated_dir: Path) -> None:
    """Bring the curated folder to a consistent state after an interrupted write."""
    marker = curated_dir / COMMIT_MARKER
    if marker.is_file():
        names = [n for n in marker.read_text(encoding="utf-8").splitlines() if n]
        _roll_forward(curated_dir, names)
    for stray in curated_dir.glob(".*.pending"):
        stray.unlink(missing_ok=True)
    for stray in curated_dir.glob(".*.tmp"):
        stray.unlink(missing_ok=True)


def _roll_forward(curated_dir: Path, names: list[str]) -> None:
    for filename in names:
        pending = curated_dir / _PENDING.format(name=filename)
        if pending.is_file():
            os.replace(pending, curated_dir / filename)
    _fsync_dir(curated_dir)
    (curated_dir / COMMIT_MARKER).unlink(missing_ok=True)
    _fsync_dir(curated_dir)


def _write_csv(path: Path, columns: tuple[str, ...], rows: Iterable[Mapping[str, object]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: "" if row.get(c) is None else row.get(c) for c in columns})
        f.flush()
        os.fsync(f.fileno())


def _write_text_durable(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)
