"""Page furniture removal and headline detection on plain text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forewarn.ingest import (
    RawInput,
    filter_furniture,
    is_furniture,
    load_boilerplate,
    prepare_article,
)
from forewarn.ingest.article import clean_text, detect_title

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def _raw(text: str, **fields: str | None) -> RawInput:
    values: dict[str, str | None] = {
        "id": None,
        "html": None,
        "published": None,
        "title": None,
        "url": None,
        "source": None,
    }
    values.update(fields)
    return RawInput(origin="test.txt", text=text, **values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "line",
    [
        "Main menu",
        "Menu",
        "Skip to content",
        "Skip to main content",
        "Search",
        "Log in",
        "Subscribe",
        "World | Europe",
        "World > Europe",
        "Politics",
        "News › Ukraine War",
        "Contributor/Getty Images",
        "Photo: Reuters/Staff",
        "(AP Photo/Efrem Lukatsky)",
        "Image caption Smoke rises over the city",
        "Getty Images",
        "Sign up for our newsletter",
        "Share this article",
        "Share on Facebook",
        "Follow us on Telegram",
        "Read more: Kyiv blackout",
        "Advertisement",
        "Related:",
        "Related: Talks stall again",
        "We use cookies to improve your experience. By continuing you agree to our cookie policy.",
        "Copyright © 2025 The Daily Ledger",
        "© 2024 Example Media Ltd. All rights reserved.",
        "By Jane Smith",
        "By Jane Smith and Omar Haddad",
        "Updated 3 hours ago",
        "5 minutes ago",
        "Published: 13 March 2025",
        "March 13, 2025",
    ],
)
def test_furniture_lines_are_recognised(line: str) -> None:
    assert is_furniture(line), line


@pytest.mark.parametrize(
    "line",
    [
        "The photo, taken by a Reuters photographer on Monday, shows troops near the border.",
        "Shares in the state energy company fell 4% after the ministry announced the sanctions.",
        "Follow-up talks between the delegations are planned in Geneva next month, officials said.",
        "By the end of the week, more than 2,000 people had fled the fighting around the town.",
        "The newspaper said it would share the documents with investigators in Kyiv and Warsaw.",
        "Russia, which keeps 1,500 troops in Transnistria, has said it has no plans to expand.",
        "Moldova Says Breakaway Region Is Quietly Calling Up Reservists",
        "Protesters gathered outside parliament",
    ],
)
def test_article_lines_are_kept(line: str) -> None:
    assert not is_furniture(line), line


def test_patterns_load_from_data_files() -> None:
    boilerplate = load_boilerplate()
    assert boilerplate.line_patterns and boilerplate.banner_patterns
    assert "politics" in boilerplate.sections


def test_worked_example_reservists_article() -> None:
    text = (FIXTURES.parent.parent.parent / "examples" / "reservists_article.txt").read_text(
        encoding="utf-8"
    )
    article = prepare_article(_raw(text), published="2025-03-13")
    assert article.title == (
        "Moldova Says Breakaway Region Is Quietly Calling Up Reservists Under Guise of 'Drills'"
    )
    assert article.text.startswith("Moldova's Ministry of Defense said on Wednesday")
    assert article.text.endswith("although there is no sign of that yet.")
    for furniture in (
        "Skip to content",
        "Menu",
        "World | Europe",
        "Photo: Reuters/Staff",
        "Sign up for our newsletter",
        article.title,
    ):
        assert furniture not in article.text
    assert article.published == "2025-03-13"
    assert article.id.startswith("sha1:") and len(article.id) == len("sha1:") + 16
    assert article.language == "en"
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 7 and all(p.strip() == p and p for p in paragraphs)


def test_known_title_repeated_as_first_line_is_removed() -> None:
    text, title = clean_text(
        "Talks Resume in Geneva\n\nDelegates met on Monday in Geneva.", "Talks resume in Geneva"
    )
    assert text == "Delegates met on Monday in Geneva." and title is None


def test_first_line_that_is_a_sentence_is_not_taken_as_title() -> None:
    text, title = clean_text(
        "Troops withdrew from the town on Monday, officials said.\nTalks follow."
    )
    assert title is None and text.startswith("Troops withdrew")


def test_hard_wrapped_lines_are_joined_into_one_paragraph() -> None:
    text, _ = clean_text("The ministry said troops had\nwithdrawn from the town.\n\nTalks follow.")
    assert text == "The ministry said troops had withdrawn from the town.\n\nTalks follow."


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Moldova Says Breakaway Region Is Quietly Calling Up Reservists", True),
        ("What Is Nato and Which Countries Are in It?", True),
        ("The ministry said on Wednesday that troops were moving.", False),
        ("officials said the talks had stalled again after the strike", False),
    ],
)
def test_detect_title(line: str, expected: bool) -> None:
    assert detect_title(line) is expected


def test_article_id_is_stable_and_input_id_wins() -> None:
    body = "Officials in Kyiv said on Monday that talks would resume next week."
    first = prepare_article(_raw(body))
    again = prepare_article(_raw("  " + body.replace(" ", "  ") + "\n"))
    assert first.id == again.id
    assert prepare_article(_raw(body, id="wire-42")).id == "wire-42"


def test_published_priority_and_iso_datetimes() -> None:
    body = "Officials in Kyiv said on Monday that talks would resume next week."
    raw = _raw(body, published="2025-03-12T23:30:00-05:00")
    assert prepare_article(raw).published == "2025-03-12"
    assert prepare_article(raw, published="2025-03-13").published == "2025-03-13"


_SENTENCE = st.lists(
    st.sampled_from(
        ["Photo", "Share", "Menu", "troops", "said", "the", "Kyiv", "on", "Monday", "Search"]
    ),
    min_size=8,
    max_size=20,
).map(lambda words: " ".join(words) + ".")
_ANY_LINE = st.one_of(_SENTENCE, st.text(max_size=40).map(lambda s: s.replace("\n", " ")))


@given(st.lists(_ANY_LINE, max_size=15))
def test_filter_never_drops_long_sentences_and_keeps_order(lines: list[str]) -> None:
    kept = filter_furniture(lines)
    remaining = iter(lines)
    assert all(line in remaining for line in kept)  # an in-order subsequence
    for line in lines:
        if line.endswith(".") and len(line.split()) >= 8 and line[0].isalpha():
            assert line in kept, line
