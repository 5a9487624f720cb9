"""Incidents in the store, from real articles through the real extractor: one story under
several outlets is one incident with one outlet; an independent report corroborates it; the
accused party's denial, in a later article, disputes it; a rebuild gives what ingesting gave."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

import forewarn
from forewarn.store.schema import incidents

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "incidents"
STORY = FIXTURES / "story.jsonl"  # one wire story under three outlets, and Kyiv Daily's own
DENIAL = FIXTURES / "denial.jsonl"  # Russia's Defence Ministry denies it the next day


def kharkiv_shelling(db: forewarn.Database) -> dict:
    [incident] = db.incidents(
        forewarn.EventFilter(event_types=("ASSAULT",), country="UKR"), limit=None
    )
    return incident


def comparable(rows: list[dict]) -> list[dict]:
    """Incidents without their store ids, in a stable order."""
    return sorted(
        ({key: value for key, value in row.items() if key != "id"} for row in rows),
        key=lambda row: json.dumps(row, sort_keys=True),
    )


def test_a_syndicated_story_is_one_outlet_and_a_denial_disputes_it(store_url, extractor):
    db = forewarn.Database(store_url)
    db.ingest([STORY])
    shelling = kharkiv_shelling(db)
    assert {m["article_id"] for m in shelling["mentions"]} == {
        "wire-a",
        "daily-b",
        "times-c",
        "kyiv-d",
    }
    # Wire A's story under Daily B's and Times C's pages counts once, under Wire A
    assert shelling["outlets"] == ["Kyiv Daily", "Wire A"]
    assert "UKR/MIL" in shelling["claimants"]  # the General Staff, as Kyiv Daily quotes it
    assert shelling["verification"] == "corroborated"
    assert shelling["location"]["name"] == "Kharkiv"
    # "killing two civilians and wounding five", in every copy: the toll, not a sum of tolls
    assert (shelling["dead"], shelling["injured"]) == (2, 5)
    assert [a["country"] for a in shelling["actor"]] == ["RUS"] * len(shelling["actor"])

    db.ingest([DENIAL])
    disputed = kharkiv_shelling(db)
    assert disputed["verification"] == "disputed"
    history = disputed["verification_history"]
    assert [change["verification"] for change in history] == ["corroborated", "disputed"]
    assert history[-1]["event_id"].startswith("agency-e#")
    assert "Russian Defence Ministry" in history[-1]["reason"]
    assert db.incidents(forewarn.EventFilter(verification=("disputed",)), limit=None) == [disputed]

    incremental = db.incidents(limit=None)
    assert db.rebuild_incidents() == len(incremental)
    rebuilt = db.incidents(limit=None)
    for rows in (incremental, rebuilt):
        for row in rows:
            row["verification_history"] = row["verification_history"][-1:]
    assert comparable(rebuilt) == comparable(incremental)
    db.close()


def test_ingesting_again_adds_no_incident_and_a_reprocess_keeps_them_whole(store_url, extractor):
    db = forewarn.Database(store_url)
    db.ingest([STORY, DENIAL])
    before = db.incidents(limit=None)
    db.ingest([STORY, DENIAL])
    assert db.incidents(limit=None) == before

    db.reprocess()
    after = db.incidents(limit=None)
    assert comparable(_last_verdicts(after)) == comparable(_last_verdicts(before))
    with db._open(create=False).connect() as connection:  # no empty incident left behind
        empty = connection.execute(
            select(func.count()).select_from(incidents).where(incidents.c.mentions == 0)
        ).scalar_one()
    assert empty == 0
    db.close()


def _last_verdicts(rows: list[dict]) -> list[dict]:
    return [{**row, "verification_history": row["verification_history"][-1:]} for row in rows]


@pytest.mark.parametrize("flag", ["--type", "--country", "--since"])
def test_a_bad_filter_is_a_usage_error_naming_its_flag(flag, tmp_path):
    from typer.testing import CliRunner

    from forewarn.cli import app

    result = CliRunner().invoke(app, ["incidents", "--db", str(tmp_path / "x.db"), flag, "???"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {flag} '???'")


def test_a_claim_thread_sets_the_denial_against_the_reports(store_url, extractor):
    db = forewarn.Database(store_url)
    db.ingest([STORY, DENIAL])
    [(denial_article, denial)] = [
        (article, claim)
        for article, claim in db.claims(limit=None)
        if claim.stance == "deny" and article.id == "agency-e"
    ]
    thread = db.claim_thread(denial.id)
    relation_of = {claim.id: relation for relation, _, claim in thread}
    assert relation_of[denial.id] == "this claim"
    general_staff = [claim.id for _, article, claim in thread if article.id == "kyiv-d"]
    assert general_staff and all(relation_of[c] == "contradicts" for c in general_staff)
    published = [claim.date or article.published for _, article, claim in thread]
    assert published == sorted(published)  # in time order

    from_the_other_side = dict(
        (claim.id, relation) for relation, _, claim in db.claim_thread(general_staff[0])
    )
    assert from_the_other_side[denial.id] == "contradicts"
    with pytest.raises(forewarn.NotFoundError, match="no stored claim"):
        db.claim_thread("nowhere#c9")
    db.close()
