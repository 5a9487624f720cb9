"""`forewarn ingest --engine ray`: a local Ray with 2 workers stores what the local engine does.

The Ray ingest is a process of the installed entry point (Ray starts and stops its own
cluster, which a test process should not host); the rest runs in this process. The ray extra
is part of the dev install: without it this test fails rather than skips.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import ROOT, run, run_entry_point

# A Ray cluster and three model loads: a minute of the suite's time (`make test-slow`).
pytestmark = pytest.mark.slow

FIXTURES = ROOT / "tests" / "fixtures" / "store"
PUBLISHED = "2025-03-10"


def stored(db: Path) -> tuple[dict, list[dict]]:
    numbers = run("stats", "--db", db, "--format", "json")
    assert numbers.returncode == 0, numbers.stderr
    events = run("events", "--db", db, "--format", "json", "--limit", "0")
    assert events.returncode == 0, events.stderr
    return json.loads(numbers.stdout), sorted(json.loads(events.stdout), key=lambda e: e["id"])


def test_ray_engine_stores_what_the_local_engine_stores(tmp_path):
    local_db, ray_db = tmp_path / "local.db", tmp_path / "ray.db"
    ray = run_entry_point(
        "ingest",
        FIXTURES,
        "--db",
        ray_db,
        "--engine",
        "ray",
        "--workers",
        "2",
        "--published",
        PUBLISHED,
        timeout=240,
    )
    assert ray.returncode == 0, ray.stderr
    local = run("ingest", FIXTURES, "--db", local_db, "--published", PUBLISHED)
    assert local.returncode == 0, local.stderr

    summary = "read 6, new 6, duplicate 0, skipped 0, failed 0"
    assert summary in ray.stderr and summary in local.stderr
    ray_stats, ray_events = stored(ray_db)
    local_stats, local_events = stored(local_db)
    assert ray_stats["articles"] == 6
    assert ray_stats == local_stats
    assert len(ray_events) == local_stats["events"] > 0
    # whole records: type, actors, recipients, dates, places, evidence offsets, article refs
    assert ray_events == local_events
