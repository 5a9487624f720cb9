"""The headers every response carries, and the bearer tokens of the API.

The Content-Security-Policy allows scripts and styles from forewarn itself only: article
text is untrusted, and should one piece of it ever reach a page unescaped, no inline script
it carries runs. ``STYLE_SOURCES`` is the one place to widen styles if a chart library
needs inline ones.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from forewarn.database import Database

__all__ = [
    "CONTENT_SECURITY_POLICY",
    "STYLE_SOURCES",
    "SecurityHeaders",
    "require_reader",
    "require_writer",
]

STYLE_SOURCES = "'self'"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; "
    f"style-src {STYLE_SOURCES}; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

# auto_error=False: a missing token is answered by require_* below, with forewarn's message.
_bearer = HTTPBearer(auto_error=False, description="A token from `forewarn token create NAME`.")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


class SecurityHeaders:
    """ASGI middleware: the security headers on every HTTP response that has not set its
    own (the API docs page sets a CSP of its own). Plain ASGI rather than
    ``@app.middleware``: no extra task per request on the API's hot path."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def require_writer(request: Request, credentials: Credentials) -> str:
    """The name of the request's valid bearer token; 401 without one."""
    if credentials is None:
        raise _unauthorized("this endpoint needs a token: send 'Authorization: Bearer TOKEN'")
    database: Database = request.app.state.database
    # The store is synchronous: asked from the thread pool, as Starlette runs sync routes.
    name = await run_in_threadpool(database.check_token, credentials.credentials)
    if name is None:
        raise _unauthorized("the bearer token is not valid (revoked, or never made here)")
    return name


async def require_reader(request: Request, credentials: Credentials) -> None:
    """Read endpoints are open, unless the app was started with ``require_token``."""
    if request.app.state.require_token:
        await require_writer(request, credentials)


def _unauthorized(message: str) -> HTTPException:
    return HTTPException(401, message, headers={"WWW-Authenticate": "Bearer"})
