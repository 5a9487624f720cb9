"""The store's tables, as SQLAlchemy Core metadata (the Alembic migrations build the same).

One row per article, event and claim; actors and places are shared identities (one row per
distinct name, country, sector and gazetteer key), linked to events with the words the
article used. Every event and claim keeps the offsets of its evidence in ``articles.text``.

Indexes follow the questions analysts ask: by date, type, verification, actor or recipient
(through ``event_actors`` and the actor's country) and dyad. Dates are ISO strings
(``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``), so string order is date order and a month or year
is a prefix.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    or_,
)

__all__ = [
    "DENIAL",
    "SCHEMA_REVISION",
    "actors",
    "alert_series",
    "alerts",
    "api_tokens",
    "articles",
    "change_counters",
    "claims",
    "event_actors",
    "events",
    "incident_events",
    "incident_history",
    "incidents",
    "metadata",
    "places",
    "syndication_bands",
]

# The newest revision in store/migrations/versions: a store stamped with it needs no migration.
# A new migration updates it (tests/store/test_store_schema.py checks the two agree).
SCHEMA_REVISION = "0009"

# Named constraints make migrations portable between SQLite and PostgreSQL.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True),
    # The article's id as read (JSONL "id", often a URL: any length) or its content id: what
    # records call article.id. Event and claim keys are this id plus "#e1", "#c1"...
    Column("article_key", Text, nullable=False, index=True),
    # Deduplication keys: the normalised URL (when known) and a hash of the normalised text.
    Column("url_key", String(64), unique=True),
    Column("text_hash", String(64), nullable=False, unique=True),
    Column("url", Text),
    Column("title", Text),
    Column("published", String(10), index=True),
    Column("source", Text, index=True),
    Column("language", String(8), nullable=False),
    Column("text", Text, nullable=False),
    Column("origin", Text),
    Column("extractor_version", Text, nullable=False),
    Column("ingested_at", String(32), nullable=False),
    # The publisher: the input's source, else its URL's host (store/keys.py: outlet_of).
    Column("outlet", Text, index=True),
    # Near-duplicate copies of one story (a wire story under other outlets' pages) share the
    # id of the first stored copy; an article like no other has its own id.
    Column("syndicate_id", Integer, index=True),
    # The text's MinHash signature, to compare a new article with its LSH candidates.
    Column("minhash", LargeBinary),
)

# Locality-sensitive hashing of the MinHash signatures: articles sharing a (band, bucket)
# are candidate near-duplicates, found by one indexed query whatever the store's size.
syndication_bands = Table(
    "syndication_bands",
    metadata,
    Column("band", Integer, primary_key=True),
    Column("bucket", String(16), primary_key=True),
    Column(
        "article_id",
        Integer,
        ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    ),
)

actors = Table(
    "actors",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, index=True),
    Column("country", String(3), index=True),
    Column("sector", Text),
    Column("gazetteer_id", Text),
    # One string of the four fields above: unique even when some are NULL (NULLs never clash).
    Column("identity", Text, nullable=False, unique=True),
)

places = Table(
    "places",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("country", String(3), index=True),
    Column("admin1", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("geonameid", Integer),
    Column("identity", Text, nullable=False, unique=True),
)

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "article_id",
        Integer,
        ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("claim_key", Text, nullable=False),
    Column("speaker_id", Integer, ForeignKey("actors.id"), index=True),
    Column("speaker_text", Text),
    Column("cue", Text, nullable=False),
    Column("channel", Text),
    Column("content_text", Text, nullable=False),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    Column("date", String(10), index=True),
    Column("date_precision", String(10), nullable=False),
    Column("stance", String(20), nullable=False),
    # JSON list of hedge words: read back whole, never queried by element.
    Column("hedges", Text, nullable=False),
    # The claim's date, else its article's publication date: what --since/--until filter on.
    Column("reference_date", String(10), index=True),
    Column("verification", String(20), nullable=False, index=True),
    UniqueConstraint("article_id", "claim_key"),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "article_id",
        Integer,
        ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("event_key", Text, nullable=False),
    Column("event_type", String(20), nullable=False, index=True),
    Column("mode", Text),
    # JSON list of PLOVER contexts.
    Column("context", Text, nullable=False),
    Column("date", String(10), index=True),
    Column("date_precision", String(10), nullable=False),
    Column("date_text", Text),
    # The event's date, else its article's publication date: what filters and sorting use.
    Column("reference_date", String(10), index=True),
    Column("place_id", Integer, ForeignKey("places.id"), index=True),
    Column("place_text", Text),
    Column("negated", Boolean, nullable=False),
    Column("modality", String(20), nullable=False),
    Column("claim_id", Integer, ForeignKey("claims.id", ondelete="SET NULL"), index=True),
    Column("verification", String(20), nullable=False, index=True),
    Column("trigger_text", Text, nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("evidence_text", Text, nullable=False),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("confidence", Float, nullable=False),
    # PLOVER magnitudes: the number killed, wounded and taking part (NULL: none stated).
    Column("dead", Integer),
    Column("injured", Integer),
    Column("size", Integer),
    # Done in secret or under a stated cover, and that cover ("drills").
    Column("covert", Boolean, nullable=False, server_default=false()),
    Column("cover", Text),
    UniqueConstraint("article_id", "event_key"),
)

event_actors = Table(
    "event_actors",
    metadata,
    Column(
        "event_id",
        Integer,
        ForeignKey("events.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    # "actor" (who did it) or "recipient" (to whom).
    Column("role", String(10), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("actor_id", Integer, ForeignKey("actors.id"), nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_event_actors_actor_role", "actor_id", "role"),
)

# Type over time is the commonest question after "what happened on this date".
Index("ix_events_type_reference_date", events.c.event_type, events.c.reference_date)
# Denials (a party denies it happened) are few; incidents look them up by type and days.
DENIAL = or_(events.c.modality == "denied", events.c.negated.is_(True))
Index(
    "ix_events_denials",
    events.c.event_type,
    events.c.reference_date,
    sqlite_where=DENIAL,
    postgresql_where=DENIAL,
)

# One real-world happening, and the events (in any article) that report it.
incidents = Table(
    "incidents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_type", String(20), nullable=False),
    Column("mode", Text),
    # The most precise report's dates: what later reports must agree with.
    Column("date_start", String(10), nullable=False),
    Column("date_end", String(10), nullable=False),
    Column("country", String(3), index=True),
    Column("place_id", Integer, ForeignKey("places.id"), index=True),
    Column("dead", Integer),
    Column("injured", Integer),
    Column("size", Integer),
    Column("verification", String(20), nullable=False, index=True),
    # JSON lists of [country, sector, gazetteer id, name] of every actor and recipient named
    # by a mention: what a new report is matched against.
    Column("actors", Text, nullable=False),
    Column("recipients", Text, nullable=False),
    # JSON list of the stories (near-duplicate groups of articles) of its mentions.
    Column("stories", Text, nullable=False),
    Column("mentions", Integer, nullable=False),
    Column("updated_at", String(32), nullable=False),
)
Index("ix_incidents_type_date_start", incidents.c.event_type, incidents.c.date_start)
# The incident list's order (latest first, then id), walked page by page.
Index("ix_incidents_date_start_id", incidents.c.date_start, incidents.c.id)

incident_events = Table(
    "incident_events",
    metadata,
    Column(
        "event_id",
        Integer,
        ForeignKey("events.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "incident_id",
        Integer,
        ForeignKey("incidents.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
)

# Each change of an incident's verification: to what, when, why, on which report.
incident_history = Table(
    "incident_history",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "incident_id",
        Integer,
        ForeignKey("incidents.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("verification", String(20), nullable=False),
    Column("changed_at", String(10)),
    Column("reason", Text, nullable=False),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="SET NULL")),
    Column("claim_id", Integer, ForeignKey("claims.id", ondelete="SET NULL")),
)

# Escalation alerts (forewarn/analysis/alerts.py), stored per granularity and series; a period
# of a series alerts at most once (alert_key), so recomputing never duplicates one.
alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True),
    # "month:country=UKR;measure=conflict:2014-05-01": what the alert's JSON calls its id.
    Column("alert_key", Text, nullable=False, unique=True),
    Column("granularity", String(5), nullable=False),
    Column("series_key", Text, nullable=False),
    Column("country", String(3), index=True),
    Column("actor", String(3), index=True),
    Column("recipient", String(3)),
    Column("event_type", String(20)),
    Column("measure", String(20), nullable=False),
    Column("period_start", String(10), nullable=False),
    Column("period_end", String(10), nullable=False),
    Column("observed", Float, nullable=False),
    Column("expected", Float, nullable=False),
    Column("variance", Float, nullable=False),
    Column("p_value", Float, nullable=False),
    Column("score", Float, nullable=False),
    Column("reason", Text, nullable=False),
    # JSON list of the incidents of the alerting period: read back whole.
    Column("incident_ids", Text, nullable=False),
    Column("computed_at", String(32), nullable=False),
)
Index("ix_alerts_granularity_period", alerts.c.granularity, alerts.c.period_start)
Index("ix_alerts_granularity_series", alerts.c.granularity, alerts.c.series_key)

# What the stored alerts were computed from: per granularity, a fingerprint of each series
# (its incidents, values and watched periods, and the rule's version); series_key "*" holds
# the whole store's (the rule's version and the alert_inputs change counter) and when it was
# taken.
alert_series = Table(
    "alert_series",
    metadata,
    Column("granularity", String(5), primary_key=True),
    Column("series_key", Text, primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("computed_at", String(32), nullable=False),
)

# The API's bearer tokens (`forewarn token create NAME`): only a SHA-256 of each is kept, so a
# copy of the store gives nobody write access to the API; a revoked token keeps its row.
api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", String(32), nullable=False),
)

# Counters bumped by triggers (migration 0007) in the transaction that changes what they count:
# "alert_inputs" counts every change to the incidents and to the articles' publication days,
# so that the stored alerts know they are current from one row.
change_counters = Table(
    "change_counters",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("value", BigInteger, nullable=False),
)
