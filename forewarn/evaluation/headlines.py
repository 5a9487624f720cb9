"""`forewarn eval headlines`: what a user gets from one conflict headline, end to end.

Gold: ucdp_ukraine_stream.dev.jsonl (the headlines UCDP's coders cited) and, beside it,
ucdp_ukraine_events.dev.jsonl (the events they coded from them). Scored over the headlines of
four words or more cited by exactly one UCDP event of the events file, each extracted as an
article published on its own date; a headline's event is its most confident asserted violent
event (ASSAULT or COERCE: UCDP codes organised violence), else its most confident violent
event at all.

- ``event_found``: the headline has a violent event;
- ``in_country``: that event is placed in UCDP's country (Ukraine);
- ``within_50km``: of the headlines whose UCDP place is a town or near one (``where_prec``
  1–2), that event's place lies within :data:`NEAR_KM` of UCDP's point;
- ``dated``: that event's date (its own, else the headline's publication day, as the store
  dates it) is within a day of UCDP's dates.

A headline with no violent event counts as wrong on every metric. The metrics are also given
on the two folds of the headlines' ids (``folds``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from forewarn.errors import ConfigError
from forewarn.evaluation.acled import NEAR_KM, haversine_km
from forewarn.evaluation.folds import split_folds
from forewarn.evaluation.gold import read_gold
from forewarn.evaluation.incidents import readable_headlines
from forewarn.extractor import Extractor
from forewarn.records import Article, Document, Event

__all__ = ["VIOLENT_TYPES", "score_headlines"]

VIOLENT_TYPES = frozenset({"ASSAULT", "COERCE"})
# UCDP's where_prec: 1 the exact town, 2 within about 25 km of a named town.
TOWN_PRECISION = 2
DATE_SLACK = timedelta(days=1)
# UCDP names its countries; the stream is Ukraine's.
COUNTRY_CODES = {"Ukraine": "UKR", "Russia (Soviet Union)": "RUS"}


def score_headlines(
    gold_path: Path, extractor: Extractor, limit: int | None = None
) -> dict[str, Any]:
    """The metrics over every scored headline, and on each fold."""
    ucdp = _ucdp_events(gold_path)
    rows = [
        row
        for row in readable_headlines(gold_path, None)
        if len(row["ucdp_events"]) == 1
        and row["ucdp_events"][0] in ucdp  # a few cite events outside the file's years
    ][:limit]
    articles = (
        Article(
            id=row["id"],
            title=None,
            published=row["published"],
            text=row["text"],
            source=row.get("source"),
        )
        for row in rows
    )
    outcomes = [
        _outcome(document, ucdp[row["ucdp_events"][0]])
        for row, document in zip(rows, extractor.extract_many(articles), strict=True)
    ]
    metrics = _metrics(outcomes)
    metrics["folds"] = {
        str(number): _metrics(fold)
        for number, fold in enumerate(split_folds(outcomes, [row["id"] for row in rows]))
    }
    return metrics


def _ucdp_events(gold_path: Path) -> dict[str, dict[str, Any]]:
    events_path = gold_path.with_name(gold_path.name.replace("_stream", "_events"))
    if events_path == gold_path or not events_path.exists():
        raise ConfigError(
            f"{gold_path}: the UCDP events file beside it ({events_path.name}) is missing"
        )
    return {row["id"]: row for row in read_gold(events_path, required=("id", "date_start"))}


def _violent_event(document: Document) -> Event | None:
    violent = [event for event in document.events if event.event_type in VIOLENT_TYPES]
    asserted = [e for e in violent if e.modality == "asserted" and not e.negated]
    return max(asserted or violent, key=lambda event: event.confidence, default=None)


def _outcome(document: Document, gold: dict[str, Any]) -> dict[str, bool | None]:
    """Whether the headline's violent event is found, placed in the country, near the point,
    and dated right (``near`` is None where UCDP's place is coarser than a town: not scored)."""
    event = _violent_event(document)
    town_level = int(gold.get("where_prec") or 9) <= TOWN_PRECISION
    if event is None:
        return {
            "found": False,
            "in_country": False,
            "near": False if town_level else None,
            "dated": False,
        }
    place = event.location
    near: bool | None = None
    if town_level:
        near = (
            place is not None
            and place.lat is not None
            and place.lon is not None
            and haversine_km(place.lat, place.lon, gold["latitude"], gold["longitude"]) <= NEAR_KM
        )
    return {
        "found": True,
        "in_country": place is not None
        and place.country == COUNTRY_CODES.get(gold.get("country", ""), "UKR"),
        "near": near,
        "dated": _dated_right(event.date or document.article.published, gold),
    }


def _dated_right(found: str | None, gold: dict[str, Any]) -> bool:
    if found is None or len(found) != 10:
        return False
    day = date.fromisoformat(found)
    start = date.fromisoformat(gold["date_start"]) - DATE_SLACK
    end = date.fromisoformat(gold.get("date_end") or gold["date_start"]) + DATE_SLACK
    return start <= day <= end


def _metrics(outcomes: Iterable[dict[str, bool | None]]) -> dict[str, Any]:
    outcomes = list(outcomes)
    scored_near = [o["near"] for o in outcomes if o["near"] is not None]

    def share(values: list[Any]) -> float | None:
        return round(sum(bool(v) for v in values) / len(values), 4) if values else None

    return {
        "headlines": len(outcomes),
        "event_found": share([o["found"] for o in outcomes]),
        "in_country": share([o["in_country"] for o in outcomes]),
        "town_level_headlines": len(scored_near),
        "within_50km": share(scored_near),
        "dated": share([o["dated"] for o in outcomes]),
    }
