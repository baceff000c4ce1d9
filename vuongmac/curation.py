"""Curation actions on the curated store: drafts in, reviewed records out, every change
logged. Each action is one transaction that touches only the rows of its visit:

- the version a curator edits is the visit's ``row_version``; a save raises ConflictError
  when someone saved the same visit since (optimistic concurrency, checked and bumped by
  one UPDATE, so two saves can never both win);
- a publish is validated first against the same rules as the build's data tests
  (``domain.publish_problems``) and refused with the reasons, so no action on the Review
  page can leave the dashboard unable to rebuild;
- before/after of every record changed go to the change log in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy import Connection, delete, func, select, update

from vuongmac import review
from vuongmac.curated import CURATED_BY_NAME
from vuongmac.domain import RecordKind, ReviewStatus, new_id, normalized_row, publish_problems
from vuongmac.store import Store, schema

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


Bundle = review.Bundle  # one visit with everything a reviewer edits (vuongmac.review)


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def _json(row: Mapping[str, str] | None) -> str:
    return json.dumps(dict(row), ensure_ascii=False, sort_keys=True) if row else ""


def log_change(
    conn: Connection,
    who: str,
    action: str,
    entity: str,
    record_id: str,
    before: Mapping[str, str] | None,
    after: Mapping[str, str] | None,
    note: str = "",
) -> None:
    Store.insert_rows(
        conn,
        "changes",
        [
            {
                "change_id": new_id("change"),
                "at": _now(),
                "who": who,
                "action": action,
                "entity": entity,
                "record_id": record_id,
                "before": _json(before),
                "after": _json(after),
                "note": note,
            }
        ],
    )


def drafts(store: Store) -> list[dict[str, str]]:
    """Visits awaiting review, oldest first (by when they were created), with their issue
    count. Reads only the drafts' rows (all by index), whatever the size of the dataset."""
    c, i = schema.changes, schema.issues
    with store.read() as conn:
        rows = store.rows("visits", conn, review_status=ReviewStatus.DRAFT.value)
        ids = [r["visit_id"] for r in rows]
        created: dict[str, str] = {}
        counts: dict[str, int] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            created.update(
                conn.execute(
                    select(c.c.record_id, func.min(c.c.at))
                    .where(c.c.record_id.in_(chunk), c.c.action == "create", c.c.entity == "visit")
                    .group_by(c.c.record_id)
                ).all()
            )
            counts.update(
                conn.execute(
                    select(i.c.visit_id, func.count())
                    .where(i.c.visit_id.in_(chunk))
                    .group_by(i.c.visit_id)
                ).all()
            )
    for row in rows:
        row["created_at"] = created.get(row["visit_id"]) or ""
        row["issue_count"] = str(counts.get(row["visit_id"], 0))
    return sorted(rows, key=lambda r: (r["created_at"] or "9999", r["visit_id"]))


def _version(conn: Connection, visit_id: str) -> str | None:
    row = conn.execute(
        select(schema.visits.c.row_version).where(schema.visits.c.visit_id == visit_id)
    ).first()
    return str(row[0]) if row else None


def load(store: Store, sources_dir: Path, visit_id: str) -> Bundle:
    with store.read() as conn:
        visits = store.rows("visits", conn, visit_id=visit_id)
        if not visits:
            raise CurationError(f"no visit {visit_id!r}")
        version = _version(conn, visit_id)
        source_ids = [r["source_id"] for r in store.rows("visit_sources", conn, visit_id=visit_id)]
        sources = store.rows("sources", conn, source_id=source_ids) if source_ids else []
        issues = store.rows("issues", conn, visit_id=visit_id)
        proposals = store.rows("proposals", conn, visit_id=visit_id)
        # A published visit with a source attached: the source's drafts are what is edited;
        # the published records are shown beside them (and may be corroborated).
        attached = visits[0]["review_status"] == ReviewStatus.PUBLISHED.value
        done = ReviewStatus.PUBLISHED.value
        bundle = Bundle(
            visit=visits[0],
            communes=store.rows("visit_communes", conn, visit_id=visit_id),
            issues=[i for i in issues if not (attached and i["review_status"] == done)],
            proposals=[p for p in proposals if not (attached and p["review_status"] == done)],
            sources=[s for s in sources if not (attached and s["review_status"] == done)]
            or sources,
            version=version or "",
            published_issues=[i for i in issues if attached and i["review_status"] == done],
            published_proposals=[p for p in proposals if attached and p["review_status"] == done],
        )
    for s in sources:
        path = sources_dir / s["file"] if s["file"] else None
        if path and path.is_file() and path.resolve().is_relative_to(sources_dir.resolve()):
            bundle.texts[s["source_id"]] = path.read_text(encoding="utf-8")
    return bundle


