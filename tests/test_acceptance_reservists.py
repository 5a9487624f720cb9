"""Acceptance: examples/reservists_article.txt comes out as its .expected.md describes.

Each test is one row (or rule) of that file, asserted the way an analyst would check it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from forewarn.ingest import RawInput, prepare_article
from forewarn.records import Document, Event

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "reservists_article.txt"
PUBLISHED = "2025-03-13"
FURNITURE = ("Skip to content", "Menu", "World | Europe", "Photo: Reuters/Staff", "newsletter")


@pytest.fixture(scope="module")
def document(extractor) -> Document:
    raw = RawInput(
        origin=str(EXAMPLE),
        id="reservists",
        text=EXAMPLE.read_text(encoding="utf-8"),
        html=None,
        published=None,
        title=None,
        url=None,
        source=None,
    )
    return extractor.extract(prepare_article(raw, published=PUBLISHED))


def events_of(document: Document, event_type: str, trigger: str | None = None) -> list[Event]:
    return [
        e
        for e in document.events
        if e.event_type == event_type and (trigger is None or trigger in e.trigger.text)
    ]


def claim_of(document: Document, event: Event):
    return next(c for c in document.claims if c.id == event.claim_id)


def test_page_furniture_is_not_article_text(document):
    text = document.article.text
    assert document.article.title.startswith("Moldova Says Breakaway Region")
    for furniture in FURNITURE:
        assert furniture not in text
    assert text.startswith("Moldova's Ministry of Defense said on Wednesday")
    assert text.rstrip().endswith("although there is no sign of that yet.")


def test_every_offset_points_at_its_text(document):
    text = document.article.text
    for event in document.events:
        for span in (event.trigger, event.evidence):
            assert text[span.start : span.end] == span.text
    for claim in document.claims:
        assert text[claim.content.start : claim.content.end] == claim.content.text


def test_calling_up_reservists_is_a_disputed_mobilization_claimed_by_the_ministry(document):
    [event] = events_of(document, "MOBILIZE", "calling")
    assert {a.country for a in event.actor} == {"MDA"}
    assert event.date == "2025-03-12" and event.date_precision == "day"
    assert event.modality == "asserted" and not event.negated
    claim = claim_of(document, event)
    assert claim.speaker.country == "MDA" and claim.speaker.sector == "MIL"
    assert claim.date == "2025-03-12"
    # "could not independently confirm", then Krasnoselsky's denial
    assert claim.verification == "disputed"
    assert event.verification == "disputed"
    # "quietly calling up reservists, presenting the call-ups as routine 'readiness drills'"
    assert (event.covert, event.cover) == (True, "routine readiness drills")


def test_the_telegram_statement_keeps_channel_and_hedge(document):
    telegram = [c for c in document.claims if c.channel and "Telegram" in c.channel]
    assert telegram, [c.channel for c in document.claims]
    [claim] = telegram
    assert claim.speaker.country == "MDA" and claim.speaker.sector == "MIL"
    assert any("according to information available to us" in h for h in claim.hedges)
    assert claim.verification in ("unverified", "disputed")


def test_forces_taught_to_operate_armored_vehicles_is_mobilization(document):
    events = [e for e in events_of(document, "MOBILIZE") if "taught" in e.evidence.text]
    assert events
    assert all(e.claim_id is not None for e in events)


def test_the_newsroom_asking_for_comment_is_no_political_event(document):
    for event in document.events:
        assert "contacted" not in event.trigger.text
        assert all("Ledger" not in a.text for a in event.actor)


def test_krasnoselsky_denies_on_thursday_on_local_television(document):
    [event] = events_of(document, "REJECT", "denied")
    [actor] = event.actor
    assert "Krasnoselsky" in actor.text and actor.country == "MDA" and actor.sector == "GOV"
    assert event.date == "2025-03-13"
    denial = next(
        c
        for c in document.claims
        if c.stance == "deny" and "Krasnoselsky" in (c.speaker.text if c.speaker else "")
    )
    assert denial.date == "2025-03-13"
    quote = next(c for c in document.claims if c.channel and "local television" in c.channel)
    assert "Krasnoselsky" in quote.speaker.name


def test_russia_has_no_plans_is_not_an_asserted_deployment(document):
    sentence = [e for e in document.events if "no plans to expand" in e.evidence.text]
    for event in sentence:
        if event.event_type == "MOBILIZE":
            assert event.modality != "asserted" or event.negated


def test_lavrov_met_popsoi_in_geneva_on_march_3(document):
    [event] = events_of(document, "CONSULT", "met")
    assert [a.id for a in event.actor] == ["person:sergei-lavrov"]
    assert event.actor[0].country == "RUS" and event.actor[0].sector == "GOV"
    [recipient] = event.recipient
    assert "Popsoi" in recipient.text and recipient.country == "MDA"
    assert event.date == "2025-03-03" and event.date_precision == "day"
    assert event.location is not None
    assert event.location.name == "Geneva" and event.location.country == "CHE"
    assert event.claim_id is not None
    assert "ministries" in claim_of(document, event).speaker.text


def test_sandu_accused_moscow_last_week_without_details(document):
    [event] = events_of(document, "ACCUSE", "accused")
    assert event.actor[0].country == "MDA" and event.actor[0].sector == "GOV"
    assert [r.country for r in event.recipient] == ["RUS"]
    assert event.date == "2025-03-03" and event.date_precision == "week"
    assert event.verification == "unsubstantiated"


def test_the_kremlin_rejected_the_accusation(document):
    [event] = events_of(document, "REJECT", "rejected")
    assert event.actor[0].country == "RUS" and event.actor[0].sector == "GOV"
    assert event.recipient and event.recipient[0].country == "MDA"
    assert event.date is None or event.date <= PUBLISHED
    assert event.location is None


def test_russia_could_pressure_tiraspol_is_hypothetical(document):
    [event] = events_of(document, "COERCE", "pressure")
    assert event.actor[0].country == "RUS"
    assert event.recipient and event.recipient[0].country == "MDA"
    assert event.modality == "hypothetical"
    assert event.date is None
    assert "Analysts" in claim_of(document, event).speaker.text


def test_metonyms_are_actors_not_places(document):
    # "accused Moscow", "The Kremlin rejected", "pressure Tiraspol": governments, not places
    # ("training grounds near Tiraspol" is a place, and may locate the summoning)
    for trigger in ("accused", "rejected", "pressure"):
        [event] = [e for e in document.events if e.trigger.text == trigger]
        assert event.location is None
