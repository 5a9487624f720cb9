"""A watch list (``--watch FILE``, TOML): the series an analyst cares about, and patterns.

::

    countries = ["UKR", "BLR"]        # series in, by or against these countries
    dyads = ["RUS:UKR", "BLR:UKR"]    # actor country : recipient country
    types = ["MOBILIZE", "ASSAULT"]   # country x type series of these types (and the totals)

    [[pattern]]                       # an alert for every incident that matches
    name = "Belarus mobilising, claimed by Ukraine, denied by Belarus"
    event_type = "MOBILIZE"
    actor = "BLR"                     # a country among the incident's actors
    recipient = "UKR"                 # ... among its recipients
    country = "BLR"                   # where it happened
    claimed_by = "UKR"                # a claimant of that country asserts it
    denied_by = "BLR"                 # a speaker of that country denied it (it was disputed)

Every key is optional. The lists add the series the standard ones lack (:meth:`WatchList.series`:
a watched dyad of one country, a watched dyad by a watched type), and give the indicator
series of ``forewarn indicators --watch`` (:meth:`WatchList.indicator_filters`). They
restrict the escalation alerts: one is kept when it touches
a listed country (as its country, actor or recipient) or is a listed dyad (no countries or
dyads listed: any), and, when types are listed, when its series is of one of them or of no
type (a country's or a dyad's totals). Pattern alerts are found when asked for, never stored:
the file is the analyst's and changes with their questions.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from forewarn import ontology
from forewarn.analysis.alert_store import claim_keys
from forewarn.analysis.alerts import SeriesKey
from forewarn.analysis.indicators import check_countries, load_points
from forewarn.errors import ConfigError, FilterError
from forewarn.store.query import EventFilter
from forewarn.store.schema import actors, claims, incident_history

__all__ = ["Pattern", "WatchList", "read_watch_list"]

_DYAD_RE = re.compile(r"^([A-Za-z]{3}):([A-Za-z]{3})$")
_PATTERN_KEYS = ("name", "event_type", "actor", "recipient", "country", "claimed_by", "denied_by")
_LIST_KEYS = ("countries", "dyads", "types", "pattern")


@dataclass(frozen=True, slots=True)
class Pattern:
    name: str
    event_type: str | None = None
    actor: str | None = None
    recipient: str | None = None
    country: str | None = None
    claimed_by: str | None = None
    denied_by: str | None = None

    def describe(self) -> str:
        words = [self.event_type or "any incident"]
        for label, value in (
            ("by", self.actor),
            ("against", self.recipient),
            ("in", self.country),
            ("claimed by", self.claimed_by),
            ("denied by", self.denied_by),
        ):
            if value:
                words.append(f"{label} {value}")
        return " ".join(words)


@dataclass(frozen=True, slots=True)
class WatchList:
    countries: frozenset[str] = frozenset()
    dyads: frozenset[tuple[str, str]] = frozenset()
    types: frozenset[str] = frozenset()
    patterns: tuple[Pattern, ...] = ()

    def keeps(self, alert: dict[str, Any]) -> bool:
        series = alert["series"]
        if self.countries or self.dyads:
            touched = {series.get(k) for k in ("country", "actor", "recipient")} - {None}
            dyad = (series.get("actor"), series.get("recipient"))
            if not (touched & self.countries or dyad in self.dyads):
                return False
        return not self.types or series.get("event_type") in self.types | {None}

    def series(self) -> frozenset[SeriesKey]:
        """The alert series it adds to the standard ones: each listed dyad's conflict series
        (standard already when its countries differ) and, when types are listed, each dyad's
        incidents of each type. A country's series of every type are standard."""
        added = {SeriesKey(actor=actor, recipient=recipient) for actor, recipient in self.dyads}
        added.update(
            SeriesKey(actor=actor, recipient=recipient, event_type=name, measure="incidents")
            for actor, recipient in self.dyads
            for name in self.types
        )
        return frozenset(key for key in added if not key.standard)

    def indicator_filters(self, where: EventFilter) -> list[tuple[dict[str, str], EventFilter]]:
        """Each watched series as indicators count it: a listed country (where it happened),
        a listed dyad (the countries of its parties), of the listed types when there are any
        (all of them when only types are listed); narrowed by ``where``, a series that
        contradicts it (another country) left out."""
        wanted: list[dict[str, str]] = [{"country": code} for code in sorted(self.countries)]
        wanted += [{"actor": a, "recipient": r} for a, r in sorted(self.dyads)]
        asked = {name.upper() for name in where.event_types}
        types = tuple(sorted(self.types & asked if asked and self.types else self.types | asked))
        if asked and self.types and not types:
            return []  # the types asked for are none of the watched ones
        found = []
        for series in wanted or [{}]:
            given = {name: getattr(where, name) for name in series}
            if any(value and value.upper() != series[name] for name, value in given.items()):
                continue
            scope = replace(
                where,
                event_types=types,
                country=series.get("country", where.country),
                actor=series.get("actor", where.actor),
                recipient=series.get("recipient", where.recipient),
            )
            found.append((series, scope))
        return found

    def apply(
        self, connection: Connection, found: list[dict[str, Any]], where: EventFilter
    ) -> list[dict[str, Any]]:
        """The escalation alerts it keeps, and an alert per incident matching a pattern."""
        kept = [alert for alert in found if self.keeps(alert)]
        for pattern in self.patterns:
            kept.extend(pattern_alerts(connection, pattern, where))
        return sorted(kept, key=lambda alert: alert["period_start"], reverse=True)


