"""The app factory: one :class:`~forewarn.Database`, the API under ``/api``, the pages."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from forewarn.database import Database
from forewarn.web import api, pages
from forewarn.web.docs import mount_api_docs
from forewarn.web.errors import install_error_handlers
from forewarn.web.security import SecurityHeaders

STATIC = Path(__file__).parent / "static"


def create_app(db: str, *, require_token: bool = False) -> FastAPI:
    """The forewarn web app over the store ``db`` (a SQLite path or a database URL).

    With ``require_token``, reads need a bearer token too (writes always do).
    """
    app = FastAPI(title="forewarn", docs_url=None, redoc_url=None)
    app.state.database = Database(db)
    app.state.require_token = require_token
    app.add_middleware(SecurityHeaders)
    install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router, prefix="/api")
    mount_api_docs(app)
    app.include_router(pages.router)
    return app
