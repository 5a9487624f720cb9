"""The library's front door: ``forewarn.Database`` ingests and answers in a line or two,
on SQLite and PostgreSQL, through the same pipeline and queries as the commands."""

from __future__ import annotations

import json

import pytest
from store_support import FIXTURES, PUBLISHED

import forewarn


def test_ingest_then_ask_in_a_few_lines(store_url, extractor, tmp_path):
    db = forewarn.Database(store_url)
    summary = db.ingest([FIXTURES], published=PUBLISHED)
    assert (summary.new, summary.duplicate, summary.failed) == (6, 0, 0)

    again = db.ingest([FIXTURES], published=PUBLISHED)
    assert (again.new, again.duplicate) == (0, 6)

    assaults = db.events(forewarn.EventFilter(event_types=("ASSAULT",)), limit=None)
    assert assaults and all(event.event_type == "ASSAULT" for _, event in assaults)
    assert len(db.claims(limit=None)) == summary.claims
    stats = db.stats()
    assert (stats["events"], stats["claims"]) == (summary.events, summary.claims)
    assert db.actors(limit=5)

    exported = db.export("jsonl", tmp_path / "all.jsonl")
    assert (exported.records, exported.articles) == (6, 6)
    documents = [json.loads(line) for line in (tmp_path / "all.jsonl").open(encoding="utf-8")]
    assert sum(len(document["events"]) for document in documents) == summary.events
    for document in documents:  # the evidence is where the offsets say, in the stored text
        text = document["article"]["text"]
        for event in document["events"]:
            evidence = event["evidence"]
            assert text[evidence["start"] : evidence["end"]] == evidence["text"]
    db.close()


def test_a_query_of_a_missing_store_fails_and_creates_nothing(tmp_path):
    missing = tmp_path / "typo.db"
    with pytest.raises(forewarn.StoreError, match="no store at"):
        forewarn.Database(missing).events()
    assert not missing.exists()


def test_a_bad_filter_names_its_field():
    with pytest.raises(forewarn.FilterError) as raised:
        forewarn.EventFilter(event_types=("BOMBING",))
    assert raised.value.field == "event_types"
    assert "'BOMBING' is not a PLOVER event type" in str(raised.value)


def test_an_article_comes_back_whole_and_a_missing_one_is_not_found(store_url, extractor):
    db = forewarn.Database(store_url)
    db.ingest([FIXTURES], published=PUBLISHED)
    _, event = db.events(limit=1)[0]
    article_id = event.id.split("#")[0]
    document = db.article(article_id)
    assert document.article.id == article_id and document.article.text
    assert event.id in {stored.id for stored in document.events}
    for record in [*document.events, *document.claims]:
        span = record.evidence if hasattr(record, "evidence") else record.content
        assert document.article.text[span.start : span.end] == span.text
    with pytest.raises(forewarn.NotFoundError, match="'no-such-article': no such article"):
        db.article("no-such-article")

    incident = db.incidents(limit=1)[0]
    assert db.incident(incident["id"]) == incident
    for missing in ("i999999", "12x", "i" + "9" * 30):
        with pytest.raises(forewarn.NotFoundError, match="no such incident"):
            db.incident(missing)
    page = db.incident_page(limit=1)
    assert page.items == [incident] and page.next
    with pytest.raises(forewarn.FilterError, match="a page holds 1 to 500 items"):
        db.event_page(limit=501)
    db.close()


def test_a_shell_filter_takes_blank_fields_as_none_and_comma_lists():
    where = forewarn.EventFilter.from_options(
        actor=" ", event_types=["ASSAULT,coerce", ""], verification=["disputed"], since=""
    )
    assert where == forewarn.EventFilter(
        event_types=("ASSAULT", "coerce"), verification=("disputed",)
    )
    with pytest.raises(forewarn.FilterError) as raised:
        forewarn.EventFilter.from_options(event_types=["ASSAULT,BOMBING"])
    assert raised.value.field == "event_types"
