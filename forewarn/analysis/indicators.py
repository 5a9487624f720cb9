"""Indicator series: what the incidents of a place, a dyad or a type add up to, period by period.

One row per period (``--by day|week|month``) from the first to the last period asked (or,
without ``since``/``until``, holding an incident), periods without incidents included as
zeros, so that the series can be charted as it is. Every count is of **incidents** (one
happening, however many articles report it), never of mentions; a row also gives the mentions
behind them. Fields (docs/monitoring.md):

- ``incidents``, ``conflict`` (incidents of the two conflict quad classes), ``mentions``,
  ``dead``, ``injured`` (an unknown figure counts 0), ``by_type``, ``by_quad``;
- ``conflict_cooperation``: the mean PLOVER score of the period's incidents
  (:func:`forewarn.ontology.goldstein`: -10 for the most violent conflict, +10 for the
  deepest cooperation, by type and mode as the PLOVER manual scores them); null when the
  period has no incident;
- ``unverified_share`` (unverified or unsubstantiated incidents) and ``disputed_share``
  (denied by a party to them), as fractions of the period's incidents.

An incident belongs to the period of its first day (``date_start``: the most precise report's
date). Its **country** is where it happened (its place); an incident whose reports name no
place is put in the one country all its parties belong to (Ukrainian troops and Ukrainian
separatists fight in Ukraine), and in none when its parties are of several countries. That is
what ``country`` means for indicators and alerts, and it is wider than ``forewarn incidents
--country`` (the place only). ``actor`` and ``recipient`` given as country codes match the
countries of the incident's parties (as the dyad series of alerts count them); given as a
name or gazetteer id, its mentions' actors (as ``forewarn incidents`` does).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import Connection, and_, select, true
from sqlalchemy.sql.elements import ColumnElement

from forewarn import ontology
from forewarn.analysis.periods import Granularity, label_of, period_bounds, period_index
from forewarn.data import load_tsv
from forewarn.errors import FilterError
from forewarn.store.query import EventFilter, mention_incidents
from forewarn.store.schema import incidents

__all__ = [
    "CONFLICT_QUADS",
    "IncidentPoint",
    "check_countries",
    "country_code",
    "date_bounds",
    "indicator_rows",
    "is_conflict",
    "load_points",
    "party_countries",
    "shared_country",
]

CONFLICT_QUADS = frozenset({"verbal_conflict", "material_conflict"})
UNVERIFIED = frozenset({"unverified", "unsubstantiated"})


class IncidentPoint(NamedTuple):
    """An incident as a series sees it: when, where, what, between which countries."""

    id: int
    day: date
    country: str | None
    event_type: str
    mode: str | None
    dead: int
    injured: int
    verification: str
    mentions: int
    actor_countries: tuple[str, ...]
    recipient_countries: tuple[str, ...]


def is_conflict(event_type: str) -> bool:
    return ontology.QUAD_CLASS.get(event_type) in CONFLICT_QUADS


@cache
def _country_codes() -> frozenset[str]:
    return frozenset(row[1] for row in load_tsv("places/countries.tsv"))


def check_countries(**codes: str | None) -> None:
    """Each named code is a known ISO 3166-1 alpha-3 country; else a FilterError naming it."""
    for field, code in codes.items():
        if code is not None and code.upper() not in _country_codes():
            raise FilterError(
                field, f"{code!r} is not an ISO 3166-1 alpha-3 country code (such as UKR)"
            )


def date_bounds(where: EventFilter) -> tuple[date | None, date | None]:
    """The first and last day ``since`` and ``until`` include (a year or month: all of it)."""
    first = date.fromisoformat((where.since + "-01-01")[:10]) if where.since else None
    last = None
    if where.until:
        if len(where.until) == 4:
            last = date(int(where.until), 12, 31)
        elif len(where.until) == 7:
            start = date.fromisoformat(where.until + "-01")
            last = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        else:
            last = date.fromisoformat(where.until)
    return first, last


def load_points(connection: Connection, where: EventFilter | None = None) -> list[IncidentPoint]:
    """The incidents matching ``where`` (type, dates, country, actor, recipient), by date."""
    where = where or EventFilter()
    conditions: list[ColumnElement[bool]] = []
    if where.event_types:
        conditions.append(incidents.c.event_type.in_([t.upper() for t in where.event_types]))
    first, last = date_bounds(where)
    if first:
        conditions.append(incidents.c.date_start >= first.isoformat())
    if last:
        conditions.append(incidents.c.date_start <= last.isoformat())
    # A country code is matched against the incident's parties (as the dyad series are);
    # a name or gazetteer id against its mentions' actors, as `forewarn incidents` does.
    actor_code, recipient_code = country_code(where.actor), country_code(where.recipient)
    by_name = (None if actor_code else where.actor, None if recipient_code else where.recipient)
    if any(by_name):
        conditions.append(incidents.c.id.in_(mention_incidents(*by_name)))
    query = select(
        incidents.c.id,
        incidents.c.date_start,
        incidents.c.country,
        incidents.c.event_type,
        incidents.c.mode,
        incidents.c.dead,
        incidents.c.injured,
        incidents.c.verification,
        incidents.c.mentions,
        incidents.c.actors,
        incidents.c.recipients,
    ).where(and_(true(), *conditions))
    wanted = where.country.upper() if where.country else None
    points = []
    for row in connection.execute(query.order_by(incidents.c.date_start, incidents.c.id)):
        actor_countries = party_countries(row.actors)
        recipient_countries = party_countries(row.recipients)
        country = row.country or shared_country(actor_countries + recipient_countries)
        if (
            (wanted and country != wanted)
            or (actor_code and actor_code not in actor_countries)
            or (recipient_code and recipient_code not in recipient_countries)
        ):
            continue
        points.append(
            IncidentPoint(
                row.id,
                date.fromisoformat(row.date_start),
                country,
                row.event_type,
                row.mode,
                row.dead or 0,
                row.injured or 0,
                row.verification,
                row.mentions,
                actor_countries,
                recipient_countries,
            )
        )
    return points


def country_code(value: str | None) -> str | None:
    """``value`` when it is a country code in capitals (``RUS``), as the store's filters read."""
    if value and len(value) == 3 and value.isalpha() and value.isupper():
        return value
    return None


