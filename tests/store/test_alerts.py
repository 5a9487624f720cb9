"""Indicators and alerts from incidents in a real store (SQLite and PostgreSQL): zeros for
empty periods, the dyad filter, sums; alerts stored, updated as incidents arrive, never
duplicated; a watch-list pattern; bad input on the command line."""

from __future__ import annotations

import json
import time
from datetime import date, timedelta

import pytest
from sqlalchemy import func, insert, select, update
from typer.testing import CliRunner

import forewarn
import forewarn.analysis.watch
from forewarn.analysis.alerts import SeriesKey
from forewarn.cli import app
from forewarn.records import Article, Document
from forewarn.store import open_store
from forewarn.store.schema import (
    actors,
    alerts,
    claims,
    incident_history,
    incidents,
)
from forewarn.store.writer import write_documents

QUIET = date(2024, 1, 1)  # twelve months of a few clashes a month, from here
ESCALATION = date(2025, 1, 1)  # then a month of many


def store_articles(url: str, first: date, last: date) -> None:
    """An article a week: the store watched these months."""
    documents = []
    day = first
    while day <= last:
        text = f"Nothing of note on {day.isoformat()}."
        article = Article(id=f"a{day}", title=None, published=day.isoformat(), text=text)
        documents.append((Document(article), None))
        day += timedelta(days=7)
    with open_store(url) as store, store.transaction() as connection:
        write_documents(connection, documents, "test")


def add_incident(
    connection,
    day: date,
    *,
    event_type: str = "ASSAULT",
    country: str | None = "UKR",
    actor: str = "RUS",
    recipient: str = "UKR",
    dead: int | None = None,
    verification: str = "reported",
) -> int:
    parties = {
        "actors": json.dumps([[actor, "MIL", None, f"{actor} forces"]]),
        "recipients": json.dumps([[recipient, "MIL", None, f"{recipient} forces"]]),
    }
    return int(
        connection.execute(
            insert(incidents)
            .values(
                event_type=event_type,
                date_start=day.isoformat(),
                date_end=day.isoformat(),
                country=country,
                dead=dead,
                verification=verification,
                stories="[]",
                mentions=2,
                updated_at="2026-01-01T00:00:00+00:00",
                **parties,
            )
            .returning(incidents.c.id)
        ).scalar_one()
    )


def quiet_year(url: str) -> None:
    store_articles(url, QUIET, ESCALATION + timedelta(days=27))
    with open_store(url) as store, store.transaction() as connection:
        for month in range(12):
            for day in range(1 + month % 2, 1 + month % 2 + 4 * 3, 4):  # three or four a month
                add_incident(connection, date(2024, month + 1, day))


def escalate(url: str, count: int = 20) -> list[int]:
    with open_store(url) as store, store.transaction() as connection:
        return [add_incident(connection, ESCALATION + timedelta(days=d % 28)) for d in range(count)]


