"""The dashboard's query string: the API's filters, a page cursor and a granularity.

The filter form is a plain GET form, so a page's URL is its whole question and can be shared.
A form sends its empty fields too (``?actor=&type=ASSAULT``): an empty value is no filter.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlencode

from starlette.datastructures import URL, QueryParams

from forewarn.analysis.periods import GRANULARITIES, Granularity
from forewarn.errors import FilterError
from forewarn.store.query import EventFilter
from forewarn.web.errors import PARAMETER_OF_FIELD

__all__ = [
    "FILTER_FIELDS",
    "ListQuery",
    "form_values",
    "next_url",
    "page_of",
    "parse_query",
    "period_url",
]

Item = TypeVar("Item")

# The form's fields, as the API names them (``type``, not EventFilter's ``event_types``).
FILTER_FIELDS = ("actor", "recipient", "type", "country", "verification", "since", "until", "text")
DEFAULT_PAGE_SIZE = 50


@dataclass(frozen=True, slots=True)
class ListQuery:
    """What a dashboard page was asked: the filter, the page and the period granularity."""

    where: EventFilter
    values: dict[str, str]
    limit: int = DEFAULT_PAGE_SIZE
    after: str | None = None
    by: Granularity = "week"


def parse_query(params: QueryParams) -> ListQuery:
    """The page's question; a bad value raises :class:`FilterError` naming its form field."""
    values = form_values(params)
    try:
        where = EventFilter.from_options(
            actor=params.get("actor"),
            recipient=params.get("recipient"),
            event_types=params.getlist("type"),
            since=params.get("since"),
            until=params.get("until"),
            country=params.get("country"),
            verification=params.getlist("verification"),
            text=params.get("text"),
        )
    except FilterError as error:
        raise FilterError(PARAMETER_OF_FIELD.get(error.field, error.field), str(error)) from error
    by = _value(params, "by") or "week"
    if by not in GRANULARITIES:
        raise FilterError("by", f"{by!r}: expected one of {', '.join(GRANULARITIES)}")
    limit = _value(params, "limit")
    if limit is not None and not limit.isdigit():
        raise FilterError("limit", f"{limit!r}: expected a number of items per page")
    return ListQuery(
        where=where,
        values=values,
        limit=int(limit) if limit else DEFAULT_PAGE_SIZE,
        after=_value(params, "after"),
        by=by,  # type: ignore[arg-type]  # checked against GRANULARITIES above
    )


def form_values(params: QueryParams) -> dict[str, str]:
    """What the filter form shows: each field as asked, repeated values joined by commas."""
    return {name: ", ".join(params.getlist(name)) for name in (*FILTER_FIELDS, "by")}


def next_url(url: URL, cursor: str | None) -> str | None:
    """This page's URL asking for the page after ``cursor``; None when there is none."""
    if cursor is None:
        return None
    following = url.include_query_params(after=cursor)
    # Relative: the link stays right behind a proxy that serves the app under another host.
    return f"{following.path}?{following.query}"


def period_url(path: str, where: EventFilter, start: str, end: str) -> str:
    """``path`` (a list page) filtered as ``where``, narrowed to the days ``start``-``end``."""
    params: list[tuple[str, str]] = [
        (name, value)
        for name, value in (
            ("actor", where.actor),
            ("recipient", where.recipient),
            ("country", where.country),
            ("text", where.text),
        )
        if value
    ]
    params += [("type", t) for t in where.event_types]
    params += [("verification", v) for v in where.verification]
    params += [("since", start), ("until", end)]
    return f"{path}?{urlencode(params)}"


def page_of(
    items: Sequence[Item], key: Callable[[Item], str], limit: int, after: str | None
) -> tuple[list[Item], str | None]:
    """A page of a list the library answers whole (alerts): the ``limit`` items after the
    one whose ``key`` is ``after``, and the key to ask for the next page."""
    start = 0
    if after is not None:
        keys = [key(item) for item in items]
        if after not in keys:
            raise FilterError("after", f"{after!r}: not an item of this list (it may have moved)")
        start = keys.index(after) + 1
    page = list(items[start : start + limit])
    more = start + limit < len(items)
    return page, key(page[-1]) if more and page else None


def _value(params: QueryParams, name: str) -> str | None:
    value = params.get(name, "").strip()
    return value or None
