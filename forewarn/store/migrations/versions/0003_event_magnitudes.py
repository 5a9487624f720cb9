"""events: PLOVER magnitudes dead, injured, size

Three nullable integer columns: rows written before this revision keep NULL (no count
stated), which is what re-extracting them would give for most events.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 15:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

MAGNITUDES = ("dead", "injured", "size")


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        for name in MAGNITUDES:
            batch_op.add_column(sa.Column(name, sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        for name in reversed(MAGNITUDES):
            batch_op.drop_column(name)