def _reference() -> dict:
    from vuongmac.codebook import category_ids
    from vuongmac.geo.admin import load_communes, load_provinces

    communes = load_communes()
    return {
        "province_codes": set(load_provinces()["province_code"]),
        "commune_province": dict(
            zip(communes["commune_code"], communes["province_code"], strict=True)
        ),
        "category_ids": set(category_ids()),
    }


def validate(bundle: Bundle) -> list[str]:
    """The reasons this bundle cannot be published (empty: it can)."""
    return publish_problems(
        bundle.visit,
        bundle.communes,
        bundle.issues,
        bundle.proposals,
        bundle.sources,
        **_reference(),
    )


def save(
    store: Store,
    who: str,
    edited: Bundle,
    action: str = "edit",
    note: str = "",
) -> str:
    """Store an edited bundle. ``action``: edit (save for later), publish or reject.
    Returns the new version. Raises ConflictError if the visit changed since it was loaded,
    CurationError if the edit is invalid (a publish names every problem)."""
    if action not in {"edit", "publish", "reject"}:
        raise CurationError(f"unknown action {action!r}")
    if action == "reject" and not note.strip():
        raise CurationError("a rejection needs a reason")
    visit_id = edited.visit["visit_id"]
    status = {"publish": "published", "reject": "rejected"}.get(action)
    # a source attached to a published visit: its drafts are decided, the visit stays
    attached = edited.visit.get("review_status") == ReviewStatus.PUBLISHED.value
    for issue in edited.issues:  # evidence must stay a verbatim quote of its source
        text = edited.texts.get(issue["source_id"])
        if text is not None and " ".join(issue["evidence"].split()) not in " ".join(text.split()):
            raise CurationError(
                f"issue {issue['issue_id']}: the quote is not in source {issue['source_id']}"
            )
    for entity, rows, key in (
        ("issue", edited.issues, "issue_id"),
        ("proposal", edited.proposals, "proposal_id"),
    ):
        ids = [r[key] for r in rows]
        if len(ids) != len(set(ids)) or any(not i for i in ids):
            raise CurationError(f"two {entity}s share an id, or one has none: {sorted(ids)}")
    try:  # every row through its typed record: enums, dates and keys as the domain says
        new_visit = normalized_row("visits", edited.visit)
        communes = [normalized_row("visit_communes", r) for r in edited.communes]
        new_issues = [normalized_row("issues", r) for r in edited.issues]
        new_props = [normalized_row("proposals", r) for r in edited.proposals]
        new_sources = [normalized_row("sources", r) for r in edited.sources]
    except (ValueError, KeyError) as exc:
        raise CurationError(f"cannot save: {exc}") from exc
    if status:
        if not attached:
            new_visit["review_status"] = status
        for r in (*new_issues, *new_props, *new_sources):
            r["review_status"] = status
    kept_issues = [dict(r) for r in edited.published_issues]  # published: stored as they are
    kept_props = [dict(r) for r in edited.published_proposals]
    if action == "publish":
        sources = new_sources
        if attached:  # the published records cite the visit's other sources: check them too
            ids = {r["source_id"] for r in store.rows("visit_sources", visit_id=visit_id)}
            editing = {r["source_id"] for r in new_sources}
            sources = [*new_sources,
                       *store.rows("sources", source_id=sorted(ids - editing) or [""])]  # fmt: skip
        problems = validate(
            Bundle(new_visit, communes, [*kept_issues, *new_issues], [*kept_props, *new_props],
                   sources, "")
        )  # fmt: skip
        if problems:
            raise CurationError("cannot publish: " + "; ".join(problems))
    v = schema.visits
    with store.write() as conn:
        claimed = conn.execute(
            update(v)
            .where(v.c.visit_id == visit_id, v.c.row_version == int(edited.version or 0))
            .values(row_version=v.c.row_version + 1)
        ).rowcount
        if claimed != 1:
            raise ConflictError(
                f"visit {visit_id} was changed by someone else since you opened it; reload it"
                " and apply your edits again"
            )
        old_visit = store.rows("visits", conn, visit_id=visit_id)[0]
        olds = {
            "issue": {r["issue_id"]: r for r in store.rows("issues", conn, visit_id=visit_id)},
            "proposal": {
                r["proposal_id"]: r for r in store.rows("proposals", conn, visit_id=visit_id)
            },
        }
        if old_visit != new_visit:
            log_change(conn, who, action, "visit", visit_id, old_visit, new_visit, note)
        new_issues = [*kept_issues, *new_issues]
        new_props = [*kept_props, *new_props]
        for entity, new_rows, key in (
            ("issue", new_issues, "issue_id"),
            ("proposal", new_props, "proposal_id"),
        ):
            new_ids = {r[key] for r in new_rows}
            for r in new_rows:
                before = olds[entity].get(r[key])
                if before != r:
                    kind = action if before else "create"
                    log_change(conn, who, kind, entity, r[key], before, r, note)
            for rid, before in olds[entity].items():
                if rid not in new_ids:
                    log_change(conn, who, "delete", entity, rid, before, None, note)
        spec_cols = CURATED_BY_NAME["visits"].columns
        conn.execute(
            update(v)
            .where(v.c.visit_id == visit_id)
            .values({c: new_visit.get(c, "") for c in spec_cols})
        )
        for table_name, rows in (
            ("visit_communes", communes),
            ("issues", new_issues),
            ("proposals", new_props),
        ):
            table = schema.CURATED_TABLES[table_name]
            conn.execute(delete(table).where(table.c.visit_id == visit_id))
            store.insert_rows(conn, table_name, rows)
        s = schema.sources
        for row in new_sources:
            before = store.rows("sources", conn, source_id=row["source_id"])
            if before and before[0] != row:
                log_change(conn, who, action, "source", row["source_id"], before[0], row, note)
                cols = CURATED_BY_NAME["sources"].columns
                conn.execute(
                    update(s)
                    .where(s.c.source_id == row["source_id"])
                    .values({c: row.get(c, "") for c in cols})
                )
        return _version(conn, visit_id) or ""


