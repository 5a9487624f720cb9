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

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

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


class _Server(uvicorn.Server):
    def install_signal_handlers(self) -> None:
        # Served from a thread: the test process keeps its own signal handlers.
        pass


def serve(app, port: int | None = None) -> Iterator[str]:
    """Serve ``app`` on loopback in a background thread; yields its base URL, then stops it."""
    port = port or _free_port()
    server = _Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"the test server did not start on port {port}")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def served(web_store) -> Iterator[str]:
    """The base URL of the app over ``web_store`` (read endpoints open, as on loopback)."""
    yield from serve(create_app(str(web_store)))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
