"""The incidents a report may join, as the store holds them: read by type and a stretch of
days (an indexed range), kept with the batch's own changes ahead of the store's copy."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from sqlalchemy import Connection, bindparam, select

from forewarn.analysis.incidents import (
    DATE_SLACK_DAYS,
    IncidentView,
    Mention,
    Party,
    PlaceView,
)
from forewarn.store.schema import incidents, places

__all__ = ["LOOKBACK_DAYS", "PREFETCH_DAYS", "CandidatePool", "decode_parties", "encode_parties"]

# How far back an incident's first day may lie for a new report to join it: reports of one
# happening come within days; a month keeps slow follow-ups and bounds the search.
LOOKBACK_DAYS = 31


def encode_parties(parties: Iterable[Party]) -> str:
    return json.dumps([[p.country, p.sector, p.gazetteer_id, p.name] for p in parties])


def decode_parties(text: str) -> tuple[Party, ...]:
    return tuple(Party(*values) for values in json.loads(text))


_CANDIDATES = (
    select(
        incidents.c.id,
        incidents.c.event_type,
        incidents.c.mode,
        incidents.c.date_start,
        incidents.c.date_end,
        incidents.c.actors,
        incidents.c.recipients,
        incidents.c.stories,
        incidents.c.place_id,
        incidents.c.dead,
        places.c.country,
        places.c.admin1,
        places.c.lat,
        places.c.lon,
    )
    .outerjoin(places, incidents.c.place_id == places.c.id)
    .where(incidents.c.event_type == bindparam("event_type"))
    # The index range (type, first day) bounds the scan; the last day drops what ended before.
    .where(incidents.c.date_start >= bindparam("earliest"))
    .where(incidents.c.date_start <= bindparam("latest"))
    .where(incidents.c.date_end >= bindparam("ended_after"))
    .order_by(incidents.c.id)
)


class CandidatePool:
    """The incidents a batch's reports may join, read a stretch of days at a time.

    Reports come in date order (an ingest reads today's news; a rebuild sorts), so one query
    per type and :data:`PREFETCH_DAYS` serves many reports; the batch's own changes (a new
    incident, another report absorbed) are kept ahead of the store's copy.
    """

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.views: dict[str, dict[int, IncidentView]] = defaultdict(dict)
        # Per type, what was read: first days from .. to, last days from.
        self.loaded: dict[str, list[tuple[date, date, date]]] = defaultdict(list)

    def around(self, mention: Mention) -> list[IncidentView]:
        slack = timedelta(days=DATE_SLACK_DAYS)
        earliest = mention.start - slack - timedelta(days=LOOKBACK_DAYS)
        latest = mention.end + slack
        ended_after = mention.start - slack
        kind = mention.event_type
        read = self.loaded[kind]
        if not any(lo <= earliest and latest <= hi and end <= ended_after for lo, hi, end in read):
            high = latest + timedelta(days=PREFETCH_DAYS)
            for view in _candidates(self.connection, kind, earliest, high, ended_after):
                self.views[kind].setdefault(view.incident_id, view)
            read.append((earliest, high, ended_after))
        return [
            view
            for view in self.views[kind].values()
            if earliest <= view.start <= latest and view.end >= ended_after
        ]

    def keep(self, view: IncidentView) -> None:
        self.views[view.event_type][view.incident_id] = view


# Days read ahead of a report: the next reports of a batch in date order fall inside.
PREFETCH_DAYS = 3


def _candidates(
    connection: Connection, event_type: str, earliest: date, latest: date, ended_after: date
) -> list[IncidentView]:
    rows = connection.execute(
        _CANDIDATES,
        {
            "event_type": event_type,
            "earliest": earliest.isoformat(),
            "latest": latest.isoformat(),
            "ended_after": ended_after.isoformat(),
        },
    )
    return [
        IncidentView(
            incident_id=row.id,
            event_type=row.event_type,
            mode=row.mode,
            start=date.fromisoformat(row.date_start),
            end=date.fromisoformat(row.date_end),
            actors=decode_parties(row.actors),
            recipients=decode_parties(row.recipients),
            place=(
                PlaceView(row.place_id, row.country, row.admin1, row.lat, row.lon)
                if row.place_id is not None
                else None
            ),
            stories=frozenset(json.loads(row.stories)),
            dead=row.dead,
        )
        for row in rows
    ]
