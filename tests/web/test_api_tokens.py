"""Writing through the API: bearer tokens (hashed at rest, revocable), POST /api/articles
through the ingest pipeline, its limits, reads closed by require_token, and errors that
never leak a traceback. A store of its own: the session's fixture store stays as built."""

from __future__ import annotations

import hashlib
import sqlite3

import httpx
import pytest
from web_support import serve

from forewarn.database import Database
from forewarn.web import create_app
from forewarn.web.api_ingest import MAX_BODY_BYTES

# One worker builds the web store for every web test (tests/web/conftest.py).
pytestmark = pytest.mark.xdist_group("web")

XSS_TITLE = "<script>alert('title')</script>"
XSS_TEXT = (
    "Russian forces shelled Kharkiv on Monday, the regional governor said. "
    '<img src=x onerror="alert(1)"> Two people were injured.'
)
XSS_URL = "javascript:alert(document.cookie)"


@pytest.fixture(scope="module")
def writable(tmp_path_factory, extractor):
    """A store with one token, served: (base URL, store path, token)."""
    path = tmp_path_factory.mktemp("api-write") / "write.db"
    with Database(path) as database:
        token = database.create_token("crawler")
    yield from ((base, path, token) for base in serve(create_app(str(path))))


def post(base: str, body, token: str | None = None, **kwargs) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.post(f"{base}/api/articles", json=body, headers=headers, timeout=60, **kwargs)


def test_tokens_are_stored_hashed(writable):
    _, path, token = writable
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT * FROM api_tokens").fetchall()
    assert len(rows) == 1
    assert token not in repr(rows)
    assert hashlib.sha256(token.encode()).hexdigest() in rows[0]


def test_posting_needs_a_valid_token(writable):
    base, _, _ = writable
    article = {"id": "no-token", "text": XSS_TEXT}
    for token in (None, "not-a-token"):
        response = post(base, article, token)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
    assert httpx.get(f"{base}/api/articles/no-token").status_code == 404


def test_a_posted_article_is_ingested_and_its_text_comes_back_as_data(writable):
    base, _, token = writable
    article = {"id": "xss-1", "title": XSS_TITLE, "text": XSS_TEXT, "url": XSS_URL}
    article |= {"published": "2025-03-10", "source": "<b>Outlet</b>"}
    response = post(base, [article, {"id": "bad", "text": 42}], token)
    assert response.status_code == 200, response.text
    summary = response.json()
    assert summary["new"] == 1 and summary["failed"] == 1 and summary["stored"] == ["xss-1"]
    assert summary["failures"][0]["reason"].startswith("record 2: field 'text' must be a string")
    assert summary["events"] >= 1
    listed = httpx.get(f"{base}/api/events", params={"text": "shelled"}).json()["items"]
    assert {event["article"]["id"] for event in listed} == {"xss-1"}
    stored = httpx.get(f"{base}/api/articles/xss-1")
    assert stored.headers["content-type"] == "application/json"
    # The markup comes back as the data it is: escaping it is the pages' job.
    as_stored = stored.json()["article"]
    assert {key: as_stored[key] for key in article if key != "text"} == {
        key: value for key, value in article.items() if key != "text"
    }
    assert '<img src=x onerror="alert(1)">' in as_stored["text"]
    again = post(base, article, token).json()
    assert (again["new"], again["duplicate"], again["stored"]) == (0, 1, [])


def test_the_body_is_limited(writable):
    base, _, token = writable
    huge = {"id": "huge", "text": "word " * (MAX_BODY_BYTES // 5 + 10)}
    response = post(base, huge, token)
    assert response.status_code == 413
    assert "larger than" in response.json()["detail"]
    not_json = httpx.post(
        f"{base}/api/articles",
        content=b"{not json",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    assert not_json.status_code == 422 and not_json.json()["detail"].startswith("body:")


def test_a_revoked_token_is_refused(writable):
    base, path, _ = writable
    with Database(path) as database:
        token = database.create_token("temporary")
        assert post(base, {"id": "t", "text": XSS_TEXT}, token).status_code == 200
        database.revoke_token("temporary")
        assert [row["name"] for row in database.tokens()] == ["crawler"]
    assert post(base, {"id": "t2", "text": XSS_TEXT}, token).status_code == 401


def test_require_token_closes_the_reads(web_store):
    with Database(web_store) as database:
        token = database.create_token("reader")
    try:
        for base in serve(create_app(str(web_store), require_token=True)):
            assert httpx.get(f"{base}/api/stats").status_code == 401
            assert httpx.get(f"{base}/api/events", params={"token": token}).status_code == 401
            headers = {"Authorization": f"Bearer {token}"}
            assert httpx.get(f"{base}/api/stats", headers=headers).status_code == 200
    finally:
        with Database(web_store) as database:
            database.revoke_token("reader")


def test_a_broken_store_or_app_is_one_line_never_a_traceback(tmp_path):
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not a SQLite database" * 100)
    app = create_app(str(broken))
    for base in serve(app):
        response = httpx.get(f"{base}/api/stats")
        assert response.status_code == 503
        assert "not a database" in response.json()["detail"]
        app.state.database = None  # a route that fails in an unexpected way
        response = httpx.get(f"{base}/api/events")
        assert response.status_code == 500
        assert response.json() == {
            "detail": "internal error (a bug: the server's log has the details; please report it)"
        }
        assert "Traceback" not in response.text
