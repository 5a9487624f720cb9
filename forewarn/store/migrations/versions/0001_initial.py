"""initial schema: articles, events, claims, actors, places

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-25 21:44:30.990883
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("sector", sa.Text(), nullable=True),
        sa.Column("gazetteer_id", sa.Text(), nullable=True),
        sa.Column("identity", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actors")),
        sa.UniqueConstraint("identity", name=op.f("uq_actors_identity")),
    )
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actors_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_actors_name"), ["name"], unique=False)

    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_key", sa.Text(), nullable=False),
        sa.Column("url_key", sa.String(length=64), nullable=True),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.String(length=10), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=True),
        sa.Column("extractor_version", sa.Text(), nullable=False),
        sa.Column("ingested_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sa.UniqueConstraint("text_hash", name=op.f("uq_articles_text_hash")),
        sa.UniqueConstraint("url_key", name=op.f("uq_articles_url_key")),
    )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_articles_published"), ["published"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_source"), ["source"], unique=False)

    op.create_table(
        "places",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("geonameid", sa.Integer(), nullable=True),
        sa.Column("identity", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_places")),
        sa.UniqueConstraint("identity", name=op.f("uq_places_identity")),
    )
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_places_country"), ["country"], unique=False)

    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("claim_key", sa.Text(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=True),
        sa.Column("speaker_text", sa.Text(), nullable=True),
        sa.Column("cue", sa.Text(), nullable=False),
        sa.Column("channel", sa.Text(), nullable=True),
        sa.Column("content_text", sa.Text(), nullable=False),
        sa.Column("content_start", sa.Integer(), nullable=False),
        sa.Column("content_end", sa.Integer(), nullable=False),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("date_precision", sa.String(length=10), nullable=False),
        sa.Column("stance", sa.String(length=20), nullable=False),
        sa.Column("hedges", sa.Text(), nullable=False),
        sa.Column("reference_date", sa.String(length=10), nullable=True),
        sa.Column("verification", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_claims_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"], ["actors.id"], name=op.f("fk_claims_speaker_id_actors")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
        sa.UniqueConstraint("article_id", "claim_key", name=op.f("uq_claims_article_id")),
    )
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claims_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_claims_date"), ["date"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_claims_reference_date"), ["reference_date"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_claims_speaker_id"), ["speaker_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_claims_verification"), ["verification"], unique=False)

    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("event_key", sa.Text(), nullable=False),
        sa.Column("event_type", sa.String(length=20), nullable=False),
        sa.Column("mode", sa.Text(), nullable=True),
        sa.Column("context", sa.Text(), nullable=False),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("date_precision", sa.String(length=10), nullable=False),
        sa.Column("date_text", sa.Text(), nullable=True),
        sa.Column("reference_date", sa.String(length=10), nullable=True),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("place_text", sa.Text(), nullable=True),
        sa.Column("negated", sa.Boolean(), nullable=False),
        sa.Column("modality", sa.String(length=20), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=True),
        sa.Column("verification", sa.String(length=20), nullable=False),
        sa.Column("trigger_text", sa.Text(), nullable=False),
        sa.Column("trigger_start", sa.Integer(), nullable=False),
        sa.Column("trigger_end", sa.Integer(), nullable=False),
        sa.Column("evidence_text", sa.Text(), nullable=False),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_events_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_events_claim_id_claims"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["place_id"], ["places.id"], name=op.f("fk_events_place_id_places")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("article_id", "event_key", name=op.f("uq_events_article_id")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_claim_id"), ["claim_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_date"), ["date"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_events_reference_date"), ["reference_date"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_events_event_type"), ["event_type"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_place_id"), ["place_id"], unique=False)
        batch_op.create_index(
            "ix_events_type_reference_date", ["event_type", "reference_date"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_events_verification"), ["verification"], unique=False)

    op.create_table(
        "event_actors",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actors.id"], name=op.f("fk_event_actors_actor_id_actors")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_actors_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "role", "position", name=op.f("pk_event_actors")),
    )
    with op.batch_alter_table("event_actors", schema=None) as batch_op:
        batch_op.create_index("ix_event_actors_actor_role", ["actor_id", "role"], unique=False)


def downgrade() -> None:
    # Indexes and constraints go with their tables; children first.
    for table in ("event_actors", "events", "claims", "places", "articles", "actors"):
        op.drop_table(table)
