"""The hostile-input suite (issue 14): a store of hostile text, and the CLI and store tests'
helpers."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hostile_support import HOSTILE_RECORD

from forewarn.database import Database

# tests/cli and tests/store are no packages: their helpers are imported by name, as their own
# tests do.
sys.path[:0] = [str(Path(__file__).resolve().parents[1] / name) for name in ("cli", "store")]


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
