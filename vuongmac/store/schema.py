"""The curated store's tables (SQLAlchemy Core), one per curated entity, as text columns
like the CSV snapshot they exchange with, plus:

- ``seq``: insertion order, so a CSV export lists rows as they were imported or added;
- ``row_version`` on visits: optimistic concurrency (a save names the version it edited);
- ``revision`` in ``store_meta``: bumped by every write, it keys the warehouse build;
- ``signin_attempts``: failed sign-ins per account and client address (lockout state that
  survives restarts).

Keys are unique in the database, so a duplicate id is refused at write time, never found
later by the build. The migrations in ``migrations/`` create exactly these tables.
"""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, MetaData, String, Table, Text, UniqueConstraint

from vuongmac.curated import CURATED_FILES

metadata = MetaData()

# Columns the CSV snapshot has that are searched or joined on: short, indexed.
_KEYS = {
    "source_id", "visit_id", "issue_id", "proposal_id", "change_id", "commune_code",
    "review_status", "content_hash", "province_code", "record_id", "visit_date",
}  # fmt: skip


def _columns(spec_name: str) -> list[Column]:
    spec = next(s for s in CURATED_FILES if s.name == spec_name)
    cols = [Column("seq", Integer, primary_key=True, autoincrement=True)]
    for name in spec.columns:
        kind = String(200) if name in _KEYS else Text
        cols.append(Column(name, kind, nullable=False, server_default=""))
    return cols


def _table(name: str, *extra) -> Table:  # noqa: ANN002
    spec = next(s for s in CURATED_FILES if s.name == name)
    return Table(
        name,
        metadata,
        *_columns(name),
        *extra,
        UniqueConstraint(*spec.key, name=f"uq_{name}_key"),
    )


sources = _table(
    "sources",
    Index("ix_sources_hash", "content_hash"),
    Index("ix_sources_url", "url"),
    Index("ix_sources_title", "title"),
    Index("ix_sources_status", "review_status"),
)
visits = _table(
    "visits",
    Column("row_version", Integer, nullable=False, server_default="1"),
    Index("ix_visits_status", "review_status"),
)
visit_sources = _table("visit_sources", Index("ix_visit_sources_source", "source_id"))
visit_communes = _table("visit_communes", Index("ix_visit_communes_code", "commune_code"))
issues = _table(
    "issues", Index("ix_issues_visit", "visit_id"), Index("ix_issues_source", "source_id")
)
proposals = _table(
    "proposals", Index("ix_proposals_visit", "visit_id"), Index("ix_proposals_source", "source_id")
)
changes = _table("changes", Index("ix_changes_record", "record_id"))

store_meta = Table(
    "store_meta",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)
signin_attempts = Table(
    "signin_attempts",
    metadata,
    Column("subject", String(300), primary_key=True),  # "account:NAME" or "client:ADDRESS"
    Column("failures", Integer, nullable=False, server_default="0"),
    Column("locked_until", Integer, nullable=False, server_default="0"),  # unix seconds
)

# The watch list (python -m vuongmac watch): operational state, not curated records, so not
# in the CSV snapshot. One row per watched feed, sitemap or listing page, with its HTTP
# validators (conditional GET) and its last run's counts; one row per article address seen,
# so a second run adds nothing.
watch_sources = Table(
    "watch_sources",
    metadata,
    Column("url", String(500), primary_key=True),
    Column("name", Text, nullable=False, server_default=""),
    Column("enabled", Integer, nullable=False, server_default="1"),
    Column("added_at", Text, nullable=False, server_default=""),
    Column("etag", Text, nullable=False, server_default=""),
    Column("last_modified", Text, nullable=False, server_default=""),
    Column("last_run_at", Text, nullable=False, server_default=""),
    Column("last_status", Text, nullable=False, server_default=""),  # ok / not_modified / error
    Column("last_error", Text, nullable=False, server_default=""),
    Column("found", Integer, nullable=False, server_default="0"),
    Column("new", Integer, nullable=False, server_default="0"),
    Column("relevant", Integer, nullable=False, server_default="0"),
    Column("failed", Integer, nullable=False, server_default="0"),
)
watch_items = Table(
    "watch_items",
    metadata,
    Column("url", String(500), primary_key=True),  # canonical address
    Column("watch_url", String(500), nullable=False, server_default=""),
    Column("seen_at", Text, nullable=False, server_default=""),
    # queued (a draft) / dismissed (auto: not relevant) / duplicate / failed
    Column("status", String(20), nullable=False, server_default=""),
    Column("source_id", String(200), nullable=False, server_default=""),
    Column("title", Text, nullable=False, server_default=""),
    Column("note", Text, nullable=False, server_default=""),
    Index("ix_watch_items_watch", "watch_url"),
)

CURATED_TABLES = {
    "sources": sources,
    "visits": visits,
    "visit_sources": visit_sources,
    "visit_communes": visit_communes,
    "issues": issues,
    "proposals": proposals,
    "changes": changes,
}
