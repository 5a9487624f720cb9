"""incidents, outlets and syndication

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03 14:54:14.848000

Stored articles get their outlet (the source, else the URL's host); their near-duplicate
signatures and the incidents are made by `forewarn incidents --rebuild`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_type", sa.String(length=20), nullable=False),
        sa.Column("mode", sa.Text(), nullable=True),
        sa.Column("date_start", sa.String(length=10), nullable=False),
        sa.Column("date_end", sa.String(length=10), nullable=False),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("dead", sa.Integer(), nullable=True),
        sa.Column("injured", sa.Integer(), nullable=True),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.Column("verification", sa.String(length=20), nullable=False),
        sa.Column("actors", sa.Text(), nullable=False),
        sa.Column("recipients", sa.Text(), nullable=False),
        sa.Column("stories", sa.Text(), nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["place_id"], ["places.id"], name=op.f("fk_incidents_place_id_places")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
    )
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_incidents_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_incidents_place_id"), ["place_id"], unique=False)
        batch_op.create_index(
            "ix_incidents_type_date_start", ["event_type", "date_start"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_incidents_verification"), ["verification"], unique=False
        )

    op.create_table(
        "syndication_bands",
        sa.Column("band", sa.Integer(), nullable=False),
        sa.Column("bucket", sa.String(length=16), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_syndication_bands_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("band", "bucket", "article_id", name=op.f("pk_syndication_bands")),
    )
    op.create_table(
        "incident_events",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_incident_events_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_incident_events_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_incident_events")),
    )
    with op.batch_alter_table("incident_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_incident_events_incident_id"), ["incident_id"], unique=False
        )

    op.create_table(
        "incident_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("verification", sa.String(length=20), nullable=False),
        sa.Column("changed_at", sa.String(length=10), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("claim_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
            name=op.f("fk_incident_history_claim_id_claims"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_incident_history_event_id_events"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_incident_history_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_history")),
    )
    with op.batch_alter_table("incident_history", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_incident_history_incident_id"), ["incident_id"], unique=False
        )

    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outlet", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("syndicate_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("minhash", sa.LargeBinary(), nullable=True))
        batch_op.create_index(batch_op.f("ix_articles_outlet"), ["outlet"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_articles_syndicate_id"), ["syndicate_id"], unique=False
        )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_events_denials",
            ["event_type", "reference_date"],
            unique=False,
            sqlite_where=sa.text("events.modality = 'denied' OR events.negated IS 1"),
            postgresql_where=sa.text("events.modality = 'denied' OR events.negated IS true"),
        )
    _fill_outlets()


def _fill_outlets() -> None:
    """The outlet of every stored article, as forewarn 0.1 names it (frozen here)."""
    connection = op.get_bind()
    articles = sa.table(
        "articles", sa.column("id"), sa.column("source"), sa.column("url"), sa.column("outlet")
    )
    rows = connection.execute(sa.select(articles.c.id, articles.c.source, articles.c.url)).all()
    for article_id, source, url in rows:
        outlet = (source or "").strip() or _host(url)
        if outlet:
            connection.execute(
                articles.update().where(articles.c.id == article_id).values(outlet=outlet)
            )


def _host(url: str | None) -> str | None:
    try:
        host = urlsplit((url or "").strip()).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_denials")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_syndicate_id"))
        batch_op.drop_index(batch_op.f("ix_articles_outlet"))
        batch_op.drop_column("minhash")
        batch_op.drop_column("syndicate_id")
        batch_op.drop_column("outlet")

    with op.batch_alter_table("incident_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incident_history_incident_id"))

    op.drop_table("incident_history")
    with op.batch_alter_table("incident_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incident_events_incident_id"))

    op.drop_table("incident_events")
    op.drop_table("syndication_bands")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incidents_verification"))
        batch_op.drop_index("ix_incidents_type_date_start")
        batch_op.drop_index(batch_op.f("ix_incidents_place_id"))
        batch_op.drop_index(batch_op.f("ix_incidents_country"))

    op.drop_table("incidents")
