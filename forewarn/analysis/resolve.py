"""Incidents in the store: new events attached as they are stored, or all rebuilt.

:func:`attach_events` runs in the ingest's own transaction, right after a batch of articles
is written, so an article and the incidents it changes commit together (a killed run leaves
neither). Each eligible event (asserted, not negated) is compared with the incidents of its
type whose dates start within :data:`LOOKBACK_DAYS` before it (an indexed range: the cost per
event does not grow with the store) and joins the best match, else opens an incident. Every
incident touched is then rolled up again (:func:`forewarn.analysis.incidents.roll_up`), and
a change of its verification is recorded with its reason.

:func:`rebuild` drops every incident and attaches all stored events again in date order (after
``forewarn ingest --reprocess``, or a change of the rules).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, or_, select, tuple_, update

from forewarn.analysis import syndication
from forewarn.analysis.incidents import (
    DATE_SLACK_DAYS,
    IncidentView,
    Mention,
    Party,
    PlaceView,
    answers,
    match_score,
    report_interval,
    roll_up,
)
from forewarn.store.schema import (
    actors,
    articles,
    claims,
    event_actors,
    events,
    incident_events,
    incident_history,
    incidents,
    places,
    syndication_bands,
)

__all__ = [
    "LOOKBACK_DAYS",
    "assign_syndicates",
    "attach_events",
    "load_mentions",
    "rebuild",
    "repair",
    "update_incidents",
]

# How far back an incident's first day may lie for a new report to join it: reports of one
# happening come within days; a month keeps slow follow-ups and bounds the search.
LOOKBACK_DAYS = 31
_CHUNK = 500


def update_incidents(connection: Connection, article_ids: Sequence[int], replaced: bool) -> None:
    """What newly stored (or, ``replaced``, re-extracted) articles change: their near-duplicate
    story and the incidents their events report. Runs in the articles' own transaction."""
    if not article_ids:
        return
    if replaced:
        connection.execute(
            delete(syndication_bands).where(syndication_bands.c.article_id.in_(article_ids))
        )
        repair(connection)
    assign_syndicates(connection, article_ids)
    stored = select(events.c.id).where(events.c.article_id.in_(article_ids))
    attach_events(connection, list(connection.execute(stored.order_by(events.c.id)).scalars()))


def attach_events(connection: Connection, event_ids: Sequence[int]) -> set[int]:
    """Attach stored events to incidents; the ids of the incidents they touched."""
    mentions, denials = load_mentions(connection, event_ids, include_denials=True)
    touched: set[int] = set()
    for mention in sorted(mentions, key=lambda m: (m.start, m.event_id)):
        views = _candidates(connection, mention)
        scored = [(match_score(mention, view), view.incident_id) for view in views]
        fitting = [(score, incident_id) for score, incident_id in scored if score is not None]
        if fitting:
            incident_id = max(fitting, key=lambda pair: (pair[0], -pair[1]))[1]
            _widen(connection, incident_id, mention)
        else:
            incident_id = _open(connection, mention)
        connection.execute(
            insert(incident_events).values(event_id=mention.event_id, incident_id=incident_id)
        )
        touched.add(incident_id)
    for denial in denials:  # a denial answers incidents already stored: roll them up again
        touched.update(
            view.incident_id
            for view in _candidates(connection, denial)
            if denial.speaker is not None and answers(denial.speaker, view)
        )
    for incident_id in sorted(touched):
        _recompute(connection, incident_id)
    return touched


def rebuild(connection: Connection, progress: Callable[[int], None] | None = None) -> int:
    """Drop every incident and attach all stored events again; the number of incidents."""
    connection.execute(delete(incident_history))
    connection.execute(delete(incident_events))
    connection.execute(delete(incidents))
    unsigned = select(articles.c.id).where(articles.c.minhash.is_(None)).order_by(articles.c.id)
    assign_syndicates(connection, list(connection.execute(unsigned).scalars()))
    ordered = select(events.c.id).order_by(events.c.reference_date, events.c.id)
    ids = list(connection.execute(ordered).scalars())
    for start in range(0, len(ids), _CHUNK):
        attach_events(connection, ids[start : start + _CHUNK])
        if progress:
            progress(len(ids[start : start + _CHUNK]))
    return int(connection.execute(select(func.count()).select_from(incidents)).scalar_one())


def repair(connection: Connection) -> None:
    """After articles were reprocessed (their events replaced): drop incidents left with no
    mention and roll up again those that lost some."""
    counts = (
        select(incident_events.c.incident_id, func.count().label("n"))
        .group_by(incident_events.c.incident_id)
        .subquery()
    )
    stale = select(incidents.c.id).outerjoin(counts, counts.c.incident_id == incidents.c.id)
    empty = list(connection.execute(stale.where(counts.c.n.is_(None))).scalars())
    if empty:
        connection.execute(delete(incidents).where(incidents.c.id.in_(empty)))
    shrunk = stale.where(counts.c.n != incidents.c.mentions)
    for incident_id in connection.execute(shrunk).scalars().all():
        _recompute(connection, incident_id)


