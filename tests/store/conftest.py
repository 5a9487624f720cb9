"""Store test fixtures: a fresh database per test on SQLite and on PostgreSQL, and the
fixture articles run once through the real extractor.

``store_url`` is parametrized over both dialects. The PostgreSQL case needs a server named by
``FOREWARN_TEST_POSTGRES_URL`` (``source .ci/postgres.sh`` starts a throwaway one); each test
gets its own database there, dropped afterwards, so tests never see each other's rows.
Other store tests (e.g. the CLI's) can copy :func:`fresh_postgres_database` as it is.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from store_support import FIXTURES, MAX_INPUT_BYTES, PUBLISHED, CachedEngine

from forewarn.pipeline import PreparedInput, prepare_inputs
from forewarn.records import Document
from forewarn.store import Store, open_store

POSTGRES_ENV = "FOREWARN_TEST_POSTGRES_URL"
POSTGRES_SKIP = f"{POSTGRES_ENV} not set: start one with `source .ci/postgres.sh`"


@contextmanager
def fresh_postgres_database(server_url: str | None = None) -> Iterator[str]:
    """A new, empty PostgreSQL database on the test server; its URL, dropped on exit.

    ``server_url`` defaults to ``$FOREWARN_TEST_POSTGRES_URL``; the test skips without it.
    """
    server_url = server_url or os.environ.get(POSTGRES_ENV)
    if not server_url:
        pytest.skip(POSTGRES_SKIP)
    name = f"forewarn_{uuid.uuid4().hex}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
        try:
            yield url
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> Iterator[str]:
    """A URL for an empty database: a SQLite file in tmp_path, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
    else:
        with fresh_postgres_database() as url:
            yield url


@pytest.fixture
def store(store_url) -> Iterator[Store]:
    """The store at ``store_url``, opened (migrated) and closed after the test."""
    opened = open_store(store_url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture(scope="session")
def fixture_inputs() -> list[PreparedInput]:
    """The fixture articles as ``forewarn ingest`` reads them (published 2025-03-10)."""
    inputs = list(prepare_inputs([FIXTURES], PUBLISHED, "auto", MAX_INPUT_BYTES))
    assert all(isinstance(item, PreparedInput) for item in inputs), inputs
    assert len(inputs) == len(list(FIXTURES.glob("*.txt")))
    return inputs


@pytest.fixture(scope="session")
def fixture_documents(extractor, fixture_inputs) -> list[Document]:
    """The real extractor's Documents for the fixture articles, made once per session."""
    return [extractor.extract(item.article) for item in fixture_inputs]


@pytest.fixture
def cached_engine(extractor, fixture_documents) -> CachedEngine:
    """Ingests the fixture articles at the cost of a lookup (the real extractor's output)."""
    return CachedEngine(extractor, fixture_documents)
