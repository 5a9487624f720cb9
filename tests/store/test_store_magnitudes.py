"""PLOVER magnitudes in the store: written and read back as they were, and a store made
before they existed (revision 0001) is migrated on opening without losing its rows."""

from __future__ import annotations

import dataclasses

import alembic.command
from sqlalchemy import create_engine, inspect, text
from store_support import DocumentBuilder

from forewarn.store import database as store_database
from forewarn.store import open_store
from forewarn.store.reader import iter_article_ids, load_documents
from forewarn.store.schema import SCHEMA_REVISION
from forewarn.store.writer import write_documents


def casualty_document():
    builder = DocumentBuilder("mag", "2025-03-13")
    builder.event("Shelling killed three civilians and wounded five.", "ASSAULT")
    builder.event("Thousands rallied in the capital.", "PROTEST")
    builder.event("The two sides met in Oman.", "CONSULT")
    document = builder.build()
    document.events[0] = dataclasses.replace(document.events[0], dead=3, injured=5)
    document.events[1] = dataclasses.replace(document.events[1], size=2000)
    return document


def test_magnitudes_round_trip(store_url):
    document = casualty_document()
    with open_store(store_url) as store:
        with store.transaction() as connection:
            write_documents(connection, [(document, "mag")], "v1")
        with store.connect() as connection:
            ids = [i for batch in iter_article_ids(connection) for i in batch]
            (stored,) = load_documents(connection, ids)
    assert stored == document
    assert [(e.dead, e.injured, e.size) for e in stored.events] == [
        (3, 5, None),
        (None, None, 2000),
        (None, None, None),
    ]


def test_a_0001_store_is_migrated_and_keeps_its_rows(store_url):
    engine = create_engine(store_url)
    with engine.begin() as connection:
        alembic.command.upgrade(store_database._alembic_config(connection), "0001")
        connection.execute(
            text(
                "INSERT INTO articles (article_key, text_hash, language, text, "
                "extractor_version, ingested_at) VALUES ('old', 'h1', 'en', 'Troops moved.', "
                "'v0', '2025-01-01T00:00:00')"
            )
        )
        article_id = connection.execute(text("SELECT id FROM articles")).scalar_one()
        connection.execute(
            text(
                "INSERT INTO events (article_id, event_key, event_type, context, "
                "date_precision, negated, modality, verification, trigger_text, trigger_start, "
                "trigger_end, evidence_text, evidence_start, evidence_end, confidence) VALUES "
                "(:article, 'old#e1', 'MOBILIZE', '[]', 'unknown', false, 'asserted', "
                "'reported', 'moved', 7, 12, 'Troops moved.', 0, 13, 0.5)"
            ),
            {"article": article_id},
        )
        columns = {c["name"] for c in inspect(connection).get_columns("events")}
    engine.dispose()
    assert "dead" not in columns

    with open_store(store_url) as store, store.connect() as connection:
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        (document,) = load_documents(connection, [article_id])
    assert revision == SCHEMA_REVISION
    (event,) = document.events
    assert event.id == "old#e1" and (event.dead, event.injured, event.size) == (None, None, None)
