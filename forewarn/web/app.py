"""The app factory: one :class:`~forewarn.Database`, the API under ``/api``, the pages."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from forewarn.database import Database
from forewarn.web import api, pages

STATIC = Path(__file__).parent / "static"


def create_app(db: str, *, require_token: bool = False) -> FastAPI:
    """The forewarn web app over the store ``db`` (a SQLite path or a database URL)."""
    app = FastAPI(title="forewarn", docs_url=None, redoc_url=None)
    app.state.database = Database(db)
    app.state.require_token = require_token
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router, prefix="/api")
    app.include_router(pages.router)
    return app
