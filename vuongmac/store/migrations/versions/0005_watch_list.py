"""The watch list: watched feeds, sitemaps and listing pages (watch_sources) and every
article address seen (watch_items), so `watch run` fetches only what is new.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _text(name: str) -> sa.Column:
    return sa.Column(name, sa.Text, nullable=False, server_default="")


def _int(name: str, default: str = "0") -> sa.Column:
    return sa.Column(name, sa.Integer, nullable=False, server_default=default)


def upgrade() -> None:
    op.create_table(
        "watch_sources",
        sa.Column("url", sa.String(500), primary_key=True),
        _text("name"), _int("enabled", "1"), _text("added_at"), _text("etag"),
        _text("last_modified"), _text("last_run_at"), _text("last_status"), _text("last_error"),
        _int("found"), _int("new"), _int("relevant"), _int("failed"),
    )  # fmt: skip
    op.create_table(
        "watch_items",
        sa.Column("url", sa.String(500), primary_key=True),
        sa.Column("watch_url", sa.String(500), nullable=False, server_default=""),
        _text("seen_at"),
        sa.Column("status", sa.String(20), nullable=False, server_default=""),
        sa.Column("source_id", sa.String(200), nullable=False, server_default=""),
        _text("title"), _text("note"),
    )  # fmt: skip
    op.create_index("ix_watch_items_watch", "watch_items", ["watch_url"])


def downgrade() -> None:
    op.drop_index("ix_watch_items_watch", "watch_items")
    op.drop_table("watch_items")
    op.drop_table("watch_sources")
