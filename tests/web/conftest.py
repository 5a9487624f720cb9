"""The web tests' store and server: fixture articles through the real pipeline into a SQLite
store once per session, and the real app served by Uvicorn on a loopback port.

``web_store`` ingests tests/fixtures/store (one article per file), the incident fixtures and
the JSONL files of tests/fixtures/web (articles written for the dashboard's tests, with their
own publication dates), then brings
the incidents and the weekly alerts up to date, as ``forewarn ingest`` and ``forewarn
alerts`` would. ``served`` runs :func:`forewarn.web.create_app` over it in a thread and
yields the base URL; tests talk to it over real HTTP (httpx, Chromium).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from web_support import serve

from forewarn.database import Database
from forewarn.web import create_app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PUBLISHED = "2025-03-10"


@pytest.fixture(scope="session")
def web_store(tmp_path_factory, extractor) -> Path:
    """A SQLite store of the fixture articles, incidents resolved and alerts computed."""
    path = tmp_path_factory.mktemp("web") / "web.db"
    inputs = [FIXTURES / "store", *sorted((FIXTURES / "incidents").glob("*.jsonl"))]
    # The dashboard's articles keep their own dates: their weeks are the alert's series.
    dated = sorted((FIXTURES / "web").glob("*.jsonl"))
    with Database(path) as database:
        for paths, published in ((inputs, PUBLISHED), (dated, None)):
            summary = database.ingest(paths, published=published)
            assert not summary.failures, summary.failures
        database.alerts(by="week")
    return path


@pytest.fixture(scope="session")
def served(web_store) -> Iterator[str]:
    """The base URL of the app over ``web_store`` (read endpoints open, as on loopback)."""
    yield from serve(create_app(str(web_store)))
