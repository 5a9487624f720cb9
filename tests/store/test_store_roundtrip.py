"""What goes in comes out: stored Documents equal the extractor's, offsets included; a
reprocess replaces rather than adds; a failed transaction leaves nothing behind."""

from __future__ import annotations

import dataclasses
import json

import pytest
from sqlalchemy import select
from store_support import (
    FIXTURES,
    MAX_INPUT_BYTES,
    PUBLISHED,
    CachedEngine,
    DocumentBuilder,
    expected_counts,
    row_counts,
)

from forewarn.errors import StoreError
from forewarn.pipeline import LocalEngine, ingest, reprocess_stored
from forewarn.records import Actor, Article, Document, Event, Span, to_dict
from forewarn.store.query import EventFilter, claim_ids, event_ids
from forewarn.store.reader import iter_article_ids, load_claims, load_documents, load_events
from forewarn.store.schema import articles
from forewarn.store.writer import write_documents


def stored_documents(store) -> list[Document]:
    with store.connect() as connection:
        ids = [i for batch in iter_article_ids(connection, batch=4) for i in batch]
        return load_documents(connection, ids)


def by_article(documents) -> dict[str, dict]:
    return {document.article.id: to_dict(document) for document in documents}


def assert_offsets_index_the_text(document: Document) -> None:
    text = document.article.text
    spans = [span for e in document.events for span in (e.trigger, e.evidence)]
    spans += [claim.content for claim in document.claims]
    assert spans
    for span in spans:
        assert text[span.start : span.end] == span.text


def stored_versions(store) -> set[str]:
    with store.connect() as connection:
        return set(connection.execute(select(articles.c.extractor_version)).scalars())


def test_ingest_round_trips_the_extractors_documents(store, extractor, fixture_documents):
    summary = ingest(
        [FIXTURES],
        store,
        LocalEngine(extractor),
        published=PUBLISHED,
        max_input_bytes=MAX_INPUT_BYTES,
        batch_size=4,
    )
    assert (summary.new, summary.duplicate, summary.failed, summary.skipped) == (6, 0, 0, 0)
    assert summary.events == sum(len(d.events) for d in fixture_documents) > 0
    assert summary.claims == sum(len(d.claims) for d in fixture_documents) > 0

    loaded = stored_documents(store)
    assert by_article(loaded) == by_article(fixture_documents)
    for document in loaded:
        assert document.article.published == PUBLISHED
        assert_offsets_index_the_text(document)
    assert stored_versions(store) == {extractor.version}

    counts = row_counts(store)
    assert {name: counts[name] for name in expected_counts(fixture_documents)} == (
        expected_counts(fixture_documents)
    )
    # Actors and places are shared rows: fewer than their mentions.
    mentions = expected_counts(fixture_documents)["event_actors"]
    assert 0 < counts["actors"] < mentions
    assert counts["places"] > 0


def test_events_and_claims_load_one_by_one(store, cached_engine, fixture_documents):
    ingest([FIXTURES], store, cached_engine, published=PUBLISHED, max_input_bytes=MAX_INPUT_BYTES)
    events = {(d.article.id, e.id): to_dict(e) for d in fixture_documents for e in d.events}
    claims = {(d.article.id, c.id): to_dict(c) for d in fixture_documents for c in d.claims}
    with store.connect() as connection:
        ids = event_ids(connection, EventFilter()).items
        loaded_events = load_events(connection, ids)
        loaded_claims = load_claims(connection, claim_ids(connection, EventFilter()).items)
        # In the order asked for, and ids that are not there are left out.
        reversed_events = load_events(connection, [*reversed(ids), 10**9])
    assert {(a.id, e.id): to_dict(e) for a, e in loaded_events} == events
    assert {(a.id, c.id): to_dict(c) for a, c in loaded_claims} == claims
    assert [e.id for _, e in reversed_events] == [e.id for _, e in reversed(loaded_events)]
    for article, _ in [*loaded_events, *loaded_claims]:
        assert article.text == ""
        assert article.published == PUBLISHED


