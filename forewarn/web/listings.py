"""A list as the API answers it: one page of JSON with the link to the next, or every
matching item as a CSV or JSON Lines download, streamed page by page.

The rows are :mod:`forewarn.listing`'s, the ones ``forewarn events --format json`` prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from fastapi import Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from forewarn.listing import csv_lines, jsonl_lines
from forewarn.store.query import MAX_PAGE_SIZE, Page
from forewarn.web.api_params import ListFormat, Paging
from forewarn.web.page_query import next_url, page_of

__all__ = ["Listing", "answer", "in_pages", "whole"]

Item = TypeVar("Item")
CsvRows = Callable[[list[Any]], tuple[Sequence[str], list[dict[str, Any]]]]

_MEDIA_TYPES = {
    ListFormat.csv: "text/csv; charset=utf-8",
    ListFormat.jsonl: "application/x-ndjson; charset=utf-8",
}


@dataclass(frozen=True, slots=True)
class Listing(Generic[Item]):
    """What a list route knows: its name (the download's file name), how to fetch a page,
    how one item looks in JSON, and its flat CSV rows (None: the list has no CSV form)."""

    name: str
    fetch: Callable[[int, str | None], Page[Item]]
    json_row: Callable[[Item], dict[str, Any]]
    csv_rows: CsvRows | None = None


def whole(items: list[Item]) -> Callable[[int, str | None], Page[Item]]:
    """The fetch of a list the library answers in one piece (one page, no cursor)."""
    return lambda limit, after: Page(items)


def in_pages(
    items: list[Item], key: Callable[[Item], str]
) -> Callable[[int, str | None], Page[Item]]:
    """The fetch of a list the library answers whole (alerts, actors), cut into pages: the
    cursor is the ``key`` of a page's last item."""

    def fetch(limit: int, after: str | None) -> Page[Item]:
        page, following = page_of(items, key, limit, after)
        return Page(page, following)

    return fetch


def answer(request: Request, listing: Listing[Any], paging: Paging) -> Response:
    """The page at ``after`` as ``{items, next}``, or the whole list from ``after`` on as a
    download. The first page is fetched here, before any byte is sent: a bad filter is
    still a clean 422, not a broken download."""
    fmt = paging.format
    if fmt is ListFormat.json:
        page = listing.fetch(paging.limit, paging.after)
        return JSONResponse(
            {
                "items": [listing.json_row(item) for item in page.items],
                "next": next_url(request.url, page.next),
            }
        )
    if fmt is ListFormat.csv and listing.csv_rows is None:
        return JSONResponse(
            {"detail": f"format: {listing.name} are nested records; use json or jsonl"},
            status_code=422,
        )
    first = listing.fetch(MAX_PAGE_SIZE, paging.after)
    return StreamingResponse(
        _lines(listing, fmt, first),
        media_type=_MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{listing.name}.{fmt.value}"'},
    )


def _lines(listing: Listing[Any], fmt: ListFormat, page: Page[Any]) -> Iterator[str]:
    header = True
    while True:
        if fmt is ListFormat.csv:
            assert listing.csv_rows is not None
            columns, rows = listing.csv_rows(page.items)
            yield "".join(csv_lines(columns, rows, header=header))
            header = False
        else:
            yield "".join(jsonl_lines(listing.json_row(item) for item in page.items))
        if page.next is None:
            return
        page = listing.fetch(MAX_PAGE_SIZE, page.next)
