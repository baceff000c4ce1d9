"""The curated dataset's file layout: one CSV per entity in ``data/curated/``.

CSV (UTF-8, comma, RFC 4180 quoting, ``\\n`` line ends) keeps the dataset human-editable in a
spreadsheet and diffable in git. This module is the single description of the files: the
build validates against it and every writer uses it.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from vuongmac.fsutil import atomic_write


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

    @property
    def headers(self) -> tuple[tuple[str, ...], ...]:
        """The headers a file may have: all columns, or an older file's that stops before
        some of the trailing ``added`` ones."""
        return tuple(self.columns[: len(self.columns) - k] for k in range(len(self.added) + 1))


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
            "kind",
            "era",
        ),
        ("visit_id",),
        added=("scope", "kind", "era"),
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
            "corroborates",
        ),
        ("issue_id",),
        added=("corroborates",),
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
            "category_ids",
        ),
        ("proposal_id",),
        added=("category_ids",),
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
        elif tuple(h.strip().lstrip("\ufeff") for h in header) not in spec.headers:
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
    """Write a curated CSV (streamed) so that a crash leaves the old file or the new one."""
    atomic_write(path, lambda f: _write_rows(f, columns, rows))


def _write_rows(f: TextIO, columns: tuple[str, ...], rows: Iterable[Mapping[str, object]]) -> None:
    writer = csv.DictWriter(f, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: "" if row.get(c) is None else row.get(c) for c in columns})