def stale(document: Document) -> Document:
    """An older extraction of ``document``: its events all but one, and one it no longer finds."""
    extra = Event(
        id=f"{document.article.id}#old",
        event_type="SANCTION",
        mode=None,
        context=[],
        actor=[],
        recipient=[],
        date=None,
        date_precision="unknown",
        date_text=None,
        location=None,
        negated=False,
        modality="asserted",
        claim_id=None,
        verification="reported",
        trigger=Span(document.article.text[:3], 0, 3),
        evidence=Span(document.article.text[:20], 0, 20),
        confidence=0.1,
    )
    return dataclasses.replace(document, events=[*document.events[1:], extra], claims=[])


def write_old(store, documents) -> None:
    with store.transaction() as connection:
        written = write_documents(connection, [(stale(d), "old run") for d in documents], "old")
    assert all(result.stored for result in written)


def assert_holds_exactly(store, documents) -> None:
    counts = row_counts(store)
    assert {name: counts[name] for name in expected_counts(documents)} == expected_counts(documents)
    assert by_article(stored_documents(store)) == by_article(documents)


def test_ingest_reprocess_replaces_events_and_claims(store, cached_engine, fixture_documents):
    write_old(store, fixture_documents)
    summary = ingest(
        [FIXTURES],
        store,
        cached_engine,
        published=PUBLISHED,
        max_input_bytes=MAX_INPUT_BYTES,
        reprocess=True,
    )
    assert (summary.new, summary.duplicate, summary.replaced) == (0, 0, 6)
    assert cached_engine.articles == 6
    assert_holds_exactly(store, fixture_documents)
    assert stored_versions(store) == {cached_engine.version}

    # Again: still the same rows, nothing doubled.
    ingest(
        [FIXTURES],
        store,
        cached_engine,
        published=PUBLISHED,
        max_input_bytes=MAX_INPUT_BYTES,
        reprocess=True,
    )
    assert_holds_exactly(store, fixture_documents)


def test_reprocess_stored_extracts_every_article_again(store, extractor, fixture_documents):
    write_old(store, fixture_documents)
    engine = CachedEngine(extractor, fixture_documents, version="new")
    summary = reprocess_stored(store, engine, batch_size=4)
    assert (summary.new, summary.replaced, summary.failed) == (0, 6, 0)
    assert engine.articles == 6
    assert_holds_exactly(store, fixture_documents)
    assert stored_versions(store) == {"new"}


def test_reprocess_stores_the_text_its_offsets_index(store, extractor, fixture_documents):
    """The stored copy differs in whitespace (same text hash): the new offsets index the new
    text, so the new text must be what is stored."""
    old = [
        dataclasses.replace(
            d,
            article=dataclasses.replace(d.article, text="  " + d.article.text.replace(" ", "  ")),
            events=[],
            claims=[],
        )
        for d in fixture_documents
    ]
    with store.transaction() as connection:
        write_documents(connection, [(d, "old copy") for d in old], "old")
    summary = ingest(
        [FIXTURES],
        store,
        CachedEngine(extractor, fixture_documents),
        published=PUBLISHED,
        max_input_bytes=MAX_INPUT_BYTES,
        reprocess=True,
    )
    assert summary.replaced == 6
    for document in stored_documents(store):
        assert_offsets_index_the_text(document)
    assert_holds_exactly(store, fixture_documents)


