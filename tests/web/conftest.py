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

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_support import fill_web_store, serve

from forewarn.web import create_app

# tests/store is no package: its helpers (a fresh PostgreSQL database) are imported by name.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))


@pytest.fixture(scope="session")
def web_store(tmp_path_factory, extractor) -> Path:
    """A SQLite store of the fixture articles, incidents resolved and alerts computed."""
    path = tmp_path_factory.mktemp("web") / "web.db"
    fill_web_store(path)
    return path


@pytest.fixture(scope="session")
def served(web_store) -> Iterator[str]:
    """The base URL of the app over ``web_store`` (read endpoints open, as on loopback)."""
    yield from serve(create_app(str(web_store)))
