"""indexes for pages: articles by record id, incidents by date

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 18:00:00.000000

The web app opens an article by its record id and walks the incident list page by page,
latest first: both were full scans.
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_articles_article_key"), ["article_key"], unique=False)
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index("ix_incidents_date_start_id", ["date_start", "id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index("ix_incidents_date_start_id")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_article_key"))
