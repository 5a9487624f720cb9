"""The dashboard's server-rendered pages, each a thin shell over one :class:`Database` question.

Every page reads without JavaScript (tables, links, GET forms); the timeline and the map add
a chart drawn by a static script from the page's JSON twin (``/timeline.json``,
``/map.json``). A bad filter is a 422 page naming the field, an unknown record a 404 page.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, Protocol

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from starlette.responses import Response

from forewarn import ontology
from forewarn.database import Database
from forewarn.errors import FilterError, NotFoundError
from forewarn.store.query import MAX_PAGE_SIZE, EventFilter, Page
from forewarn.web.charts import alert_history, alerts_apply, map_points, timeline_periods
from forewarn.web.highlight import highlight
from forewarn.web.incident_view import incident_view
from forewarn.web.page_query import ListQuery, form_values, next_url, page_of, parse_query
from forewarn.web.rendering import render

__all__ = ["router"]

ALERTS_PER_PAGE = 20


class PageQuestion(Protocol):
    """``Database.event_page``, ``claim_page`` or ``incident_page``."""

    def __call__(
        self, database: Database, where: EventFilter, /, *, limit: int, after: str | None
    ) -> Page[Any]: ...


class PageRoute(APIRoute):
    """A route whose library errors become the dashboard's own error pages (JSON for the
    ``.json`` twins): 422 for a bad filter, 404 for an unknown record."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def page_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except FilterError as error:
                return _error(request, 422, str(error), field=error.field)
            except NotFoundError as error:
                return _error(request, 404, str(error))

        return page_handler


router = APIRouter(include_in_schema=False, route_class=PageRoute)


def _database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


def _error(request: Request, status: int, message: str, field: str | None = None) -> Response:
    if request.url.path.endswith(".json"):
        return JSONResponse({"detail": message, "field": field}, status_code=status)
    return render(
        request,
        "error.html",
        status_code=status,
        status=status,
        message=message,
        field=field,
        values=form_values(request.query_params),
    )


@router.get("/")
def alerts(request: Request) -> Response:
    """The current escalation alerts, most recent first, each with why it fired and its
    incidents and claims."""
    query = parse_query(request.query_params)
    database = _database(request)
    found = database.alerts(query.where, by=query.by)
    page, cursor = page_of(found, lambda alert: alert["id"], ALERTS_PER_PAGE, query.after)
    return render(
        request,
        "alerts.html",
        alerts=[(alert, alert_history(database, alert)) for alert in page],
        query=query,
        next_url=next_url(request.url, cursor),
    )


@router.get("/incidents")
def incidents(request: Request) -> Response:
    """Incidents, most recent first: one real-world happening each, however many
    articles report it."""
    return _list_page(request, "incidents.html", Database.incident_page)


@router.get("/incidents/{incident_id}")
def incident(request: Request, incident_id: str) -> Response:
    """An incident: its reports across outlets in time order (each with its evidence, linked
    to its article), its claimants, the history of its verification and its denials."""
    return render(request, "incident.html", view=incident_view(_database(request), incident_id))


@router.get("/events")
def events(request: Request) -> Response:
    """Every stored event, most recent first, with its evidence and its article."""
    return _list_page(request, "events.html", Database.event_page)


@router.get("/claims")
def claims(request: Request) -> Response:
    """Claim cards, most recent first: speaker, cue, channel, hedges, verification."""
    return _list_page(request, "claims.html", Database.claim_page)


@router.get("/claims/{claim_id:path}")
def claim(request: Request, claim_id: str) -> Response:
    """A claim's card and its thread: the claims that support it and those that deny it."""
    try:
        thread = _database(request).claim_thread(claim_id)
    except FilterError as error:
        # The library's answer to an unknown claim id (a bad --thread to the CLI).
        raise NotFoundError(str(error)) from error
    return render(request, "claim.html", claim_id=claim_id, thread=thread)


@router.get("/articles/{article_id:path}")
def article(request: Request, article_id: str) -> Response:
    """An article's text with every event's evidence and trigger and every claim's content
    highlighted, each highlight an anchor (``#e1``, ``#c1``) linked to its record."""
    document = _database(request).article(article_id)
    return render(request, "article.html", document=document, tokens=highlight(document))


@router.get("/timeline")
def timeline(request: Request) -> Response:
    """Incidents per period of a country or a dyad, by quad class, with the alerts marked:
    a table, and the chart drawn from the same numbers carried in the page."""
    query = parse_query(request.query_params)
    chart = _timeline_chart(_database(request), query)
    return render(request, "timeline.html", chart=chart, query=query)


@router.get("/timeline.json")
def timeline_json(request: Request) -> Response:
    """The timeline's numbers, for other clients."""
    return JSONResponse(_timeline_chart(_database(request), parse_query(request.query_params)))


@router.get("/map")
def incident_map(request: Request) -> Response:
    """The most recent matching incidents that have a place: a list, and the map drawn from
    the same points carried in the page."""
    query = parse_query(request.query_params)
    points = {"incidents": _map_points(_database(request), query)}
    return render(request, "map.html", points=points, query=query)


@router.get("/map.json")
def incident_map_json(request: Request) -> Response:
    """The map's points, for other clients."""
    points = _map_points(_database(request), parse_query(request.query_params))
    return JSONResponse({"incidents": points})


def _timeline_chart(database: Database, query: ListQuery) -> dict[str, Any]:
    return {
        "by": query.by,
        "quad_classes": list(ontology.QUAD_CLASSES),
        "periods": _timeline_periods(database, query),
    }


def _list_page(request: Request, template: str, ask: PageQuestion) -> Response:
    """A paginated list: the page the query string asks for, and the link to the next one."""
    query = parse_query(request.query_params)
    page = ask(_database(request), query.where, limit=query.limit, after=query.after)
    return render(
        request, template, items=page.items, query=query, next_url=next_url(request.url, page.next)
    )


def _timeline_periods(database: Database, query: ListQuery) -> list[dict[str, Any]]:
    rows = database.indicators(query.where, by=query.by)
    found = database.alerts(query.where, by=query.by) if alerts_apply(query.where) else []
    return timeline_periods(rows, found, query.where)


def _map_points(database: Database, query: ListQuery) -> list[dict[str, Any]]:
    return map_points(database.incident_page(query.where, limit=MAX_PAGE_SIZE).items)
