"""One error shape for the API: ``{"detail": "one line saying what to do"}``.

Library errors become HTTP statuses here, never in routes: a bad filter value is a 422 naming
its query parameter, an unknown id a 404, a store that cannot be reached a 503. Anything
unexpected is a 500 whose body says so in one line; the traceback goes to the server's log,
never to the client.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from forewarn.errors import FilterError, ForewarnError, NotFoundError, StoreError

__all__ = ["PARAMETER_OF_FIELD", "install_error_handlers"]

# The query parameter that sets each EventFilter field whose name differs from it.
PARAMETER_OF_FIELD = {"event_types": "type"}

logger = logging.getLogger("forewarn.web")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(FilterError, _filter_error)
    app.add_exception_handler(NotFoundError, _not_found)
    app.add_exception_handler(StoreError, _store_error)
    app.add_exception_handler(ForewarnError, _forewarn_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"detail": message}, status_code=status)


async def _filter_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, FilterError)
    return error(422, f"{PARAMETER_OF_FIELD.get(exc.field, exc.field)}: {exc}")


async def _not_found(request: Request, exc: Exception) -> JSONResponse:
    return error(404, str(exc))


async def _store_error(request: Request, exc: Exception) -> JSONResponse:
    logger.error("store error on %s: %s", request.url.path, exc)
    return error(503, f"the store cannot answer: {exc}")


async def _forewarn_error(request: Request, exc: Exception) -> JSONResponse:
    return error(422, str(exc))


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    """FastAPI's list of problems as one line per problem, each naming its parameter."""
    assert isinstance(exc, RequestValidationError)
    problems = []
    for problem in exc.errors():
        where = [str(part) for part in problem.get("loc", ()) if part not in ("query", "path")]
        name = ".".join(where) or "request"
        problems.append(f"{name}: {problem.get('msg', 'invalid')}")
    return error(422, "; ".join(problems))


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    logger.exception("unexpected error on %s", request.url.path, exc_info=exc)
    return error(500, "internal error (a bug: the server's log has the details; please report it)")