@cache
def party_countries(encoded: str) -> tuple[str, ...]:
    """The distinct countries of an incident's encoded parties (few distinct strings: cached)."""
    found: list[str] = []
    for country, _sector, _gazetteer_id, _name in json.loads(encoded):
        if country and country not in found:
            found.append(country)
    return tuple(found)


def shared_country(countries: tuple[str, ...]) -> str | None:
    """The one country all of an incident's parties belong to, if there is one."""
    distinct = set(countries)
    return distinct.pop() if len(distinct) == 1 else None


def indicator_rows(
    connection: Connection, where: EventFilter | None, by: Granularity
) -> list[dict[str, Any]]:
    """The indicator series of the matching incidents: one row per period, zeros included."""
    where = where or EventFilter()
    points = load_points(connection, where)
    first, last = date_bounds(where)
    if first is None and points:
        first = points[0].day
    if last is None and points:
        last = points[-1].day
    if first is None or last is None or first > last:
        return []
    by_period: dict[int, list[IncidentPoint]] = defaultdict(list)
    for point in points:
        by_period[period_index(point.day, by)].append(point)
    return [
        _row(index, by, by_period.get(index, ()))
        for index in range(period_index(first, by), period_index(last, by) + 1)
    ]


def _row(index: int, by: Granularity, points: Sequence[IncidentPoint]) -> dict[str, Any]:
    start, end = period_bounds(index, by)
    count = len(points)
    scores = [_score(point) for point in points]
    known = [score for score in scores if score is not None]
    quads = Counter(ontology.QUAD_CLASS.get(point.event_type, "unknown") for point in points)
    return {
        "period": label_of(index, by),
        "period_start": start.isoformat(),
        "period_end": end.isoformat(),
        "incidents": count,
        "conflict": sum(quads[quad] for quad in CONFLICT_QUADS),
        "mentions": sum(point.mentions for point in points),
        "dead": sum(point.dead for point in points),
        "injured": sum(point.injured for point in points),
        "by_type": dict(Counter(point.event_type for point in points).most_common()),
        "by_quad": dict(quads.most_common()),
        "conflict_cooperation": round(sum(known) / len(known), 3) if known else None,
        "unverified_share": _share(points, UNVERIFIED),
        "disputed_share": _share(points, {"disputed"}),
    }


def _score(point: IncidentPoint) -> float | None:
    try:
        return ontology.goldstein(point.event_type, point.mode)
    except ValueError:  # a type PLOVER does not know (a store written by another version)
        return None


def _share(points: Sequence[IncidentPoint], verifications: Iterable[str]) -> float:
    if not points:
        return 0.0
    wanted = set(verifications)
    return round(sum(point.verification in wanted for point in points) / len(points), 4)
