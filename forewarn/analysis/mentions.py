"""Stored events read back as :class:`~forewarn.analysis.incidents.Mention` s: each with its
dates as an interval, its parties, place, article, outlet, story and the speaker of its claim.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, select

from forewarn.analysis.incidents import Mention, Party, PlaceView, report_interval
from forewarn.store.schema import actors, articles, claims, event_actors, events, places

__all__ = ["CHUNK", "load_mentions", "party_of"]

# Ids per IN (...) list: within every database's parameter limits.
CHUNK = 500


def load_mentions(
    connection: Connection,
    event_ids: Sequence[int],
    *,
    include_denials: bool = False,
    with_parties: bool = True,
) -> tuple[list[Mention], list[Mention]]:
    """The events as Mentions (asserted, not negated), and the denials among them; without
    their actors and recipients unless ``with_parties`` (a listing's outlets and claimants
    need none: a page of incidents reads a third faster)."""
    mentions: list[Mention] = []
    denials: list[Mention] = []
    for start in range(0, len(event_ids), CHUNK):
        chunk = list(event_ids[start : start + CHUNK])
        rows = connection.execute(_MENTION_QUERY.where(events.c.id.in_(chunk))).all()
        sides = _sides(connection, chunk) if with_parties else None
        speakers = _speakers(connection, {row.speaker_id for row in rows if row.speaker_id})
        for row in rows:
            denied = row.modality == "denied" or row.negated
            if denied and not include_denials:
                continue
            interval = report_interval(row.date, row.date_precision, row.published, denied)
            if interval is None:
                continue
            if not denied and row.modality != "asserted":
                continue
            mention = Mention(
                event_id=row.id,
                event_type=row.event_type,
                mode=row.mode,
                start=interval[0],
                end=interval[1],
                actors=tuple(sides[row.id]["actor"]) if sides else (),
                recipients=tuple(sides[row.id]["recipient"]) if sides else (),
                place=_place_view(row),
                article_key=row.article_key,
                outlet=row.outlet,
                syndicate_id=row.syndicate_id,
                published=row.published,
                claim_id=row.claim_id,
                speaker=speakers.get(row.speaker_id),
                verification=row.verification,
                dead=row.dead,
                injured=row.injured,
                size=row.size,
            )
            (denials if denied else mentions).append(mention)
    return mentions, denials


_MENTION_QUERY = select(
    events.c.id,
    events.c.event_type,
    events.c.mode,
    events.c.date,
    events.c.date_precision,
    events.c.modality,
    events.c.negated,
    events.c.verification,
    events.c.dead,
    events.c.injured,
    events.c.size,
    events.c.claim_id,
    events.c.place_id,
    articles.c.article_key,
    articles.c.outlet,
    articles.c.syndicate_id,
    articles.c.published,
    places.c.country.label("place_country"),
    places.c.admin1.label("place_admin1"),
    places.c.lat.label("place_lat"),
    places.c.lon.label("place_lon"),
    claims.c.speaker_id,
).select_from(
    events.join(articles, events.c.article_id == articles.c.id)
    .outerjoin(places, events.c.place_id == places.c.id)
    .outerjoin(claims, events.c.claim_id == claims.c.id)
)


def _place_view(row: Any) -> PlaceView | None:
    if row.place_id is None:
        return None
    return PlaceView(
        row.place_id, row.place_country, row.place_admin1, row.place_lat, row.place_lon
    )


def party_of(row: Any) -> Party:
    return Party(row.country, row.sector, row.gazetteer_id, row.name)


def _sides(connection: Connection, event_ids: list[int]) -> dict[int, dict[str, list[Party]]]:
    found: dict[int, dict[str, list[Party]]] = defaultdict(lambda: {"actor": [], "recipient": []})
    rows = connection.execute(
        select(
            event_actors.c.event_id,
            event_actors.c.role,
            actors.c.country,
            actors.c.sector,
            actors.c.gazetteer_id,
            actors.c.name,
        )
        .join(actors, event_actors.c.actor_id == actors.c.id)
        .where(event_actors.c.event_id.in_(event_ids))
        .order_by(event_actors.c.event_id, event_actors.c.role, event_actors.c.position)
    )
    for row in rows:
        found[row.event_id][row.role].append(party_of(row))
    return found


def _speakers(connection: Connection, actor_ids: set[int]) -> dict[int, Party]:
    if not actor_ids:
        return {}
    rows = connection.execute(
        select(
            actors.c.id, actors.c.country, actors.c.sector, actors.c.gazetteer_id, actors.c.name
        ).where(actors.c.id.in_(sorted(actor_ids)))
    )
    return {row.id: party_of(row) for row in rows}
