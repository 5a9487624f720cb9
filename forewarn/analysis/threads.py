"""A claim's thread: the claims across articles that support or contradict it, in time order.

Claims meet through incidents: a claim carrying an asserted event of an incident supports the
other claims carrying that incident's events; a denial by a party to the incident (see
:func:`forewarn.analysis.incidents.answers`) contradicts them, and supports the other
denials.
"""

from __future__ import annotations

from typing import Literal

from sqlalchemy import Connection, select

from forewarn.analysis.candidates import CandidatePool
from forewarn.analysis.incidents import Mention, Party, answers, parties_match
from forewarn.analysis.mentions import load_mentions
from forewarn.analysis.resolve import answering, denials_of
from forewarn.errors import NotFoundError
from forewarn.records import Article, Claim
from forewarn.store.reader import load_claims
from forewarn.store.schema import claims, events, incident_events

__all__ = ["Relation", "claim_thread"]

Relation = Literal["this claim", "supports", "contradicts"]


def claim_thread(connection: Connection, claim_key: str) -> list[tuple[Relation, Article, Claim]]:
    """The claim ``claim_key`` and its thread, earliest first."""
    claim_id = connection.execute(
        select(claims.c.id).where(claims.c.claim_key == claim_key)
    ).scalar()
    if claim_id is None:
        raise NotFoundError(f"{claim_key!r}: no stored claim has this id")
    carried = list(
        connection.execute(select(events.c.id).where(events.c.claim_id == claim_id)).scalars()
    )
    asserted, denied = load_mentions(connection, carried, include_denials=True)
    sides: dict[int, bool] = {claim_id: True}  # claim id -> on this claim's side
    # A claim that denies a happening is on the deniers' side, whatever else it asserts
    # (the act of denying is itself an event it carries).
    own_side_asserts = not denied
    incident_ids = set(
        connection.execute(
            select(incident_events.c.incident_id).where(incident_events.c.event_id.in_(carried))
        ).scalars()
    )
    pool = CandidatePool(connection)
    for denial in denied:
        if denial.speaker is not None:
            incident_ids.update(
                view.incident_id for view in pool.around(denial) if answers(denial.speaker, view)
            )
    for incident_id in sorted(incident_ids):
        mentions = _mentions_of(connection, incident_id)
        for mention in mentions:
            if mention.claim_id is not None:
                sides.setdefault(mention.claim_id, own_side_asserts)
        parties = [party for m in mentions for party in m.actors + m.recipients]
        for denial in answering(denials_of(connection, mentions), mentions):
            speaker = denial.speaker
            if denial.claim_id is not None and speaker is not None and _is_party(speaker, parties):
                sides.setdefault(denial.claim_id, not own_side_asserts)
    keys = dict(
        connection.execute(
            select(claims.c.claim_key, claims.c.id).where(claims.c.id.in_(sorted(sides)))
        ).all()
    )
    thread: list[tuple[Relation, Article, Claim]] = []
    for article, claim in load_claims(connection, sorted(sides)):
        relation: Relation = "supports" if sides[keys[claim.id]] else "contradicts"
        thread.append(("this claim" if claim.id == claim_key else relation, article, claim))
    return sorted(thread, key=lambda item: (item[2].date or item[1].published or "", item[2].id))


def _is_party(speaker: Party, parties: list[Party]) -> bool:
    return any(parties_match(speaker, party) for party in parties)


def _mentions_of(connection: Connection, incident_id: int) -> list[Mention]:
    members = connection.execute(
        select(incident_events.c.event_id).where(incident_events.c.incident_id == incident_id)
    ).scalars()
    mentions, _ = load_mentions(connection, list(members))
    return mentions
