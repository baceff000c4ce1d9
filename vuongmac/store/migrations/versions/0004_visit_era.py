"""A visit's era set by the curator (visits.era: "before", "two_tier" or empty) for the
records whose date does not decide it: an undated report that the text places before
1/7/2025. Empty means the era comes from the date or the sources' publication.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("visits") as batch:
        batch.add_column(sa.Column("era", sa.Text, nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("visits") as batch:
        batch.drop_column("era")
