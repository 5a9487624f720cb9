"""``/api/docs``: the interactive API documentation, offline.

Swagger UI's files come from the ``swagger-ui-bundle`` package (installed with forewarn), the
page and its start-up script from :file:`api_docs/`; nothing is loaded from a CDN, and no
inline script is needed, so the page runs under the app's Content-Security-Policy.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

__all__ = ["mount_api_docs"]

OWN_FILES = Path(__file__).parent / "api_docs"


def mount_api_docs(app: FastAPI) -> None:
    """Serve the docs page at ``/api/docs`` and its assets under it."""

    @app.get("/api/docs", include_in_schema=False)
    def api_docs() -> FileResponse:
        return FileResponse(OWN_FILES / "index.html")

    @app.get("/api/docs/init.js", include_in_schema=False)
    def api_docs_init() -> FileResponse:
        return FileResponse(OWN_FILES / "init.js", media_type="text/javascript")

    app.mount("/api/docs", StaticFiles(directory=swagger_ui_path), name="api-docs")
