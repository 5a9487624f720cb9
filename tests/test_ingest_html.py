"""HTML pages: body, title and date via trafilatura + metadata cascades."""

from __future__ import annotations

from pathlib import Path

import pytest

from forewarn.errors import InputError
from forewarn.ingest import RawInput, extract_html, iter_inputs, prepare_article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
PAGE = FIXTURES / "port_talks_article.html"


def _html_raw(html: str, **fields: str | None) -> RawInput:
    values: dict[str, str | None] = {
        "id": None,
        "text": None,
        "published": None,
        "title": None,
        "url": None,
        "source": None,
    }
    values.update(fields)
    return RawInput(origin="page.html", html=html, **values)  # type: ignore[arg-type]


def test_article_page_gives_body_title_date_and_source() -> None:
    (raw,) = list(iter_inputs([PAGE]))
    assert isinstance(raw, RawInput)
    article = prepare_article(raw)
    assert article.title == "Black Sea Port Talks Resume After Two-Month Pause"
    assert article.published == "2025-04-02"  # the date as written, not converted to UTC
    assert article.source == "The Harbour Times"
    assert article.text.startswith("Negotiators from Ukraine and Turkey met in Istanbul")
    assert article.text.endswith("inspections of ships in Turkish waters.")
    for furniture in (
        "Skip to main content",
        "Log in",
        "By Elena Marsh",
        "Photo:",
        "newsletter",
        "Copyright",
        article.title,
    ):
        assert furniture not in article.text


def test_source_from_url_host_when_given() -> None:
    html = PAGE.read_text(encoding="utf-8")
    article = prepare_article(_html_raw(html, url="https://www.harbourtimes.example/world/1"))
    assert article.source == "harbourtimes.example"
    assert article.url == "https://www.harbourtimes.example/world/1"


def test_published_argument_and_raw_published_win_over_the_page() -> None:
    html = PAGE.read_text(encoding="utf-8")
    assert prepare_article(_html_raw(html, published="2025-04-03")).published == "2025-04-03"
    assert prepare_article(_html_raw(html), published="2025-04-05").published == "2025-04-05"


def test_site_suffix_is_stripped_from_the_title_tag() -> None:
    html = (
        "<html><head><title>Ceasefire Holds in Northern Town - World | The Ledger</title>"
        '<meta property="og:site_name" content="The Ledger"></head><body><article>'
        "<p>The ceasefire agreed on Sunday held through Monday night, local officials said, "
        "as aid convoys reached the northern town for the first time in weeks.</p>"
        "<p>Residents said shops reopened and the market was busy again by the afternoon.</p>"
        "</article></body></html>"
    )
    page = extract_html(html)
    assert page.title == "Ceasefire Holds in Northern Town"


def _headline_page(article_type: str) -> str:
    standing = "Port strike LIVE: Dockers walk out across the north as talks collapse"
    return (
        f"<html><head><title>{standing}</title>"
        '<meta property="og:title" content="Dockers vote to extend walkout into a second week">'
        '<script type="application/ld+json">'
        f'{{"@type": "{article_type}", "headline": "{standing}"}}</script></head>'
        f"<body><article><h1>{standing}</h1>"
        "<p>Dock workers at four northern ports voted on Tuesday to extend their strike, "
        "union officials said, after talks with the port operators broke down overnight.</p>"
        "<p>Shipping companies said container traffic had been diverted to southern ports.</p>"
        "</article></body></html>"
    )


def test_a_live_blog_takes_its_share_headline() -> None:
    # the <h1>, JSON-LD and <title> are the blog's standing title; og:title is the story
    title = extract_html(_headline_page("LiveBlogPosting")).title
    assert title == "Dockers vote to extend walkout into a second week"


def test_an_article_takes_the_headline_most_places_state() -> None:
    title = extract_html(_headline_page("NewsArticle")).title
    assert title == "Port strike LIVE: Dockers walk out across the north as talks collapse"


def test_page_without_text_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"^page.html: no article text left"):
        prepare_article(_html_raw("<html><body><nav>Menu</nav></body></html>"))


def test_extraction_is_deterministic() -> None:
    html = PAGE.read_text(encoding="utf-8")
    assert prepare_article(_html_raw(html)) == prepare_article(_html_raw(html))
