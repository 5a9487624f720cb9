"""The timeline's and the map's data: the table a page shows and the JSON its script draws.

One function per chart builds both, so the JavaScript-free table and the chart never tell
different stories.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from urllib.parse import urlencode

from forewarn import ontology
from forewarn.analysis.alerts import RULES
from forewarn.analysis.indicators import country_code
from forewarn.analysis.periods import Granularity, period_index, period_start
from forewarn.database import Database
from forewarn.store.query import EventFilter
from forewarn.web.page_query import period_url

__all__ = [
    "alert_history",
    "alerts_apply",
    "map_points",
    "series_label",
    "series_url",
    "timeline_periods",
]


def alerts_apply(where: EventFilter) -> bool:
    """Whether alerts can be asked with ``where``: their series are of countries, so an
    actor or recipient named otherwise (``wagner``) has none."""
    return all(value is None or country_code(value) for value in (where.actor, where.recipient))


def timeline_periods(
    rows: Sequence[dict[str, Any]], alerts: Sequence[dict[str, Any]], where: EventFilter
) -> list[dict[str, Any]]:
    """Each indicator row as the timeline shows it: incidents by quad class, dead and injured,
    the alerts of the period and the link to the period's incidents."""
    alerts_of: dict[str, list[dict[str, Any]]] = {}
    for alert in alerts:
        alerts_of.setdefault(alert["period_start"], []).append(
            {"id": alert["id"], "reason": alert["reason"]}
        )
    return [
        {
            "period": row["period"],
            "start": row["period_start"],
            "end": row["period_end"],
            "incidents": row["incidents"],
            "by_quad": {quad: row["by_quad"].get(quad, 0) for quad in ontology.QUAD_CLASSES},
            "by_type": row["by_type"],
            "dead": row["dead"],
            "injured": row["injured"],
            "alerts": alerts_of.get(row["period_start"], []),
            "incidents_url": period_url(
                "/incidents", where, row["period_start"], row["period_end"]
            ),
        }
        for row in rows
    ]


def map_points(incidents: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The incidents that have coordinates, as the map's circles: its type for the colour,
    its magnitude (dead and injured, else its reports) for the size."""
    points = []
    for incident in incidents:
        location = incident["location"]
        if location is None or location["lat"] is None or location["lon"] is None:
            continue
        casualties = (incident["dead"] or 0) + (incident["injured"] or 0)
        points.append(
            {
                "id": incident["id"],
                "url": f"/incidents/{incident['id']}",
                "event_type": incident["event_type"],
                "date": incident["date_start"],
                "place": location["name"],
                "lat": location["lat"],
                "lon": location["lon"],
                "dead": incident["dead"],
                "injured": incident["injured"],
                "mentions": len(incident["mentions"]),
                "magnitude": casualties or len(incident["mentions"]),
            }
        )
    return points


def series_label(series: dict[str, str]) -> str:
    """An alert's series in words: ``ARM``, ``AZE → ARM``, ``ARM · ASSAULT``."""
    if "actor" in series:
        place = f"{series['actor']} → {series['recipient']}"
    else:
        place = series.get("country", "all")
    return f"{place} · {series['event_type']}" if "event_type" in series else place


def series_url(alert: dict[str, Any]) -> str:
    """The timeline of an alert's series, at the alert's granularity (its id's first part)."""
    params = {**alert["series"], "by": alert["id"].partition(":")[0]}
    if "event_type" in params:
        params["type"] = params.pop("event_type")
    return f"/timeline?{urlencode(params)}"


def alert_history(database: Database, alert: dict[str, Any]) -> list[dict[str, Any]]:
    """The alert's series over the window its baseline was drawn from, then its own period:
    ``{period, value}`` per period, as the alert's measure counts them."""
    by: Granularity = alert["id"].partition(":")[0]
    last = period_index(date.fromisoformat(alert["period_start"]), by)
    first = last - RULES[by].window
    series = alert["series"]
    where = EventFilter(
        country=series.get("country"),
        actor=series.get("actor"),
        recipient=series.get("recipient"),
        event_types=(series["event_type"],) if "event_type" in series else (),
        since=period_start(first, by).isoformat(),
        until=alert["period_end"],
    )
    return [
        {"period": row["period"], "value": row[alert["measure"]]}
        for row in database.indicators(where, by=by)
    ]
