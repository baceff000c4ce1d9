"""Reports beside visits (visits.kind), corroborations (issues.corroborates), and indexes
to find another format of a stored article (sources.url, sources.title).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("visits") as batch:
        batch.add_column(sa.Column("kind", sa.Text, nullable=False, server_default=""))
    with op.batch_alter_table("issues") as batch:
        batch.add_column(sa.Column("corroborates", sa.Text, nullable=False, server_default=""))
    # copies of one article in another format are found by address or headline
    op.create_index("ix_sources_url", "sources", ["url"])
    op.create_index("ix_sources_title", "sources", ["title"])
    # the review queue reads draft sources and a source's issues by index at any size
    op.create_index("ix_sources_status", "sources", ["review_status"])
    op.create_index("ix_issues_source", "issues", ["source_id"])
    op.create_index("ix_proposals_source", "proposals", ["source_id"])


def downgrade() -> None:
    op.drop_index("ix_proposals_source", "proposals")
    op.drop_index("ix_issues_source", "issues")
    op.drop_index("ix_sources_status", "sources")
    op.drop_index("ix_sources_title", "sources")
    op.drop_index("ix_sources_url", "sources")
    with op.batch_alter_table("issues") as batch:
        batch.drop_column("corroborates")
    with op.batch_alter_table("visits") as batch:
        batch.drop_column("kind")
