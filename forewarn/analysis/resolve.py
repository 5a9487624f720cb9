"""Incidents in the store: new events attached as they are stored, or all rebuilt.

:func:`update_incidents` runs in the ingest's own transaction, right after a batch of
articles is written, so an article and the incidents it changes commit together (a killed run
leaves neither). Each eligible event (asserted, not negated) is compared with the incidents of
its type whose first day lies within :data:`LOOKBACK_DAYS` before it (one indexed range
query: the cost per event does not grow with the store) and joins the best match, else opens
an incident. The batch's incidents are then rolled up again together
(:func:`forewarn.analysis.incidents.roll_up`), with the denials that answer them, and each
change of verification is recorded with its reason.

:func:`rebuild` drops every incident and attaches all stored events again in date order (after
``forewarn ingest --reprocess``, or a change of the rules).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    Connection,
    and_,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)

from forewarn.analysis.candidates import LOOKBACK_DAYS, CandidatePool, encode_parties
from forewarn.analysis.incidents import (
    DATE_SLACK_DAYS,
    IncidentView,
    Mention,
    Party,
    PlaceView,
    Rollup,
    answers,
    match_score,
    roll_up,
)
from forewarn.analysis.mentions import CHUNK, load_mentions
from forewarn.analysis.stories import assign_syndicates
from forewarn.store.schema import (
    DENIAL,
    articles,
    events,
    incident_events,
    incident_history,
    incidents,
    syndication_bands,
)

__all__ = [
    "answering",
    "attach_events",
    "denials_of",
    "rebuild",
    "repair",
    "update_incidents",
]


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
    pool = CandidatePool(connection)
    members = []
    touched: set[int] = set()
    for mention in sorted(mentions, key=lambda m: (m.start, m.event_id)):
        scored = [(match_score(mention, view), view) for view in pool.around(mention)]
        fitting = [(score, view) for score, view in scored if score is not None]
        if fitting:
            view = max(fitting, key=lambda pair: (pair[0], -pair[1].incident_id))[1]
            pool.keep(_absorbed(view, mention))
        else:
            view = _open(connection, mention)
            pool.keep(view)
        members.append({"event_id": mention.event_id, "incident_id": view.incident_id})
        touched.add(view.incident_id)
    if members:
        connection.execute(insert(incident_events), members)
    for denial in denials:  # a denial answers incidents already stored: roll them up again
        if denial.speaker is not None:
            touched.update(
                view.incident_id for view in pool.around(denial) if answers(denial.speaker, view)
            )
    _recompute(connection, sorted(touched))
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
    for start in range(0, len(ids), CHUNK):
        attach_events(connection, ids[start : start + CHUNK])
        if progress:
            progress(len(ids[start : start + CHUNK]))
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
    _recompute(connection, list(connection.execute(shrunk).scalars()))


# --------------------------------------------------------------------------- matching


def _absorbed(view: IncidentView, mention: Mention) -> IncidentView:
    """The incident as the next report of the batch must see it, with this one in it."""
    tighter = (mention.end - mention.start) < (view.end - view.start)
    return replace(
        view,
        start=mention.start if tighter else view.start,
        end=mention.end if tighter else view.end,
        actors=_merged(view.actors, mention.actors),
        recipients=_merged(view.recipients, mention.recipients),
        place=_better_place(view.place, mention.place),
        stories=view.stories | _story(mention),
        dead=view.dead if view.dead is not None else mention.dead,
    )


def _better_place(ours: PlaceView | None, theirs: PlaceView | None) -> PlaceView | None:
    """The place the incident is known by so far: a precise one before a vague one."""
    if ours is None or (theirs is not None and theirs.precise and not ours.precise):
        return theirs
    return ours


def _merged(ours: tuple[Party, ...], theirs: tuple[Party, ...]) -> tuple[Party, ...]:
    return ours + tuple(party for party in theirs if party not in ours)


def _story(mention: Mention) -> frozenset[int]:
    return frozenset() if mention.syndicate_id is None else frozenset({mention.syndicate_id})


# --------------------------------------------------------------------------- writing


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _open(connection: Connection, mention: Mention) -> IncidentView:
    values = {
        "event_type": mention.event_type,
        "mode": mention.mode,
        "date_start": mention.start.isoformat(),
        "date_end": mention.end.isoformat(),
        "country": mention.place.country if mention.place else None,
        "place_id": mention.place.place_id if mention.place else None,
        "verification": "reported",
        "actors": encode_parties(mention.actors),
        "recipients": encode_parties(mention.recipients),
        "stories": json.dumps(sorted(_story(mention))),
        "mentions": 0,
        "updated_at": _now(),
    }
    incident_id = connection.execute(_INSERT, values).scalar_one()
    return IncidentView(
        incident_id=int(incident_id),
        event_type=mention.event_type,
        mode=mention.mode,
        start=mention.start,
        end=mention.end,
        actors=mention.actors,
        recipients=mention.recipients,
        place=mention.place,
        stories=_story(mention),
        dead=mention.dead,
    )


_INSERT = insert(incidents).returning(incidents.c.id)

_UPDATE = (
    update(incidents)
    .where(incidents.c.id == bindparam("incident_id"))
    .values(
        {
            column: bindparam(f"new_{column}")
            for column in (
                "mode",
                "date_start",
                "date_end",
                "country",
                "place_id",
                "dead",
                "injured",
                "size",
                "verification",
                "actors",
                "recipients",
                "stories",
                "mentions",
                "updated_at",
            )
        }
    )
)


def _recompute(connection: Connection, incident_ids: Sequence[int]) -> None:
    """Roll up these incidents from their mentions and the denials that answer them."""
    for start in range(0, len(incident_ids), CHUNK):
        _recompute_chunk(connection, list(incident_ids[start : start + CHUNK]))


def _recompute_chunk(connection: Connection, incident_ids: list[int]) -> None:
    if not incident_ids:
        return
    membership = connection.execute(
        select(incident_events.c.incident_id, incident_events.c.event_id).where(
            incident_events.c.incident_id.in_(incident_ids)
        )
    ).all()
    loaded, _ = load_mentions(connection, [event_id for _, event_id in membership])
    by_event = {mention.event_id: mention for mention in loaded}
    mentions_of: dict[int, list[Mention]] = defaultdict(list)
    for incident_id, event_id in sorted(membership, key=lambda pair: pair[1]):
        if event_id in by_event:
            mentions_of[incident_id].append(by_event[event_id])
    empty = [incident_id for incident_id in incident_ids if not mentions_of[incident_id]]
    if empty:
        connection.execute(delete(incidents).where(incidents.c.id.in_(empty)))
    denials = denials_of(connection, [m for group in mentions_of.values() for m in group])
    before = dict(
        connection.execute(
            select(incidents.c.id, incidents.c.verification)
            .where(incidents.c.id.in_(incident_ids))
            .where(incidents.c.mentions > 0)
        ).all()
    )
    rows, changes = [], []
    for incident_id, mentions in mentions_of.items():
        if not mentions:
            continue
        rollup = roll_up(mentions, answering(denials, mentions))
        rows.append(_row(incident_id, rollup, mentions))
        if before.get(incident_id) != rollup.verification:
            changes.append(
                {
                    "incident_id": incident_id,
                    "verification": rollup.verification,
                    "changed_at": rollup.changed_at,
                    "reason": rollup.reason,
                    "event_id": rollup.because_event,
                    "claim_id": rollup.because_claim,
                }
            )
    if rows:
        connection.execute(_UPDATE, rows)
    if changes:
        connection.execute(insert(incident_history), changes)


def _row(incident_id: int, rollup: Rollup, mentions: list[Mention]) -> dict[str, Any]:
    place = rollup.place
    stories = sorted({m.syndicate_id for m in mentions if m.syndicate_id is not None})
    return {
        "incident_id": incident_id,
        "new_mode": rollup.mode,
        "new_date_start": rollup.start.isoformat(),
        "new_date_end": rollup.end.isoformat(),
        "new_country": place.country if place else None,
        "new_place_id": place.place_id if place else None,
        "new_dead": rollup.dead,
        "new_injured": rollup.injured,
        "new_size": rollup.size,
        "new_verification": rollup.verification,
        "new_actors": encode_parties(rollup.actors),
        "new_recipients": encode_parties(rollup.recipients),
        "new_stories": json.dumps(stories),
        "new_mentions": len(mentions),
        "new_updated_at": _now(),
    }


def denials_of(connection: Connection, mentions: list[Mention]) -> list[Mention]:
    """Denied or negated reports, with a speaker, of the types and days of ``mentions``."""
    if not mentions:
        return []
    slack = timedelta(days=DATE_SLACK_DAYS + LOOKBACK_DAYS)
    spans: dict[str, tuple[date, date]] = {}
    for mention in mentions:
        low, high = spans.get(mention.event_type, (mention.start, mention.end))
        spans[mention.event_type] = (min(low, mention.start), max(high, mention.end))
    ids = connection.execute(
        select(events.c.id)
        .where(DENIAL)
        .where(events.c.claim_id.is_not(None))
        .where(
            or_(
                *(
                    and_(
                        events.c.event_type == event_type,
                        events.c.reference_date >= (low - slack).isoformat(),
                        events.c.reference_date <= (high + slack).isoformat(),
                    )
                    for event_type, (low, high) in spans.items()
                )
            )
        )
    ).scalars()
    _, denials = load_mentions(connection, list(ids), include_denials=True)
    return denials


def answering(denials: list[Mention], mentions: list[Mention]) -> list[Mention]:
    """The denials of the incident's type whose days could be the incident's."""
    window = timedelta(days=DATE_SLACK_DAYS)
    first = mentions[0]
    start = min(m.start for m in mentions)
    end = max(m.end for m in mentions)
    return [
        d
        for d in denials
        if d.event_type == first.event_type and d.start <= end + window and d.end >= start - window
    ]
