"""The analysts' questions on hand-built Documents whose actors, types, dates, places and
verification are known exactly; every answer is checked on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from store_support import DocumentBuilder, plain_document

from forewarn.errors import FilterError
from forewarn.records import Actor, Place
from forewarn.store.query import (
    EventFilter,
    actor_counts,
    claim_ids,
    event_ids,
    store_stats,
)
from forewarn.store.reader import load_claims, load_events, matching_documents
from forewarn.store.writer import write_documents


def russia(text="Russian forces"):
    return Actor(text, "Russia", "RUS", "GOV", "country:RUS")


def ukraine(text="Ukraine"):
    return Actor(text, "Ukraine", "UKR", "GOV", "country:UKR")


BELARUS = Actor("Belarusian troops", "Belarus", "BLR", "MIL", "country:BLR")
WAGNER = Actor("Wagner fighters", "Wagner Group", "RUS", "REB", "group:wagner")
UN = Actor("the UN", "United Nations", None, "IGO", "igo:UN")
MINISTRY = Actor("Ukraine's foreign ministry", "Ukraine's foreign ministry", "UKR", "GOV")
KHARKIV = Place("Kharkiv", "Kharkiv", "UKR", "Kharkivska", 49.98, 36.25, 706483)
BAKHMUT = Place("Bakhmut", "Bakhmut", "UKR", "Donetska", 48.59, 38.0, 712165)
MINSK = Place("Minsk", "Minsk", "BLR", "Minsk City", 53.9, 27.57, 625144)


def documents():
    """Five events in three articles (see each event's comment for its reference date)."""
    a = DocumentBuilder("a", published="2025-03-10", url="https://example.org/a")
    # a#e1: 2025-03-09, ASSAULT RUS -> UKR in Kharkiv (UKR), reported.
    a.event(
        "Russian forces shelled Kharkiv, talks-on hold.",
        "ASSAULT",
        actor=[russia()],
        recipient=[ukraine()],
        date="2025-03-09",
        place=KHARKIV,
        claim="a#c1",
    )
    # a#e2: 2025-03 (a month), PROTEST by Belarus in Minsk (BLR), unverified.
    a.event(
        "Belarusian troops claimed 100% turnout in Minsk.",
        "PROTEST",
        actor=[BELARUS],
        date="2025-03",
        place=MINSK,
        verification="unverified",
    )
    # a#c1: 2025-03-09, spoken by Ukraine's foreign ministry, disputed; carries a#e1.
    a.claim(
        "Russian forces shelled Kharkiv overnight.",
        speaker=MINISTRY,
        verification="disputed",
        date="2025-03-09",
        event_ids=["a#e1"],
    )
    b = DocumentBuilder("b", published="2025-04-02")
    # b#e1: 2025-04-02 (publication), CONSULT UKR -> RUS, no place, disputed.
    b.event(
        "Ukraine met Russian envoys for talks_on grain.",
        "CONSULT",
        actor=[ukraine()],
        recipient=[russia("Russian envoys")],
        verification="disputed",
    )
    # b#e2: 2024-12-31, ACCUSE by Wagner (RUS) -> UKR in Bakhmut (UKR), corroborated.
    b.event(
        "Wagner fighters accused Ukraine of 100 km of mining.",
        "ACCUSE",
        actor=[WAGNER],
        recipient=[ukraine("Kyiv")],
        date="2024-12-31",
        place=BAKHMUT,
        verification="corroborated",
    )
    # b#c1: 2025-04-02 (publication), spoken by Russia, reported.
    b.claim("Moscow said the talks went well.", speaker=russia("Moscow"))
    c = DocumentBuilder("c", published=None)
    # c#e1: no date at all, AID by the UN, reported.
    c.event("The UN delivered aid after talks on access.", "AID", actor=[UN])
    # c#c1: no date, no speaker, unverified.
    c.claim("Aid reached the city, it was said.", speaker=None, verification="unverified")
    return [a.build(), b.build(), c.build()]


@pytest.fixture
def connection(store):
    with store.transaction() as writing:
        write_documents(writing, [(d, d.article.id) for d in documents()], "v1")
    with store.connect() as reading:
        yield reading


def events(connection, limit=None, **filters) -> list[str]:
    """The matching events' keys, in the order event_ids gives them."""
    ids = event_ids(connection, EventFilter(**filters), limit=limit).items
    return [event.id for _, event in load_events(connection, ids)]


def claims(connection, **filters) -> list[str]:
    ids = claim_ids(connection, EventFilter(**filters)).items
    return [claim.id for _, claim in load_claims(connection, ids)]


def test_everything_most_recent_first_undated_last(connection):
    assert events(connection) == ["b#e1", "a#e1", "a#e2", "b#e2", "c#e1"]
    assert events(connection, limit=2) == ["b#e1", "a#e1"]


def test_actor_country_code_is_not_a_name_search(connection):
    # Russia and Wagner (a Russian group), not Belarus whose name contains "rus".
    assert set(events(connection, actor="RUS")) == {"a#e1", "b#e2"}
    assert set(events(connection, actor="rus")) == {"a#e1", "a#e2"}


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("wagner", {"b#e2"}),
        ("WAGNER GROUP", {"b#e2"}),
        ("group:wagner", {"b#e2"}),
        ("united nations", {"c#e1"}),
        ("igo:UN", {"c#e1"}),
        ("Ukraine", {"b#e1"}),
        ("nobody", set()),
    ],
)
def test_actor_by_name_or_gazetteer_id(connection, actor, expected):
    assert set(events(connection, actor=actor)) == expected


