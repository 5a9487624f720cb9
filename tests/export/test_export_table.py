"""Flat event rows: fixed columns and types, values a user filters on."""

from __future__ import annotations

import dataclasses

import pyarrow as pa

from forewarn.export import CLAIM_COLUMNS, EVENT_COLUMNS, EVENT_SCHEMA, claim_row, event_rows


def test_every_row_has_the_columns_in_order_and_fits_the_schema(documents):
    rows = [row for document in documents for row in event_rows(document)]
    assert len(rows) == sum(len(d.events) for d in documents) >= 3
    assert all(tuple(row) == EVENT_COLUMNS for row in rows)
    assert tuple(EVENT_SCHEMA.names) == EVENT_COLUMNS
    # every row converts to the one schema: no column changes type between rows
    assert pa.Table.from_pylist(rows, schema=EVENT_SCHEMA).num_rows == len(rows)


def test_assault_row_values(assault):
    document, event = assault
    [row] = [r for r in event_rows(document) if r["event_id"] == event.id]
    assert row["article_id"] == "shelling"
    assert row["article_published"] == "2025-03-10"
    assert row["event_type"] == "ASSAULT"
    assert row["quad_class"] == "material_conflict"
    assert row["actor_country"] == "RUS"
    assert row["date"] == "2025-03-10" and row["date_precision"] == "day"
    assert row["location_name"] == "Kharkiv" and row["location_country"] == "UKR"
    assert isinstance(row["location_geonameid"], int)
    assert row["negated"] is False
    text = document.article.text
    assert text[row["trigger_start"] : row["trigger_end"]] == row["trigger_text"] == "shelled"
    assert text[row["evidence_start"] : row["evidence_end"]] == row["evidence_text"]


def test_several_actors_line_up_and_missing_values_are_none(hand_built):
    [row] = event_rows(hand_built)
    assert row["actor_name"] == "Hungary;European Union"
    assert row["actor_country"] == "HUN;"
    assert row["actor_sector"] == "GOV;IGO"
    assert row["actor_id"] == ";igo:EU"
    assert row["recipient_name"] is None and row["recipient_country"] is None
    assert row["location_name"] is None and row["location_lat"] is None
    assert row["context"] == "diplomatic"
    assert row["date"] == "2024-05" and row["date_precision"] == "month"


def test_claim_rows_carry_speaker_and_offsets_into_the_article(documents):
    pairs = [(d.article, claim) for d in documents for claim in d.claims]
    assert pairs, "the fixture articles attribute at least one claim"
    for article, claim in pairs:
        row = claim_row(article, claim)
        assert tuple(row) == CLAIM_COLUMNS
        assert article.text[row["content_start"] : row["content_end"]] == row["content_text"]
        if claim.speaker:
            assert row["speaker_name"] == claim.speaker.name


def test_magnitude_columns_are_integers_or_none(documents, assault):
    document, event = assault
    document = dataclasses.replace(document, events=[dataclasses.replace(event, dead=3)])
    [row] = event_rows(document)
    assert EVENT_COLUMNS[-5:] == ("dead", "injured", "size", "covert", "cover")
    assert (row["dead"], row["injured"], row["size"]) == (3, None, None)
    table = pa.Table.from_pylist([row], schema=EVENT_SCHEMA)
    assert table.schema.field("dead").type == pa.int64()
    protest = [r for r in event_rows(documents[1]) if r["event_type"] == "PROTEST"]
    assert protest and protest[0]["size"] == 2000
