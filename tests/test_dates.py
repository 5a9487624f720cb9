"""resolve_date: news date expressions resolved against the publication date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forewarn.data import data_path
from forewarn.extraction import dates
from forewarn.extraction.dates import ResolvedDate, resolve_date

THU = date(2025, 3, 13)  # a Thursday
FRI_NEW_YEAR = date(2025, 1, 3)  # a Friday, three days into a year
SUN = date(2025, 3, 16)
MON = date(2025, 3, 17)

CASES = [
    # (text, published, date, precision)
    ("on Tuesday", THU, "2025-03-11", "day"),
    ("Tuesday", THU, "2025-03-11", "day"),
    ("Thursday", THU, "2025-03-13", "day"),  # the publication day itself counts
    ("on Friday", THU, "2025-03-07", "day"),
    ("last Thursday", THU, "2025-03-06", "day"),
    ("next Tuesday", THU, "2025-03-18", "day"),
    ("Monday night", THU, "2025-03-10", "day"),
    ("late Monday", THU, "2025-03-10", "day"),
    ("Sunday", SUN, "2025-03-16", "day"),
    ("Sunday", MON, "2025-03-16", "day"),
    ("Monday", SUN, "2025-03-10", "day"),
    ("yesterday", THU, "2025-03-12", "day"),
    ("yesterday", date(2025, 1, 1), "2024-12-31", "day"),
    ("today", THU, "2025-03-13", "day"),
    ("this morning", THU, "2025-03-13", "day"),
    ("last night", THU, "2025-03-12", "day"),
    ("tomorrow", date(2024, 12, 31), "2025-01-01", "day"),
    ("three days ago", THU, "2025-03-10", "day"),
    ("October 14", THU, "2024-10-14", "day"),
    ("on March 3", THU, "2025-03-03", "day"),
    ("March 13", THU, "2025-03-13", "day"),
    ("March 14", THU, "2024-03-14", "day"),  # the latest one on or before publication
    ("next October 14", THU, "2025-10-14", "day"),
    ("Friday, March 7", THU, "2025-03-07", "day"),
    ("March 3, 2024", THU, "2024-03-03", "day"),
    ("3 March 2024", THU, "2024-03-03", "day"),
    ("the 3rd of March 2024", THU, "2024-03-03", "day"),
    ("2024-03-03", THU, "2024-03-03", "day"),
    ("Sept. 11, 2001", THU, "2001-09-11", "day"),
    ("February 29", date(2027, 3, 1), "2024-02-29", "day"),
    ("last week", THU, "2025-03-03", "week"),
    ("last week", FRI_NEW_YEAR, "2024-12-23", "week"),
    ("last week", MON, "2025-03-10", "week"),
    ("last week", SUN, "2025-03-03", "week"),
    # The seven days up to publication: the calendar week holding most of them.
    ("the past week", THU, "2025-03-10", "week"),
    ("over the past week", THU, "2025-03-10", "week"),
    ("the last seven days", MON, "2025-03-10", "week"),
    ("the last week", MON, "2025-03-10", "week"),
    ("this past week", SUN, "2025-03-10", "week"),
    ("this week", THU, "2025-03-10", "week"),
    ("earlier this week", SUN, "2025-03-10", "week"),
    ("recent days", THU, "2025-03-10", "week"),
    ("in recent days", THU, "2025-03-10", "week"),
    ("next week", THU, "2025-03-17", "week"),
    ("two weeks ago", THU, "2025-02-24", "week"),
    ("the weekend", THU, "2025-03-03", "week"),
    ("over the weekend", MON, "2025-03-10", "week"),
    ("the weekend", SUN, "2025-03-10", "week"),
    ("last month", THU, "2025-02", "month"),
    ("last month", FRI_NEW_YEAR, "2024-12", "month"),
    ("earlier this month", THU, "2025-03", "month"),
    ("next month", date(2024, 12, 20), "2025-01", "month"),
    ("in July", THU, "2024-07", "month"),
    ("July", date(2025, 7, 2), "2025-07", "month"),
    ("in December", FRI_NEW_YEAR, "2024-12", "month"),
    ("late February", THU, "2025-02", "month"),
    ("March 2024", THU, "2024-03", "month"),
    ("recent weeks", THU, "2025-03", "month"),
    ("last year", FRI_NEW_YEAR, "2024", "year"),
    ("in 2023", THU, "2023", "year"),
    ("mid-2023", THU, "2023", "year"),
    ("early next year", THU, "2026", "year"),
]


@pytest.mark.parametrize(("text", "published", "expected", "precision"), CASES)
def test_resolves_news_expressions(text, published, expected, precision):
    assert resolve_date(text, published) == ResolvedDate(expected, precision, text)


@pytest.mark.parametrize(
    "text",
    [
        "25 to 40",
        "decades",
        "annual",
        "the 1990s",
        "two days later",
        "the following day",
        "",
        "   ",
        "Kyiv",
        "May be",
    ],
)
def test_not_a_placeable_date(text):
    assert resolve_date(text, THU) is None


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("March 3, 2024", "2024-03-03", "day"),
        ("2024-03", "2024-03", "month"),
        ("in 2023", "2023", "year"),
    ],
)
def test_absolute_dates_need_no_publication_date(text, expected, precision):
    assert resolve_date(text, None) == ResolvedDate(expected, precision, text)


@pytest.mark.parametrize(
    "text",
    [
        "on Tuesday",
        "last month",
        "yesterday",
        "October 14",
        "in July",
        "recent days",
        "two weeks ago",
    ],
)
def test_relative_dates_without_publication_are_unknown(text):
    assert resolve_date(text, None) == ResolvedDate(None, "unknown", text)


def test_date_words_are_data():
    assert data_path(dates.DATA_FILE).is_file()


WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NEWS_DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@given(published=NEWS_DATES, weekday=st.sampled_from(range(7)))
def test_a_bare_weekday_is_within_the_week_ending_on_publication(published, weekday):
    resolved = resolve_date(f"on {WEEKDAYS[weekday]}", published)
    assert resolved is not None and resolved.precision == "day"
    day = date.fromisoformat(resolved.date)
    assert published - timedelta(days=6) <= day <= published
    assert day.weekday() == weekday


@given(published=NEWS_DATES)
def test_last_week_is_the_monday_before_this_one(published):
    resolved = resolve_date("last week", published)
    monday = date.fromisoformat(resolved.date)
    assert monday.weekday() == 0
    assert timedelta(days=7) <= published - monday < timedelta(days=14)


@settings(max_examples=300)
@given(text=st.text(max_size=60), published=st.one_of(st.none(), st.dates()))
def test_never_raises_on_arbitrary_text(text, published):
    result = resolve_date(text, published)
    assert result is None or isinstance(result, ResolvedDate)


@settings(max_examples=200)
@given(
    words=st.lists(
        st.sampled_from(
            [
                "last",
                "next",
                "in",
                "on",
                "the",
                "3",
                "99999999",
                "ago",
                "days",
                "weeks",
                "March",
                "29",
                "February",
                "2024",
                "weekend",
                "of",
                "0",
            ]
        ),
        max_size=5,
    ),
    published=st.one_of(st.none(), st.dates()),
)
def test_date_like_text_resolves_to_a_well_formed_date_or_none(words, published):
    text = " ".join(words)
    result = resolve_date(text, published)
    if result is None:
        return
    assert isinstance(result, ResolvedDate) and result.text == text
    if result.date is not None:  # YYYY, YYYY-MM or a real YYYY-MM-DD
        assert len(result.date) in (4, 7, 10)
        if len(result.date) == 10:
            date.fromisoformat(result.date)
    else:
        assert result.precision == "unknown"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ACLED notes open with the day, the month and the year, fronted by "On" or "Around"
        ("On 9 May 2020,", "2020-05-09"),
        ("Around 7 May 2020", "2020-05-07"),
        ("23 December 2022", "2022-12-23"),
        ("On 4 May", "2020-05-04"),
        ("on Saturday", "2020-05-09"),
    ],
)
def test_acled_style_dates(text, expected):
    published = date(2020, 5, 12)  # a Tuesday, three days after 9 May
    assert resolve_date(text, published) == ResolvedDate(expected, "day", text)
