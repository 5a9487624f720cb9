"""Calendar periods of indicator series: days, ISO weeks (Monday to Sunday), months.

A period is numbered by an integer *index* (consecutive periods differ by one), so a series
is a mapping from index to value and "the previous N periods" is a range of integers.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal, get_args

__all__ = [
    "GRANULARITIES",
    "Granularity",
    "label_of",
    "period_bounds",
    "period_index",
    "period_range",
    "period_start",
]

Granularity = Literal["day", "week", "month"]
GRANULARITIES: tuple[str, ...] = get_args(Granularity)


def period_index(day: date, by: Granularity) -> int:
    """The index of the period ``day`` falls in."""
    if by == "day":
        return day.toordinal()
    if by == "week":
        return (day.toordinal() - 1) // 7  # ordinal 1 (0001-01-01) is a Monday
    return day.year * 12 + day.month - 1


def period_start(index: int, by: Granularity) -> date:
    if by == "day":
        return date.fromordinal(index)
    if by == "week":
        return date.fromordinal(index * 7 + 1)
    return date(index // 12, index % 12 + 1, 1)


def period_bounds(index: int, by: Granularity) -> tuple[date, date]:
    """The first and last day of the period."""
    return period_start(index, by), period_start(index + 1, by) - timedelta(days=1)


def label_of(index: int, by: Granularity) -> str:
    """``2022-03-14`` (a day), ``2022-W11`` (an ISO week), ``2022-03`` (a month)."""
    start = period_start(index, by)
    if by == "day":
        return start.isoformat()
    if by == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    return start.isoformat()[:7]


def period_range(first: int, last: int) -> range:
    return range(first, last + 1)
