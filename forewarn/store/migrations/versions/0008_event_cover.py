"""events: covert, and the cover an event was given

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 19:00:00.000000

``covert``: done in secret or under a stated cover; ``cover``: that cover ("drills" of
"called up reservists under the guise of drills"). Rows written before keep false and NULL,
which is what re-extracting them gives for almost every event. Plain ADD COLUMN, not batch
mode: the events table keeps its change triggers (0007).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "events", sa.Column("covert", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column("events", sa.Column("cover", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("cover")
        batch_op.drop_column("covert")
