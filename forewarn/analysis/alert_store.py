"""Stored alerts, brought up to date when they are asked for, in the asker's transaction.

:func:`refresh_alerts` runs lazily (``forewarn alerts``, ``Database.alerts``) rather than in
every ingest: an ingest then costs nothing more, and the series are recomputed once for many
batches. It is incremental and crash-safe:

- the store's fingerprint is the rule's version and the ``alert_inputs`` change counter,
  which triggers bump in every transaction that changes an incident or an article's
  publication day (migration 0007). It is read first: whatever the refresh reads after it
  is at least as new, so a store that matches it has not changed since. :func:`alerts_current`
  answers "nothing changed" from it without writing (the web API then only reads);
- otherwise every series is rebuilt from the incidents in memory (one query), and each
  series' own fingerprint (its periods, incident ids and values, the periods the store
  watched around them, the rule's version) is compared with the stored one: only the series
  that differ have their alerts deleted, scanned again and written. A series whose incidents
  all moved elsewhere (a rebuild, a reprocess) loses its alerts;
- everything happens in the caller's transaction: a crash leaves the previous alerts and
  fingerprints whole, and a rerun converges to the same rows (alert ids are stable keys:
  granularity, series, period).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, select, true
from sqlalchemy.sql.elements import ColumnElement

from forewarn.analysis.alert_scan import scan_table
from forewarn.analysis.alerts import RULE_VERSION, RULES, Coverage, Finding, SeriesKey, reason
from forewarn.analysis.indicators import date_bounds
from forewarn.analysis.periods import Granularity, label_of, period_bounds, period_index
from forewarn.analysis.series_table import read_series_table
from forewarn.store.query import EventFilter
from forewarn.store.schema import (
    alert_series,
    alerts,
    articles,
    change_counters,
    claims,
    events,
    incident_events,
)

__all__ = ["alerts_current", "claim_keys", "read_alerts", "refresh_alerts"]

_STORE = "*"
_COUNTER = "alert_inputs"
_CHUNK = 500


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _store_fingerprint(connection: Connection) -> str:
    changes = connection.execute(
        select(change_counters.c.value).where(change_counters.c.name == _COUNTER)
    ).scalar_one()
    return f"{RULE_VERSION}|{changes}"


def alerts_current(
    connection: Connection, by: Granularity, extra: Iterable[SeriesKey] = ()
) -> bool:
    """Whether the stored alerts of granularity ``by`` (and of the series ``extra``) were
    computed from the store as it is now: a few small reads, nothing written."""
    return _computed_from(connection, by, frozenset(extra), _store_fingerprint(connection))


def _computed_from(
    connection: Connection, by: Granularity, extra: frozenset[SeriesKey], store_print: str
) -> bool:
    stored = connection.execute(
        select(alert_series.c.fingerprint).where(
            alert_series.c.granularity == by, alert_series.c.series_key == _STORE
        )
    ).scalar_one_or_none()
    return stored == store_print and _has_series(connection, by, extra)


def refresh_alerts(connection: Connection, by: Granularity, extra: Iterable[SeriesKey] = ()) -> int:
    """Bring the stored alerts of granularity ``by`` up to date; the series recomputed.

    ``extra``: series a watch list adds (:meth:`forewarn.analysis.watch.WatchList.series`),
    stored like the others while they are asked for; a refresh without them drops them."""
    extra = frozenset(extra)
    store_print = _store_fingerprint(connection)  # first: what is read below is as new
    if _computed_from(connection, by, extra, store_print):
        return 0
    now = _now()
    rule = RULES[by]
    published = connection.execute(
        select(func.substr(articles.c.published, 1, 10))
        .where(articles.c.published.is_not(None))
        .distinct()
    ).scalars()
    coverage = Coverage(_days(published), by)
    table = read_series_table(connection, by, extra)
    number_of = {key.key: number for number, key in enumerate(table.keys)}
    prints = {
        key: table.fingerprint(number, coverage, rule.window) for key, number in number_of.items()
    }
    stored = dict(
        connection.execute(
            select(alert_series.c.series_key, alert_series.c.fingerprint).where(
                alert_series.c.granularity == by
            )
        ).all()
    )
    stored.pop(_STORE, None)
    stale = sorted(
        {key for key, value in prints.items() if stored.get(key) != value}
        | (stored.keys() - prints.keys())
    )
    for chunk in _chunks(stale + [_STORE]):
        keys = alert_series.c.series_key.in_(chunk)
        connection.execute(delete(alert_series).where(alert_series.c.granularity == by, keys))
        connection.execute(
            delete(alerts).where(alerts.c.granularity == by, alerts.c.series_key.in_(chunk))
        )
    findings = scan_table(table, rule, coverage)
    rows = []
    for key in stale:
        number = number_of.get(key)
        if number is not None:
            rows.extend(_alert_rows(table.keys[number], findings.get(number, ()), by, now))
    for chunk in _chunks(rows):
        connection.execute(insert(alerts), chunk)
    fingerprints = [
        {"granularity": by, "series_key": key, "fingerprint": prints[key], "computed_at": now}
        for key in stale
        if key in prints
    ]
    fingerprints.append(
        {"granularity": by, "series_key": _STORE, "fingerprint": store_print, "computed_at": now}
    )
    for chunk in _chunks(fingerprints):
        connection.execute(insert(alert_series), chunk)
    return len(stale)


def _has_series(connection: Connection, by: Granularity, keys: frozenset[SeriesKey]) -> bool:
    """Whether the series ``keys`` were computed by the last refresh."""
    wanted = sorted(key.key for key in keys)
    found = 0
    for chunk in _chunks(wanted):
        found += connection.execute(
            select(func.count()).where(
                alert_series.c.granularity == by, alert_series.c.series_key.in_(chunk)
            )
        ).scalar_one()
    return found == len(wanted)


def _days(values: Iterable[str]) -> list[date]:
    days = []
    for value in values:
        try:
            days.append(date.fromisoformat(value[:10]))
        except ValueError:
            continue
    return days


def _alert_rows(
    key: SeriesKey, findings: Iterable[Finding], by: Granularity, now: str
) -> list[dict[str, Any]]:
    rows = []
    for finding in findings:
        start, end = period_bounds(finding.period, by)
        test = finding.test
        rows.append(
            {
                "alert_key": f"{by}:{key.key}:{start.isoformat()}",
                "granularity": by,
                "series_key": key.key,
                "country": key.country,
                "actor": key.actor,
                "recipient": key.recipient,
                "event_type": key.event_type,
                "measure": key.measure,
                "period_start": start.isoformat(),
                "period_end": end.isoformat(),
                "observed": test.observed,
                "expected": test.expected,
                "variance": test.variance,
                "p_value": test.p_value,
                "score": test.score,
                "reason": reason(key, finding, by),
                "incident_ids": json.dumps(finding.incident_ids),
                "computed_at": now,
            }
        )
    return rows


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def read_alerts(
    connection: Connection,
    where: EventFilter,
    by: Granularity,
    extra: Iterable[SeriesKey] = (),
) -> list[dict[str, Any]]:
    """The stored alerts of ``by`` matching ``where`` (period overlapping since/until; the
    series' country, actor, recipient, type), most recent first, strongest first: of the
    standard series and the ``extra`` ones (another watch list's series are left out)."""
    conditions: list[ColumnElement[bool]] = [alerts.c.granularity == by]
    first, last = date_bounds(where)
    if first:
        conditions.append(alerts.c.period_end >= first.isoformat())
    if last:
        conditions.append(alerts.c.period_start <= last.isoformat())
    for column, value in (
        (alerts.c.country, where.country),
        (alerts.c.actor, where.actor),
        (alerts.c.recipient, where.recipient),
    ):
        if value:
            conditions.append(column == value.upper())
    if where.event_types:
        conditions.append(alerts.c.event_type.in_([t.upper() for t in where.event_types]))
    rows = connection.execute(
        select(alerts)
        .where(and_(true(), *conditions))
        .order_by(alerts.c.period_start.desc(), alerts.c.score.desc(), alerts.c.id)
    ).all()
    asked = {key.key for key in extra}
    rows = [row for row in rows if row.series_key in asked or _standard(row)]
    incident_lists = [json.loads(row.incident_ids) for row in rows]
    claims_of = claim_keys(connection, {i for ids in incident_lists for i in ids})
    return [
        {
            "id": row.alert_key,
            "kind": "escalation",
            "series": {
                name: getattr(row, name)
                for name in ("country", "actor", "recipient", "event_type")
                if getattr(row, name)
            },
            "measure": row.measure,
            "period": _label(row.period_start, by),
            "period_start": row.period_start,
            "period_end": row.period_end,
            "observed": row.observed,
            "expected": round(row.expected, 3),
            "score": round(row.score, 3),
            "p_value": row.p_value,
            "reason": row.reason,
            "incident_ids": [f"i{i}" for i in ids],
            "claim_ids": sorted({key for i in ids for key in claims_of.get(i, ())}),
        }
        for row, ids in zip(rows, incident_lists, strict=True)
    ]


def _standard(row: Any) -> bool:
    key = SeriesKey(row.country, row.actor, row.recipient, row.event_type, row.measure)
    return key.standard


def _label(start: str, by: Granularity) -> str:
    return label_of(period_index(date.fromisoformat(start), by), by)


def claim_keys(connection: Connection, incident_ids: Iterable[int]) -> dict[int, set[str]]:
    """The claims behind each incident: the claims its mentions were stated in."""
    found: dict[int, set[str]] = {}
    ids = sorted(incident_ids)
    for chunk in _chunks(ids):
        rows = connection.execute(
            select(incident_events.c.incident_id, claims.c.claim_key)
            .join(events, events.c.id == incident_events.c.event_id)
            .join(claims, claims.c.id == events.c.claim_id)
            .where(incident_events.c.incident_id.in_(chunk))
        )
        for incident_id, claim_key in rows:
            found.setdefault(incident_id, set()).add(claim_key)
    return found