def pattern_alerts(
    connection: Connection, pattern: Pattern, where: EventFilter
) -> list[dict[str, Any]]:
    """An alert for each incident (dated within ``where``'s since/until) matching ``pattern``."""
    scope = EventFilter(
        event_types=(pattern.event_type,) if pattern.event_type else (),
        since=where.since,
        until=where.until,
        country=pattern.country,
    )
    points = [
        point
        for point in load_points(connection, scope)
        if (not pattern.actor or pattern.actor in point.actor_countries)
        and (not pattern.recipient or pattern.recipient in point.recipient_countries)
    ]
    if pattern.denied_by and points:
        denied = _denied_by(connection, pattern.denied_by)
        points = [point for point in points if point.id in denied]
    if pattern.claimed_by and points:
        from forewarn.analysis.listing import load_incidents

        claimed = {
            int(incident["id"][1:])
            for incident in load_incidents(connection, [point.id for point in points])
            if any(c.split("/")[0] == pattern.claimed_by for c in incident["claimants"])
        }
        points = [point for point in points if point.id in claimed]
    claims_of = claim_keys(connection, [point.id for point in points])
    series = {
        key: value
        for key, value in (
            ("country", pattern.country),
            ("actor", pattern.actor),
            ("recipient", pattern.recipient),
            ("event_type", pattern.event_type),
        )
        if value
    }
    return [
        {
            "id": f"pattern:{pattern.name}:i{point.id}",
            "kind": "pattern",
            "series": series,
            "measure": "pattern",
            "period": point.day.isoformat(),
            "period_start": point.day.isoformat(),
            "period_end": point.day.isoformat(),
            "observed": 1,
            "expected": None,
            "score": None,
            "p_value": None,
            "reason": f"matches the watch pattern {pattern.name!r}: {pattern.describe()}",
            "incident_ids": [f"i{point.id}"],
            "claim_ids": sorted(claims_of.get(point.id, ())),
        }
        for point in points
    ]


def _denied_by(connection: Connection, country: str) -> set[int]:
    """Incidents disputed by a denial whose speaker is of ``country``."""
    rows = connection.execute(
        select(incident_history.c.incident_id)
        .join(claims, claims.c.id == incident_history.c.claim_id)
        .join(actors, actors.c.id == claims.c.speaker_id)
        .where(incident_history.c.verification == "disputed", actors.c.country == country)
    )
    return set(rows.scalars())


def read_watch_list(path: Path) -> WatchList:
    """The watch list in ``path``; a ConfigError naming the file and the problem."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the watch list ({error.strerror})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not a valid TOML watch list ({error})") from None
    try:
        return _watch_list(data)
    except ValueError as error:
        raise ConfigError(f"{path}: {error}") from None


def _watch_list(data: dict[str, Any]) -> WatchList:
    unknown = sorted(set(data) - set(_LIST_KEYS))
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r} (expected {', '.join(_LIST_KEYS)})")
    countries = [_country(code, "countries") for code in _strings(data, "countries")]
    dyads = []
    for text in _strings(data, "dyads"):
        match = _DYAD_RE.match(text)
        if not match:
            raise ValueError(f"dyads: {text!r} is not ACTOR:RECIPIENT (such as RUS:UKR)")
        dyads.append((_country(match[1], "dyads"), _country(match[2], "dyads")))
    types = [_type(name, "types") for name in _strings(data, "types")]
    entries = data.get("pattern", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ValueError("pattern: expected [[pattern]] tables")
    return WatchList(
        frozenset(countries),
        frozenset(dyads),
        frozenset(types),
        tuple(_pattern(entry, number) for number, entry in enumerate(entries, start=1)),
    )


def _strings(data: dict[str, Any], key: str) -> list[str]:
    values = data.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"{key}: expected a list of strings")
    return values


def _country(code: Any, where: str) -> str:
    if not isinstance(code, str):
        raise ValueError(f"{where}: expected a country code, found {code!r}")
    try:
        check_countries(country=code)
    except FilterError as error:
        raise ValueError(f"{where}: {error}") from None
    return code.upper()


def _type(name: Any, where: str) -> str:
    if not isinstance(name, str) or name.upper() not in ontology.PLOVER_TYPES:
        raise ValueError(f"{where}: {name!r} is not a PLOVER event type")
    return name.upper()


def _pattern(entry: dict[str, Any], number: int) -> Pattern:
    where = f"pattern {number}"
    unknown = sorted(set(entry) - set(_PATTERN_KEYS))
    if unknown:
        raise ValueError(
            f"{where}: unknown key {unknown[0]!r} (expected {', '.join(_PATTERN_KEYS)})"
        )
    values: dict[str, str | None] = {}
    for key in ("actor", "recipient", "country", "claimed_by", "denied_by"):
        values[key] = _country(entry[key], f"{where} {key}") if key in entry else None
    event_type = _type(entry["event_type"], where) if "event_type" in entry else None
    name = entry.get("name", f"pattern {number}")
    if not isinstance(name, str):
        raise ValueError(f"{where}: name must be a string")
    return Pattern(name=name, event_type=event_type, **values)