def test_indicator_rows_have_zeros_sums_and_the_dyad_filter(store_url):
    store_articles(store_url, date(2025, 1, 1), date(2025, 3, 31))
    with open_store(store_url) as store, store.transaction() as connection:
        add_incident(connection, date(2025, 1, 5), dead=3, verification="unverified")
        add_incident(connection, date(2025, 1, 20), dead=None, verification="disputed")
        add_incident(
            connection, date(2025, 1, 22), event_type="AGREE", country=None, actor="UKR",
            recipient="POL",
        )  # fmt: skip
        add_incident(
            connection, date(2025, 3, 2), event_type="PROTEST", actor="UKR", recipient="UKR"
        )
    db = forewarn.Database(store_url)
    rows = db.indicators(forewarn.EventFilter(since="2025-01", until="2025-04"), by="month")
    assert [row["period"] for row in rows] == ["2025-01", "2025-02", "2025-03", "2025-04"]
    january, february, march, april = rows
    assert january["incidents"] == 3 and january["conflict"] == 2
    assert january["mentions"] == 6
    assert january["dead"] == 3  # an unknown toll counts 0
    assert january["by_type"] == {"ASSAULT": 2, "AGREE": 1}
    assert january["by_quad"] == {"material_conflict": 2, "verbal_cooperation": 1}
    assert january["conflict_cooperation"] == pytest.approx((-9 - 9 + 2.5) / 3, abs=1e-3)
    assert january["unverified_share"] == pytest.approx(1 / 3, abs=1e-3)
    assert january["disputed_share"] == pytest.approx(1 / 3, abs=1e-3)
    for empty in (february, april):
        assert (empty["incidents"], empty["dead"], empty["by_type"]) == (0, 0, {})
        assert empty["conflict_cooperation"] is None
    assert march["by_type"] == {"PROTEST": 1}

    dyad = db.indicators(forewarn.EventFilter(actor="RUS", recipient="UKR"), by="month")
    assert [(row["period"], row["incidents"]) for row in dyad] == [("2025-01", 2)]
    weekly = db.indicators(forewarn.EventFilter(country="UKR", event_types=("AGREE",)), by="week")
    assert weekly == []  # the agreement has no place and parties of two countries
    db.close()


def test_a_jump_alerts_is_stored_once_and_follows_new_incidents(store_url):
    quiet_year(store_url)
    db = forewarn.Database(store_url)
    assert db.alerts(by="month") == []
    ids = escalate(store_url)
    found = db.alerts(by="month")
    by_series = {(json.dumps(a["series"], sort_keys=True), a["measure"]): a for a in found}
    country = by_series[('{"country": "UKR"}', "conflict")]
    assert country["id"] == "month:country=UKR;measure=conflict:2025-01-01"
    assert (country["period_start"], country["period_end"]) == ("2025-01-01", "2025-01-31")
    assert country["observed"] == 20 and country["expected"] == pytest.approx(3.5, abs=0.6)
    assert country["score"] > 2 and "20 conflict incidents in UKR in 2025-01" in country["reason"]
    assert country["incident_ids"] == [f"i{i}" for i in sorted(ids)]
    assert ('{"actor": "RUS", "recipient": "UKR"}', "conflict") in by_series
    assert ('{"country": "UKR", "event_type": "ASSAULT"}', "incidents") in by_series

    assert db.alerts(by="month") == found  # asked again: nothing recomputed, nothing doubled
    with open_store(store_url) as store, store.transaction() as connection:
        # the rule finds the same alerts when everything is recomputed
        connection.execute(update(incidents).values(updated_at="2027-01-01T00:00:00+00:00"))
    assert db.alerts(by="month") == found
    with open_store(store_url) as store, store.connect() as connection:
        stored = connection.execute(select(func.count()).select_from(alerts)).scalar_one()
    assert stored == len(found)

    # the incidents move elsewhere (a rebuild put them in Poland): the alerts follow
    with open_store(store_url) as store, store.transaction() as connection:
        connection.execute(update(incidents).where(incidents.c.id.in_(ids)).values(country="POL"))
    moved = db.alerts(by="month")
    assert {a["series"].get("country") for a in moved} == {"POL", None}  # None: the dyad
    assert db.alerts(forewarn.EventFilter(country="UKR"), by="month") == []
    db.close()


def test_an_edit_without_a_new_stamp_is_seen_at_once(store_url):
    """Regression: the old fingerprint (incidents' count, id sum and latest updated_at) missed
    an edit that kept the stamps, and covered that with a minute of recomputing every time."""
    quiet_year(store_url)
    ids = escalate(store_url)
    db = forewarn.Database(store_url)
    assert {a["series"].get("country") for a in db.alerts(by="month")} == {"UKR", None}
    with open_store(store_url) as store, store.transaction() as connection:
        connection.execute(update(incidents).where(incidents.c.id.in_(ids)).values(country="POL"))
    assert {a["series"].get("country") for a in db.alerts(by="month")} == {"POL", None}
    db.close()


