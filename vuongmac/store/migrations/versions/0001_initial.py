"""The curated store: one table per curated entity, store metadata, sign-in attempts.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

KEYS = {
    "source_id", "visit_id", "issue_id", "proposal_id", "change_id", "commune_code",
    "review_status", "content_hash", "province_code", "record_id", "visit_date",
}  # fmt: skip
TABLES = {
    "sources": (
        ["source_id", "title", "url", "publisher", "published_date", "language",
         "content_hash", "file", "review_status"],
        ["source_id"],
    ),
    "visits": (
        ["visit_id", "visit_date", "date_precision", "province_code", "lead_official",
         "lead_title", "body", "evidence", "review_status", "scope"],
        ["visit_id"],
    ),
    "visit_sources": (["visit_id", "source_id"], ["visit_id", "source_id"]),
    "visit_communes": (
        ["visit_id", "commune_code", "as_written", "conversion"],
        ["visit_id", "commune_code", "as_written"],
    ),
    "issues": (
        ["issue_id", "visit_id", "category_id", "commune_code", "evidence", "source_id",
         "review_status"],
        ["issue_id"],
    ),
    "proposals": (
        ["proposal_id", "visit_id", "text", "assigned_agency", "status", "status_note",
         "due_date", "source_id", "review_status"],
        ["proposal_id"],
    ),
    "changes": (
        ["change_id", "at", "who", "action", "entity", "record_id", "before", "after", "note"],
        ["change_id"],
    ),
}  # fmt: skip
INDEXES = {
    "sources": [("ix_sources_hash", ["content_hash"])],
    "visits": [("ix_visits_status", ["review_status"])],
    "visit_sources": [("ix_visit_sources_source", ["source_id"])],
    "visit_communes": [("ix_visit_communes_code", ["commune_code"])],
    "issues": [("ix_issues_visit", ["visit_id"])],
    "proposals": [("ix_proposals_visit", ["visit_id"])],
    "changes": [("ix_changes_record", ["record_id"])],
}


def upgrade() -> None:
    for name, (columns, key) in TABLES.items():
        cols = [sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True)]
        for column in columns:
            kind = sa.String(200) if column in KEYS else sa.Text
            cols.append(sa.Column(column, kind, nullable=False, server_default=""))
        if name == "visits":
            cols.append(sa.Column("row_version", sa.Integer, nullable=False, server_default="1"))
        op.create_table(name, *cols, sa.UniqueConstraint(*key, name=f"uq_{name}_key"))
        for index, index_columns in INDEXES[name]:
            op.create_index(index, name, index_columns)
    op.create_table(
        "store_meta",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "signin_attempts",
        sa.Column("subject", sa.String(300), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("locked_until", sa.Integer, nullable=False, server_default="0"),
    )


def downgrade() -> None:
    for name in ("signin_attempts", "store_meta", *reversed(list(TABLES))):
        op.drop_table(name)
