"""PLOVER JSON event records: the manual's field names, plus forewarn's own under their names."""

from __future__ import annotations

import dataclasses
import json
import re

from forewarn.export import plover_records

# PLOVER manual, "Data Fields": the event record, entity and location objects; dead, injured
# and size are the "other fields" of the manual's summary of event categories (ASSAULT).
MANUAL_FIELDS = {
    "id",
    "has_event",
    "date",
    "time",
    "enddate",
    "endtime",
    "actor",
    "recipient",
    "event",
    "event_loc",
    "event_text",
    "dead",
    "injured",
    "size",
    "quad_code",
    "event_scale",
    "mode",
    "context",
    "link",
    "text",
    "text_info",
    "cite_info",
    "coder",
    "coded_date",
    "coded_time",
    "comment",
}
FOREWARN_FIELDS = {
    "covert",
    "cover",
    "date_precision",
    "date_text",
    "negated",
    "modality",
    "verification",
    "trigger",
    "confidence",
    "claim",
}
ENTITY_FIELDS = {"code", "sector", "entity_text", "identifier_id", "identifier_text"}
LOCATION_FIELDS = {
    "extracted_place",
    "resolved_place",
    "geonameid",
    "lat",
    "lon",
    "city",
    "district",
    "province",
    "country",
    "country_code",
    "resolution",
}


def test_records_use_the_manuals_field_names(documents):
    records = [r for d in documents for r in plover_records(d)]
    assert len(records) == sum(len(d.events) for d in documents)
    for record in records:
        assert set(record) <= MANUAL_FIELDS | FOREWARN_FIELDS
        assert {"id", "date", "actor", "event"} <= set(record)  # the manual's required fields
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["date"])
        assert isinstance(record["event"], list) and len(record["event"]) == 1
        assert record["quad_code"] in (1, 2, 3, 4)
        for entity in record["actor"] + record["recipient"]:
            assert set(entity) == ENTITY_FIELDS
        if record["event_loc"] is not None:
            assert set(record["event_loc"]) == LOCATION_FIELDS
        assert set(record["text_info"]) == {"start", "end"}
        assert json.loads(json.dumps(record)) == record


def test_assault_record(assault):
    document, event = assault
    [record] = [r for r in plover_records(document) if r["id"] == event.id]
    assert record["event"] == ["ASSAULT"]
    assert record["quad_code"] == 4
    assert record["event_scale"] <= -9
    assert record["date"] == "2025-03-10" and record["date_precision"] == "day"
    [actor] = record["actor"]
    assert actor["code"] == "RUS" and actor["sector"] == "MIL"
    assert record["event_loc"]["resolved_place"] == "Kharkiv"
    assert record["event_loc"]["country_code"] == "UKR"
    assert record["event_loc"]["country"] == "Ukraine"
    assert record["event_loc"]["resolution"] == 4  # a city
    assert record["text"] == event.evidence.text
    assert record["event_text"] == ["shelled"]
    assert record["cite_info"]["url"] == "https://news.example.org/shelling"
    assert record["cite_info"]["citation"] == "shelling"
    # the governor's attribution travels with the event
    assert record["claim"]["id"] == event.claim_id
    assert record["claim"]["cue"] == "said"


def test_non_state_actor_gets_the_manuals_code_and_month_date_its_first_day(hand_built):
    [record] = plover_records(hand_built)
    hungary, eu = record["actor"]
    assert hungary["code"] == "HUN"
    assert eu["code"] == "EUR" and eu["identifier_id"] == "igo:EU"
    assert record["date"] == "2024-05-01" and record["date_precision"] == "month"
    assert record["mode"] is None and record["context"] == ["diplomatic"]
    assert record["event_loc"] is None and record["claim"] is None


def test_magnitudes_are_the_records_dead_injured_and_size(documents, assault):
    document, event = assault
    counted = dataclasses.replace(event, dead=3, injured=5)
    document = dataclasses.replace(document, events=[counted])
    [record] = plover_records(document)
    assert (record["dead"], record["injured"], record["size"]) == (3, 5, None)
    # "Thousands of protesters rallied": the rally's size, by the documented convention
    protest = [r for r in plover_records(documents[1]) if r["event"] == ["PROTEST"]]
    assert protest and protest[0]["size"] == 2000 and protest[0]["dead"] is None