def test_current_alerts_are_read_while_a_writer_holds_the_lock(tmp_path):
    """Reading alerts that are up to date takes no write lock: an ingest in progress (here a
    transaction holding SQLite's write lock) does not hold up the API's alerts."""
    url = f"sqlite:///{tmp_path / 'store.db'}"
    quiet_year(url)
    escalate(url)
    db = forewarn.Database(url)
    found = db.alerts(by="month")
    assert found
    writer = open_store(url)
    with writer.connect() as connection:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        started = time.monotonic()
        assert db.alerts(by="month") == found
        assert time.monotonic() - started < 5  # not the 30 s busy timeout
        connection.exec_driver_sql("ROLLBACK")
    writer.close()
    db.close()


def test_a_watch_pattern_alerts_on_a_matching_incident(store_url, tmp_path):
    store_articles(store_url, date(2025, 1, 1), date(2025, 1, 31))
    with open_store(store_url) as store, store.transaction() as connection:
        drill = add_incident(
            connection, date(2025, 1, 10), event_type="MOBILIZE", country="BLR",
            actor="BLR", recipient="UKR", verification="disputed",
        )  # fmt: skip
        add_incident(connection, date(2025, 1, 12), event_type="MOBILIZE", country="RUS",
                     actor="RUS", recipient="UKR")  # fmt: skip
        minister = connection.execute(
            insert(actors).values(
                name="Belarusian Defence Ministry", country="BLR", sector="GOV",
                identity="BLR|GOV|belarusian defence ministry",
            ).returning(actors.c.id)
        ).scalar_one()  # fmt: skip
        article_id = 1
        denial = connection.execute(
            insert(claims).values(
                article_id=article_id, claim_key="a2025-01-01#c1", speaker_id=minister,
                cue="denied", content_text="no troops moved", content_start=0, content_end=5,
                date_precision="unknown", stance="deny", hedges="[]", verification="reported",
            ).returning(claims.c.id)
        ).scalar_one()  # fmt: skip
        connection.execute(
            insert(incident_history).values(
                incident_id=drill, verification="disputed", reason="denied", claim_id=denial
            )
        )
    watch = tmp_path / "watch.toml"
    watch.write_text(
        'countries = ["BLR"]\n[[pattern]]\nname = "drills"\nevent_type = "MOBILIZE"\n'
        'actor = "BLR"\ndenied_by = "BLR"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app, ["alerts", "--db", store_url, "--watch", str(watch), "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    [pattern] = json.loads(result.stdout)
    assert pattern["id"] == f"pattern:drills:i{drill}"
    assert pattern["incident_ids"] == [f"i{drill}"]
    assert pattern["series"] == {"actor": "BLR", "event_type": "MOBILIZE"}
    assert "denied by BLR" in pattern["reason"]


def test_a_watched_dyad_by_type_adds_its_series_while_it_is_watched(store_url, tmp_path):
    quiet_year(store_url)
    escalate(store_url)
    db = forewarn.Database(store_url)
    standard = db.alerts(by="month")  # computed first without the watch list: the store is
    # unchanged when the watch list asks, and its series must be computed all the same
    typed = SeriesKey(actor="RUS", recipient="UKR", event_type="ASSAULT", measure="incidents")
    watch = forewarn.analysis.watch.WatchList(dyads=frozenset({("RUS", "UKR")}),
                                              types=frozenset({"ASSAULT"}))  # fmt: skip
    assert watch.series() == {typed}
    watched = db.alerts(by="month", watch=watch)
    [added] = [a for a in watched if a["series"].get("event_type") and a["series"].get("actor")]
    assert (
        added["id"]
        == "month:actor=RUS;recipient=UKR;event_type=ASSAULT;measure=incidents:2025-01-01"
    )
    assert added["observed"] == 20
    assert "20 ASSAULT incidents by RUS against UKR in 2025-01" in added["reason"]
    assert {a["id"] for a in watched} - {a["id"] for a in standard} == {added["id"]}
    assert db.alerts(by="month") == standard  # not watched: not listed
    db.close()


def march_2024_indicators(store_url: str, watch, watched: str, output_format: str) -> str:
    watch.write_text(watched, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["indicators", "--db", store_url, "--by", "month", "--since", "2024-03",
              "--until", "2024-03", "--watch", str(watch), "--format", output_format],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_indicators_of_each_watched_series(store_url, tmp_path):
    quiet_year(store_url)
    with open_store(store_url) as store, store.transaction() as connection:
        add_incident(connection, date(2024, 3, 3), event_type="PROTEST", actor="UKR")
    watch = tmp_path / "watch.toml"
    output = march_2024_indicators(
        store_url, watch, 'countries = ["UKR"]\ndyads = ["RUS:UKR"]\n', "json"
    )
    assert [(row["series"], row["incidents"]) for row in json.loads(output)] == [
        ({"country": "UKR"}, 4),  # three clashes and the protest, in Ukraine
        ({"actor": "RUS", "recipient": "UKR"}, 3),
    ]
    output = march_2024_indicators(
        store_url, watch, 'countries = ["UKR"]\ntypes = ["PROTEST"]\n', "csv"
    )
    header, row = output.splitlines()
    assert header.startswith("series,period,")
    assert row.startswith("country=UKR,2024-03,2024-03-01,2024-03-31,1,")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["alerts", "--dyad", "RUS-UKR"], "error: --dyad 'RUS-UKR': expected ACTOR:RECIPIENT"),
        (["alerts", "--country", "XYZ"], "error: --country 'XYZ' is not an ISO 3166-1"),
        (["indicators", "--dyad", "RUS:XXX"], "error: --recipient 'XXX' is not an ISO"),
        (["indicators", "--by", "year"], "Invalid value for '--by'"),
        (["alerts", "--format", "csv"], "error: --format csv"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, message, tmp_path):
    db = tmp_path / "store.db"
    store_articles(f"sqlite:///{db}", date(2025, 1, 1), date(2025, 1, 8))
    result = CliRunner().invoke(app, [*args, "--db", str(db)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("countries = [", "not a valid TOML watch list"),
        ('dyads = ["RUSUKR"]', "dyads: 'RUSUKR' is not ACTOR:RECIPIENT"),
        ('countries = ["XYZ"]', "countries: 'XYZ' is not an ISO 3166-1"),
        ('[[pattern]]\nevent_type = "MARCH"', "pattern 1: 'MARCH' is not a PLOVER event type"),
        ('[[pattern]]\nclaimed = "UKR"', "pattern 1: unknown key 'claimed'"),
    ],
)
def test_a_malformed_watch_list_names_the_file_and_the_problem(content, problem, tmp_path):
    watch = tmp_path / "watch.toml"
    watch.write_text(content, encoding="utf-8")
    db = tmp_path / "store.db"
    store_articles(f"sqlite:///{db}", date(2025, 1, 1), date(2025, 1, 8))
    for command in ("alerts", "indicators"):
        result = CliRunner().invoke(app, [command, "--db", str(db), "--watch", str(watch)])
        assert result.exit_code == 2
        assert result.stderr.startswith(f"error: {watch}: ")
        assert problem in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_an_empty_store_says_so(tmp_path):
    db = tmp_path / "store.db"
    store_articles(f"sqlite:///{db}", date(2025, 1, 1), date(2025, 1, 8))
    for command in ("alerts", "indicators"):
        result = CliRunner().invoke(app, [command, "--db", str(db), "--format", "json"])
        assert result.exit_code == 0
        assert json.loads(result.stdout) == []
        assert result.stderr.strip() in {"no alerts match", "no incidents match: nothing to count"}
