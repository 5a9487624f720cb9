"""Reading records back: stored rows to the same Documents, Events and Claims the extractor made.

Everything is fetched per set of ids in a handful of statements (never one per row), so that
exporting a large store streams at database speed.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import Column, Connection, Row, Table, select

from forewarn.records import Actor, Article, Claim, Document, Event, Place, Span
from forewarn.store.keys import ArticleKeys
from forewarn.store.query import EventFilter, matching_event_keys
from forewarn.store.schema import actors, articles, claims, event_actors, events, places

__all__ = [
    "iter_article_ids",
    "load_claims",
    "load_documents",
    "load_events",
    "load_stored_documents",
    "matching_documents",
    "stored_article_id",
    "stored_keys",
]

# Ids per IN (...) list: within every database's parameter limits.
_IDS_PER_QUERY = 500


def iter_article_ids(connection: Connection, batch: int = _IDS_PER_QUERY) -> Iterator[list[int]]:
    """Every stored article id, in batches, in storage order (keyset-paginated)."""
    last = 0
    while True:
        ids = list(
            connection.execute(
                select(articles.c.id)
                .where(articles.c.id > last)
                .order_by(articles.c.id)
                .limit(batch)
            ).scalars()
        )
        if not ids:
            return
        yield ids
        last = ids[-1]


def stored_article_id(connection: Connection, article_key: str) -> int | None:
    """The row id of the (first) stored article whose record id is ``article_key``."""
    return connection.execute(
        select(articles.c.id)
        .where(articles.c.article_key == article_key)
        .order_by(articles.c.id)
        .limit(1)
    ).scalar()


def stored_keys(connection: Connection, keys: Sequence[ArticleKeys]) -> set[str]:
    """Which of these URL keys and text hashes the store already holds."""
    url_keys = [key.url_key for key in keys if key.url_key is not None]
    hashes = [key.text_hash for key in keys]
    found = set(
        connection.execute(
            select(articles.c.text_hash).where(articles.c.text_hash.in_(hashes))
        ).scalars()
    )
    if url_keys:
        found |= set(
            connection.execute(
                select(articles.c.url_key).where(articles.c.url_key.in_(url_keys))
            ).scalars()
        )
    return found


def load_documents(connection: Connection, article_ids: Sequence[int]) -> list[Document]:
    """Whole Documents for ``article_ids``, in that order."""
    return [document for _, document in load_stored_documents(connection, article_ids)]


def load_stored_documents(
    connection: Connection, article_ids: Sequence[int]
) -> list[tuple[int, Document]]:
    """(stored article id, whole Document) for ``article_ids``, in that order."""
    article_rows = _by_id(connection, articles, article_ids)
    claim_rows = _rows_where(connection, claims, claims.c.article_id, article_ids)
    event_rows = _rows_where(connection, events, events.c.article_id, article_ids)
    claims_of: dict[int, list[Claim]] = {}
    for owner, claim in _claims(connection, claim_rows):
        claims_of.setdefault(owner, []).append(claim)
    events_of: dict[int, list[Event]] = {}
    for owner, event in _events(connection, event_rows, claim_rows):
        events_of.setdefault(owner, []).append(event)
    return [
        (
            article_id,
            Document(
                article=_article(article_rows[article_id]),
                events=events_of.get(article_id, []),
                claims=claims_of.get(article_id, []),
            ),
        )
        for article_id in article_ids
        if article_id in article_rows
    ]


def matching_documents(connection: Connection, where: EventFilter) -> Iterator[Document]:
    """The stored Documents with a matching event, each keeping only its matching events.

    Without filters, every stored Document whole (articles without events included).
    """
    if where == EventFilter():
        for batch in iter_article_ids(connection):
            yield from load_documents(connection, batch)
        return
    wanted = matching_event_keys(connection, where)
    ids = sorted(wanted)
    for start in range(0, len(ids), _IDS_PER_QUERY):
        for article_id, document in load_stored_documents(
            connection, ids[start : start + _IDS_PER_QUERY]
        ):
            keys = wanted[article_id]
            document.events = [event for event in document.events if event.id in keys]
            yield document


def load_events(connection: Connection, event_ids: Sequence[int]) -> list[tuple[Article, Event]]:
    """``(article, event)`` pairs for ``event_ids``, in that order (article texts omitted)."""
    event_rows = _rows_where(connection, events, events.c.id, event_ids)
    claim_ids = sorted({row.claim_id for row in event_rows if row.claim_id is not None})
    claim_rows = _rows_where(connection, claims, claims.c.id, claim_ids)
    loaded = dict(
        zip(
            [row.id for row in event_rows], _events(connection, event_rows, claim_rows), strict=True
        )
    )
    owners = _articles_without_text(connection, {row.article_id for row in event_rows})
    return [
        (owners[loaded[event_id][0]], loaded[event_id][1])
        for event_id in event_ids
        if event_id in loaded
    ]


def load_claims(connection: Connection, claim_ids: Sequence[int]) -> list[tuple[Article, Claim]]:
    """``(article, claim)`` pairs for ``claim_ids``, in that order (article texts omitted)."""
    claim_rows = _rows_where(connection, claims, claims.c.id, claim_ids)
    loaded = dict(zip([row.id for row in claim_rows], _claims(connection, claim_rows), strict=True))
    owners = _articles_without_text(connection, {row.article_id for row in claim_rows})
    return [
        (owners[loaded[claim_id][0]], loaded[claim_id][1])
        for claim_id in claim_ids
        if claim_id in loaded
    ]


def _claims(connection: Connection, claim_rows: list) -> list[tuple[int, Claim]]:
    speakers = _actors(connection, {row.speaker_id for row in claim_rows if row.speaker_id})
    event_keys: dict[int, list[str]] = defaultdict(list)
    claim_ids = [row.id for row in claim_rows]
    for chunk in _chunks(claim_ids):
        query = (
            select(events.c.claim_id, events.c.event_key)
            .where(events.c.claim_id.in_(chunk))
            .order_by(events.c.id)
        )
        for claim_id, event_key in connection.execute(query):
            event_keys[claim_id].append(event_key)
    result = []
    for row in claim_rows:
        speaker = None
        if row.speaker_id is not None:
            speaker = _with_text(speakers[row.speaker_id], row.speaker_text)
        result.append(
            (
                row.article_id,
                Claim(
                    id=row.claim_key,
                    speaker=speaker,
                    cue=row.cue,
                    channel=row.channel,
                    content=Span(row.content_text, row.content_start, row.content_end),
                    date=row.date,
                    date_precision=row.date_precision,
                    stance=row.stance,
                    hedges=json.loads(row.hedges),
                    verification=row.verification,
                    event_ids=event_keys[row.id],
                ),
            )
        )
    return result


def _events(connection: Connection, event_rows: list, claim_rows: list) -> list[tuple[int, Event]]:
    claim_keys = {row.id: row.claim_key for row in claim_rows}
    place_rows = _by_id(connection, places, {row.place_id for row in event_rows if row.place_id})
    participants: dict[int, dict[str, list[tuple[int, int, str]]]] = defaultdict(
        lambda: {"actor": [], "recipient": []}
    )
    for chunk in _chunks([row.id for row in event_rows]):
        query = select(event_actors).where(event_actors.c.event_id.in_(chunk))
        for link in connection.execute(query):
            participants[link.event_id][link.role].append((link.position, link.actor_id, link.text))
    actor_records = _actors(
        connection,
        {
            actor_id
            for roles in participants.values()
            for links in roles.values()
            for _, actor_id, _ in links
        },
    )

    def group(event_id: int, role: str) -> list[Actor]:
        links = sorted(participants[event_id][role]) if event_id in participants else []
        return [_with_text(actor_records[actor_id], text) for _, actor_id, text in links]

    result = []
    for row in event_rows:
        place = None
        if row.place_id is not None:
            stored = place_rows[row.place_id]
            place = Place(
                text=row.place_text,
                name=stored.name,
                country=stored.country,
                admin1=stored.admin1,
                lat=stored.lat,
                lon=stored.lon,
                geonameid=stored.geonameid,
            )
        result.append(
            (
                row.article_id,
                Event(
                    id=row.event_key,
                    event_type=row.event_type,
                    mode=row.mode,
                    context=json.loads(row.context),
                    actor=group(row.id, "actor"),
                    recipient=group(row.id, "recipient"),
                    date=row.date,
                    date_precision=row.date_precision,
                    date_text=row.date_text,
                    location=place,
                    negated=bool(row.negated),
                    modality=row.modality,
                    claim_id=claim_keys.get(row.claim_id),
                    verification=row.verification,
                    trigger=Span(row.trigger_text, row.trigger_start, row.trigger_end),
                    evidence=Span(row.evidence_text, row.evidence_start, row.evidence_end),
                    confidence=row.confidence,
                    dead=row.dead,
                    injured=row.injured,
                    size=row.size,
                    covert=bool(row.covert),
                    cover=row.cover,
                ),
            )
        )
    return result


def _actors(connection: Connection, actor_ids: Iterable[int]) -> dict[int, Actor]:
    return {
        row.id: Actor(
            text="", name=row.name, country=row.country, sector=row.sector, id=row.gazetteer_id
        )
        for row in _by_id(connection, actors, actor_ids).values()
    }


def _with_text(actor: Actor, text: str) -> Actor:
    return replace(actor, text=text)


def _article(row) -> Article:
    return Article(
        id=row.article_key,
        title=row.title,
        published=row.published,
        # Listings leave the (long) text out; offsets still index the stored text.
        text=row._mapping.get("text", ""),
        url=row.url,
        source=row.source,
        language=row.language,
    )


def _articles_without_text(
    connection: Connection, article_ids: Iterable[int]
) -> dict[int, Article]:
    columns = [column for column in articles.c if column.name != "text"]
    found = {}
    for chunk in _chunks(sorted(article_ids)):
        for row in connection.execute(select(*columns).where(articles.c.id.in_(chunk))):
            found[row.id] = _article(row)
    return found


def _by_id(connection: Connection, table: Table, ids: Iterable[int]) -> dict[int, Row[Any]]:
    return {row.id: row for row in _rows_where(connection, table, table.c.id, sorted(ids))}


def _rows_where(
    connection: Connection, table: Table, column: Column[Any], values: Sequence[int]
) -> list[Row[Any]]:
    rows: list[Row[Any]] = []
    for chunk in _chunks(list(values)):
        rows.extend(connection.execute(select(table).where(column.in_(chunk)).order_by(table.c.id)))
    return rows


def _chunks(items: list) -> Iterator[list]:
    for start in range(0, len(items), _IDS_PER_QUERY):
        yield items[start : start + _IDS_PER_QUERY]