def test_recipient(connection):
    assert set(events(connection, recipient="UKR")) == {"a#e1", "b#e2"}
    assert set(events(connection, recipient="RUS")) == {"b#e1"}
    assert events(connection, recipient="UN") == []


def test_types(connection):
    assert set(events(connection, event_types=("assault", "CONSULT"))) == {"a#e1", "b#e1"}
    assert events(connection, event_types=("THREATEN",)) == []


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        ("2025-03-09", "2025-03-09", {"a#e1"}),
        ("2025-04-02", None, {"b#e1"}),
        (None, "2024-12-31", {"b#e2"}),
        ("2025-03", "2025-03", {"a#e1", "a#e2"}),
        ("2025-03", None, {"a#e1", "a#e2", "b#e1"}),
        (None, "2025-03", {"a#e1", "a#e2", "b#e2"}),
        ("2025", None, {"a#e1", "a#e2", "b#e1"}),
        ("2024", "2024", {"b#e2"}),
        (None, "2025", {"a#e1", "a#e2", "b#e1", "b#e2"}),
        ("2026", None, set()),
    ],
)
def test_since_until_are_inclusive(connection, since, until, expected):
    assert set(events(connection, since=since, until=until)) == expected


def test_country_of_the_place(connection):
    assert set(events(connection, country="UKR")) == {"a#e1", "b#e2"}
    assert set(events(connection, country="blr")) == {"a#e2"}
    assert events(connection, country="RUS") == []


def test_verification(connection):
    assert set(events(connection, verification=("disputed", "Corroborated"))) == {
        "b#e1",
        "b#e2",
    }
    assert set(events(connection, verification=("reported",))) == {"a#e1", "c#e1"}


def test_text_is_literal_and_case_insensitive(connection):
    assert events(connection, text="100%") == ["a#e2"]
    assert events(connection, text="talks_on") == ["b#e1"]
    assert events(connection, text="KHARKIV") == ["a#e1"]
    assert events(connection, text="%") == ["a#e2"]
    assert set(events(connection, text="talks")) == {"a#e1", "b#e1", "c#e1"}


def test_filters_combine_with_and(connection):
    assert events(connection, actor="RUS", country="UKR", event_types=("ACCUSE",)) == ["b#e2"]
    assert events(connection, actor="RUS", since="2025") == ["a#e1"]
    assert events(connection, actor="RUS", recipient="UKR", verification=("reported",)) == ["a#e1"]
    assert events(connection, actor="RUS", country="BLR") == []


