"""The curation workflow's storage: drafts in, reviewed records out, every change logged.

The curated CSV files stay the source of truth. Each operation reads them under the folder
lock, checks the version the curator started from (a hash of the visit's records as they
were loaded: if someone else saved the same visit since, the save is refused with a
conflict), applies the edit, appends before/after rows to ``changes.csv`` and writes all
touched files as one transaction (``write_tables_atomic``).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from vuongmac.curated import CURATED_BY_NAME, curated_lock, recover, write_tables_atomic

ENTITY_TABLE = {"source": "sources", "visit": "visits", "issue": "issues", "proposal": "proposals"}
ID_COLUMN = {
    "sources": "source_id",
    "visits": "visit_id",
    "issues": "issue_id",
    "proposals": "proposal_id",
}


class ConflictError(RuntimeError):
    """The record changed since it was opened; nothing was saved."""


class CurationError(ValueError):
    """An edit that cannot be applied (unknown record, quote not in the source, ...)."""


@dataclass
class Bundle:
    """One visit with everything a reviewer edits, as stored."""

    visit: dict[str, str]
    communes: list[dict[str, str]]
    issues: list[dict[str, str]]
    proposals: list[dict[str, str]]
    sources: list[dict[str, str]]
    version: str
    texts: dict[str, str] = field(default_factory=dict)  # source_id -> stored text


def _read(curated: Path, name: str) -> list[dict[str, str]]:
    path = curated / CURATED_BY_NAME[name].filename
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _tables(curated: Path) -> dict[str, list[dict[str, str]]]:
    return {name: _read(curated, name) for name in CURATED_BY_NAME}


def _version(tables: dict[str, list[dict[str, str]]], visit_id: str) -> str:
    visit_sources = {r["source_id"] for r in tables["visit_sources"] if r["visit_id"] == visit_id}
    parts = [
        [r for r in tables["visits"] if r["visit_id"] == visit_id],
        [r for r in tables["visit_communes"] if r["visit_id"] == visit_id],
        [r for r in tables["issues"] if r["visit_id"] == visit_id],
        [r for r in tables["proposals"] if r["visit_id"] == visit_id],
        [r for r in tables["sources"] if r["source_id"] in visit_sources],
    ]
    return hashlib.sha256(
        json.dumps(parts, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()[:16]


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def drafts(curated: Path) -> list[dict[str, str]]:
    """Visits awaiting review, oldest first (by when they were created)."""
    tables = _tables(curated)
    created = {
        c["record_id"]: c["at"]
        for c in tables["changes"]
        if c["action"] == "create" and c["entity"] == "visit"
    }
    issue_count: dict[str, int] = {}
    for i in tables["issues"]:
        issue_count[i["visit_id"]] = issue_count.get(i["visit_id"], 0) + 1
    rows = [
        {
            **v,
            "created_at": created.get(v["visit_id"], ""),
            "issue_count": str(issue_count.get(v["visit_id"], 0)),
        }
        for v in tables["visits"]
        if v["review_status"] == "draft"
    ]
    return sorted(rows, key=lambda r: (r["created_at"] or "9999", r["visit_id"]))


def load(curated: Path, sources_dir: Path, visit_id: str) -> Bundle:
    tables = _tables(curated)
    visit = next((v for v in tables["visits"] if v["visit_id"] == visit_id), None)
    if visit is None:
        raise CurationError(f"no visit {visit_id!r}")
    source_ids = {r["source_id"] for r in tables["visit_sources"] if r["visit_id"] == visit_id}
    sources = [s for s in tables["sources"] if s["source_id"] in source_ids]
    texts = {}
    for s in sources:
        path = sources_dir / s["file"] if s["file"] else None
        if path and path.is_file() and path.resolve().is_relative_to(sources_dir.resolve()):
            texts[s["source_id"]] = path.read_text(encoding="utf-8")
    return Bundle(
        visit=dict(visit),
        communes=[dict(r) for r in tables["visit_communes"] if r["visit_id"] == visit_id],
        issues=[dict(r) for r in tables["issues"] if r["visit_id"] == visit_id],
        proposals=[dict(r) for r in tables["proposals"] if r["visit_id"] == visit_id],
        sources=[dict(s) for s in sources],
        version=_version(tables, visit_id),
        texts=texts,
    )


def _log(changes: list[dict[str, str]], who: str, action: str, entity: str, record_id: str,
         before: dict | None, after: dict | None, note: str = "") -> None:  # fmt: skip
    changes.append(
        {
            "change_id": f"c-{len(changes) + 1:07d}",
            "at": _now(),
            "who": who,
            "action": action,
            "entity": entity,
            "record_id": record_id,
            "before": json.dumps(before, ensure_ascii=False, sort_keys=True) if before else "",
            "after": json.dumps(after, ensure_ascii=False, sort_keys=True) if after else "",
            "note": note,
        }
    )


def _replace_rows(
    rows: list[dict[str, str]], key: str, visit_id: str, new: list[dict[str, str]]
) -> list[dict[str, str]]:
    kept = [r for r in rows if r.get("visit_id") != visit_id]
    return kept + new


def save(
    curated: Path,
    who: str,
    edited: Bundle,
    action: str = "edit",
    note: str = "",
) -> str:
    """Store an edited bundle. ``action``: edit (save for later), publish or reject.
    Returns the new version. Raises ConflictError if the visit changed since it was loaded."""
    if action not in {"edit", "publish", "reject"}:
        raise CurationError(f"unknown action {action!r}")
    if action == "reject" and not note.strip():
        raise CurationError("a rejection needs a reason")
    visit_id = edited.visit["visit_id"]
    status = {"publish": "published", "reject": "rejected"}.get(action)
    with curated_lock(curated):
        recover(curated)
        tables = _tables(curated)
        if _version(tables, visit_id) != edited.version:
            raise ConflictError(
                f"visit {visit_id} was changed by someone else since you opened it; reload it"
                " and apply your edits again"
            )
        for issue in edited.issues:  # evidence must stay a verbatim quote of its source
            text = edited.texts.get(issue["source_id"])
            if text is not None and " ".join(issue["evidence"].split()) not in " ".join(
                text.split()
            ):
                raise CurationError(
                    f"issue {issue['issue_id']}: the quote is not in source {issue['source_id']}"
                )
        new_visit = dict(edited.visit)
        new_issues = [dict(r) for r in edited.issues]
        new_props = [dict(r) for r in edited.proposals]
        new_sources = {s["source_id"]: dict(s) for s in edited.sources}
        if status:
            new_visit["review_status"] = status
            for r in (*new_issues, *new_props, *new_sources.values()):
                r["review_status"] = status
        changes = tables["changes"]
        old_visit = next(v for v in tables["visits"] if v["visit_id"] == visit_id)
        log_action = {"edit": "edit", "publish": "publish", "reject": "reject"}[action]
        olds = {
            "issue": {r["issue_id"]: r for r in tables["issues"] if r["visit_id"] == visit_id},
            "proposal": {
                r["proposal_id"]: r for r in tables["proposals"] if r["visit_id"] == visit_id
            },
        }
        if old_visit != new_visit:
            _log(changes, who, log_action, "visit", visit_id, old_visit, new_visit, note)
        for entity, new_rows, key in (
            ("issue", new_issues, "issue_id"),
            ("proposal", new_props, "proposal_id"),
        ):
            new_ids = {r[key] for r in new_rows}
            for r in new_rows:
                before = olds[entity].get(r[key])
                if before != r:
                    _log(
                        changes,
                        who,
                        log_action if before else "create",
                        entity,
                        r[key],
                        before,
                        r,
                        note,
                    )
            for rid, before in olds[entity].items():
                if rid not in new_ids:
                    _log(changes, who, "delete", entity, rid, before, None, note)
        tables["visits"] = [new_visit if v["visit_id"] == visit_id else v for v in tables["visits"]]
        tables["visit_communes"] = _replace_rows(
            tables["visit_communes"], "visit_id", visit_id, edited.communes
        )
        tables["issues"] = _replace_rows(tables["issues"], "visit_id", visit_id, new_issues)
        tables["proposals"] = _replace_rows(tables["proposals"], "visit_id", visit_id, new_props)
        tables["sources"] = [new_sources.get(s["source_id"], s) for s in tables["sources"]]
        write_tables_atomic(curated, tables)
        return _version(tables, visit_id)


def history(curated: Path, record_ids: set[str]) -> list[dict[str, str]]:
    return [c for c in _read(curated, "changes") if c["record_id"] in record_ids]


def revert(curated: Path, who: str, change_id: str) -> None:
    """Put a record back as it was before one change (if it has not changed since)."""
    with curated_lock(curated):
        recover(curated)
        tables = _tables(curated)
        change = next((c for c in tables["changes"] if c["change_id"] == change_id), None)
        if change is None:
            raise CurationError(f"no change {change_id!r}")
        table = ENTITY_TABLE[change["entity"]]
        key = ID_COLUMN[table]
        current = next((r for r in tables[table] if r[key] == change["record_id"]), None)
        after = json.loads(change["after"]) if change["after"] else None
        before = json.loads(change["before"]) if change["before"] else None
        if current != after:
            raise ConflictError(
                f"{change['record_id']} changed again after {change_id}; revert the later change first"
            )
        rows = [r for r in tables[table] if r[key] != change["record_id"]]
        if before is not None:
            rows.append(before)
        tables[table] = rows
        _log(
            tables["changes"],
            who,
            "revert",
            change["entity"],
            change["record_id"],
            current,
            before,
            f"revert of {change_id}",
        )
        write_tables_atomic(curated, tables)


def withdraw(curated: Path, who: str, visit_id: str, reason: str) -> None:
    """Take a published visit (and its records) off the dashboard; it stays listed as withdrawn."""
    if not reason.strip():
        raise CurationError("a withdrawal needs a reason")
    with curated_lock(curated):
        recover(curated)
        tables = _tables(curated)
        if not any(
            v["visit_id"] == visit_id and v["review_status"] == "published"
            for v in tables["visits"]
        ):
            raise CurationError(f"no published visit {visit_id!r}")
        for table, key in (
            ("visits", "visit_id"),
            ("issues", "visit_id"),
            ("proposals", "visit_id"),
        ):
            for row in tables[table]:
                if row[key] == visit_id and row["review_status"] == "published":
                    before = dict(row)
                    row["review_status"] = "withdrawn"
                    entity = table[:-1]
                    _log(
                        tables["changes"],
                        who,
                        "withdraw",
                        entity,
                        row[ID_COLUMN[table]],
                        before,
                        row,
                        reason,
                    )
        write_tables_atomic(curated, tables)


def log_created(curated: Path, who: str, visit_ids: list[str]) -> None:
    """Record who added new drafts (called after ingest)."""
    if not visit_ids:
        return
    with curated_lock(curated):
        tables = _tables(curated)
        for vid in visit_ids:
            visit = next((v for v in tables["visits"] if v["visit_id"] == vid), None)
            _log(tables["changes"], who, "create", "visit", vid, None, visit)
        write_tables_atomic(curated, {"changes": tables["changes"]})