def test_reprocess_of_an_edited_article_at_the_same_url(store, extractor):
    url = "https://news.example.org/2025/03/kharkiv"
    text = "Russian forces shelled Kharkiv on Sunday, the governor said."
    edited = "Updated: " + text + " Two civilians were killed."

    def document(body: str) -> Document:
        return extractor.extract(
            Article(id="k", title=None, published=PUBLISHED, text=body, url=url)
        )

    with store.transaction() as connection:
        write_documents(connection, [(document(text), "first")], "v1")
    with store.transaction() as connection:
        [result] = write_documents(connection, [(document(edited), "second")], "v2", replace=True)
    assert result.replaced
    [stored] = stored_documents(store)
    assert stored.article.text == edited
    assert_offsets_index_the_text(stored)
    assert to_dict(stored) == to_dict(document(edited))


def test_a_failed_transaction_leaves_nothing(store, fixture_documents):
    with pytest.raises(RuntimeError, match="killed"), store.transaction() as connection:
        written = write_documents(connection, [(d, "batch") for d in fixture_documents], "v1")
        assert all(result.stored for result in written)
        raise RuntimeError("killed after writing")
    assert set(row_counts(store).values()) == {0}


def test_a_database_error_mid_batch_rolls_back_the_whole_batch(store, fixture_documents):
    good, bad = fixture_documents[0], fixture_documents[1]
    # Two events with one id: the second insert violates (article_id, event_key).
    broken = dataclasses.replace(bad, events=[bad.events[0], bad.events[0]], claims=[])
    with pytest.raises(StoreError) as raised, store.transaction() as connection:
        write_documents(connection, [(good, "good"), (broken, "broken")], "v1")
    assert "\n" not in str(raised.value)
    assert set(row_counts(store).values()) == {0}
    # The store is usable afterwards.
    with store.transaction() as connection:
        write_documents(connection, [(good, "good")], "v1")
    assert row_counts(store)["articles"] == 1


def test_a_long_article_id_is_stored_on_every_database(store, extractor, tmp_path):
    """JSONL ids are often URLs: SQLite ignores column lengths, PostgreSQL must fit them."""
    article_id = "https://news.example.org/2025/03/10/" + "kharkiv-shelling-" * 20
    feed = tmp_path / "feed.jsonl"
    text = "Russian forces shelled Kharkiv on Sunday, the governor said."
    feed.write_text(json.dumps({"id": article_id, "text": text}) + "\n")
    summary = ingest(
        [feed], store, LocalEngine(extractor), published=PUBLISHED, max_input_bytes=MAX_INPUT_BYTES
    )
    assert (summary.new, summary.failed) == (1, 0)
    assert summary.events > 0
    [stored] = stored_documents(store)
    assert stored.article.id == article_id
    assert all(event.id.startswith(article_id) for event in stored.events)


def test_long_free_text_values_are_stored_on_every_database(store):
    """Cues, channels, names and URLs come from the text: no column may be too short for them."""
    long_name = "the joint coordination council of the " + "northern and southern " * 20 + "regions"
    speaker = Actor(text=long_name, name=long_name, country="UKR", sector="GOV", id=long_name)
    builder = DocumentBuilder("long", published=PUBLISHED, url="https://example.org/" + "a/" * 2500)
    builder.claim("The council said the bridge was closed.", speaker=speaker)
    document = builder.build()
    claim = document.claims[0]
    document.claims[0] = dataclasses.replace(
        claim, cue="called out " * 30 + "for", channel="a statement at " + "the conference " * 20
    )
    with store.transaction() as connection:
        write_documents(connection, [(document, "long")], "v1")
    [stored] = stored_documents(store)
    assert stored.claims[0].cue == document.claims[0].cue
    assert stored.claims[0].channel == document.claims[0].channel
    assert stored.claims[0].speaker.name == long_name
    assert stored.article.url == document.article.url


def test_to_dict_makes_what_asdict_makes(fixture_documents):
    """to_dict's fast path (no deep copies) keeps asdict's output, key order included."""
    for document in fixture_documents:
        assert json.dumps(to_dict(document)) == json.dumps(dataclasses.asdict(document))
        for record in [document.article, *document.events, *document.claims]:
            assert json.dumps(to_dict(record)) == json.dumps(dataclasses.asdict(record))