def test_matching_documents_keep_only_the_matching_events(connection):
    everything = list(matching_documents(connection, EventFilter()))
    assert [d.article.id for d in everything] == ["a", "b", "c"]
    assert [len(d.events) for d in everything] == [2, 2, 1]
    russian = list(matching_documents(connection, EventFilter(actor="RUS")))
    assert [[e.id for e in d.events] for d in russian] == [["a#e1"], ["b#e2"]]
    # The articles' claims come along whole: a claim is evidence for the events kept.
    assert [len(d.claims) for d in russian] == [1, 1]
    assert list(matching_documents(connection, EventFilter(event_types=("THREATEN",)))) == []


def test_a_snapshot_does_not_see_what_commits_after_its_first_read(store):
    with store.transaction() as writing:
        write_documents(writing, [(plain_document("first", "One article."), "first")], "v1")
    with store.snapshot() as reading:
        before = store_stats(reading, EventFilter())["articles"]
        with store.transaction() as writing:
            second = plain_document("second", "Another article.")
            write_documents(writing, [(second, "second")], "v1")
        assert store_stats(reading, EventFilter())["articles"] == before == 1
    with store.snapshot() as reading:
        assert store_stats(reading, EventFilter())["articles"] == 2


def test_claims(connection):
    assert claims(connection) == ["b#c1", "a#c1", "c#c1"]
    assert claims(connection, actor="RUS") == ["b#c1"]
    assert claims(connection, actor="foreign ministry") == ["a#c1"]
    assert claims(connection, country="UKR") == ["a#c1"]
    assert claims(connection, verification=("unverified",)) == ["c#c1"]
    assert claims(connection, verification=("disputed", "reported")) == ["b#c1", "a#c1"]
    assert claims(connection, event_types=("ASSAULT",)) == ["a#c1"]
    assert claims(connection, since="2025-04") == ["b#c1"]
    assert claims(connection, until="2025-03-09") == ["a#c1"]
    assert claims(connection, text="went_well") == []
    assert claims(connection, text="WENT WELL") == ["b#c1"]


def test_actor_counts(connection):
    rows = actor_counts(connection)
    table = {row["name"]: (row["as_actor"], row["as_recipient"], row["claims"]) for row in rows}
    assert table == {
        "Russia": (1, 1, 1),
        "Ukraine": (1, 2, 0),
        "Belarus": (1, 0, 0),
        "Wagner Group": (1, 0, 0),
        "United Nations": (1, 0, 0),
        "Ukraine's foreign ministry": (0, 0, 1),
    }
    # Busiest first, ties by name.
    assert [row["name"] for row in rows] == [
        "Russia",
        "Ukraine",
        "Belarus",
        "Ukraine's foreign ministry",
        "United Nations",
        "Wagner Group",
    ]
    assert rows[0] == {
        "name": "Russia",
        "country": "RUS",
        "sector": "GOV",
        "gazetteer_id": "country:RUS",
        "as_actor": 1,
        "as_recipient": 1,
        "claims": 1,
    }
    assert [row["name"] for row in actor_counts(connection, country="rus")] == [
        "Russia",
        "Wagner Group",
    ]
    assert [row["name"] for row in actor_counts(connection, text="rus")] == ["Russia", "Belarus"]
    assert len(actor_counts(connection, limit=2)) == 2


def test_store_stats(connection):
    stats = store_stats(connection, EventFilter())
    assert {key: stats[key] for key in ("articles", "events", "claims", "matching_events")} == {
        "articles": 3,
        "events": 5,
        "claims": 3,
        "matching_events": 5,
    }
    assert stats["actors"] == 6
    assert stats["places"] == 3
    assert stats["by_type"] == {"ASSAULT": 1, "PROTEST": 1, "CONSULT": 1, "ACCUSE": 1, "AID": 1}
    assert stats["by_quad_class"] == {
        "material_conflict": 2,
        "verbal_cooperation": 1,
        "verbal_conflict": 1,
        "material_cooperation": 1,
    }
    assert stats["by_verification"] == {
        "reported": 2,
        "unverified": 1,
        "disputed": 1,
        "corroborated": 1,
    }
    assert stats["by_month"] == {"2024-12": 1, "2025-03": 2, "2025-04": 1, "unknown": 1}
    assert stats["top_dyads"] == [
        {"actor_country": "RUS", "recipient_country": "UKR", "events": 2},
        {"actor_country": "UKR", "recipient_country": "RUS", "events": 1},
    ]
    assert store_stats(connection, EventFilter(), top=1)["top_dyads"] == stats["top_dyads"][:1]