def assign_syndicates(connection: Connection, article_ids: Iterable[int]) -> None:
    """Sign each article's text and join it to the near-duplicate story it copies, if any."""
    for article_id in article_ids:
        text = connection.execute(
            select(articles.c.text).where(articles.c.id == article_id)
        ).scalar_one()
        signature = syndication.signature(text)
        buckets = syndication.band_buckets(signature)
        candidates = connection.execute(
            select(articles.c.id, articles.c.syndicate_id, articles.c.minhash)
            .join(syndication_bands, syndication_bands.c.article_id == articles.c.id)
            .where(tuple_(syndication_bands.c.band, syndication_bands.c.bucket).in_(buckets))
            .where(articles.c.id != article_id)
            .distinct()
            .order_by(articles.c.id)
        ).all()
        story = article_id
        for candidate_id, candidate_story, candidate_signature in candidates:
            if syndication.similarity(signature, candidate_signature) >= syndication.SIMILARITY:
                story = candidate_story or candidate_id
                break
        connection.execute(
            update(articles)
            .where(articles.c.id == article_id)
            .values(minhash=signature, syndicate_id=story)
        )
        connection.execute(
            insert(syndication_bands),
            [
                {"band": band, "bucket": bucket, "article_id": article_id}
                for band, bucket in buckets
            ],
        )


# --------------------------------------------------------------------------- reading


