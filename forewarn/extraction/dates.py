"""Resolve date expressions ("on Tuesday", "last month", "March 3, 2024") against publication.

News convention, which the rules below follow:

- a bare weekday ("on Tuesday", "Monday night") is the last such day on or before publication
  (the publication day itself counts); "last Tuesday" is strictly before it, "next Tuesday"
  strictly after, "this Tuesday" the one in the publication's Monday-to-Sunday week;
- "last week" is the previous calendar week (Monday-based); "this week", "recent days" and
  "the past few days" the current one; "the past week" and "the last seven days" (seven days up
  to publication) the calendar week holding most of them; week precision dates are that week's
  Monday;
- "the weekend" / "over the weekend" is the latest weekend that has begun by publication,
  "this weekend" the current week's, "last weekend" the one before the current week's;
- a month without a year ("in July") is the latest such month not after publication;
  a day without a year ("October 14") the latest such day on or before publication; "next July"
  and "next October 14" are the first after publication;
- "recent weeks" is the month of publication and "recent months" its year: vague periods are
  given the precision they can honestly claim;
- "N days/weeks/months/years ago" count back from publication at the unit's precision;
  "in N days" counts forward; "N days later" is relative to some other event, so it is not placed.

Expressions with a year resolve without ``published``; the others then come back with precision
"unknown" and no date. Text that is not a date we can place ("25 to 40", "decades", "annual",
"the 1990s": a decade would claim a year it does not name) gives None. The clock is never read.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import Literal, cast

from forewarn.data import load_json

__all__ = ["ResolvedDate", "resolve_date"]

DATA_FILE = "dates/date_words.json"
# Days from publication back to the middle of "the past week".
TRAILING_WEEK_MIDDLE = 3

Precision = Literal["day", "week", "month", "year", "unknown"]

# Years outside this range are counts or codes ("1500 troops"), not years of news events.
MIN_YEAR, MAX_YEAR = 1800, 2199
# Longer texts are sentences, not date expressions; they are not worth a parse.
MAX_EXPRESSION_LENGTH = 80
# Distinct (text, published) pairs remembered: a corpus repeats "on Tuesday" a great deal.
CACHE_SIZE = 65_536


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """A resolved date: ``date`` is "YYYY-MM-DD" (day; week: its Monday), "YYYY-MM", "YYYY"."""

    date: str | None
    precision: Precision
    text: str


@dataclass(frozen=True, slots=True)
class _Words:
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    relative_days: dict[str, int]
    recent: dict[str, str]
    trailing_week: frozenset[str]
    leading_fillers: tuple[str, ...]
    day_parts: frozenset[str]
    past: frozenset[str]
    next: frozenset[str]
    this: frozenset[str]
    seasons: frozenset[str]


@cache
def _words() -> _Words:
    raw = load_json(DATA_FILE)
    return _Words(
        months=raw["months"],
        weekdays=raw["weekdays"],
        numbers=raw["numbers"],
        relative_days=raw["relative_days"],
        recent={k: v for k, v in raw["recent"].items() if not k.startswith("_")},
        trailing_week=frozenset(raw["trailing_week"]["phrases"]),
        # Longest first, so "the end of" is stripped before "the".
        leading_fillers=tuple(sorted(raw["leading_fillers"], key=len, reverse=True)),
        day_parts=frozenset(raw["day_parts"]),
        past=frozenset(raw["past_words"]),
        next=frozenset(raw["next_words"]),
        this=frozenset(raw["this_words"]),
        seasons=frozenset(raw["seasons"]),
    )


def _alternation(words: Iterable[str]) -> str:
    # Longest first: the regex engine takes the first alternative that matches.
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_UNIT = r"(?P<unit>day|week|month|year)s?"

_ISO = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?")
_NUMERIC = re.compile(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})")


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The date expressions, tried in order, with the date words' alternations."""
    words = _words()
    month = f"(?P<month>{_alternation(words.months)})"
    weekday = f"(?P<weekday>{_alternation(words.weekdays)})"
    count = rf"(?P<count>\d+|{_alternation(words.numbers)})"
    when = rf"(?P<when>{_alternation(words.past | words.next | words.this)})"
    return tuple(
        (name, re.compile(pattern))
        for name, pattern in (
            ("month_day", rf"(?:{when} )?(?:{weekday} )?{month} {_DAY}(?: {_YEAR})?"),
            ("day_month", rf"(?:{weekday} )?{_DAY} (?:of )?{month}(?: {_YEAR})?"),
            ("month", rf"(?:{when} )?{month}(?: {_YEAR})?"),
            ("year", _YEAR),
            ("weekday", rf"(?:{when} )?{weekday}"),
            ("ago", rf"{count} {_UNIT} (?:ago|earlier than now|before now)"),
            ("ahead", rf"(?:in|within) {count} {_UNIT}(?: time)?"),
            ("ahead", rf"{count} {_UNIT} from now"),
            ("unit", rf"{when} (?P<unit>day|week|month|year|weekend)"),
            ("weekend", r"(?:the )?weekend"),
            ("season", rf"(?:{when} )?(?P<season>{_alternation(words.seasons)})(?: {_YEAR})?"),
        )
    )


