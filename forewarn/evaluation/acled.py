"""`forewarn eval acled`: types, dates and places of ACLED event notes.

Gold: acled_notes.dev.jsonl (see ../shared/eval/README.md). Each row is one ACLED note ("On 9
May 2020, protesters gathered in ...") with ACLED's own coding. The note is extracted as an
article published :data:`PUBLICATION_LAG` after the event, so a date has to come from the
text: a note whose events fell back to the publication day would be scored wrong.

- ``type_recall``: a note is recalled when any of its events has a PLOVER type that ACLED's
  type maps to (:data:`ACLED_TO_PLOVER`); Strategic developments are not scored for type.
- ``date_accuracy``: the note's event (the first one of an accepted type that carries a date,
  else the first dated event) has ACLED's event date at day precision.
- ``country_accuracy``: the note's located event (the first one of an accepted type with a
  location, else the first located event) lies in ACLED's country; rows without a located
  event count as wrong.
- ``within_50km``: of the located events with coordinates, the share within
  :data:`NEAR_KM` of ACLED's point (great-circle distance).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from forewarn.evaluation.folds import split_folds
from forewarn.evaluation.gold import read_gold
from forewarn.extractor import Extractor
from forewarn.gazetteer.places import PlaceGazetteer
from forewarn.records import Article, Document, Event

__all__ = [
    "ACLED_TO_PLOVER",
    "NEAR_KM",
    "PUBLICATION_LAG",
    "acled_date",
    "haversine_km",
    "note_dead",
    "score_acled",
]

# ACLED event type -> the PLOVER types that code it (../shared/eval/README.md). Riots are
# violent demonstrations: PLOVER codes them as either. Strategic developments has no mapping.
ACLED_TO_PLOVER: dict[str, frozenset[str]] = {
    "Battles": frozenset({"ASSAULT"}),
    "Explosions/Remote violence": frozenset({"ASSAULT"}),
    "Violence against civilians": frozenset({"ASSAULT"}),
    "Protests": frozenset({"PROTEST"}),
    "Riots": frozenset({"PROTEST", "ASSAULT"}),
}
# Notes are published some days after the event; three days keeps "on Saturday" resolvable
# (within the week) while making a publication-day fallback visibly wrong.
PUBLICATION_LAG = timedelta(days=3)
# How close a predicted point must be to ACLED's to count as the same place: about the
# radius of a district, the finest unit a city-level gazetteer can be expected to reach.
NEAR_KM = 50.0
EARTH_RADIUS_KM = 6371.0088
# Codes older ACLED exports use where ISO 3166 has another ("ROM" for Romania).
_LEGACY_ISO3 = {"ROM": "ROU"}
# ACLED writes dates as "9-May-20" (2020 exports) or "23 December 2022" (later ones).
_DATE_FORMATS = ("%d-%b-%y", "%d %B %Y", "%Y-%m-%d")


def acled_date(text: str) -> date:
    """ACLED's ``event_date`` in either export format."""
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise ValueError(f"event_date {text!r}: expected e.g. '9-May-20' or '23 December 2022'")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _gold_country(row: dict[str, Any], places: PlaceGazetteer) -> str | None:
    """ISO alpha-3 of the row: ``iso3`` when given (alpha or numeric), else its country name."""
    code = row.get("iso3")
    if code:
        code = str(code).strip()
        if code.isdigit():
            import pycountry

            found = pycountry.countries.get(numeric=code.zfill(3))
            return found.alpha_3 if found else None
        return _LEGACY_ISO3.get(code.upper(), code.upper())
    place = places.resolve(row.get("country") or "")
    return place.country if place is not None else None


def _first(events: Iterable[Event], accepted: frozenset[str], has: str) -> Event | None:
    """The first event of an accepted type with ``has`` set, else the first with it set."""
    events = list(events)
    for pool in ([e for e in events if e.event_type in accepted], events):
        found = next((e for e in pool if getattr(e, has)), None)
        if found is not None:
            return found
    return None


def score_acled(gold_path: Path, extractor: Extractor, limit: int | None = None) -> dict[str, Any]:
    """The metrics on the whole file, and on each of its :func:`split_folds` folds."""
    rows = list(read_gold(gold_path, limit))
    published = [acled_date(row["event_date"]) + PUBLICATION_LAG for row in rows]
    articles = (
        Article(id=row["id"], title=None, published=day.isoformat(), text=row["text"])
        for row, day in zip(rows, published, strict=True)
    )
    scored = list(zip(rows, extractor.extract_many(articles), strict=True))
    metrics = _metrics(scored, extractor.places)
    metrics["folds"] = {
        str(number): _metrics(fold, extractor.places, by_type=False)
        for number, fold in enumerate(split_folds(scored, ids=[row["id"] for row in rows]))
    }
    return metrics


