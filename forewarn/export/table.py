"""Events as flat rows, one per event, for CSV and Parquet (and claims as rows for CSV).

Every row has the columns of :data:`EVENT_SCHEMA`, in its order (:data:`EVENT_COLUMNS`), with
the same type in every row (None when unknown), so that a Parquet file has one fixed schema
whatever the documents hold and a CSV file one fixed header.

- ``article_*``: the article the event is from; ``quad_class``: the PLOVER quad class of
  ``event_type`` (``forewarn.ontology.QUAD_CLASS``); ``context``: the contexts joined with ";".
- ``date`` and ``article_published`` stay strings: an event date may be a month ("2025-03") or
  a year, and ``date_precision`` says which.
- ``actor_*`` and ``recipient_*``: name, country (ISO 3166-1 alpha-3), sector and gazetteer id
  of each actor, joined with ";" in the same order, a missing value left as an empty slot
  ("RUS;" for a Russian and an unknown actor); None when the list is empty.
- ``location_*``: the resolved place; ``trigger_*``, ``evidence_*``: the spans, offsets into the
  article text (end exclusive).
- ``covert``, ``cover``: done in secret or under a stated cover, and that cover.
- ``dead``, ``injured``, ``size``: PLOVER's magnitudes (killed, wounded, participants), null
  when the text gives no number (docs/formats.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyarrow as pa

from forewarn import ontology
from forewarn.export.fields import joined
from forewarn.records import Actor, Article, Claim, Document, Event, Place

__all__ = [
    "CLAIM_COLUMNS",
    "EVENT_COLUMNS",
    "EVENT_SCHEMA",
    "claim_row",
    "event_row",
    "event_rows",
]

EVENT_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("article_url", pa.string()),
        ("article_source", pa.string()),
        ("article_published", pa.string()),
        ("article_title", pa.string()),
        ("event_id", pa.string()),
        ("event_type", pa.string()),
        ("quad_class", pa.string()),
        ("mode", pa.string()),
        ("context", pa.string()),
        ("date", pa.string()),
        ("date_precision", pa.string()),
        ("date_text", pa.string()),
        ("actor_name", pa.string()),
        ("actor_country", pa.string()),
        ("actor_sector", pa.string()),
        ("actor_id", pa.string()),
        ("recipient_name", pa.string()),
        ("recipient_country", pa.string()),
        ("recipient_sector", pa.string()),
        ("recipient_id", pa.string()),
        ("location_name", pa.string()),
        ("location_country", pa.string()),
        ("location_admin1", pa.string()),
        ("location_lat", pa.float64()),
        ("location_lon", pa.float64()),
        ("location_geonameid", pa.int64()),
        ("negated", pa.bool_()),
        ("modality", pa.string()),
        ("verification", pa.string()),
        ("claim_id", pa.string()),
        ("trigger_text", pa.string()),
        ("trigger_start", pa.int64()),
        ("trigger_end", pa.int64()),
        ("evidence_text", pa.string()),
        ("evidence_start", pa.int64()),
        ("evidence_end", pa.int64()),
        ("confidence", pa.float64()),
        ("dead", pa.int64()),
        ("injured", pa.int64()),
        ("size", pa.int64()),
        ("covert", pa.bool_()),
        ("cover", pa.string()),
    ]
)
EVENT_COLUMNS: tuple[str, ...] = tuple(EVENT_SCHEMA.names)


def _actors(role: str, actors: list[Actor]) -> dict[str, str | None]:
    return {
        f"{role}_name": joined(a.name for a in actors),
        f"{role}_country": joined(a.country for a in actors),
        f"{role}_sector": joined(a.sector for a in actors),
        f"{role}_id": joined(a.id for a in actors),
    }


_LOCATION_FIELDS = ("name", "country", "admin1", "lat", "lon", "geonameid")


def _location(place: Place | None) -> dict[str, Any]:
    return {
        f"location_{name}": getattr(place, name) if place else None for name in _LOCATION_FIELDS
    }


def event_rows(document: Document) -> Iterator[dict[str, Any]]:
    """One flat row per event of ``document``, keys in :data:`EVENT_COLUMNS` order."""
    for event in document.events:
        yield event_row(document.article, event)


def event_row(article: Article, event: Event) -> dict[str, Any]:
    """One flat row for an event of ``article``, keys in :data:`EVENT_COLUMNS` order."""
    return {
        "article_id": article.id,
        "article_url": article.url,
        "article_source": article.source,
        "article_published": article.published,
        "article_title": article.title,
        "event_id": event.id,
        "event_type": event.event_type,
        "quad_class": ontology.QUAD_CLASS[event.event_type],
        "mode": event.mode,
        "context": ";".join(event.context) or None,
        "date": event.date,
        "date_precision": event.date_precision,
        "date_text": event.date_text,
        **_actors("actor", event.actor),
        **_actors("recipient", event.recipient),
        **_location(event.location),
        "negated": event.negated,
        "modality": event.modality,
        "verification": event.verification,
        "claim_id": event.claim_id,
        "trigger_text": event.trigger.text,
        "trigger_start": event.trigger.start,
        "trigger_end": event.trigger.end,
        "evidence_text": event.evidence.text,
        "evidence_start": event.evidence.start,
        "evidence_end": event.evidence.end,
        "confidence": event.confidence,
        "dead": event.dead,
        "injured": event.injured,
        "size": event.size,
        "covert": event.covert,
        "cover": event.cover,
    }


CLAIM_COLUMNS: tuple[str, ...] = (
    "article_id",
    "article_url",
    "article_source",
    "article_published",
    "claim_id",
    "speaker_text",
    "speaker_name",
    "speaker_country",
    "speaker_sector",
    "speaker_id",
    "cue",
    "channel",
    "stance",
    "hedges",
    "verification",
    "date",
    "date_precision",
    "content_text",
    "content_start",
    "content_end",
    "event_ids",
)


def claim_row(article: Article, claim: Claim) -> dict[str, Any]:
    """One flat row for a claim, keys in :data:`CLAIM_COLUMNS` order (lists joined by ";")."""
    speaker = claim.speaker
    return {
        "article_id": article.id,
        "article_url": article.url,
        "article_source": article.source,
        "article_published": article.published,
        "claim_id": claim.id,
        "speaker_text": speaker.text if speaker else None,
        "speaker_name": speaker.name if speaker else None,
        "speaker_country": speaker.country if speaker else None,
        "speaker_sector": speaker.sector if speaker else None,
        "speaker_id": speaker.id if speaker else None,
        "cue": claim.cue,
        "channel": claim.channel,
        "stance": claim.stance,
        "hedges": ";".join(claim.hedges) or None,
        "verification": claim.verification,
        "date": claim.date,
        "date_precision": claim.date_precision,
        "content_text": claim.content.text,
        "content_start": claim.content.start,
        "content_end": claim.content.end,
        "event_ids": ";".join(claim.event_ids) or None,
    }
