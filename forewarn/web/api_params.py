"""The query parameters the API's lists share, declared once: the CLI's filters, the page
and the format.

A bad filter value raises :class:`~forewarn.errors.FilterError` from the library, answered
with a 422 naming the parameter (:mod:`forewarn.web.errors`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated

from fastapi import Query

from forewarn.store.query import MAX_PAGE_SIZE, EventFilter

__all__ = ["After", "Format", "ListFormat", "Limit", "Paging", "event_filter", "paging"]


class ListFormat(StrEnum):
    json = "json"
    csv = "csv"
    jsonl = "jsonl"


Limit = Annotated[
    int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"Items per page (1 to {MAX_PAGE_SIZE}).")
]
After = Annotated[
    str | None, Query(description="The cursor of the page to start after: a page's `next`.")
]
Format = Annotated[
    ListFormat,
    Query(
        description="json: one page, `{items, next}`; csv or jsonl: every matching item, "
        "downloaded as a file."
    ),
]


async def event_filter(
    actor: Annotated[
        str | None,
        Query(description="Actor: ISO3 country code in capitals (RUS), gazetteer id or name part."),
    ] = None,
    recipient: Annotated[str | None, Query(description="Recipient, named as for actor.")] = None,
    event_type: Annotated[
        list[str] | None, Query(alias="type", description="PLOVER event type (repeatable).")
    ] = None,
    since: Annotated[
        str | None, Query(description="From this date on: YYYY, YYYY-MM or YYYY-MM-DD.")
    ] = None,
    until: Annotated[str | None, Query(description="Up to this date, inclusive.")] = None,
    country: Annotated[
        str | None, Query(description="Where it happened: ISO 3166-1 alpha-3 code.")
    ] = None,
    verification: Annotated[
        list[str] | None,
        Query(
            description="reported, unverified, unsubstantiated, disputed, corroborated, "
            "confirmed (repeatable)."
        ),
    ] = None,
    text: Annotated[str | None, Query(description="Words in the evidence text.")] = None,
) -> EventFilter:
    """The filter of the CLI's ``--actor``, ``--type``... options, from the query string.

    Dependencies that only read the request are ``async``: a plain ``def`` one would be run
    in the thread pool, a hop per dependency per request, felt under load."""
    return EventFilter.from_options(
        actor=actor,
        recipient=recipient,
        event_types=event_type or (),
        since=since,
        until=until,
        country=country,
        verification=verification or (),
        text=text,
    )


@dataclass(slots=True)
class Paging:
    """Which page of a list, in which format (a dependency of every paged route)."""

    limit: Limit = 50
    after: After = None
    format: Format = ListFormat.json


async def paging(
    limit: Limit = 50, after: After = None, format: Format = ListFormat.json
) -> Paging:
    """The page and format a list route was asked for (``async``: see :func:`event_filter`)."""
    return Paging(limit, after, format)
