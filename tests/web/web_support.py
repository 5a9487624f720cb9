"""Helpers shared by the web tests (imported by name: tests/web is not a package)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import uvicorn

from forewarn.database import Database

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PUBLISHED = "2025-03-10"


def fill_web_store(db: str | Path) -> None:
    """Ingest the web tests' fixture articles into the store ``db``, then its alerts."""
    inputs = [FIXTURES / "store", *sorted((FIXTURES / "incidents").glob("*.jsonl"))]
    # The dashboard's articles keep their own dates: their weeks are the alert's series.
    dated = sorted((FIXTURES / "web").glob("*.jsonl"))
    with Database(db) as database:
        for paths, published in ((inputs, PUBLISHED), (dated, None)):
            summary = database.ingest(paths, published=published)
            assert not summary.failures, summary.failures
        database.alerts(by="week")


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


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
