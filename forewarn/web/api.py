"""The JSON API's read endpoints (``/api/...``), documented by the app's OpenAPI schema.

Each route reads its parameters, asks :class:`~forewarn.Database` one question and answers
with the rows ``forewarn <command> --format json`` prints (:mod:`forewarn.listing`); lists
are paged (:mod:`forewarn.web.listings`). Routes are plain functions: FastAPI runs them in
its thread pool, where the synchronous store is at home.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from forewarn.analysis.periods import Granularity
from forewarn.database import Database
from forewarn.listing import (
    INCIDENT_CSV_COLUMNS,
    incident_csv_row,
    indicator_csv,
    record_csv,
    record_json,
    thread_csv,
    thread_json,
)
from forewarn.records import to_dict
from forewarn.store.query import EventFilter
from forewarn.web.api_ingest import router as ingest_router
from forewarn.web.api_params import Format, ListFormat, Paging, event_filter, paging
from forewarn.web.listings import Listing, answer, in_pages, whole
from forewarn.web.security import require_reader

__all__ = ["router"]

router = APIRouter(tags=["api"])
reads = APIRouter(dependencies=[Depends(require_reader)])

Filter = Annotated[EventFilter, Depends(event_filter)]
By = Annotated[Granularity, Query(description="day, week or month.")]


async def database(request: Request) -> Database:
    """The app's one Database (opened by :func:`forewarn.web.create_app`); ``async``, as
    every dependency that does no I/O, to stay out of the thread pool."""
    return request.app.state.database


Store = Annotated[Database, Depends(database)]
Page = Annotated[Paging, Depends(paging)]


@reads.get("/events")
def events(request: Request, db: Store, where: Filter, paging: Page) -> Response:
    """Stored events, most recent first, each with its evidence and its article's reference."""
    listing = Listing(
        "events",
        lambda size, cursor: db.event_page(where, limit=size, after=cursor),
        lambda pair: record_json(*pair),
        lambda pairs: record_csv("event", pairs),
    )
    return answer(request, listing, paging)


@reads.get("/claims")
def claims(request: Request, db: Store, where: Filter, paging: Page) -> Response:
    """Stored claims: who says what, through which channel, hedged and verified how.
    ``actor`` and ``country`` are the speaker's; ``type`` and ``recipient`` those of an
    event the claim carries."""
    listing = Listing(
        "claims",
        lambda size, cursor: db.claim_page(where, limit=size, after=cursor),
        lambda pair: record_json(*pair),
        lambda pairs: record_csv("claim", pairs),
    )
    return answer(request, listing, paging)


@reads.get("/claims/{claim_id:path}/thread")
def claim_thread(
    request: Request, db: Store, claim_id: str, format: Format = ListFormat.json
) -> Response:
    """The claim and the claims across articles that support or contradict it."""
    thread = db.claim_thread(claim_id)
    listing = Listing("thread", whole(thread), lambda item: thread_json([item])[0], thread_csv)
    return answer(request, listing, Paging(format=format))


@reads.get("/incidents")
def incidents(request: Request, db: Store, where: Filter, paging: Page) -> Response:
    """Incidents (one happening, its reports across articles), most recent first."""
    listing = Listing(
        "incidents",
        lambda size, cursor: db.incident_page(where, limit=size, after=cursor),
        dict,
        lambda rows: (INCIDENT_CSV_COLUMNS, [incident_csv_row(row) for row in rows]),
    )
    return answer(request, listing, paging)


@reads.get("/incidents/{incident_id}")
def incident(db: Store, incident_id: str) -> dict[str, Any]:
    """One incident (``i12``): its mentions across outlets, claimants and verification."""
    return db.incident(incident_id)


@reads.get("/articles/{article_id:path}")
def article(db: Store, article_id: str) -> dict[str, Any]:
    """One stored article whole: its text, and its events and claims with the offsets of
    every trigger, evidence and claim content in that text."""
    return to_dict(db.article(article_id))


@reads.get("/alerts")
def alerts(request: Request, db: Store, where: Filter, paging: Page, by: By = "week") -> Response:
    """Escalation alerts, most recent first: periods improbably high against their series'
    own history. ``actor`` and ``recipient`` are country codes here."""
    rows = db.alerts(where, by=by)
    return answer(request, Listing("alerts", in_pages(rows, _alert_key), dict), paging)


@reads.get("/indicators")
def indicators(
    request: Request,
    db: Store,
    where: Filter,
    by: By = "week",
    format: Format = ListFormat.json,
) -> Response:
    """The matching incidents as a series: a row per period, empty periods as zeros."""
    rows = db.indicators(where, by=by)
    listing = Listing("indicators", whole(rows), dict, indicator_csv)
    return answer(request, listing, Paging(format=format))


@reads.get("/actors")
def actors(
    request: Request,
    db: Store,
    paging: Page,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-3 code.")] = None,
    text: Annotated[str | None, Query(description="Part of the actor's name.")] = None,
) -> Response:
    """Stored actors, busiest first, with how often they act, receive and speak."""
    rows = db.actors(country=country, text=text, limit=None)
    listing = Listing("actors", in_pages(rows, _actor_key), dict, _flat_actors)
    return answer(request, listing, paging)


@reads.get("/stats")
def stats(db: Store, where: Filter) -> dict[str, Any]:
    """Totals, and the matching events by type, quad class, verification, month and dyad."""
    return db.stats(where)


def _alert_key(alert: dict[str, Any]) -> str:
    return str(alert["id"])


def _actor_key(actor: dict[str, Any]) -> str:
    """An actor's cursor: what tells two stored actors apart."""
    return "|".join(
        str(actor[field] or "") for field in ("gazetteer_id", "name", "country", "sector")
    )


def _flat_actors(rows: list[dict[str, Any]]) -> tuple[list[str], list[dict[str, Any]]]:
    return (list(rows[0]) if rows else ["name"]), rows


router.include_router(reads)
router.include_router(ingest_router)
