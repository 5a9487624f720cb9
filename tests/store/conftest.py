"""Store test fixtures: a fresh database per test on SQLite and on PostgreSQL, and the
fixture articles run once through the real extractor.

``store_url`` is parametrized over both dialects. The PostgreSQL case needs a server named by
``FOREWARN_TEST_POSTGRES_URL`` (``source .ci/postgres.sh`` starts a throwaway one); each test
gets its own database there, dropped afterwards, so tests never see each other's rows.
Other tests import :func:`store_support.empty_store_url` or `fresh_postgres_database`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from store_support import (
    FIXTURES,
    MAX_INPUT_BYTES,
    PUBLISHED,
    CachedEngine,
    empty_store_url,
)

from forewarn.pipeline import PreparedInput, prepare_inputs
from forewarn.records import Document
from forewarn.store import Store, open_store


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> Iterator[str]:
    """A URL for an empty database: a SQLite file in tmp_path, or a fresh PostgreSQL database."""
    with empty_store_url(request.param, tmp_path) as url:
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
