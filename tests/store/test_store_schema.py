"""Opening a store: the migration builds exactly the schema the code declares, on both
databases; reopening changes nothing; the query commands never create an empty store."""

from __future__ import annotations

import sqlite3

import alembic.command
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import select, text
from store_support import PUBLISHED, plain_document, row_counts

from forewarn.errors import StoreError
from forewarn.store import database as store_database
from forewarn.store import open_store, resolve_url
from forewarn.store.schema import SCHEMA_REVISION, articles, metadata
from forewarn.store.writer import write_documents


def head_revision() -> str:
    config = store_database._alembic_config(None)
    return ScriptDirectory.from_config(config).get_current_head()


def test_the_schema_revision_is_the_newest_migration():
    assert head_revision() == SCHEMA_REVISION


def test_migration_builds_the_declared_schema(store):
    with store.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
        revision = MigrationContext.configure(connection).get_current_revision()
    assert differences == []
    assert revision == head_revision()


def test_opening_again_migrates_nothing_and_keeps_the_rows(store_url, monkeypatch):
    with open_store(store_url) as store, store.transaction() as connection:
        write_documents(connection, [(plain_document("a", "Troops moved north."), "a")], "v1")

    def no_upgrade(*args, **kwargs):
        raise AssertionError("the store was migrated again")

    monkeypatch.setattr(alembic.command, "upgrade", no_upgrade)
    with open_store(store_url) as store:
        assert row_counts(store)["articles"] == 1
        with store.connect() as connection:
            versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
            stored = connection.execute(select(articles.c.article_key, articles.c.published))
            assert stored.all() == [("a", PUBLISHED)]
    assert versions == [(head_revision(),)]
    # Read-only opening of an existing store works too.
    with open_store(store_url, create=False) as store:
        assert row_counts(store)["articles"] == 1


def test_query_commands_refuse_an_empty_database(store_url):
    with pytest.raises(StoreError, match="run `forewarn ingest` first"):
        open_store(store_url, create=False)


def test_query_commands_refuse_a_missing_sqlite_file(tmp_path):
    path = tmp_path / "missing.db"
    with pytest.raises(StoreError) as raised:
        open_store(str(path), create=False)
    message = str(raised.value)
    assert "run `forewarn ingest` first" in message
    assert str(path) in message
    assert "\n" not in message
    assert not path.exists()


def test_sqlite_store_is_in_wal_mode(tmp_path):
    path = tmp_path / "store.db"
    with open_store(str(path)) as store, store.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    # WAL is a property of the file: another program opening it sees it too.
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        raw.close()


def test_sqlite_busy_timeout_is_what_was_asked(tmp_path):
    with (
        open_store(str(tmp_path / "store.db"), busy_timeout_ms=250) as store,
        store.connect() as connection,
    ):
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 250


def test_sqlite_store_in_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="is not a folder"):
        open_store(str(tmp_path / "nowhere" / "store.db"))


def test_an_unknown_database_kind_is_a_clear_error():
    with pytest.raises(StoreError, match="unsupported database"):
        open_store("nosuchdatabase://user@host/db")


def test_resolve_url_names_a_file_or_passes_a_url_and_ignores_the_environment(
    monkeypatch, tmp_path
):
    monkeypatch.setenv("FOREWARN_DB", str(tmp_path / "env.db"))  # the CLI's business only
    assert resolve_url() == "sqlite:///forewarn.db"
    assert resolve_url(str(tmp_path / "flag.db")) == f"sqlite:///{tmp_path / 'flag.db'}"
    url = "postgresql+psycopg://forewarn@db.example.org/forewarn"
    assert resolve_url(url) == url