def history(store: Store, record_ids: set[str]) -> list[dict[str, str]]:
    if not record_ids:
        return []
    return store.rows("changes", record_id=sorted(record_ids))


def revert(store: Store, who: str, change_id: str) -> None:
    """Put a record back as it was before one change (if it has not changed since)."""
    with store.write() as conn:
        found = store.rows("changes", conn, change_id=change_id)
        if not found:
            raise CurationError(f"no change {change_id!r}")
        change = found[0]
        table_name = ENTITY_TABLE[change["entity"]]
        key = ID_COLUMN[table_name]
        table = schema.CURATED_TABLES[table_name]
        current_rows = store.rows(table_name, conn, **{key: change["record_id"]})
        current = current_rows[0] if current_rows else None
        after = json.loads(change["after"]) if change["after"] else None
        before = json.loads(change["before"]) if change["before"] else None
        cols = CURATED_BY_NAME[table_name].columns

        def same(a: Mapping[str, str] | None, b: Mapping[str, str] | None) -> bool:
            # A column added later (visits.era) is absent from older log rows: empty.
            if a is None or b is None:
                return a is b
            return all((a.get(c) or "") == (b.get(c) or "") for c in cols)

        if not same(current, after):
            raise ConflictError(
                f"{change['record_id']} changed again after {change_id}; revert the later change first"
            )
        if table_name == "visits" and before is not None:
            conn.execute(
                update(table)
                .where(table.c.visit_id == change["record_id"])
                .values(
                    {**{c: before.get(c, "") for c in cols}, "row_version": table.c.row_version + 1}
                )
            )
        else:
            conn.execute(delete(table).where(table.c[key] == change["record_id"]))
            if before is not None:
                store.insert_rows(conn, table_name, [before])
            visit_id = (before or after or {}).get("visit_id")
            if visit_id:  # the visit's bundle changed: open editors must reload
                v = schema.visits
                conn.execute(
                    update(v)
                    .where(v.c.visit_id == visit_id)
                    .values(row_version=v.c.row_version + 1)
                )
        log_change(
            conn,
            who,
            "revert",
            change["entity"],
            change["record_id"],
            current,
            before,
            f"revert of {change_id}",
        )


