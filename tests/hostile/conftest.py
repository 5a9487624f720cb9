"""The hostile-input suite (issue 14) uses the CLI tests' helpers."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from forewarn.database import Database

# tests/cli is not a package: its helpers are imported by name, as its own tests do.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cli"))

# Text an attacker controls, as a crawl or a feed would carry it: a formula in the title, the
# id and the source, terminal escapes (clear screen, window title, colour) in the article.
HOSTILE_RECORD = {
    "id": "=1+1",
    "title": '=HYPERLINK("http://evil.example/","click")',
    "source": "@SUM(1+1)",
    "published": "2025-03-13",
    "text": (
        "Russian forces shelled Kharkiv on Monday,\x1b[2J\x1b]0;owned\x07 killing three "
        "civilians, Ukrainian officials said.\n\n"
        "-2+3 officials said the Kremlin \x1b[31mdenied\x1b[0m the accusation."
    ),
}


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory) -> Path:
    """A SQLite store holding one article of hostile text (:data:`HOSTILE_RECORD`)."""
    folder = tmp_path_factory.mktemp("hostile_store")
    batch = folder / "batch.jsonl"
    batch.write_text(json.dumps(HOSTILE_RECORD) + "\n", encoding="utf-8")
    store = folder / "store.db"
    with Database(store) as database:
        summary = database.ingest([batch])
    assert summary.new == 1, summary.reasons()
    return store