def test_store_stats_filtered(connection):
    stats = store_stats(connection, EventFilter(actor="RUS"))
    assert stats["events"] == 5
    assert stats["matching_events"] == 2
    assert stats["by_type"] == {"ASSAULT": 1, "ACCUSE": 1}
    assert stats["by_month"] == {"2024-12": 1, "2025-03": 1}
    assert stats["top_dyads"] == [{"actor_country": "RUS", "recipient_country": "UKR", "events": 2}]


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"event_types": ("BOMB",)}, "event_types"),
        ({"verification": ("maybe",)}, "verification"),
        ({"since": "March 2025"}, "since"),
        ({"since": "2025-3-1"}, "since"),
        ({"until": "2025-13"}, "until"),
        ({"until": "2025-02-30"}, "until"),
        ({"country": "Ukraine"}, "country"),
        ({"country": "UK"}, "country"),
    ],
)
def test_filter_rejects_bad_options(options, field):
    with pytest.raises(FilterError) as raised:
        EventFilter(**options)
    assert raised.value.field == field
    assert repr(next(iter(options.values()))).strip("()").rstrip(",") in str(raised.value)


def test_filter_accepts_good_options(connection):
    # types, verification and country in any case; a year and a month as bounds
    good = {
        "event_types": ("assault", "AID"),
        "verification": ("Reported",),
        "since": "2025",
        "until": "2025-03",
        "country": "ukr",
    }
    assert events(connection, **good) == ["a#e1"]
    assert events(
        connection,
        event_types=("ASSAULT", "AID"),
        verification=("reported",),
        since="2025-01-01",
        until="2025-03-31",
        country="UKR",
    ) == ["a#e1"]


@pytest.mark.parametrize("size", [1, 2, 3])
def test_pages_walked_by_cursor_give_the_whole_list_once_in_order(connection, size):
    every_event = events(connection)
    walked, after = [], None
    while True:
        page = event_ids(connection, EventFilter(), limit=size, after=after)
        walked += [event.id for _, event in load_events(connection, page.items)]
        if page.next is None:
            break
        after = page.next
    assert walked == every_event  # the undated event last, on its own page or not
    claim_page = claim_ids(connection, EventFilter(), limit=2)
    rest = claim_ids(connection, EventFilter(), limit=2, after=claim_page.next)
    assert len(claim_page.items) == 2 and len(rest.items) == 1 and rest.next is None


def test_a_page_cursor_outlives_new_rows_before_it(connection, store):
    first = event_ids(connection, EventFilter(), limit=2)
    newer = DocumentBuilder("d", published="2025-05-01")
    newer.event("Russian forces shelled Kharkiv again.", "ASSAULT", actor=[russia()])
    with store.transaction() as writing:
        write_documents(writing, [(newer.build(), "d")], "v1")
    second = event_ids(connection, EventFilter(), limit=2, after=first.next)
    assert [event.id for _, event in load_events(connection, second.items)] == ["a#e2", "b#e2"]


@pytest.mark.parametrize("cursor", ["", "2025-03-09", "x.1", "2025-03-09.-1", "2025-03-09.1e3"])
def test_a_bad_cursor_is_a_filter_error_naming_after(connection, cursor):
    with pytest.raises(FilterError, match="not a page cursor") as raised:
        event_ids(connection, EventFilter(), limit=2, after=cursor)
    assert raised.value.field == "after"
