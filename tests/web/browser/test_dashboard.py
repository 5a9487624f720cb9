"""The dashboard in a real Chromium over the served fixture store: an alert followed to its
incident and to the article with the evidence highlighted, the timeline and the map drawn and
clickable, reading with JavaScript off, and the XSS payloads of tests/fixtures/web shown as
text."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from forewarn.database import Database

# With the API's tests on one worker: the session's store is built once.
pytestmark = pytest.mark.xdist_group("web")

# The alerting week of tests/fixtures/web/border_shelling.jsonl and its incidents there.
SURGE_WEEK = ("2025-08-18", "2025-08-24")
SURGE_INCIDENTS = 7


def test_an_alert_leads_to_its_incident_and_the_highlighted_evidence(
    page: Page, served, web_store, screenshot
):
    page.goto(served + "/")
    alert = page.locator("article.alert").first
    expect(alert.locator(".reason")).to_contain_text("ARM")
    assert screenshot(page, "dashboard.png").stat().st_size > 10_000

    alert.locator("ul.incidents a").first.click()
    expect(page).to_have_url(re.compile(r"/incidents/i\d+$"))
    page.locator("tr.report a.evidence").first.click()

    path, anchor = urlsplit(page.url).path, urlsplit(page.url).fragment
    article_id = unquote(path.removeprefix("/articles/"))
    document = Database(web_store).article(article_id)
    event = next(e for e in document.events if e.id == f"{article_id}#{anchor}")
    text = document.article.text
    highlight = page.locator(f'mark.evidence[id="{anchor}"]')
    expect(highlight).to_have_text(text[event.evidence.start : event.evidence.end])
    trigger = highlight.locator(f'mark.trigger[data-record="{anchor}"]')
    expect(trigger).to_have_text(text[event.trigger.start : event.trigger.end])
    # The highlight links to its record below the text, and the record back to it.
    page.locator(f'sup.refs a[href="#record-{anchor}"]').first.click()
    expect(page.locator(f"#record-{anchor}")).to_contain_text(event.event_type)


def test_the_timeline_draws_and_a_bar_lists_its_incidents(page: Page, served, screenshot):
    page.goto(served + "/timeline?country=ARM")
    chart = page.locator("#timeline-chart canvas")
    expect(chart).to_be_visible()
    periods = page.locator("table.timeline tbody tr")
    expect(periods.last).to_have_class("alerting")
    screenshot(page, "timeline.png")

    # The last period (the surge) is the rightmost bar: x from -0.5 to n - 0.5.
    over = page.locator("#timeline-chart .u-over").bounding_box()
    assert over is not None
    bars = periods.count()
    page.mouse.click(
        over["x"] + over["width"] * (bars - 0.5) / bars, over["y"] + over["height"] * 0.9
    )
    expect(page).to_have_url(re.compile(r"/incidents\?"))
    query = urlsplit(page.url).query
    assert f"since={SURGE_WEEK[0]}" in query and f"until={SURGE_WEEK[1]}" in query
    expect(page.locator("table.incidents tbody tr")).to_have_count(SURGE_INCIDENTS)


def test_the_map_draws_incidents_and_a_circle_opens_one(page: Page, served, screenshot):
    page.goto(served + "/map?country=ARM")
    expect(page.locator("#map path.leaflet-interactive.incident").first).to_be_visible()
    listed = page.locator("table.places tbody tr").count()
    expect(page.locator("#map path.incident")).to_have_count(listed)
    assert page.locator("#map svg path").count() > listed  # the country outlines
    screenshot(page, "map.png")

    page.locator("#map path.incident").last.click()
    expect(page).to_have_url(re.compile(r"/incidents/i\d+$"))
    expect(page.locator("h1")).to_contain_text("ASSAULT")


def test_the_pages_read_without_javascript(browser: Browser, served):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(served + "/")
        expect(page.locator("article.alert").first).to_be_visible()
        page.goto(served + "/incidents")
        page.locator("form.filters input[name=country]").fill("ARM")
        page.locator("form.filters input[name=since]").fill(SURGE_WEEK[0])
        page.locator("form.filters button[type=submit]").click()
        expect(page).to_have_url(re.compile(r"country=ARM"))
        expect(page.locator("table.incidents tbody tr")).to_have_count(SURGE_INCIDENTS)
        page.locator("table.incidents tbody a").first.click()
        expect(page.locator("table.reports tbody tr").first).to_be_visible()
        page.goto(served + "/timeline?country=ARM")
        expect(page.locator("table.timeline tr.alerting")).to_have_count(1)
        expect(page.locator("figure.chart")).to_be_hidden()
        page.goto(served + "/map?country=ARM")
        expect(page.locator("table.places tbody tr").first).to_be_visible()
    finally:
        context.close()


def test_payloads_in_articles_render_as_text(page: Page, served):
    dialogs: list[str] = []
    refused: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    def watch(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    page.on("console", watch)
    page.goto(served + "/articles/cw-0818-kapan")
    expect(page.locator("h1")).to_have_text("<script>alert(1)</script> Kapan shelled")
    expect(page.locator(".article-text")).to_contain_text('"><img src=x onerror=alert(1)> Brigade')
    assert page.locator("a[href^='javascript']").count() == 0
    expect(page.locator(".byline .url")).to_have_text("javascript:alert(1)")

    for path in ("/incidents?country=ARM", "/events?text=Brigade", "/claims?text=alert"):
        page.goto(served + path)
        expect(page.locator("main")).to_contain_text("alert(1)")
        assert page.locator("main img, main script").count() == 0
    page.goto(served + "/map?country=ARM")
    page.locator("#map path.incident").last.hover()  # the smallest, drawn on top
    expect(page.locator(".leaflet-tooltip")).to_be_visible()
    assert dialogs == [] and refused == []
