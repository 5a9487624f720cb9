"""Incidents as the store's JSON speaks them (docs/formats.md, "Incident")."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, select

from forewarn.analysis.incidents import claimants_of, outlets_of
from forewarn.analysis.mentions import load_mentions
from forewarn.store.schema import (
    articles,
    claims,
    events,
    incident_events,
    incident_history,
    incidents,
    places,
)

__all__ = ["load_incidents"]


def load_incidents(connection: Connection, incident_ids: Sequence[int]) -> list[dict[str, Any]]:
    """The incidents with these ids, in that order, each with its mentions and history."""
    if not incident_ids:
        return []
    rows = {
        row.id: row
        for row in connection.execute(
            select(
                incidents,
                places.c.name.label("place_name"),
                places.c.country.label("place_country"),
                places.c.admin1.label("place_admin1"),
                places.c.lat.label("place_lat"),
                places.c.lon.label("place_lon"),
                places.c.geonameid.label("place_geonameid"),
            )
            .outerjoin(places, incidents.c.place_id == places.c.id)
            .where(incidents.c.id.in_(incident_ids))
        )
    }
    members = connection.execute(
        select(
            incident_events.c.incident_id,
            events.c.id,
            events.c.event_key,
            articles.c.article_key,
            articles.c.outlet,
            articles.c.published,
        )
        .join(events, events.c.id == incident_events.c.event_id)
        .join(articles, articles.c.id == events.c.article_id)
        .where(incident_events.c.incident_id.in_(incident_ids))
        .order_by(articles.c.published, events.c.id)
    ).all()
    mentions_of: dict[int, list[Any]] = defaultdict(list)
    for member in members:
        mentions_of[member.incident_id].append(member)
    loaded, _ = load_mentions(connection, [member.id for member in members], with_parties=False)
    by_event = {mention.event_id: mention for mention in loaded}
    history_of: dict[int, list[dict[str, Any]]] = defaultdict(list)
    changes = connection.execute(
        select(
            incident_history,
            events.c.event_key.label("event_key"),
            claims.c.claim_key.label("claim_key"),
        )
        .outerjoin(events, events.c.id == incident_history.c.event_id)
        .outerjoin(claims, claims.c.id == incident_history.c.claim_id)
        .where(incident_history.c.incident_id.in_(incident_ids))
        .order_by(incident_history.c.id)
    )
    for change in changes:
        history_of[change.incident_id].append(
            {
                "verification": change.verification,
                "changed_at": change.changed_at,
                "reason": change.reason,
                "event_id": change.event_key,
                "claim_id": change.claim_key,
            }
        )
    result = []
    for incident_id in incident_ids:
        row = rows.get(incident_id)
        if row is None:
            continue
        reports = [by_event[m.id] for m in mentions_of[incident_id] if m.id in by_event]
        result.append(
            {
                "id": f"i{row.id}",
                "event_type": row.event_type,
                "mode": row.mode,
                "actor": _parties(row.actors),
                "recipient": _parties(row.recipients),
                "date_start": row.date_start,
                "date_end": row.date_end,
                "location": _location(row),
                "dead": row.dead,
                "injured": row.injured,
                "size": row.size,
                "verification": row.verification,
                "outlets": outlets_of(reports),
                "claimants": claimants_of(reports),
                "mentions": [
                    {
                        "event_id": m.event_key,
                        "article_id": m.article_key,
                        "outlet": m.outlet,
                        "published": m.published,
                    }
                    for m in mentions_of[incident_id]
                ],
                "verification_history": history_of[incident_id],
            }
        )
    return result


def _parties(encoded: str) -> list[dict[str, Any]]:
    return [
        {"name": name, "country": country, "sector": sector, "id": gazetteer_id}
        for country, sector, gazetteer_id, name in json.loads(encoded)
    ]


def _location(row: Any) -> dict[str, Any] | None:
    if row.place_id is None:
        return None
    return {
        "name": row.place_name,
        "country": row.place_country,
        "admin1": row.place_admin1,
        "lat": row.place_lat,
        "lon": row.place_lon,
        "geonameid": row.place_geonameid,
    }
