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


def test_page_without_text_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"^page.html: no article text left"):
        prepare_article(_html_raw("<html><body><nav>Menu</nav></body></html>"))


def test_extraction_is_deterministic() -> None:
    html = PAGE.read_text(encoding="utf-8")
    assert prepare_article(_html_raw(html)) == prepare_article(_html_raw(html))