def note_dead(document: Document) -> int:
    """The note's death count: the largest ``dead`` of its events (0 when none has one).

    A note tells one incident, often twice ("attacked ..., killing three"; "three were
    killed"): the largest figure is the incident's, a sum would count it twice.
    """
    return max((e.dead or 0 for e in document.events), default=0)


def _metrics(
    scored: list[tuple[dict[str, Any], Document]], places: PlaceGazetteer, by_type: bool = True
) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    kinds: dict[str, Counter[str]] = {}
    for row, document in scored:
        accepted = ACLED_TO_PLOVER.get(row["event_type"], frozenset())
        kind = kinds.setdefault(row["event_type"], Counter())
        kind["rows"] += 1
        counts["rows"] += 1
        if accepted:
            counts["type_rows"] += 1
            hit = any(e.event_type in accepted for e in document.events)
            counts["type_recalled"] += hit
            kind["type_recalled"] += hit
        _count_dead(row, document, counts)
        dated = _first(document.events, accepted, "date")
        gold_day = acled_date(row["event_date"]).isoformat()
        if dated is not None and dated.date == gold_day and dated.date_precision == "day":
            counts["date_correct"] += 1
            kind["date_correct"] += 1
        located = _first(document.events, accepted, "location")
        if located is None or located.location is None:
            continue
        place = located.location
        counts["located"] += 1
        if place.country is not None and place.country == _gold_country(row, places):
            counts["country_correct"] += 1
            kind["country_correct"] += 1
        if place.lat is None or place.lon is None or row.get("latitude") is None:
            continue
        counts["with_coordinates"] += 1
        distance = haversine_km(place.lat, place.lon, row["latitude"], row["longitude"])
        counts["within_50km"] += distance <= NEAR_KM

    def share(part: str, whole: str) -> float | None:
        return round(counts[part] / counts[whole], 4) if counts[whole] else None

    metrics: dict[str, Any] = {
        "notes": counts["rows"],
        "type_rows": counts["type_rows"],
        "type_recalled": counts["type_recalled"],
        "type_recall": share("type_recalled", "type_rows"),
        "date_correct": counts["date_correct"],
        "date_accuracy": share("date_correct", "rows"),
        "located": counts["located"],
        "country_correct": counts["country_correct"],
        "country_accuracy": share("country_correct", "rows"),
        "with_coordinates": counts["with_coordinates"],
        "within_50km_count": counts["within_50km"],
        "within_50km": share("within_50km", "with_coordinates"),
        "fatal_notes": counts["fatal_notes"],
        "dead_detected_count": counts["dead_detected"],
        "dead_detected": share("dead_detected", "fatal_notes"),
        "dead_exact_count": counts["dead_exact"],
        "dead_exact": share("dead_exact", "dead_detected"),
        "non_fatal_notes": counts["non_fatal_notes"],
        "no_invented_dead": share("no_invented_dead", "non_fatal_notes"),
    }
    if by_type:
        metrics["by_acled_type"] = {
            name: {
                "rows": c["rows"],
                "type_recall": round(c["type_recalled"] / c["rows"], 4)
                if name in ACLED_TO_PLOVER
                else None,
                "date_accuracy": round(c["date_correct"] / c["rows"], 4),
                "country_accuracy": round(c["country_correct"] / c["rows"], 4),
            }
            for name, c in sorted(kinds.items())
        }
    return metrics


def _count_dead(row: dict[str, Any], document: Document, counts: Counter[str]) -> None:
    gold = _gold_fatalities(row)
    if gold is None:
        return
    predicted = note_dead(document)
    if gold > 0:
        counts["fatal_notes"] += 1
        counts["dead_detected"] += predicted > 0
        counts["dead_exact"] += predicted == gold
    else:
        counts["non_fatal_notes"] += 1
        counts["no_invented_dead"] += predicted == 0


def _gold_fatalities(row: dict[str, Any]) -> int | None:
    try:
        return int(str(row.get("fatalities")).strip())
    except ValueError:
        return None
