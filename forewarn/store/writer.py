"""Writing Documents: each article with all its events and claims, or nothing of it.

:func:`write_documents` runs in the caller's transaction, so a batch of articles commits
together and a killed process leaves only whole articles behind. Articles are inserted with
"on conflict do nothing" on both deduplication keys: two ingests racing on one store (or a
rerun after a crash) cannot store an article twice. Actors and places are shared rows, found
or created by an identity string in two statements per batch.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

from forewarn.records import Actor, Document, Place
from forewarn.store.keys import ArticleKeys, article_keys, outlet_of
from forewarn.store.schema import actors, articles, claims, event_actors, events, places

__all__ = ["StoredArticle", "actor_identity", "place_identity", "write_documents"]

# Rows per multi-row statement: well under SQLite's bound-parameter limit (32,766) at ~20
# columns per event.
_ROWS_PER_STATEMENT = 500


@dataclass(slots=True)
class StoredArticle:
    """What became of one document: ``stored`` False means an equal article was there."""

    document: Document
    stored: bool
    replaced: bool = False
    article_id: int | None = None  # the stored row's id


def actor_identity(actor: Actor) -> str:
    return "|".join((actor.name, actor.country or "", actor.sector or "", actor.id or ""))


def place_identity(place: Place) -> str:
    coordinates = "" if place.lat is None else f"{place.lat:.5f},{place.lon:.5f}"
    return "|".join(
        (place.name, place.country or "", place.admin1 or "", coordinates, str(place.geonameid))
    )


def write_documents(
    connection: Connection,
    documents: Sequence[tuple[Document, str | None]],
    extractor_version: str,
    *,
    replace: bool = False,
) -> list[StoredArticle]:
    """Store ``(document, origin)`` pairs in the open transaction.

    With ``replace``, an article already stored (same URL or text) gets its events and
    claims replaced by the new extraction instead of being left alone, and its text, title
    and dates by the article as now read (the new offsets index the new text).
    """
    now = datetime.now(UTC).isoformat(timespec="seconds")
    actor_ids = _identities(connection, actors, _actor_rows(document for document, _ in documents))
    place_ids = _identities(connection, places, _place_rows(document for document, _ in documents))
    results = []
    for document, origin in documents:
        keys = article_keys(document.article)
        article_id = _insert_article(connection, document, keys, origin, extractor_version, now)
        replaced = False
        if article_id is None:
            if not replace:
                results.append(StoredArticle(document, stored=False))
                continue
            article_id, same_text = _existing_article(connection, keys)
            _clear_article(
                connection, article_id, document, keys, same_text, extractor_version, now
            )
            replaced = True
        _insert_records(connection, article_id, document, actor_ids, place_ids)
        results.append(
            StoredArticle(document, stored=True, replaced=replaced, article_id=article_id)
        )
    return results


def _article_values(document: Document, extractor_version: str, now: str) -> dict[str, Any]:
    """The article columns a new read sets, on insert and on reprocess alike."""
    article = document.article
    return {
        "article_key": article.id,
        "title": article.title,
        "published": article.published,
        "source": article.source,
        "outlet": outlet_of(article),
        "language": article.language,
        "text": article.text,
        "extractor_version": extractor_version,
        "ingested_at": now,
    }


def _insert_article(
    connection: Connection,
    document: Document,
    keys: ArticleKeys,
    origin: str | None,
    extractor_version: str,
    now: str,
) -> int | None:
    row = {
        **_article_values(document, extractor_version, now),
        "url_key": keys.url_key,
        "text_hash": keys.text_hash,
        "url": document.article.url,
        "origin": origin,
    }
    statement = _insert(connection, articles).values(row).on_conflict_do_nothing()
    return connection.execute(statement.returning(articles.c.id)).scalar()


def _existing_article(connection: Connection, keys: ArticleKeys) -> tuple[int, bool]:
    """The stored article these keys match, and whether its text matched (else its URL)."""
    same_text = connection.execute(
        select(articles.c.id).where(articles.c.text_hash == keys.text_hash)
    ).scalar()
    if same_text is not None:
        return same_text, True
    same_url = select(articles.c.id).where(articles.c.url_key == keys.url_key)
    return connection.execute(same_url).scalar_one(), False


def _clear_article(
    connection: Connection,
    article_id: int,
    document: Document,
    keys: ArticleKeys,
    same_text: bool,
    extractor_version: str,
    now: str,
) -> None:
    """Drop the article's events and claims; store the article as now read.

    The new offsets index the new text (which may differ in whitespace, or be an edited
    version at the same URL), so the text is replaced too; the URL stays the stored one.
    """
    connection.execute(delete(events).where(events.c.article_id == article_id))
    connection.execute(delete(claims).where(claims.c.article_id == article_id))
    values = _article_values(document, extractor_version, now)
    if not same_text:
        # No stored article has this text (else it would have matched first): no clash.
        values["text_hash"] = keys.text_hash
    connection.execute(update(articles).where(articles.c.id == article_id).values(values))


def _insert_records(
    connection: Connection,
    article_id: int,
    document: Document,
    actor_ids: dict[str, int],
    place_ids: dict[str, int],
) -> None:
    claim_ids: dict[str, int] = {}
    if document.claims:
        claim_rows = [
            {
                "article_id": article_id,
                "claim_key": claim.id,
                "speaker_id": actor_ids[actor_identity(claim.speaker)] if claim.speaker else None,
                "speaker_text": claim.speaker.text if claim.speaker else None,
                "cue": claim.cue,
                "channel": claim.channel,
                "content_text": claim.content.text,
                "content_start": claim.content.start,
                "content_end": claim.content.end,
                "date": claim.date,
                "date_precision": claim.date_precision,
                "stance": claim.stance,
                "hedges": json.dumps(claim.hedges),
                "reference_date": claim.date or document.article.published,
                "verification": claim.verification,
            }
            for claim in document.claims
        ]
        ids = _insert_returning_ids(connection, claims, claim_rows)
        claim_ids = {claim.id: row_id for claim, row_id in zip(document.claims, ids, strict=True)}
    if not document.events:
        return
    event_rows = [
        {
            "article_id": article_id,
            "event_key": event.id,
            "event_type": event.event_type,
            "mode": event.mode,
            "context": json.dumps(event.context),
            "date": event.date,
            "date_precision": event.date_precision,
            "date_text": event.date_text,
            "reference_date": event.date or document.article.published,
            "place_id": place_ids[place_identity(event.location)] if event.location else None,
            "place_text": event.location.text if event.location else None,
            "negated": event.negated,
            "modality": event.modality,
            "claim_id": claim_ids.get(event.claim_id) if event.claim_id else None,
            "verification": event.verification,
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
        for event in document.events
    ]
    event_ids = _insert_returning_ids(connection, events, event_rows)
    links = [
        {
            "event_id": event_id,
            "role": role,
            "position": position,
            "actor_id": actor_ids[actor_identity(actor)],
            "text": actor.text,
        }
        for event, event_id in zip(document.events, event_ids, strict=True)
        for role, group in (("actor", event.actor), ("recipient", event.recipient))
        for position, actor in enumerate(group)
    ]
    for chunk in _chunks(links):
        connection.execute(event_actors.insert(), chunk)


def _insert_returning_ids(connection: Connection, table: Table, rows: list[dict]) -> list[int]:
    ids: list[int] = []
    for chunk in _chunks(rows):
        result = connection.execute(
            table.insert().returning(table.c.id, sort_by_parameter_order=True), chunk
        )
        ids.extend(result.scalars())
    return ids


def _actor_rows(documents: Iterable[Document]) -> dict[str, dict]:
    rows: dict[str, dict] = {}
    for document in documents:
        speakers = [claim.speaker for claim in document.claims if claim.speaker]
        participants = [a for event in document.events for a in (*event.actor, *event.recipient)]
        for actor in (*speakers, *participants):
            rows.setdefault(
                actor_identity(actor),
                {
                    "name": actor.name,
                    "country": actor.country,
                    "sector": actor.sector,
                    "gazetteer_id": actor.id,
                },
            )
    return rows


def _place_rows(documents: Iterable[Document]) -> dict[str, dict]:
    rows: dict[str, dict] = {}
    for document in documents:
        for event in document.events:
            place = event.location
            if place is not None:
                rows.setdefault(
                    place_identity(place),
                    {
                        "name": place.name,
                        "country": place.country,
                        "admin1": place.admin1,
                        "lat": place.lat,
                        "lon": place.lon,
                        "geonameid": place.geonameid,
                    },
                )
    return rows


def _identities(connection: Connection, table: Table, rows: dict[str, dict]) -> dict[str, int]:
    """Row ids for each identity, creating the rows that are missing."""
    if not rows:
        return {}
    identities = list(rows)
    for chunk in _chunks(identities):
        connection.execute(
            _insert(connection, table).on_conflict_do_nothing(),
            [{**rows[identity], "identity": identity} for identity in chunk],
        )
    found: dict[str, int] = {}
    for chunk in _chunks(identities):
        query = select(table.c.identity, table.c.id).where(table.c.identity.in_(chunk))
        found.update((identity, row_id) for identity, row_id in connection.execute(query))
    return found


def _insert(connection: Connection, table: Table):
    """The dialect's INSERT, which knows ON CONFLICT (SQLite and PostgreSQL both do)."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


def _chunks(items: list) -> Iterable[list]:
    for start in range(0, len(items), _ROWS_PER_STATEMENT):
        yield items[start : start + _ROWS_PER_STATEMENT]
