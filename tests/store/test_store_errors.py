"""Failures a user meets: a server that is down, a wrong database name, a SQLite file another
process is writing. Each is one line naming the database (never its password) with a hint,
and none leaves anything half-written."""

from __future__ import annotations

import os
import sqlite3
import time

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from store_support import FIXTURES, MAX_INPUT_BYTES, PUBLISHED, expected_counts, row_counts

from forewarn.errors import StoreError
from forewarn.pipeline import ingest
from forewarn.store import open_store
from forewarn.store.schema import articles
from forewarn.store.writer import write_documents

UNREACHABLE = "postgresql+psycopg://forewarn@127.0.0.1:1/forewarn"


def test_unreachable_server_is_one_line_with_url_and_hint():
    started = time.monotonic()
    with pytest.raises(StoreError) as raised:
        open_store(UNREACHABLE)
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith(f"{UNREACHABLE}:")
    assert "is the server running and the URL right?" in message
    assert time.monotonic() - started < 30


def test_password_is_hidden():
    with pytest.raises(StoreError) as raised:
        open_store("postgresql+psycopg://forewarn:Sup3rSecret@127.0.0.1:1/forewarn")
    message = str(raised.value)
    assert "Sup3rSecret" not in message
    assert "postgresql+psycopg://forewarn:***@127.0.0.1:1/forewarn" in message


def test_missing_postgres_database_says_to_create_it():
    server = os.environ.get("FOREWARN_TEST_POSTGRES_URL")
    if not server:
        pytest.skip("FOREWARN_TEST_POSTGRES_URL not set: start one with `source .ci/postgres.sh`")
    url = make_url(server).set(database="forewarn_no_such_database")
    with pytest.raises(StoreError) as raised:
        open_store(url.render_as_string(hide_password=False))
    message = str(raised.value)
    assert "forewarn_no_such_database" in message
    assert "create the database first" in message


@pytest.fixture
def sqlite_path(tmp_path):
    """A migrated, empty SQLite store."""
    path = tmp_path / "store.db"
    open_store(str(path)).close()
    return path


@pytest.fixture
def writer_lock(sqlite_path):
    """Another program holding the store's write lock (BEGIN IMMEDIATE) until released."""
    other = sqlite3.connect(sqlite_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute(
        "INSERT INTO articles (article_key, text_hash, language, text, extractor_version,"
        " ingested_at) VALUES ('other', 'other-hash', 'en', 'uncommitted', 'x', 'now')"
    )

    def release() -> None:
        if other.in_transaction:
            other.rollback()

    yield release
    release()
    other.close()


def test_locked_sqlite_write_fails_fast_then_succeeds(
    sqlite_path, writer_lock, cached_engine, fixture_documents
):
    store = open_store(str(sqlite_path), busy_timeout_ms=200)
    try:
        started = time.monotonic()
        with pytest.raises(StoreError) as raised, store.transaction() as connection:
            write_documents(connection, [(fixture_documents[0], "first")], "v1")
        assert time.monotonic() - started < 5
        message = str(raised.value)
        assert "locked" in message
        assert "another process holds the write lock" in message
        assert str(sqlite_path) in message
        assert "\n" not in message

        # The whole ingest fails the same way and stores nothing.
        with pytest.raises(StoreError, match="locked"):
            ingest(
                [FIXTURES],
                store,
                cached_engine,
                published=PUBLISHED,
                max_input_bytes=MAX_INPUT_BYTES,
            )
        assert row_counts(store)["articles"] == 0

        writer_lock()
        summary = ingest(
            [FIXTURES], store, cached_engine, published=PUBLISHED, max_input_bytes=MAX_INPUT_BYTES
        )
        assert (summary.new, summary.duplicate, summary.failed) == (len(fixture_documents), 0, 0)
        counts = row_counts(store)
        assert {name: counts[name] for name in expected_counts(fixture_documents)} == (
            expected_counts(fixture_documents)
        )
    finally:
        store.close()


def test_reading_while_another_process_writes(sqlite_path, fixture_documents):
    with open_store(str(sqlite_path)) as store, store.transaction() as connection:
        write_documents(connection, [(fixture_documents[0], "first")], "v1")
    other = sqlite3.connect(sqlite_path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("DELETE FROM articles")
        with (
            open_store(str(sqlite_path), create=False, busy_timeout_ms=200) as store,
            store.connect() as connection,
        ):
            started = time.monotonic()
            keys = connection.execute(select(articles.c.article_key)).scalars().all()
            assert time.monotonic() - started < 1
        # The reader sees the last committed state, not the uncommitted delete.
        assert keys == [fixture_documents[0].article.id]
    finally:
        other.rollback()
        other.close()
    with open_store(str(sqlite_path)) as store, store.connect() as connection:
        assert connection.execute(select(func.count()).select_from(articles)).scalar_one() == 1
