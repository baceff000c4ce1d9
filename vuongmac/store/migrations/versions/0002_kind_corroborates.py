"""Reports beside visits (visits.kind) and corroborations (issues.corroborates).

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


def downgrade() -> None:
    with op.batch_alter_table("issues") as batch:
        batch.drop_column("corroborates")
    with op.batch_alter_table("visits") as batch:
        batch.drop_column("kind")
