"""`forewarn ingest` killed with SIGKILL, and read while it writes: real processes, real SQLite.

The ingest that is killed, the ingest that is read and its readers are processes of the
installed entry point; the commands that only check the outcome run in this process.
The corpus is the store fixtures again and again with another dateline date in each copy, so
every article is distinct text (no duplicates) and extracts like the original.
"""

from __future__ import annotations

import json
import re
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from cli_support import ENTRY_POINT, ROOT, entry_point_env, run

FIXTURES = ROOT / "tests" / "fixtures" / "store"
DATELINE_DATE = re.compile(
    r"(January|February|March|April|May|June|July|August|September|October|November|December)"
    r" \d{1,2}, \d{4}"
)
# A publication date dates the events the text leaves undated, so that they form incidents.
DATED = ("--published", "2025-03-10")
CITIES = ["Tallinn", "Riga", "Vilnius", "Warsaw", "Prague", "Vienna", "Sofia", "Zagreb"]


def start(*args: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*ENTRY_POINT, *map(str, args)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=entry_point_env(),
    )


def stats(db: Path) -> dict:
    result = run("stats", "--db", db, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def make_corpus(folder: Path, copies: int) -> list[str]:
    """``copies`` variants of each fixture (another dateline date, a closing line naming a
    city), written to ``folder``; returns the texts, all distinct."""
    folder.mkdir()
    texts = []
    for fixture in sorted(FIXTURES.glob("*.txt")):
        original = fixture.read_text(encoding="utf-8")
        for copy in range(copies):
            day, year = copy % 28 + 1, 2015 + copy // 28
            text = DATELINE_DATE.sub(lambda m, d=day, y=year: f"{m[1]} {d}, {y}", original, 1)
            text += f"\n\nCorrespondents in {CITIES[copy % len(CITIES)]} contributed reporting."
            (folder / f"{fixture.stem}_{copy:03d}.txt").write_text(text, encoding="utf-8")
            texts.append(text)
    assert len(set(texts)) == len(texts)
    return texts


def stored_articles(db: Path) -> int | None:
    """Articles committed to ``db`` as a read-only reader sees them (None: no store yet)."""
    if not db.exists():
        return None
    try:
        connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.OperationalError:
        return None  # created, not yet migrated


def records_by_article(db: Path) -> dict[str, tuple[int, int]]:
    """Text hash → (events, claims) of every stored article."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = connection.execute(
            "SELECT a.text_hash,"
            " (SELECT count(*) FROM events e WHERE e.article_id = a.id),"
            " (SELECT count(*) FROM claims c WHERE c.article_id = a.id)"
            " FROM articles a"
        ).fetchall()
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        connection.close()
    return {text_hash: (events, claims) for text_hash, events, claims in rows}


def incidents_by_text(db: Path) -> list[tuple]:
    """Every incident as its type, dates, verification and its mentions' (article text hash,
    event key suffix): what a rerun must rebuild exactly, whatever the store ids."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = connection.execute(
            "SELECT i.id, i.event_type, i.date_start, i.date_end, i.verification,"
            " a.text_hash, substr(e.event_key, instr(e.event_key, '#'))"
            " FROM incidents i JOIN incident_events m ON m.incident_id = i.id"
            " JOIN events e ON e.id = m.event_id JOIN articles a ON a.id = e.article_id"
        ).fetchall()
    finally:
        connection.close()
    grouped: dict[int, list] = {}
    for incident_id, *head, text_hash, key in rows:
        grouped.setdefault(incident_id, [tuple(head), []])[1].append((text_hash, key))
    return sorted((head, sorted(mentions)) for head, mentions in grouped.values())


def wait_until(condition, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert process.poll() is None, f"ingest ended first: {process.stderr.read()}"
        assert time.monotonic() < deadline, "ingest made no progress"
        time.sleep(0.005)


@pytest.mark.slow
def test_killed_ingest_run_again_equals_an_uninterrupted_one(tmp_path):
    total = len(make_corpus(tmp_path / "corpus", copies=15))  # 90 articles, 3 batches
    killed, whole = tmp_path / "killed.db", tmp_path / "whole.db"

    process = start("ingest", tmp_path / "corpus", "--db", killed, *DATED)
    try:
        wait_until(lambda: 0 < (stored_articles(killed) or 0) < total, process, timeout=60)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    partial = records_by_article(killed)
    assert 0 < len(partial) < total, "killed too late to prove anything"

    rerun = run("ingest", tmp_path / "corpus", "--db", killed, *DATED)
    assert rerun.returncode == 0, rerun.stderr
    done_before = len(partial)
    assert (
        f"read {total}, new {total - done_before}, duplicate {done_before}, "
        "skipped 0, failed 0" in rerun.stderr
    )

    uninterrupted = run("ingest", tmp_path / "corpus", "--db", whole, *DATED)
    assert uninterrupted.returncode == 0, uninterrupted.stderr
    assert f"read {total}, new {total}, duplicate 0" in uninterrupted.stderr

    expected = stats(whole)
    assert expected["articles"] == total
    assert stats(killed) == expected
    # the kill left whole articles only: each with every event and claim it should have
    reference = records_by_article(whole)
    for text_hash, counts in partial.items():
        assert counts == reference[text_hash]
    assert records_by_article(killed) == reference
    # and the incidents the articles changed, committed with them, came out the same
    incidents = incidents_by_text(whole)
    assert incidents and incidents_by_text(killed) == incidents


@pytest.mark.slow
def test_queries_succeed_while_an_ingest_writes(tmp_path):
    total = len(make_corpus(tmp_path / "corpus", copies=32))  # 192 articles, 6 batches
    db = tmp_path / "store.db"
    ingest = start("ingest", tmp_path / "corpus", "--db", db)
    stats_seen: list[dict] = []
    events_seen: list[list] = []
    try:
        wait_until(lambda: (stored_articles(db) or 0) > 0, ingest, timeout=60)
        while ingest.poll() is None:
            readers = [
                subprocess.Popen(
                    [*ENTRY_POINT, command, "--db", str(db), "--format", "json"],
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                    cwd=ROOT,
                    env=entry_point_env(),
                )
                for command in ("stats", "events")
            ]
            (stats_out, stats_err), (events_out, events_err) = (
                reader.communicate(timeout=60) for reader in readers
            )
            for reader, err in zip(readers, (stats_err, events_err), strict=True):
                assert reader.returncode == 0, err
                assert "Traceback" not in err, err
            stats_seen.append(json.loads(stats_out))
            events_seen.append(json.loads(events_out))
    finally:
        if ingest.poll() is None:
            ingest.kill()
        ingest.wait(timeout=60)
        ingest.stderr.close()
    assert ingest.returncode == 0
    # at least one reading was taken between the first commit and the last
    assert any(0 < numbers["articles"] < total for numbers in stats_seen), stats_seen
    for numbers, rows in zip(stats_seen, events_seen, strict=True):
        assert numbers["events"] > 0
        assert rows and all(row["article"]["id"] and row["event_type"] for row in rows)
    assert stats(db)["articles"] == total
