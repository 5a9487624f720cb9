"""alerts

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 16:30:00.000000

Escalation alerts and the fingerprints they were computed from; both fill on the next
`forewarn alerts`.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alert_key", sa.Text(), nullable=False),
        sa.Column("granularity", sa.String(length=5), nullable=False),
        sa.Column("series_key", sa.Text(), nullable=False),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("actor", sa.String(length=3), nullable=True),
        sa.Column("recipient", sa.String(length=3), nullable=True),
        sa.Column("event_type", sa.String(length=20), nullable=True),
        sa.Column("measure", sa.String(length=20), nullable=False),
        sa.Column("period_start", sa.String(length=10), nullable=False),
        sa.Column("period_end", sa.String(length=10), nullable=False),
        sa.Column("observed", sa.Float(), nullable=False),
        sa.Column("expected", sa.Float(), nullable=False),
        sa.Column("variance", sa.Float(), nullable=False),
        sa.Column("p_value", sa.Float(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("incident_ids", sa.Text(), nullable=False),
        sa.Column("computed_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alerts")),
        sa.UniqueConstraint("alert_key", name=op.f("uq_alerts_alert_key")),
    )
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alerts_actor"), ["actor"], unique=False)
        batch_op.create_index(batch_op.f("ix_alerts_country"), ["country"], unique=False)
        batch_op.create_index(
            "ix_alerts_granularity_period", ["granularity", "period_start"], unique=False
        )
        batch_op.create_index(
            "ix_alerts_granularity_series", ["granularity", "series_key"], unique=False
        )
    op.create_table(
        "alert_series",
        sa.Column("granularity", sa.String(length=5), nullable=False),
        sa.Column("series_key", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("computed_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("granularity", "series_key", name=op.f("pk_alert_series")),
    )


def downgrade() -> None:
    op.drop_table("alert_series")
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.drop_index("ix_alerts_granularity_series")
        batch_op.drop_index("ix_alerts_granularity_period")
        batch_op.drop_index(batch_op.f("ix_alerts_country"))
        batch_op.drop_index(batch_op.f("ix_alerts_actor"))
    op.drop_table("alerts")
