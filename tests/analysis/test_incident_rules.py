"""The incident rules on plain records: dates, parties, places, magnitudes, verification."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from forewarn.analysis.incidents import (
    IncidentView,
    Mention,
    Party,
    PlaceView,
    match_score,
    report_interval,
    roll_up,
)

RUSSIAN_FORCES = Party("RUS", "MIL", None, "Russian forces")
RUSSIAN_MOD = Party("RUS", "MIL", "org:RUS-MOD", "Russian Defence Ministry")
UKRAINE = Party("UKR", "GOV", "country:UKR", "Ukraine")
UKR_GENSTAFF = Party("UKR", "MIL", "org:UKR-GENSTAFF", "General Staff")
KHARKIV = PlaceView(1, "UKR", "07", 49.98, 36.25)
CHUHUIV = PlaceView(2, "UKR", "07", 49.84, 36.69)  # about 35 km from Kharkiv
ODESA = PlaceView(3, "UKR", "17", 46.48, 30.73)
UKRAINE_AT_LARGE = PlaceView(4, "UKR", None, 49.0, 32.0)
DAY = date(2025, 3, 11)


def mention(event_id: int = 1, **changes) -> Mention:
    base = Mention(
        event_id=event_id,
        event_type="ASSAULT",
        mode=None,
        start=DAY,
        end=DAY,
        actors=(RUSSIAN_FORCES,),
        recipients=(),
        place=KHARKIV,
        article_key=f"a{event_id}",
        outlet=f"outlet {event_id}",
        syndicate_id=event_id,
        published=DAY.isoformat(),
        claim_id=None,
        speaker=None,
        verification="reported",
    )
    return replace(base, **changes)


def incident(**changes) -> IncidentView:
    base = IncidentView(1, "ASSAULT", None, DAY, DAY, (RUSSIAN_FORCES,), (), KHARKIV)
    return replace(base, **changes)


@pytest.mark.parametrize(
    ("when", "precision", "published", "expected"),
    [
        ("2025-03-11", "day", None, (date(2025, 3, 11), date(2025, 3, 11))),
        ("2025-03-10", "week", None, (date(2025, 3, 10), date(2025, 3, 16))),
        ("2025-02", "month", None, (date(2025, 2, 1), date(2025, 2, 28))),
        ("2024", "year", None, (date(2024, 1, 1), date(2024, 12, 31))),
        (None, "unknown", "2025-03-12", (date(2025, 3, 12), date(2025, 3, 12))),
        (None, "unknown", None, None),
    ],
)
def test_a_report_means_the_days_its_date_and_precision_allow(when, precision, published, expected):
    assert report_interval(when, precision, published) == expected


def test_an_undated_denial_answers_the_days_before_it():
    assert report_interval(None, "unknown", "2025-03-12", denial=True) == (
        date(2025, 3, 10),
        date(2025, 3, 12),
    )


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"event_type": "PROTEST"}, "another type"),
        ({"mode": "air"}, "another mode"),
        ({"start": date(2025, 3, 14), "end": date(2025, 3, 14)}, "days apart"),
        ({"actors": (UKRAINE,)}, "other actors"),
        ({"place": ODESA}, "a place 250 km away"),
        ({"dead": 40}, "forty dead against three"),
        (
            {"actors": (), "recipients": (Party("POL", "GOV", None, "Poland"),), "place": None},
            "no shared party, place, story or country",
        ),
        (
            {"recipients": (Party(None, "CVL", None, "protesters"),), "event_type": "COERCE"},
            "another type whatever the words",
        ),
    ],
)
def test_what_cannot_be_a_report_of_the_incident(changes, why):
    assert match_score(mention(**changes), incident(mode="artillery", dead=3)) is None, why


@pytest.mark.parametrize(
    ("ours", "theirs"), [(3, 5), (3, 12), (35, 40), (None, 40), (3, None), (1, 19), (2, 40)]
)
def test_tallies_of_one_happening_differ_as_they_grow(ours, theirs):
    # one or two dead are part of a day's tally ("a militiaman killed", "fighting kills 19")
    assert match_score(mention(dead=ours), incident(dead=theirs)) is not None


def test_a_report_a_day_off_joins_only_on_the_same_place_or_story():
    next_day = {"start": date(2025, 3, 12), "end": date(2025, 3, 12)}
    same_sides_elsewhere = mention(place=UKRAINE_AT_LARGE, syndicate_id=9, **next_day)
    assert match_score(same_sides_elsewhere, incident()) is None  # the next day's shelling
    same_place = match_score(mention(**next_day), incident())
    same_story = match_score(
        mention(place=None, **next_day), incident(place=None, stories=frozenset({1}))
    )
    assert same_place is not None and same_story is not None
    assert match_score(mention(), incident()) > same_place  # a same-day incident first


def test_what_can_be_a_report_of_the_incident_and_which_fits_better():
    exact = match_score(mention(), incident())
    near = match_score(mention(place=CHUHUIV), incident())
    a_day_later = match_score(mention(start=date(2025, 3, 12), end=date(2025, 3, 12)), incident())
    country_only = match_score(mention(actors=(), place=UKRAINE_AT_LARGE), incident(actors=()))
    bare = match_score(mention(actors=(), place=None), incident(actors=()))
    scores = [exact, near, a_day_later, country_only, bare]
    assert all(score is not None for score in scores)
    assert exact > country_only > bare  # a shared party or place, a country, nothing


def test_a_country_acts_through_any_of_its_organs():
    # "Ukraine launches assault" and "Ukraine's General Staff says its forces struck"
    ukraine_acts = mention(actors=(UKRAINE,))
    assert match_score(ukraine_acts, incident(actors=(UKR_GENSTAFF,))) is not None
    # two organs of one country still differ by sector, and another country stays apart
    ukraine_police = Party("UKR", "COP", None, "Ukrainian police")
    assert match_score(mention(actors=(ukraine_police,)), incident(actors=(UKR_GENSTAFF,))) is None
    assert match_score(ukraine_acts, incident()) is None


def test_one_battle_is_told_by_any_of_its_weapons():
    shelling = incident(mode="heavy-weapons")
    assert match_score(mention(mode="firearms"), shelling) is not None  # "killed by gunfire"
    assert match_score(mention(mode="drone"), shelling) is not None
    # modes that are different acts stay apart: an arrest is not a deportation
    arrests = incident(event_type="COERCE", mode="arrest")
    assert match_score(mention(event_type="COERCE", mode="deport"), arrests) is None
    assert match_score(mention(mode="abduct"), shelling) is None


def test_a_weeks_tally_is_no_report_of_one_days_happening():
    # "23 civilians killed in shellings over the last week": the week holds the day
    week = {"start": date(2025, 3, 10), "end": date(2025, 3, 16)}
    assert match_score(mention(**week), incident()) is None
    assert match_score(mention(), incident(**week)) is None
    # two tallies of the same week are one
    assert match_score(mention(**week), incident(**week)) is not None


def test_unidentified_groups_are_words_and_never_contradict():
    crowd = (Party(None, "CVL", None, "protesters"),)
    other_words = (Party(None, "CVL", None, "demonstrators"),)
    assert match_score(mention(recipients=crowd), incident(recipients=other_words)) is not None
    assert match_score(mention(recipients=(UKRAINE,)), incident(recipients=crowd)) is not None
    france = (Party("FRA", "GOV", "country:FRA", "France"),)
    assert match_score(mention(recipients=(UKRAINE,)), incident(recipients=france)) is None


def test_the_same_story_telling_it_twice_is_one_happening():
    unnamed = mention(actors=(), place=None, syndicate_id=7)
    same_story = match_score(unnamed, incident(stories=frozenset({7})))
    another_story = match_score(unnamed, incident(stories=frozenset({8})))
    assert same_story is not None and another_story is not None
    assert same_story > another_story


def test_an_incident_takes_the_best_supported_toll_not_the_sum():
    reports = [
        mention(1, dead=3),
        mention(2, dead=3),
        mention(3, dead=5),
        mention(4, injured=12),
    ]
    rollup = roll_up(reports, [])
    assert (rollup.dead, rollup.injured, rollup.size) == (3, 12, None)


def test_verification_rolls_up_from_its_reports():
    one_outlet = roll_up([mention(1), mention(2, outlet="outlet 1", syndicate_id=1)], [])
    assert one_outlet.verification == "reported"

    two_outlets = roll_up([mention(1), mention(2)], [])
    assert two_outlets.verification == "corroborated"
    assert two_outlets.outlets == ["outlet 1", "outlet 2"]

    # twenty outlets quoting Ukraine's General Staff are one claimant
    quoted = [mention(n, speaker=UKR_GENSTAFF, claim_id=n) for n in range(1, 21)]
    assert roll_up(quoted, []).claimants == ["UKR/MIL"]
    assert roll_up(quoted, []).verification == "reported"

    caveat = roll_up([mention(1, verification="unverified")], [])
    assert caveat.verification == "unverified"

    admitted = roll_up([mention(1, speaker=RUSSIAN_MOD, claim_id=9)], [])
    assert admitted.verification == "confirmed"

    denial = mention(30, speaker=RUSSIAN_MOD, claim_id=31, published="2025-03-12")
    disputed = roll_up([mention(1), mention(2)], [denial])
    assert disputed.verification == "disputed"
    assert (disputed.because_event, disputed.because_claim, disputed.changed_at) == (
        30,
        31,
        "2025-03-12",
    )
    bystander = replace(denial, speaker=Party("FRA", "GOV", "country:FRA", "France"))
    assert roll_up([mention(1), mention(2)], [bystander]).verification == "corroborated"
