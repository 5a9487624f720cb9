"""Field conversions the export formats share: quad numbers, the coded day, joined lists."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from forewarn import ontology
from forewarn.records import Article, Event

__all__ = ["coded_day", "joined", "parse_day", "quad_number"]

# The classic event-data numbering of the quad classes (GDELT's QuadClass, PLOVER's quad_code).
_QUAD_NUMBERS = {
    "verbal_cooperation": 1,
    "material_cooperation": 2,
    "verbal_conflict": 3,
    "material_conflict": 4,
}


def quad_number(event_type: str) -> int:
    """1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""
    return _QUAD_NUMBERS[ontology.QUAD_CLASS[event_type]]


def parse_day(value: str | None) -> date | None:
    """A "YYYY-MM-DD", "YYYY-MM" or "YYYY" date (or a longer ISO timestamp) as a day; a month
    or a year stands for its first day."""
    if not value:
        return None
    try:
        numbers = [int(part) for part in value[:10].split("-")]
        year, month, day = (numbers + [1, 1])[:3]
        return date(year, month, day)
    except ValueError:
        return None


def coded_day(event: Event, article: Article) -> date | None:
    """The one day formats without a precision field (PLOVER ``date``, CAMEO ``SQLDATE``) code.

    The event's date when it has one (a month or a year as its first day: the period stays
    right, and ``date_precision`` says how much of it is known), else the publication date,
    the date classic event data falls back to.
    """
    return parse_day(event.date) or parse_day(article.published)


def joined(values: Iterable[str | None]) -> str | None:
    """Several values in one cell, ";"-separated. A missing value stays an empty slot so that
    the n-th name, country and sector of a list line up; None when every value is missing."""
    values = list(values)
    if not any(values):
        return None
    return ";".join(value or "" for value in values)
