"""`forewarn ingest --engine ray`: a local Ray with 2 workers stores what the local engine does."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "store"
FOREWARN = shutil.which("forewarn", path=str(Path(sys.executable).parent)) or "forewarn"
PUBLISHED = "2025-03-10"

pytest.importorskip("ray", reason="--engine ray needs the ray extra")


def run(*args: str | Path, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "FOREWARN_DB"}
    result = subprocess.run(
        [FOREWARN, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=timeout,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def stored(db: Path) -> tuple[dict, list[dict]]:
    numbers = run("stats", "--db", db, "--format", "json")
    assert numbers.returncode == 0, numbers.stderr
    events = run("events", "--db", db, "--format", "json", "--limit", "0")
    assert events.returncode == 0, events.stderr
    return json.loads(numbers.stdout), sorted(json.loads(events.stdout), key=lambda e: e["id"])


def test_ray_engine_stores_what_the_local_engine_stores(tmp_path):
    local_db, ray_db = tmp_path / "local.db", tmp_path / "ray.db"
    ray = run(
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