def load_mentions(
    connection: Connection, event_ids: Sequence[int], *, include_denials: bool = False
) -> tuple[list[Mention], list[Mention]]:
    """The events as Mentions (asserted, not negated), and the denials among them."""
    mentions: list[Mention] = []
    denials: list[Mention] = []
    for start in range(0, len(event_ids), _CHUNK):
        chunk = list(event_ids[start : start + _CHUNK])
        rows = connection.execute(_MENTION_QUERY.where(events.c.id.in_(chunk))).all()
        sides = _sides(connection, chunk)
        speakers = _speakers(connection, {row.speaker_id for row in rows if row.speaker_id})
        for row in rows:
            interval = report_interval(row.date, row.date_precision, row.published)
            if interval is None:
                continue
            denied = row.modality == "denied" or row.negated
            if denied and not include_denials:
                continue
            if not denied and row.modality != "asserted":
                continue
            mention = Mention(
                event_id=row.id,
                event_type=row.event_type,
                mode=row.mode,
                start=interval[0],
                end=interval[1],
                actors=tuple(sides[row.id]["actor"]),
                recipients=tuple(sides[row.id]["recipient"]),
                place=_place_view(row),
                article_key=row.article_key,
                outlet=row.outlet,
                syndicate_id=row.syndicate_id,
                published=row.published,
                claim_id=row.claim_id,
                speaker=speakers.get(row.speaker_id),
                verification=row.verification,
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


def _party(row: Any) -> Party:
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
        found[row.event_id][row.role].append(_party(row))
    return found


def _speakers(connection: Connection, actor_ids: set[int]) -> dict[int, Party]:
    if not actor_ids:
        return {}
    rows = connection.execute(
        select(
            actors.c.id, actors.c.country, actors.c.sector, actors.c.gazetteer_id, actors.c.name
        ).where(actors.c.id.in_(sorted(actor_ids)))
    )
    return {row.id: _party(row) for row in rows}


def _candidates(connection: Connection, mention: Mention) -> list[IncidentView]:
    slack = timedelta(days=DATE_SLACK_DAYS)
    earliest = mention.start - slack - timedelta(days=LOOKBACK_DAYS)
    rows = connection.execute(
        select(
            incidents,
            places.c.country.label("place_country"),
            places.c.admin1,
            places.c.lat,
            places.c.lon,
        )
        .outerjoin(places, incidents.c.place_id == places.c.id)
        .where(incidents.c.event_type == mention.event_type)
        .where(incidents.c.date_start >= earliest.isoformat())
        .where(incidents.c.date_start <= (mention.end + slack).isoformat())
        .order_by(incidents.c.id)
    ).all()
    stories: dict[int, set[int]] = defaultdict(set)
    if rows:
        for incident_id, story in connection.execute(
            select(incident_events.c.incident_id, articles.c.syndicate_id)
            .join(events, events.c.id == incident_events.c.event_id)
            .join(articles, articles.c.id == events.c.article_id)
            .where(incident_events.c.incident_id.in_([row.id for row in rows]))
        ):
            stories[incident_id].add(story)
    return [
        IncidentView(
            incident_id=row.id,
            event_type=row.event_type,
            mode=row.mode,
            start=date.fromisoformat(row.date_start),
            end=date.fromisoformat(row.date_end),
            actors=_decode_parties(row.actors),
            recipients=_decode_parties(row.recipients),
            place=(
                PlaceView(row.place_id, row.place_country, row.admin1, row.lat, row.lon)
                if row.place_id is not None
                else None
            ),
            stories=frozenset(stories[row.id]),
        )
        for row in rows
    ]


def _denials(connection: Connection, event_type: str, start: date, end: date) -> list[Mention]:
    """Denied or negated reports of this type whose dates could be the incident's."""
    slack = timedelta(days=DATE_SLACK_DAYS + LOOKBACK_DAYS)
    ids = connection.execute(
        select(events.c.id)
        .where(events.c.event_type == event_type)
        .where(or_(events.c.modality == "denied", events.c.negated.is_(True)))
        .where(events.c.claim_id.is_not(None))
        .where(
            and_(
                events.c.reference_date >= (start - slack).isoformat(),
                events.c.reference_date <= (end + slack).isoformat(),
            )
        )
    ).scalars()
    _, denials = load_mentions(connection, list(ids), include_denials=True)
    window = timedelta(days=DATE_SLACK_DAYS)
    return [d for d in denials if d.start <= end + window and d.end >= start - window]


# --------------------------------------------------------------------------- writing


def _encode_parties(parties: Iterable[Party]) -> str:
    return json.dumps([[p.country, p.sector, p.gazetteer_id, p.name] for p in parties])


def _decode_parties(text: str) -> tuple[Party, ...]:
    return tuple(Party(*values) for values in json.loads(text))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _open(connection: Connection, mention: Mention) -> int:
    values = {
        "event_type": mention.event_type,
        "mode": mention.mode,
        "date_start": mention.start.isoformat(),
        "date_end": mention.end.isoformat(),
        "country": mention.place.country if mention.place else None,
        "place_id": mention.place.place_id if mention.place else None,
        "verification": "reported",
        "actors": _encode_parties(mention.actors),
        "recipients": _encode_parties(mention.recipients),
        "mentions": 0,
        "updated_at": _now(),
    }
    return int(
        connection.execute(insert(incidents).values(values).returning(incidents.c.id)).scalar_one()
    )


def _widen(connection: Connection, incident_id: int, mention: Mention) -> None:
    """Let the next report of the batch see this one's parties, place and dates at once."""
    row = connection.execute(select(incidents).where(incidents.c.id == incident_id)).one()
    actors_now = _merged(_decode_parties(row.actors), mention.actors)
    recipients_now = _merged(_decode_parties(row.recipients), mention.recipients)
    values: dict[str, Any] = {
        "actors": _encode_parties(actors_now),
        "recipients": _encode_parties(recipients_now),
    }
    old_width = (date.fromisoformat(row.date_end) - date.fromisoformat(row.date_start)).days
    if (mention.end - mention.start).days < old_width:
        values.update(date_start=mention.start.isoformat(), date_end=mention.end.isoformat())
    if row.place_id is None and mention.place is not None:
        values.update(place_id=mention.place.place_id, country=mention.place.country)
    connection.execute(update(incidents).where(incidents.c.id == incident_id).values(values))


def _merged(ours: tuple[Party, ...], theirs: tuple[Party, ...]) -> tuple[Party, ...]:
    return ours + tuple(party for party in theirs if party not in ours)


def _recompute(connection: Connection, incident_id: int) -> None:
    event_ids = list(
        connection.execute(
            select(incident_events.c.event_id)
            .where(incident_events.c.incident_id == incident_id)
            .order_by(incident_events.c.event_id)
        ).scalars()
    )
    mentions, _ = load_mentions(connection, event_ids)
    if not mentions:
        connection.execute(delete(incidents).where(incidents.c.id == incident_id))
        return
    first = mentions[0]
    rollup = roll_up(mentions, _denials(connection, first.event_type, first.start, first.end))
    before = connection.execute(
        select(incidents.c.verification, incidents.c.mentions).where(incidents.c.id == incident_id)
    ).one()
    connection.execute(
        update(incidents)
        .where(incidents.c.id == incident_id)
        .values(
            mode=rollup.mode,
            date_start=rollup.start.isoformat(),
            date_end=rollup.end.isoformat(),
            country=rollup.place.country if rollup.place else None,
            place_id=rollup.place.place_id if rollup.place else None,
            dead=rollup.dead,
            injured=rollup.injured,
            size=rollup.size,
            verification=rollup.verification,
            actors=_encode_parties(rollup.actors),
            recipients=_encode_parties(rollup.recipients),
            mentions=len(mentions),
            updated_at=_now(),
        )
    )
    if before.mentions == 0 or before.verification != rollup.verification:
        connection.execute(
            insert(incident_history).values(
                incident_id=incident_id,
                verification=rollup.verification,
                changed_at=rollup.changed_at,
                reason=rollup.reason,
                event_id=rollup.because_event,
                claim_id=rollup.because_claim,
            )
        )
