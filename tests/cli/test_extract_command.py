"""`forewarn extract` as a user runs it: real files, real exit codes.

The commands run in this process (:func:`cli_support.run`); one command per exit status, 0, 1,
2 and 3, runs as the installed entry point in its own process (:func:`run_entry_point`).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from cli_support import ROOT, run, run_entry_point

EXAMPLE = ROOT / "examples" / "reservists_article.txt"

ENGLISH = (
    "Ukraine's foreign minister said on Monday that Russian forces shelled the city of Kharkiv "
    "overnight, wounding three civilians."
)
FRENCH = (
    "Le ministre des affaires étrangères a déclaré lundi que les forces russes avaient "
    "bombardé la ville pendant la nuit et que trois civils avaient été blessés."
)


def test_example_prints_tables_and_summary():
    result = run_entry_point("extract", EXAMPLE, "--published", "2025-03-13")
    assert result.returncode == 0, result.stderr
    assert "MOBILIZE" in result.stdout and "CONSULT" in result.stdout
    assert "Krasnoselsky" in result.stdout
    assert "read 1, extracted 1, skipped 0, failed 0" in result.stderr


def test_json_is_one_document_with_the_contract_fields():
    result = run("extract", EXAMPLE, "--published", "2025-03-13", "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert set(document) == {"article", "events", "claims"}
    assert document["article"]["published"] == "2025-03-13"
    event = document["events"][0]
    assert set(event) >= {
        "id",
        "event_type",
        "mode",
        "context",
        "actor",
        "recipient",
        "date",
        "date_precision",
        "date_text",
        "location",
        "negated",
        "modality",
        "claim_id",
        "verification",
        "trigger",
        "evidence",
        "confidence",
    }
    text = document["article"]["text"]
    assert text[event["trigger"]["start"] : event["trigger"]["end"]] == event["trigger"]["text"]


def test_jsonl_batch_keeps_ids_and_reports_the_bad_line(tmp_path):
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        json.dumps({"id": "kharkiv-1", "text": ENGLISH, "published": "2024-05-14"})
        + "\n"
        + "{not json\n"
        + json.dumps({"id": "fr-1", "text": FRENCH})
        + "\n"
        + json.dumps({"id": "kharkiv-2", "html": f"<html><body><p>{ENGLISH}</p></body></html>"})
        + "\n",
        encoding="utf-8",
    )
    result = run("extract", batch, "--input-format", "jsonl", "--format", "jsonl")
    assert result.returncode == 1
    documents = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["article"]["id"] for d in documents] == ["kharkiv-1", "kharkiv-2"]
    assert any(e["event_type"] == "ASSAULT" for e in documents[0]["events"])
    assert documents[0]["article"]["published"] == "2024-05-14"
    assert f"{batch}:2" in result.stderr
    assert "not English" in result.stderr
    assert "read 4, extracted 2, skipped 1, failed 1" in result.stderr


def test_bad_files_fail_one_line_each_and_the_good_one_is_still_extracted(tmp_path):
    good = tmp_path / "good.txt.gz"
    good.write_bytes(gzip.compress(ENGLISH.encode()))
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Le ministre a déclaré".encode("latin-1"))
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    missing = tmp_path / "missing.txt"
    result = run_entry_point("extract", missing, binary, latin1, empty, good, "--format", "jsonl")
    assert result.returncode == 1
    [document] = [json.loads(line) for line in result.stdout.splitlines()]
    assert document["events"]
    for path in (missing, binary, latin1, empty):
        assert str(path) in result.stderr
    assert "extracted 1" in result.stderr


def test_only_non_english_input_is_skipped_with_status_3(tmp_path):
    french = tmp_path / "article_fr.txt"
    french.write_text(FRENCH, encoding="utf-8")
    result = run_entry_point("extract", french)
    assert result.returncode == 3
    assert "not English" in result.stderr and str(french) in result.stderr


def test_bad_published_date_is_a_one_line_error():
    result = run_entry_point("extract", EXAMPLE, "--published", "13/03/2025")
    assert result.returncode == 2
    assert "--published" in result.stderr and "YYYY-MM-DD" in result.stderr


def test_user_actor_file_names_a_new_actor(tmp_path):
    actors = tmp_path / "actors.jsonl"
    actors.write_text(
        json.dumps(
            {
                "id": "group:northern-hill-brigade",
                "name": "Northern Hill Brigade",
                "aliases": ["the Hill Brigade"],
                "country": "MDA",
                "sector": "REB",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    article = tmp_path / "brigade.txt"
    article.write_text(
        "The Northern Hill Brigade attacked a police station in Comrat on Sunday, officials said.",
        encoding="utf-8",
    )
    result = run(
        "extract", article, "--published", "2025-06-02", "--format", "json", "--actors", actors
    )
    assert result.returncode == 0, result.stderr
    [event] = [e for e in json.loads(result.stdout)["events"] if e["event_type"] == "ASSAULT"]
    assert event["actor"][0]["id"] == "group:northern-hill-brigade"
    assert event["actor"][0]["country"] == "MDA"
    assert event["date"] == "2025-06-01"


@pytest.mark.parametrize("content", ['{"id": 1}\n', "not json at all\n"])
def test_malformed_actor_file_is_a_one_line_error(tmp_path, content):
    actors = tmp_path / "actors.jsonl"
    actors.write_text(content, encoding="utf-8")
    result = run("extract", EXAMPLE, "--actors", actors)
    assert result.returncode == 1
    assert f"{actors}:1" in result.stderr


def test_user_place_file_places_a_village(tmp_path, village_file):
    article = tmp_path / "village.txt"
    article.write_text("Russian forces shelled Zhovtneve Druhe on Monday.", encoding="utf-8")

    def assault_location(*options: str | Path) -> dict | None:
        result = run("extract", article, "--published", "2025-10-16", "--format", "json", *options)
        assert result.returncode == 0, result.stderr
        [event] = [e for e in json.loads(result.stdout)["events"] if e["event_type"] == "ASSAULT"]
        return event["location"]

    location = assault_location("--places", village_file)
    assert location["geonameid"] == 9990001
    assert location["country"] == "UKR" and location["admin1"] == "Donetsk"
    assert (location["lat"], location["lon"]) == (47.5, 37.1)
    without = assault_location()
    assert without is None or without.get("geonameid") != 9990001


# Nineteen columns with words where the coordinates belong.
BAD_COORDINATES = "\t".join(["1", "Somewhere", "Somewhere", "", "north", "east", *[""] * 13])


@pytest.mark.parametrize("content", [None, "not a geonames line\n", BAD_COORDINATES + "\n"])
def test_missing_or_malformed_place_file_is_a_one_line_error(tmp_path, content):
    places = tmp_path / "UA.txt"
    if content is not None:
        places.write_text(content, encoding="utf-8")
    result = run("extract", EXAMPLE, "--places", places)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(places) in lines[0], result.stderr


def test_html_page_gives_title_date_and_body_events():
    page = ROOT / "tests" / "fixtures" / "ingest" / "port_talks_article.html"
    result = run("extract", page, "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    article = document["article"]
    assert article["title"] == "Black Sea Port Talks Resume After Two-Month Pause"
    assert article["published"] == "2025-04-02"
    assert article["text"].startswith("Negotiators from Ukraine and Turkey met in Istanbul")
    [meeting] = [e for e in document["events"] if e["trigger"]["text"] == "met"]
    assert meeting["event_type"] == "CONSULT"
    assert meeting["location"]["name"] == "Istanbul"
    assert meeting["date"] == "2025-04-01"


def test_oversized_page_fails_fast_and_the_rest_is_read(tmp_path):
    huge = tmp_path / "huge.html"
    with huge.open("w", encoding="utf-8") as handle:
        handle.write("<html><body>")
        chunk = "<p>" + "word " * 2000 + "</p>\n"
        for _ in range(5200):  # about 52 MB
            handle.write(chunk)
        handle.write("</body></html>")
    good = tmp_path / "good.txt"
    good.write_text(ENGLISH, encoding="utf-8")
    result = run("extract", huge, good, "--format", "jsonl")
    assert result.returncode == 1
    assert str(huge) in result.stderr and "larger than" in result.stderr
    assert len(result.stdout.splitlines()) == 1