_DROP = re.compile(r"[,.;:!?()\"'\u2019\u2018]")
_SPACES = re.compile(r"[\s\u2010-\u2015-]+")


def _strip_fillers(text: str) -> str:
    """Lowercase words without punctuation or leading fillers ("on", "in", "late", "the")."""
    words = _SPACES.sub(" ", _DROP.sub(" ", text.lower())).strip()
    changed = True
    while changed:
        changed = False
        for filler in _words().leading_fillers:
            if words.startswith(filler + " "):
                words, changed = words[len(filler) + 1 :], True
                break
    return words


def _strip_day_parts(words: str) -> str:
    """ "monday night" -> "monday": the part of the day does not change the date."""
    parts = words.split()
    if len(parts) > 2 and " ".join(parts[-2:]) in _words().day_parts:
        parts = parts[:-2]
    while len(parts) > 1 and parts[-1] in _words().day_parts:
        parts.pop()
    return " ".join(parts)


# The phrase tables, keyed as the phrases read once fillers are stripped ("the day before
# yesterday" -> "day before yesterday").
@cache
def _relative_days() -> dict[str, int]:
    """ "Today", "this morning": days from publication, by their words."""
    return {_strip_fillers(k): v for k, v in _words().relative_days.items()}


@cache
def _recent() -> dict[str, Precision]:
    """ "Recent days", "recent weeks": the precision each vague period can honestly claim."""
    return {_strip_fillers(k): cast(Precision, v) for k, v in _words().recent.items()}


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _as(day: date, precision: Precision) -> str:
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if precision == "week":
        day = _monday(day)
    return day.isoformat()


def _count(value: str) -> int:
    return int(value) if value.isdigit() else _words().numbers[value]


def _direction(when: str | None) -> int:
    """-1 for "last", +1 for "next", 0 for "this", None-like 0 for no modifier."""
    if when in _words().past:
        return -1
    if when in _words().next:
        return 1
    return 0


def _safe_date(year: int, month: int, day: int) -> date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day_without_year(month: int, day: int, when: str | None, published: date) -> date | None:
    """The latest such day on or before publication; with "next", the first after it."""
    if not _safe_date(2000, month, day):  # 2000 is a leap year: February 29 is a real day
        return None
    after = _direction(when) == 1
    # Eight years always include a February 29.
    years = (
        range(published.year, published.year + 9)
        if after
        else range(published.year, published.year - 9, -1)
    )
    for year in years:
        candidate = _safe_date(year, month, day)
        if candidate is not None and ((candidate > published) if after else candidate <= published):
            return candidate
    return None


def _weekday(target: int, when: str | None, published: date) -> date:
    back = (published.weekday() - target) % 7
    direction = _direction(when)
    if when is None:
        return published - timedelta(days=back)
    if direction == -1:
        return published - timedelta(days=back or 7)
    if direction == 1:
        return published + timedelta(days=(target - published.weekday()) % 7 or 7)
    return _monday(published) + timedelta(days=target)


def _unit(unit: str, when: str, published: date) -> tuple[date, Precision]:
    step = _direction(when)
    if unit == "day":
        return published + timedelta(days=step), "day"
    if unit in ("week", "weekend"):
        return _monday(published) + timedelta(weeks=step), "week"
    if unit == "month":
        return _shift_months(published, step), "month"
    return date(published.year + step, 1, 1), "year"


def _offset(count: int, unit: str, published: date) -> tuple[date, Precision] | None:
    if unit == "day":
        return published + timedelta(days=count), "day"
    if unit == "week":
        return published + timedelta(weeks=count), "week"
    if unit == "month":
        return _shift_months(published, count), "month"
    year = published.year + count
    return (date(year, 1, 1), "year") if MIN_YEAR <= year <= MAX_YEAR else None


