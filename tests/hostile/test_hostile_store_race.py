"""Issue 14, item 13: two processes creating one new store at once, one of them failing with
"table ... already exists"."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from store_support import empty_store_url

from forewarn.store import open_store
from forewarn.store.schema import SCHEMA_REVISION

OPENERS = 4
# Creating the schema takes well under a second; openers waiting this long are deadlocked
# (without the migration lock, PostgreSQL's CREATE TABLEs can wait on each other for good).
JOIN_TIMEOUT_S = 60


@pytest.fixture(params=["sqlite", "postgresql"])
def new_store_url(request, tmp_path) -> Iterator[str]:
    with empty_store_url(request.param, tmp_path) as url:
        yield url


def test_stores_opened_at_once_wait_for_the_one_creating_the_schema(new_store_url):
    # Threads stand in for processes: each opens its own engine, as an ingest does, and the
    # barrier makes them all find the store empty at the same moment.
    barrier = threading.Barrier(OPENERS)
    errors: list[Exception] = []

    def open_new_store() -> None:
        barrier.wait()
        try:
            open_store(new_store_url).close()
        except Exception as error:  # every failure is what the test reports
            errors.append(error)

    threads = [threading.Thread(target=open_new_store, daemon=True) for _ in range(OPENERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=JOIN_TIMEOUT_S)

    assert not any(thread.is_alive() for thread in threads), "openers stuck on each other"
    assert errors == []
    with open_store(new_store_url, create=False).connect() as connection:
        revision = connection.exec_driver_sql("SELECT version_num FROM alembic_version")
        assert revision.scalars().all() == [SCHEMA_REVISION]
