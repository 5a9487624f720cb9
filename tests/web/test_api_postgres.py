"""The API over PostgreSQL answers what it answers over SQLite: the same fixture articles
ingested into a fresh PostgreSQL database (``source .ci/postgres.sh`` starts a server; CI
does), served beside the SQLite store, asked the same questions over HTTP."""

from __future__ import annotations

import httpx
import pytest
from store_support import fresh_postgres_database
from web_support import fill_web_store, serve

from forewarn.web import create_app

pytestmark = pytest.mark.xdist_group("web")

QUESTIONS = [
    "/api/events?limit=500",
    "/api/events?type=ASSAULT&country=ARM&limit=3",
    "/api/events?actor=AZE&since=2025-08&limit=500",
    "/api/claims?limit=500",
    "/api/claims?verification=disputed&limit=500",
    "/api/incidents?limit=500",
    "/api/incidents?type=ASSAULT&until=2025-08-20&limit=4",
    "/api/alerts",
    "/api/actors?limit=20",
    "/api/stats",
    "/api/indicators?country=ARM&by=week",
]


@pytest.fixture(scope="module")
def served_postgres(extractor):
    with fresh_postgres_database() as url:
        fill_web_store(url)
        yield from serve(create_app(url))


@pytest.mark.parametrize("question", QUESTIONS)
def test_postgres_answers_as_sqlite(served, served_postgres, question):
    on_sqlite = httpx.get(f"{served}{question}", timeout=30)
    on_postgres = httpx.get(f"{served_postgres}{question}", timeout=30)
    assert on_sqlite.status_code == on_postgres.status_code == 200, on_postgres.text
    body = on_sqlite.json()
    assert body == on_postgres.json()
    assert body.get("items", body)  # a question with an answer, not two empty lists


def test_pages_walked_on_postgres_add_up_to_the_list(served_postgres):
    whole = httpx.get(f"{served_postgres}/api/events?limit=500", timeout=30).json()["items"]
    walked, url = [], f"{served_postgres}/api/events?limit=4"
    while url:
        page = httpx.get(url, timeout=30).json()
        walked += page["items"]
        url = f"{served_postgres}{page['next']}" if page["next"] else None
    assert walked == whole and len(whole) > 4
