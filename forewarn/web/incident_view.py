"""An incident as its page tells it: each report with the article, the event and the claim
it came from, in the order they were published, and the claims that deny it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from forewarn.database import Database
from forewarn.records import Article, Claim, Event

__all__ = ["IncidentView", "Report", "incident_view"]


@dataclass(frozen=True, slots=True)
class Report:
    """One mention of the incident: where it was published, and what the article says."""

    outlet: str | None
    published: str | None
    article: Article
    event: Event
    claim: Claim | None


@dataclass(frozen=True, slots=True)
class IncidentView:
    incident: dict[str, Any]
    reports: list[Report]
    denials: list[tuple[Article, Claim]]


def incident_view(database: Database, incident_id: str) -> IncidentView:
    """The incident ``incident_id`` with its reports and denials (``NotFoundError`` if none)."""
    incident = database.incident(incident_id)
    documents = {
        article_id: database.article(article_id)
        for article_id in dict.fromkeys(m["article_id"] for m in incident["mentions"])
    }
    reports = []
    for mention in incident["mentions"]:
        document = documents[mention["article_id"]]
        event = next(e for e in document.events if e.id == mention["event_id"])
        claim = next((c for c in document.claims if c.id == event.claim_id), None)
        reports.append(
            Report(mention["outlet"], mention["published"], document.article, event, claim)
        )
    # Claims meet through incidents (forewarn.analysis.threads): the thread of any claim
    # behind the incident holds every claim that contradicts it.
    claim_id = next((r.claim.id for r in reports if r.claim is not None), None)
    thread = database.claim_thread(claim_id) if claim_id else []
    denials = [(article, claim) for relation, article, claim in thread if relation == "contradicts"]
    return IncidentView(incident, reports, denials)
