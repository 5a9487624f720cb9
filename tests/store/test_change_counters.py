"""The change counters of migration 0007 (SQLite and PostgreSQL): every change to what they
count is counted (a migration that rebuilds a table would drop its triggers), and the
answers a Database keeps in memory follow them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, insert, select, update
from test_alerts import add_incident, store_articles

import forewarn
from forewarn.store import open_store
from forewarn.store.changes import change_count
from forewarn.store.schema import actors, articles, claims, event_actors, events, incidents


def counts(url: str) -> tuple[int, int]:
    with open_store(url) as store, store.connect() as connection:
        return change_count(connection, "alert_inputs"), change_count(connection, "actor_links")


def changed(url: str, statement) -> tuple[bool, bool]:
    """Whether running ``statement`` moved each counter (alert_inputs, actor_links)."""
    before = counts(url)
    with open_store(url) as store, store.transaction() as connection:
        connection.execute(statement)
    after = counts(url)
    return after[0] > before[0], after[1] > before[1]


def test_every_change_is_counted_by_its_counter(store_url):
    store_articles(store_url, date(2025, 1, 1), date(2025, 1, 1))
    with open_store(store_url) as store, store.transaction() as connection:
        add_incident(connection, date(2025, 1, 2))
        article = connection.execute(select(articles.c.id)).scalar_one()
    assert changed(store_url, update(incidents).values(dead=4)) == (True, False)
    assert changed(store_url, update(articles).values(published="2025-02-01")) == (True, False)
    assert changed(store_url, update(articles).values(title="other")) == (False, False)
    actor = insert(actors).values(name="Ukrainian forces", country="UKR", identity="UKR|forces")
    assert changed(store_url, actor) == (False, True)
    event = insert(events).values(
        article_id=article, event_key="a#e1", event_type="ASSAULT", context="[]",
        date_precision="day", modality="asserted", negated=False, verification="reported",
        trigger_text="shelled", trigger_start=0, trigger_end=7, evidence_text="shelled",
        evidence_start=0, evidence_end=7, confidence=0.9,
    )  # fmt: skip
    assert changed(store_url, event) == (False, False)
    link = insert(event_actors).values(event_id=1, actor_id=1, role="actor", position=0, text="x")
    assert changed(store_url, link) == (False, True)
    claim = insert(claims).values(
        article_id=article, claim_key="a#c1", speaker_id=1, cue="said", content_text="x",
        content_start=0, content_end=1, date_precision="unknown", stance="assert",
        hedges="[]", verification="reported",
    )  # fmt: skip
    assert changed(store_url, claim) == (False, True)
    assert changed(store_url, update(events).values(claim_id=1)) == (True, False)
    assert changed(store_url, delete(claims)) == (True, True)  # and the event's claim unset
    assert changed(store_url, delete(incidents)) == (True, False)


def test_remembered_actor_counts_follow_the_store(store_url):
    store_articles(store_url, date(2025, 1, 1), date(2025, 1, 1))
    db = forewarn.Database(store_url)
    assert db.actors() == []
    with open_store(store_url) as store, store.transaction() as connection:
        connection.execute(
            insert(actors).values(name="Ukrainian forces", country="UKR", identity="UKR|forces")
        )
    first = db.actors()
    assert [row["name"] for row in first] == ["Ukrainian forces"]
    first[0]["name"] = "changed by the caller"
    assert db.actors()[0]["name"] == "Ukrainian forces"  # the memo's copy is its own
    db.close()
