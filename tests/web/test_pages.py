"""The dashboard's pages over real HTTP: errors as pages, pagination, the JSON twins and the
security policy (what a browser does with them: tests/web/browser)."""

from __future__ import annotations

import re

import httpx
import pytest

from forewarn.web.rendering import article_url, safe_href
from forewarn.web.security import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.xdist_group("web")


@pytest.mark.parametrize(
    ("path", "field"),
    [("/events?type=NOPE", "type"), ("/incidents?since=soon", "since"), ("/?by=hour", "by")],
)
def test_a_bad_filter_is_a_422_page_naming_the_field(served, path, field):
    response = httpx.get(served + path)
    assert response.status_code == 422
    assert f'name="{field}"' in response.text and 'aria-invalid="true"' in response.text
    assert "Traceback" not in response.text


def test_a_json_twin_answers_a_bad_filter_in_json(served):
    response = httpx.get(served + "/timeline.json?country=Ukraine")
    assert response.status_code == 422
    assert response.json()["field"] == "country"


@pytest.mark.parametrize(
    "path", ["/incidents/i999999", "/articles/no-such-article", "/claims/nope%23c1"]
)
def test_an_unknown_record_is_a_404_page(served, path):
    response = httpx.get(served + path)
    assert response.status_code == 404
    assert "Not found" in response.text and "/incidents" in response.text


def test_a_list_pages_on_with_its_next_link(served):
    first = httpx.get(served + "/incidents?limit=4&country=ARM")
    ids = re.findall(r'<td><a href="/incidents/(i\d+)">', first.text)
    assert len(ids) == 4
    next_link = re.search(r'<a rel="next" href="([^"]+)"', first.text)
    assert next_link is not None
    second = httpx.get(served + next_link.group(1).replace("&amp;", "&"))
    more = re.findall(r'<td><a href="/incidents/(i\d+)">', second.text)
    assert more and not set(more) & set(ids)
    assert "country=ARM" in next_link.group(1)


def test_pages_carry_the_security_policy(served):
    for path in ("/", "/incidents", "/articles/cw-0818-kapan", "/incidents/i999999"):
        response = httpx.get(served + path)
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "<script>" not in httpx.get(served + "/timeline").text.replace(
        '<script src="/static/', ""
    )


def test_the_timeline_twin_tells_what_its_table_shows(served):
    data = httpx.get(served + "/timeline.json?country=ARM").json()
    table = httpx.get(served + "/timeline?country=ARM").text
    alerting = [period for period in data["periods"] if period["alerts"]]
    assert [period["period"] for period in alerting] == ["2025-W34"]
    assert table.count('class="alerting"') == 1
    assert alerting[0]["incidents_url"].startswith("/incidents?country=ARM&")


def test_record_links_quote_the_article_id_and_drop_unsafe_urls():
    assert article_url("feed/a b#1", "e2") == "/articles/feed%2Fa%20b%231#e2"
    assert safe_href("https://example.org/a") == "https://example.org/a"
    assert safe_href(" JavaScript:alert(1)") is None
    assert safe_href("data:text/html,x") is None
