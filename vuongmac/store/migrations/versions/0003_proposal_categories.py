"""The difficulties a proposal answers (proposals.category_ids, ";"-separated category ids):
proposed by the extractor, confirmed by the reviewer; the Kiến nghị page's category ×
agency × status table reads them.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("proposals") as batch:
        batch.add_column(sa.Column("category_ids", sa.Text, nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("proposals") as batch:
        batch.drop_column("category_ids")