def _resolve_canonical(words: str, published: date | None) -> tuple[str | None, Precision] | None:
    """(date, precision) for filler-free words, or None when they are not a placeable date."""
    if words in _words().trailing_week:
        if published is None:
            return None, "unknown"
        # The middle of the seven days falls in the calendar week holding most of them.
        return _as(published - timedelta(days=TRAILING_WEEK_MIDDLE), "week"), "week"
    for candidate in (words, _strip_day_parts(words)):
        if candidate in _relative_days():
            if published is None:
                return None, "unknown"
            return _as(published + timedelta(days=_relative_days()[candidate]), "day"), "day"
        if candidate in _recent():
            precision = _recent()[candidate]
            if published is None:
                return None, "unknown"
            return _as(published, precision), precision
    words = _strip_day_parts(words)
    for name, pattern in _patterns():
        found = pattern.fullmatch(words)
        if found is not None:
            return _resolve_match(name, found.groupdict(), published)
    return None


def _resolve_match(
    name: str, groups: dict[str, str | None], published: date | None
) -> tuple[str | None, Precision] | None:
    year_text, month_name = groups.get("year"), groups.get("month")
    year = int(year_text) if year_text else None
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        return None
    month = _words().months[month_name] if month_name else None
    when = groups.get("when")
    if name in ("month_day", "day_month"):
        day = int(groups["day"] or 0)
        if year is not None:
            resolved = _safe_date(year, month or 0, day)
            return (resolved.isoformat(), "day") if resolved else None
        if published is None:
            return (None, "unknown") if _safe_date(2000, month or 0, day) else None
        resolved = _day_without_year(month or 0, day, when, published)
        return (resolved.isoformat(), "day") if resolved else None
    if name == "month" and month is not None:
        if year is not None:
            return f"{year:04d}-{month:02d}", "month"
        if published is None:
            return None, "unknown"
        # Latest such month not after publication ("last": strictly before); "next": first after.
        step = _direction(when)
        target_year = published.year
        if step == 1:
            target_year += 1 if month <= published.month else 0
        elif step == -1:
            target_year -= 1 if month >= published.month else 0
        elif when is None:
            target_year -= 1 if month > published.month else 0
        return f"{target_year:04d}-{month:02d}", "month"
    if name == "year":
        return f"{year:04d}", "year"
    if name == "season":
        if year is not None:
            return f"{year:04d}", "year"
        if published is None:
            return None, "unknown"
        return f"{published.year + _direction(when):04d}", "year"
    if published is None:
        return None, "unknown"
    if name == "weekday":
        target = _words().weekdays[groups["weekday"] or ""]
        return _weekday(target, when, published).isoformat(), "day"
    if name in ("ago", "ahead"):
        count = _count(groups["count"] or "")
        offset = _offset(-count if name == "ago" else count, groups["unit"] or "", published)
        return None if offset is None else (_as(offset[0], offset[1]), offset[1])
    if name == "unit":
        resolved, precision = _unit(groups["unit"] or "", when or "", published)
        return _as(resolved, precision), precision
    # "the weekend": the latest weekend begun by publication (Saturday or Sunday counts).
    saturday = published - timedelta(days=(published.weekday() - 5) % 7)
    return _as(saturday, "week"), "week"


@lru_cache(maxsize=CACHE_SIZE)
def resolve_date(text: str, published: date | None) -> ResolvedDate | None:
    """Resolve a DATE/TIME entity's text (or a phrase around it) against publication.

    Returns None when the text is not a date expression that can be placed, or when the result
    would fall outside the calendar; see the module docstring for the conventions. Never raises
    on odd text.
    """
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_EXPRESSION_LENGTH:
        return None
    stripped = text.strip()
    iso = _ISO.fullmatch(stripped)
    if iso is not None:
        year, month, day = int(iso["year"]), int(iso["month"]), int(iso["day"] or 1)
        if _safe_date(year, month, day) is None:
            return None
        if iso["day"]:
            return ResolvedDate(f"{year:04d}-{month:02d}-{day:02d}", "day", text)
        return ResolvedDate(f"{year:04d}-{month:02d}", "month", text)
    numeric = _NUMERIC.fullmatch(stripped)
    if numeric is not None:
        a, b, year = int(numeric["a"]), int(numeric["b"]), int(numeric["year"])
        # US order (month first) unless the first number cannot be a month.
        resolved = _safe_date(year, b, a) if a > 12 else _safe_date(year, a, b)
        return ResolvedDate(resolved.isoformat(), "day", text) if resolved else None
    # "in two weeks" needs its "in"; "in July" must lose it: try the words as given first.
    as_given = _SPACES.sub(" ", _DROP.sub(" ", stripped.lower())).strip()
    try:
        result = _resolve_canonical(as_given, published)
        if result is None:
            result = _resolve_canonical(_strip_fillers(stripped), published)
    except (OverflowError, ValueError):
        return None  # a count or a publication date that takes us out of the calendar
    if result is None:
        return None
    return ResolvedDate(result[0], result[1], text)
