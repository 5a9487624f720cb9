"""The store's commands as a user runs them: real SQLite files, real exit statuses.

`ingest` (idempotence, FOREWARN_DB, globs, bad inputs and exit status, --reprocess), the
query commands `events`, `claims`, `actors`, `stats` (filters, formats, errors) and `export`.
The commands run in this process (:func:`cli_support.run`), but for `export` into a pipe that
its reader closes, which needs a real process.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import pytest
from cli_support import ENTRY_POINT, ROOT, entry_point_env, run

FIXTURES = ROOT / "tests" / "fixtures" / "store"
PUBLISHED = "2025-03-10"

FRENCH = (
    "Le ministre des affaires étrangères a déclaré lundi que les forces russes avaient "
    "bombardé la ville pendant la nuit et que trois civils avaient été blessés."
)
# One article with the metadata a text file cannot carry: url, source, its own date.
WIRE = {
    "id": "wire-odesa-1",
    "url": "https://news.example.org/2025/02/20/odesa-port-drones",
    "source": "Example Wire",
    "published": "2025-02-20",
    "title": "Drones Hit Odesa Port",
    "text": (
        "ODESA, February 19, 2025 — Russian drones struck the port of Odesa overnight, "
        "damaging grain warehouses, Ukraine's navy said on Wednesday.\n\n"
        "The Kremlin did not comment on the attack."
    ),
}


def run_all(*commands: list, **options) -> list[subprocess.CompletedProcess[str]]:
    """Independent commands, one after the other (in this process they cannot overlap)."""
    return [run(*args, **options) for args in commands]


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


def stats(db: Path, *filters: str) -> dict:
    result = run("stats", "--db", db, "--format", "json", *filters)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def listing_args(command: str, db: Path, *options: str, fmt: str = "json") -> list:
    return [command, "--db", db, "--format", fmt, "--limit", "0", *options]


def parse(result: subprocess.CompletedProcess[str], fmt: str = "json"):
    assert result.returncode == 0, result.stderr
    if fmt == "json":
        return json.loads(result.stdout)
    if fmt == "jsonl":
        return [json.loads(line) for line in result.stdout.splitlines()]
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(result.stdout)))
    raise AssertionError(fmt)


def listing(command: str, db: Path, *options: str, fmt: str = "json") -> list:
    return parse(run(*listing_args(command, db, *options, fmt=fmt)), fmt)


def by_id(rows: list[dict]) -> list[dict]:
    """Rows in id order: rows of equal date come in storage order, which a reprocess changes."""
    return sorted(rows, key=lambda row: row["id"])


def copy_store(source: Path, target: Path) -> Path:
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return target


# --- ingest ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def first_ingest(tmp_path_factory) -> tuple[Path, str]:
    """`forewarn ingest tests/fixtures/store --db X --published 2025-03-10`: (X, its stderr)."""
    db = tmp_path_factory.mktemp("query_store") / "store.db"
    result = run("ingest", FIXTURES, "--db", db, "--published", PUBLISHED)
    assert result.returncode == 0, result.stderr
    return db, result.stderr


@pytest.fixture(scope="module")
def store(first_ingest) -> Path:
    return first_ingest[0]


@pytest.fixture(scope="module")
def store_stats(store) -> dict:
    return stats(store)


def test_ingest_prints_the_summary_of_what_it_stored(first_ingest, store_stats):
    db, stderr = first_ingest
    assert store_stats["articles"] == 6
    assert store_stats["events"] > 0 and store_stats["claims"] > 0
    line = (
        "read 6, new 6, duplicate 0, skipped 0, failed 0; "
        f"stored {store_stats['events']} events, {store_stats['claims']} claims "
        f"→ sqlite:///{db}"
    )
    assert line in stderr.splitlines()


def test_ingest_again_stores_nothing_new(store, store_stats, tmp_path):
    db = copy_store(store, tmp_path / "copy.db")
    again = run("ingest", FIXTURES, "--db", db, "--published", PUBLISHED)
    assert again.returncode == 0, again.stderr
    assert "read 6, new 0, duplicate 6, skipped 0, failed 0; stored 0 events, 0 claims" in (
        again.stderr
    )
    assert stats(db) == store_stats


def test_ingest_uses_forewarn_db_and_expands_a_quoted_glob(tmp_path):
    articles = tmp_path / "articles"
    shutil.copytree(FIXTURES, articles)
    (articles / "notes.md").write_text("not matched by the pattern", encoding="utf-8")
    env_db = tmp_path / "env" / "from_env.db"
    env_db.parent.mkdir()
    env = {"FOREWARN_DB": str(env_db)}
    # no shell: the pattern reaches forewarn as typed, like 'articles/k*.txt' in quotes
    result = run("ingest", "articles/k*.txt", "--published", PUBLISHED, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert "read 2, new 2, duplicate 0, skipped 0, failed 0" in result.stderr
    assert f"sqlite:///{env_db}" in result.stderr
    assert env_db.exists()
    assert not (tmp_path / "forewarn.db").exists()

    missing = tmp_path / "missing.db"
    queried, events, over = run_all(
        ["stats", "--format", "json"],
        ["events", "--format", "json"],
        ["stats", "--db", missing],  # --db wins over FOREWARN_DB
        cwd=tmp_path,
        env=env,
    )
    assert parse(queried)["articles"] == 2
    assert {row["article"]["title"] for row in parse(events)} == {
        "Russian Forces Shell Kharkiv Overnight",
        "North Korea Threatens Response to Joint Drills",
    }
    assert over.returncode == 1
    assert str(missing) in one_line(over.stderr)


def test_bad_inputs_get_one_line_each_and_the_rest_is_stored(tmp_path):
    missing = tmp_path / "missing.txt"
    french = tmp_path / "article_fr.txt"
    french.write_text(FRENCH, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    wire = tmp_path / "wire.jsonl"
    wire.write_text(json.dumps(WIRE) + "\n", encoding="utf-8")
    db = tmp_path / "store.db"
    result = run("ingest", missing, french, wire, empty, "--db", db, "--published", PUBLISHED)
    assert result.returncode == 1  # some input failed (the missing file)
    lines = result.stderr.splitlines()
    [missing_line] = [line for line in lines if str(missing) in line]
    assert missing_line.startswith("failed:") and "no such file" in missing_line
    [french_line] = [line for line in lines if str(french) in line]
    assert french_line.startswith("skipped:") and "not English" in french_line
    [empty_line] = [line for line in lines if str(empty) in line]
    assert empty_line.startswith("skipped:") and "empty" in empty_line
    assert "read 4, new 1, duplicate 0, skipped 2, failed 1" in result.stderr

    numbers, events = run_all(["stats", "--db", db, "--format", "json"], listing_args("events", db))
    assert parse(numbers)["articles"] == 1
    events = parse(events)
    assert events
    for event in events:
        article = event["article"]
        assert article["id"] == WIRE["id"]
        assert article["url"] == WIRE["url"] and article["source"] == WIRE["source"]
        # --published overrides a record's own date (docs/formats.md)
        assert article["published"] == PUBLISHED


def test_only_skipped_inputs_exit_3_and_store_nothing(tmp_path):
    french = tmp_path / "article_fr.txt"
    french.write_text(FRENCH, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    db = tmp_path / "store.db"
    result = run("ingest", french, empty, "--db", db)
    assert result.returncode == 3
    assert "read 2, new 0, duplicate 0, skipped 2, failed 0" in result.stderr
    assert "not English" in result.stderr and "empty" in result.stderr
    assert stats(db)["articles"] == 0


def test_ingest_usage_errors_exit_2_without_touching_the_store(tmp_path):
    db = tmp_path / "store.db"
    cases = {
        "give files or directories": ["ingest"],
        "--published": ["ingest", FIXTURES, "--published", "10/03/2025"],
        "--engine": ["ingest", FIXTURES, "--engine", "spark"],
    }
    results = run_all(*([*args, "--db", db] for args in cases.values()))
    for message, result in zip(cases, results, strict=True):
        assert result.returncode == 2, (message, result.stderr)
        assert message in result.stderr
    assert not db.exists()


# --- the query commands ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def all_events(store) -> list[dict]:
    return listing("events", store)


@pytest.fixture(scope="module")
def article_texts(store) -> dict[str, str]:
    """Article id → stored text, from `export --format jsonl`."""
    result = run("export", "--db", store, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    documents = [json.loads(line) for line in result.stdout.splitlines()]
    return {d["article"]["id"]: d["article"]["text"] for d in documents}


def reference_date(event: dict) -> str:
    return event["date"] or event["article"]["published"]


def countries(actors: list[dict]) -> set[str | None]:
    return {actor["country"] for actor in actors}


FILTERS = {
    "actor": (["--actor", "RUS"], lambda e: "RUS" in countries(e["actor"])),
    "recipient": (["--recipient", "UKR"], lambda e: "UKR" in countries(e["recipient"])),
    "type": (
        ["--type", "accuse", "--type", "REJECT"],
        lambda e: e["event_type"] in {"ACCUSE", "REJECT"},
    ),
    "country": (
        ["--country", "UKR"],
        lambda e: e["location"] is not None and e["location"]["country"] == "UKR",
    ),
    "verification": (["--verification", "disputed"], lambda e: e["verification"] == "disputed"),
    "text": (["--text", "kharkiv"], lambda e: "kharkiv" in e["evidence"]["text"].lower()),
    "combined": (
        ["--actor", "RUS", "--type", "ASSAULT"],
        lambda e: "RUS" in countries(e["actor"]) and e["event_type"] == "ASSAULT",
    ),
}


@pytest.mark.parametrize("name", list(FILTERS))
def test_event_filters_select_exactly_the_matching_events(store, all_events, name):
    options, matches = FILTERS[name]
    expected = [event["id"] for event in all_events if matches(event)]
    assert expected, f"the fixtures have no event for {name}: the test would prove nothing"
    assert len(expected) < len(all_events)
    rows, numbers = run_all(
        listing_args("events", store, *options),
        ["stats", "--db", store, "--format", "json", *options],
    )
    assert [row["id"] for row in parse(rows)] == expected
    assert parse(numbers)["matching_events"] == len(expected)


def test_date_filters_are_inclusive_bounds(store, all_events):
    # the bounds come from the data (the extractor decides the dates): the middle stored date
    days = sorted({reference_date(event)[:10] for event in all_events if reference_date(event)})
    assert len(days) >= 3, days
    middle = days[len(days) // 2]
    cases = {
        "since day": (["--since", middle], lambda day: day >= middle),
        "until day": (["--until", middle], lambda day: day[:10] <= middle),
        "both": (["--since", middle, "--until", middle], lambda day: day[:10] == middle),
        # a month or year bound includes the whole month or year
        "until month": (["--until", middle[:7]], lambda day: day[:7] <= middle[:7]),
        "since year": (["--since", middle[:4]], lambda day: day[:4] >= middle[:4]),
    }
    results = run_all(*(listing_args("events", store, *options) for options, _ in cases.values()))
    for (name, (_, matches)), result in zip(cases.items(), results, strict=True):
        expected = [event["id"] for event in all_events if matches(reference_date(event))]
        assert expected, name
        assert [row["id"] for row in parse(result)] == expected, name
    for name in ("since day", "until day", "both"):
        matches = cases[name][1]
        assert sum(map(matches, map(reference_date, all_events))) < len(all_events), name


def test_event_formats_agree(store):
    options = ["--type", "ASSAULT"]
    as_json, as_jsonl, as_csv, table, limited = run_all(
        listing_args("events", store, *options),
        listing_args("events", store, *options, fmt="jsonl"),
        listing_args("events", store, *options, fmt="csv"),
        ["events", "--db", store, "--limit", "0", *options],
        ["events", "--db", store, "--format", "json", "--limit", "2", *options],
    )
    ids = [row["id"] for row in parse(as_json)]
    assert len(ids) > 2
    assert [row["id"] for row in parse(as_jsonl, "jsonl")] == ids
    csv_rows = parse(as_csv, "csv")
    assert list(dict.fromkeys(row["event_id"] for row in csv_rows)) == ids
    assert {row["event_type"] for row in csv_rows} == {"ASSAULT"}
    assert table.returncode == 0, table.stderr
    assert f"{len(ids)} events" in table.stdout and "ASSAULT" in table.stdout
    assert [row["id"] for row in parse(limited)] == ids[:2]


def test_event_rows_carry_their_article_and_offsets_into_its_text(
    store_stats, all_events, article_texts
):
    assert len(article_texts) == 6
    assert len(all_events) == store_stats["events"]
    for event in all_events:
        article = event["article"]
        assert set(article) >= {"id", "title", "published", "url", "source"}
        assert article["published"] == PUBLISHED
        text = article_texts[article["id"]]
        for span in ("trigger", "evidence"):
            part = event[span]
            assert text[part["start"] : part["end"]] == part["text"], (event["id"], span)
    # most recent first
    dates = [reference_date(event) for event in all_events]
    assert dates == sorted(dates, reverse=True)


VERIFICATIONS = {
    "reported",
    "unverified",
    "unsubstantiated",
    "disputed",
    "corroborated",
    "confirmed",
}


def test_claims_formats_agree_and_index_their_article(store, store_stats, article_texts):
    as_json, as_jsonl, as_csv, table, disputed = run_all(
        listing_args("claims", store),
        listing_args("claims", store, fmt="jsonl"),
        listing_args("claims", store, fmt="csv"),
        ["claims", "--db", store, "--limit", "0"],
        listing_args("claims", store, "--verification", "disputed"),
    )
    rows = parse(as_json)
    assert len(rows) == store_stats["claims"] > 0
    ids = [row["id"] for row in rows]
    for row in rows:
        text = article_texts[row["article"]["id"]]
        content = row["content"]
        assert text[content["start"] : content["end"]] == content["text"], row["id"]
        assert row["verification"] in VERIFICATIONS
    assert [row["id"] for row in parse(as_jsonl, "jsonl")] == ids
    csv_rows = parse(as_csv, "csv")
    assert [row["claim_id"] for row in csv_rows] == ids
    assert table.returncode == 0, table.stderr
    assert f"{len(rows)} claims" in table.stdout
    disputed = parse(disputed)
    assert disputed and {row["verification"] for row in disputed} == {"disputed"}
    assert len(disputed) < len(rows)


def test_actors_formats_agree(store, store_stats):
    as_json, as_jsonl, as_csv, table, russian = run_all(
        listing_args("actors", store),
        listing_args("actors", store, fmt="jsonl"),
        listing_args("actors", store, fmt="csv"),
        ["actors", "--db", store, "--limit", "0"],
        listing_args("actors", store, "--country", "RUS"),
    )
    rows = parse(as_json)
    assert rows and store_stats["actors"] >= len(rows)
    assert set(rows[0]) >= {"name", "country", "as_actor", "as_recipient", "claims"}
    busiest = [row["as_actor"] + row["as_recipient"] + row["claims"] for row in rows]
    assert busiest[0] == max(busiest)
    names = [row["name"] for row in rows]
    assert [row["name"] for row in parse(as_jsonl, "jsonl")] == names
    assert [row["name"] for row in parse(as_csv, "csv")] == names
    assert table.returncode == 0, table.stderr
    assert f"{len(rows)} actors" in table.stdout
    russian = parse(russian)
    assert russian and {row["country"] for row in russian} == {"RUS"}
    assert "Russia" in {row["name"] for row in russian}


def test_stats_table_and_json_agree(store, store_stats, all_events):
    numbers = store_stats
    assert numbers["events"] == numbers["matching_events"] == len(all_events)
    assert sum(numbers["by_type"].values()) == len(all_events)
    assert sum(numbers["by_verification"].values()) == len(all_events)
    for event_type, count in numbers["by_type"].items():
        assert count == sum(event["event_type"] == event_type for event in all_events)
    table = run("stats", "--db", store)
    assert table.returncode == 0, table.stderr
    for label in ("articles", "events", "claims", "actors", "places"):
        [count] = re.findall(rf"^│ {label} +│ +(\d+) │$", table.stdout, re.MULTILINE)
        assert int(count) == numbers[label], label
    for event_type, count in numbers["by_type"].items():
        assert re.search(rf"^│ {event_type} +│ +{count} │$", table.stdout, re.MULTILINE)


BAD_FILTERS = {
    "--type": ["events", "--type", "BOMBING"],
    "--since": ["stats", "--since", "yesterday"],
    "'2025-13'": ["events", "--since", "2025-13"],
    "--until": ["claims", "--until", "2025-02-30"],
}


def test_bad_filters_are_one_line_usage_errors(store):
    results = run_all(*([*args, "--db", store] for args in BAD_FILTERS.values()))
    for named, result in zip(BAD_FILTERS, results, strict=True):
        assert result.returncode == 2, (named, result.stderr)
        assert named in one_line(result.stderr)
        assert result.stdout == ""


def test_query_on_a_missing_store_says_to_ingest_first(tmp_path):
    db = tmp_path / "nothing.db"
    commands = {
        "events": ["events"],
        "actors": ["actors"],
        "export": ["export", "--format", "jsonl"],
    }
    results = run_all(*([*args, "--db", db] for args in commands.values()))
    for command, result in zip(commands, results, strict=True):
        assert result.returncode == 1, (command, result.stderr)
        line = one_line(result.stderr)
        assert "forewarn ingest" in line and str(db) in line, command
        assert result.stdout == "", command
    assert not db.exists()


def test_query_on_a_file_that_is_not_a_store(tmp_path):
    db = tmp_path / "empty.db"
    sqlite3.connect(db).close()
    result = run("events", "--db", db)
    assert result.returncode == 1
    assert "forewarn ingest" in one_line(result.stderr)


def test_unreachable_postgres_is_one_line_without_the_password():
    url = "postgresql+psycopg://u:secret@127.0.0.1:1/x"
    commands = [
        ["stats"],
        ["events", "--format", "json"],
        ["ingest", FIXTURES / "gaza_aid.txt"],
    ]
    for args, result in zip(commands, run_all(*([*a, "--db", url] for a in commands)), strict=True):
        assert result.returncode == 1, (args, result.stderr)
        line = one_line(result.stderr)
        assert "secret" not in result.stderr + result.stdout
        assert line.startswith("error: postgresql+psycopg://u:***@127.0.0.1:1/x"), line


# --- export ---------------------------------------------------------------------------------


def test_export_formats_count_what_the_store_holds(store, store_stats, tmp_path):
    formats = ["jsonl", "csv", "parquet", "plover", "cameo"]
    targets = {fmt: tmp_path / f"out.{fmt}" for fmt in formats}
    results = run_all(
        *(["export", "--db", store, "--format", fmt, "-o", targets[fmt]] for fmt in formats),
        ["export", "--db", store, "--format", "jsonl", "--text", "Kharkiv"],
        listing_args("events", store, "--text", "Kharkiv"),
    )
    articles, events = store_stats["articles"], store_stats["events"]
    for fmt, result in zip(formats, results, strict=False):
        assert result.returncode == 0, (fmt, result.stderr)
        expected = articles if fmt == "jsonl" else events
        assert f"exported {expected} records from {articles} articles" in result.stderr, fmt
        target = targets[fmt]
        if fmt == "parquet":
            import pyarrow.parquet as pq

            assert pq.read_table(target).num_rows == expected
        elif fmt in ("jsonl", "plover"):
            lines = target.read_text(encoding="utf-8").splitlines()
            assert len(lines) == expected, fmt
            for line in lines:
                json.loads(line)
        else:
            with target.open(encoding="utf-8", newline="") as handle:
                rows = list(csv.reader(handle, delimiter="," if fmt == "csv" else "\t"))
            assert len(rows) == expected + 1, fmt
    assert not list(tmp_path.glob("*.partial"))
    # a filter keeps the matching events of the articles that have one, written to stdout
    filtered, listed = results[-2], parse(results[-1])
    assert filtered.returncode == 0, filtered.stderr
    [document] = [json.loads(line) for line in filtered.stdout.splitlines()]
    assert document["article"]["title"] == "Russian Forces Shell Kharkiv Overnight"
    assert sorted(event["id"] for event in document["events"]) == sorted(
        row["id"] for row in listed
    )
    assert all("kharkiv" in event["evidence"]["text"].lower() for event in document["events"])
    assert len(document["events"]) < events
    assert "exported 1 records from 1 articles" in filtered.stderr


def test_export_into_a_closed_pipe_stops_quietly(store):
    """`forewarn export | head`: the reader leaves before the export ends."""
    export = subprocess.Popen(
        [*ENTRY_POINT, "export", "--db", store, "--format", "plover"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=entry_point_env(),
    )
    export.stdout.close()  # before the process has written anything: its first write fails
    stderr = export.stderr.read().decode()
    assert export.wait(timeout=180) != 0
    assert "error" not in stderr.lower() and "Traceback" not in stderr, stderr


# --- reprocess ------------------------------------------------------------------------------


def test_reprocess_replaces_the_records_of_stored_articles(store, store_stats, tmp_path):
    db = copy_store(store, tmp_path / "copy.db")
    events_before = by_id(listing("events", db))
    some = run(
        "ingest",
        FIXTURES / "korea_drills.txt",
        FIXTURES / "sahel_talks.txt",
        "--reprocess",
        "--db",
        db,
        "--published",
        PUBLISHED,
    )
    assert some.returncode == 0, some.stderr
    assert "read 2, new 0, duplicate 0, reprocessed 2, skipped 0, failed 0" in some.stderr
    numbers, events = run_all(["stats", "--db", db, "--format", "json"], listing_args("events", db))
    assert parse(numbers) == store_stats
    assert by_id(parse(events)) == events_before

    everything = run("ingest", "--reprocess", "--db", db)
    assert everything.returncode == 0, everything.stderr
    assert "read 6, new 0, duplicate 0, reprocessed 6, skipped 0, failed 0" in everything.stderr
    stored = f"stored {store_stats['events']} events, {store_stats['claims']} claims"
    assert stored in everything.stderr
    numbers, events = run_all(["stats", "--db", db, "--format", "json"], listing_args("events", db))
    assert parse(numbers) == store_stats
    assert by_id(parse(events)) == events_before


def test_reprocess_of_a_missing_store_is_an_error_not_a_new_store(tmp_path):
    db = tmp_path / "typo.db"
    result = run("ingest", "--reprocess", "--db", db)
    assert result.returncode == 1
    assert "forewarn ingest" in one_line(result.stderr)
    assert not db.exists()


def test_a_bad_place_file_fails_before_a_store_is_made(tmp_path):
    db = tmp_path / "new.db"
    missing = tmp_path / "UA.txt"
    result = run("ingest", FIXTURES / "korea_drills.txt", "--db", db, "--places", missing)
    assert result.returncode == 1
    assert str(missing) in one_line(result.stderr)
    assert not db.exists()