def withdraw(store: Store, who: str, visit_id: str, reason: str) -> None:
    """Take a published visit (and its records) off the dashboard; it stays listed as withdrawn."""
    if not reason.strip():
        raise CurationError("a withdrawal needs a reason")
    with store.write() as conn:
        visit = store.rows("visits", conn, visit_id=visit_id)
        if not visit or visit[0]["review_status"] != ReviewStatus.PUBLISHED:
            raise CurationError(f"no published visit {visit_id!r}")
        for table_name in ("visits", "issues", "proposals"):
            table = schema.CURATED_TABLES[table_name]
            for row in store.rows(table_name, conn, visit_id=visit_id):
                if row["review_status"] != ReviewStatus.PUBLISHED:
                    continue
                after = {**row, "review_status": ReviewStatus.WITHDRAWN.value}
                key = ID_COLUMN[table_name]
                conn.execute(
                    update(table)
                    .where(table.c[key] == row[key])
                    .values(review_status=ReviewStatus.WITHDRAWN.value)
                )
                log_change(conn, who, "withdraw", table_name[:-1], row[key], row, after, reason)
        v = schema.visits
        conn.execute(
            update(v).where(v.c.visit_id == visit_id).values(row_version=v.c.row_version + 1)
        )


def log_created(store: Store, who: str, visit_ids: list[str]) -> None:
    """Record who added new drafts (called after an ingest that did not log them)."""
    if not visit_ids:
        return
    with store.write() as conn:
        for vid in visit_ids:
            visit = store.rows("visits", conn, visit_id=vid)
            log_change(conn, who, "create", "visit", vid, None, visit[0] if visit else None)


def open_document(store: Store, who: str, source_id: str, kind: str = RecordKind.REPORT) -> str:
    """A document that produced no visit gets a draft record to code: a report (place,
    date, scope, issues, no visit) or a visit. Returns its id; the page opens it."""
    kind = RecordKind(kind)
    with store.write() as conn:
        found = store.rows("sources", conn, source_id=source_id)
        if not found:
            raise CurationError(f"no source {source_id!r}")
        if store.rows("visit_sources", conn, source_id=source_id):
            raise CurationError(f"source {source_id} already has a record")
        visit_id = new_id("visit")
        row = normalized_row("visits", {
            "visit_id": visit_id, "visit_date": "", "date_precision": "unknown",
            "province_code": "", "evidence": found[0]["title"] or source_id,
            "review_status": ReviewStatus.DRAFT.value, "scope": "unknown", "kind": kind.value,
        })  # fmt: skip
        Store.insert_rows(conn, "visits", [row])
        Store.insert_rows(conn, "visit_sources", [{"visit_id": visit_id, "source_id": source_id}])
        log_change(conn, who, "create", "visit", visit_id, None, row)
    return visit_id


def add_visit(store: Store, who: str, visit_id: str) -> str:
    """A second visit reported by the same document(s): a draft with the same sources and
    date, to be given its own places. Returns its id."""
    with store.write() as conn:
        found = store.rows("visits", conn, visit_id=visit_id)
        if not found:
            raise CurationError(f"no visit {visit_id!r}")
        new = new_id("visit")
        row = normalized_row("visits", {**found[0], "visit_id": new,
                                        "review_status": ReviewStatus.DRAFT.value})  # fmt: skip
        Store.insert_rows(conn, "visits", [row])
        links = store.rows("visit_sources", conn, visit_id=visit_id)
        Store.insert_rows(
            conn, "visit_sources", [{"visit_id": new, "source_id": r["source_id"]} for r in links]
        )
        log_change(conn, who, "create", "visit", new, None, row, f"split from {visit_id}")
    return new


def dismiss(store: Store, who: str, source_id: str, reason: str) -> None:
    """An irrelevant document leaves the queue, logged with its reason (it stays stored)."""
    if not reason.strip():
        raise CurationError("a dismissal needs a reason")
    s = schema.sources
    with store.write() as conn:
        found = store.rows("sources", conn, source_id=source_id)
        if not found:
            raise CurationError(f"no source {source_id!r}")
        before = found[0]
        if before["review_status"] != ReviewStatus.DRAFT.value:
            raise ConflictError(
                f"source {source_id} was already decided ({before['review_status']})"
            )
        after = {**before, "review_status": ReviewStatus.DISMISSED.value}
        conn.execute(
            update(s).where(s.c.source_id == source_id)
            .values(review_status=ReviewStatus.DISMISSED.value)
        )  # fmt: skip
        for table_name in ("issues", "proposals"):  # drafts it produced go with it
            table = schema.CURATED_TABLES[table_name]
            conn.execute(
                update(table)
                .where(table.c.source_id == source_id, table.c.review_status == "draft")
                .values(review_status=ReviewStatus.DISMISSED.value)
            )
        log_change(conn, who, "dismiss", "source", source_id, before, after, reason.strip())
