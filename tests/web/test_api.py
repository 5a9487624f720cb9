"""The JSON API over real HTTP (the session's served app over the fixture store): the CLI's
filters and rows, pages that add up to the whole list, downloads, and one error shape."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pytest

from forewarn.database import Database
from forewarn.listing import record_json
from forewarn.store.query import EventFilter

# One worker builds the web store for every web test (tests/web/conftest.py).
pytestmark = pytest.mark.xdist_group("web")

LISTS = ["events", "claims", "incidents", "alerts", "actors"]


def get(base: str, path: str, **params) -> httpx.Response:
    return httpx.get(f"{base}{path}", params=params, timeout=30)


def walk(base: str, path: str, **params) -> list[dict]:
    """Every item of a list, page after page, following ``next``."""
    response = get(base, path, **params)
    items: list[dict] = []
    while True:
        assert response.status_code == 200, response.text
        page = response.json()
        items += page["items"]
        if page["next"] is None:
            return items
        response = httpx.get(f"{base}{page['next']}", timeout=30)


def test_events_are_the_cli_rows_filtered_as_the_cli_filters(served, web_store):
    response = get(served, "/api/events", type="ASSAULT", limit=500)
    with Database(web_store) as database:
        expected = database.events(EventFilter(event_types=("ASSAULT",)), limit=None)
    assert response.json() == {"items": [record_json(*pair) for pair in expected], "next": None}
    assert expected


@pytest.mark.parametrize("name", LISTS)
def test_walking_every_page_gives_the_whole_list(served, name):
    whole = get(served, f"/api/{name}", limit=500).json()
    assert whole["next"] is None and len(whole["items"]) > 3
    assert walk(served, f"/api/{name}", limit=2) == whole["items"]


def test_repeated_filters_and_text_combine(served):
    both = walk(served, "/api/events", type=["ASSAULT", "ACCUSE"], limit=50)
    assert {event["event_type"] for event in both} == {"ASSAULT", "ACCUSE"}
    shelled = walk(served, "/api/events", text="shell")
    assert shelled and all("shell" in e["evidence"]["text"].lower() for e in shelled)


def test_page_size_is_capped(served):
    for limit, status in ((500, 200), (501, 422), (0, 422)):
        response = get(served, "/api/events", limit=limit)
        assert response.status_code == status
    assert response.json()["detail"].startswith("limit:")


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"type": "BOMBING"}, "type"),
        ({"verification": "maybe"}, "verification"),
        ({"since": "2025-13"}, "since"),
        ({"country": "Ukraine"}, "country"),
        ({"after": "not-a-cursor"}, "after"),
        ({"format": "xml"}, "format"),
    ],
)
@pytest.mark.parametrize("path", ["/api/events", "/api/alerts"])
def test_a_bad_parameter_is_a_422_naming_it(served, path, params, parameter):
    response = get(served, path, **params)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert isinstance(detail, str) and "\n" not in detail
    assert detail.startswith(f"{parameter}:"), detail


@pytest.mark.parametrize(
    "path", ["/api/incidents/i999999", "/api/articles/no-such-article", "/api/claims/x%23c9/thread"]
)
def test_an_unknown_id_is_a_404(served, path):
    response = get(served, path)
    assert response.status_code == 404
    assert "no such" in response.json()["detail"] or "no stored" in response.json()["detail"]


def test_csv_and_jsonl_downloads_hold_every_item(served):
    listed = walk(served, "/api/events", limit=500)
    as_csv = get(served, "/api/events", format="csv", limit=1)
    assert as_csv.headers["content-disposition"] == 'attachment; filename="events.csv"'
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert [row["event_id"] for row in rows] == [event["id"] for event in listed]
    as_jsonl = get(served, "/api/claims", format="jsonl", verification="reported")
    assert as_jsonl.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in as_jsonl.text.splitlines()]
    assert lines == walk(served, "/api/claims", verification="reported")
    assert get(served, "/api/alerts", format="csv").status_code == 422


def test_an_article_comes_whole_with_every_evidence_span(served):
    [event] = get(served, "/api/events", limit=1).json()["items"]
    article = get(served, f"/api/articles/{event['article']['id']}").json()
    text = article["article"]["text"]
    assert article["events"] and event["id"] in {e["id"] for e in article["events"]}
    for record in article["events"]:
        for span in (record["trigger"], record["evidence"]):
            assert text[span["start"] : span["end"]] == span["text"]
    for claim in article["claims"]:
        assert text[claim["content"]["start"] : claim["content"]["end"]] == claim["content"]["text"]


def test_incident_thread_stats_indicators_alerts_actors(served):
    [first] = get(served, "/api/incidents", limit=1).json()["items"]
    assert get(served, f"/api/incidents/{first['id']}").json() == first
    [claim] = get(served, "/api/claims", limit=1).json()["items"]
    thread = get(served, f"/api/claims/{claim['id'].replace('#', '%23')}/thread").json()
    assert thread["items"][0]["id"] == claim["id"] or claim["id"] in {
        c["id"] for c in thread["items"]
    }
    stats = get(served, "/api/stats", type="ASSAULT").json()
    assert stats["matching_events"] == len(walk(served, "/api/events", type="ASSAULT"))
    months = get(served, "/api/indicators", by="month").json()["items"]
    assert sum(row["incidents"] for row in months) == len(walk(served, "/api/incidents"))
    assert get(served, "/api/alerts", by="fortnight").status_code == 422
    actors = get(served, "/api/actors", limit=3).json()["items"]
    busy = [a["as_actor"] + a["as_recipient"] + a["claims"] for a in actors]
    assert len(actors) == 3 and busy == sorted(busy, reverse=True) and busy[-1] > 0


def test_every_response_carries_the_security_headers(served):
    for path in ("/api/stats", "/api/events?type=BOMB", "/api/docs"):
        headers = get(served, path).headers
        policy = headers["content-security-policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"


def test_the_api_docs_work_offline(served):
    page = get(served, "/api/docs").text
    assert "http" not in page.replace('"/', "")  # every asset from this server
    assert "<script>" not in page  # no inline script: the CSP would block it
    for asset in (
        "/api/docs/swagger-ui-bundle.js",
        "/api/docs/swagger-ui.css",
        "/api/docs/init.js",
    ):
        assert get(served, asset).status_code == 200
