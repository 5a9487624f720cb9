"""Events as PLOVER JSON event records (PLOVER manual, chapter "Data Fields").

One record per event, with the manual's field names:

=================  =================================================================
PLOVER field       from
=================  =================================================================
``id``             ``event.id`` (unique across articles: it starts with the article id)
``date``           YYYY-MM-DD: the event's date, a month or year as its first day, else
                   the article's publication date (``date_precision`` says which)
``actor``          entity objects of ``event.actor`` (below)
``recipient``      entity objects of ``event.recipient``
``event``          ``[event_type]``
``mode``           ``[mode]``, null when the event has none (the manual: "left null")
``context``        the contexts, null when there are none
``quad_code``      1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
                   4 material conflict (the type's quad category)
``event_scale``    the manual's PLOVER conflict-cooperation score of the type and mode
``event_loc``      location object of ``event.location`` (below), null when unplaced
``event_text``     ``[trigger text]``: the words that express the event
``dead``           the number killed, null when none is stated (the manual's ASSAULT
                   "other fields": ``event_loc``, ``dead``, ``injured``, ``size``)
``injured``        the number wounded, null when none is stated
``size``           the number taking part in a PROTEST or MOBILIZE event (protesters,
                   troops mobilised: the manual's "participant size" for protest coders);
                   null otherwise. The manual's draft also names an undivided casualty
                   total ``size`` on ASSAULT: forewarn does not extract one, so it is null
``text``           the evidence sentence(s) the event was coded from
``text_info``      ``{start, end}``: the evidence's character offsets in the article text
``cite_info``      ``{citation: article id, url, title, publication: source, language}``
``coder``          ``forewarn <version>``
=================  =================================================================

Entity objects: ``code`` (ISO 3166-1 alpha-3 country; for an actor without one the manual's
non-state code, UNO, EUR, IGO, NGO or IMG, from ``forewarn/data/export/plover_actor_codes.tsv``
or its IGO/NGO sector), ``sector``, ``entity_text`` (the mention), ``identifier_id`` (the
gazetteer id, e.g. ``person:sergei-lavrov``) and ``identifier_text`` (its canonical name).

Location objects: ``extracted_place``, ``resolved_place``, ``geonameid``, ``lat``, ``lon``,
``city``, ``district``, ``province``, ``country`` (name), ``country_code`` (alpha-3) and
``resolution`` (1 country, 2 province, 3 district, 4 city; null for a region or sea the
gazetteer curates and for an unresolved name).

What forewarn knows beyond the manual's fields is kept under our own record's names (the
manual invites named fields beyond its table): ``date_precision``, ``date_text``,
``negated``, ``modality``, ``verification``, ``trigger`` (``{text, start, end}``),
``confidence`` and ``claim``: the attributed claim the event was reported in (``id``,
``speaker`` as an entity object, ``cue``, ``stance``, ``channel``, ``content``
``{text, start, end}``, ``hedges``, ``verification``), null when the outlet reports it in its
own voice.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from forewarn import __version__
from forewarn.data import load_tsv
from forewarn.export.fields import coded_day, quad_number
from forewarn.export.geo import place_info
from forewarn.ontology import goldstein
from forewarn.records import Actor, Claim, Document, Place, Span

__all__ = ["plover_records"]

CODER = f"forewarn {__version__}"

# Sectors that are also the manual's country-field codes for non-state international actors.
_NON_STATE_SECTORS = frozenset({"IGO", "NGO"})
_RESOLUTION = {"country": 1, "admin1": 2, "admin2": 3, "city": 4}


@cache
def _actor_codes() -> dict[str, str]:
    return {actor_id: code for actor_id, code in load_tsv("export/plover_actor_codes.tsv")}


def _entity(actor: Actor) -> dict[str, Any]:
    code = actor.country or _actor_codes().get(actor.id or "")
    if code is None and actor.sector in _NON_STATE_SECTORS:
        code = actor.sector
    return {
        "code": code,
        "sector": actor.sector,
        "entity_text": actor.text,
        "identifier_id": actor.id,
        "identifier_text": actor.name,
    }


def _location(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    info = place_info(place)
    return {
        "extracted_place": place.text,
        "resolved_place": place.name,
        "geonameid": place.geonameid,
        "lat": place.lat,
        "lon": place.lon,
        "city": place.name if info.kind == "city" else None,
        "district": place.name if info.kind == "admin2" else None,
        "province": place.admin1,
        "country": info.country_name,
        "country_code": place.country,
        "resolution": _RESOLUTION.get(info.kind),
    }


def _span(span: Span) -> dict[str, Any]:
    return {"text": span.text, "start": span.start, "end": span.end}


def _claim(claim: Claim | None) -> dict[str, Any] | None:
    if claim is None:
        return None
    return {
        "id": claim.id,
        "speaker": _entity(claim.speaker) if claim.speaker else None,
        "cue": claim.cue,
        "stance": claim.stance,
        "channel": claim.channel,
        "content": _span(claim.content),
        "hedges": list(claim.hedges),
        "verification": claim.verification,
    }


def plover_records(document: Document) -> Iterator[dict[str, Any]]:
    """One PLOVER JSON event record per event of ``document`` (see the module docstring)."""
    article = document.article
    cite_info = {
        "citation": article.id,
        "url": article.url,
        "title": article.title,
        "publication": article.source,
        "language": article.language,
    }
    claims = {claim.id: claim for claim in document.claims}
    for event in document.events:
        day = coded_day(event, article)
        yield {
            "id": event.id,
            "date": day.isoformat() if day else None,
            "actor": [_entity(actor) for actor in event.actor],
            "recipient": [_entity(actor) for actor in event.recipient],
            "event": [event.event_type],
            "mode": [event.mode] if event.mode else None,
            "context": list(event.context) or None,
            "quad_code": quad_number(event.event_type),
            "event_scale": goldstein(event.event_type, event.mode),
            "event_loc": _location(event.location),
            "event_text": [event.trigger.text],
            "dead": event.dead,
            "injured": event.injured,
            "size": event.size,
            "covert": event.covert,
            "cover": event.cover,
            "text": event.evidence.text,
            "text_info": {"start": event.evidence.start, "end": event.evidence.end},
            "cite_info": dict(cite_info),
            "coder": CODER,
            "date_precision": event.date_precision,
            "date_text": event.date_text,
            "negated": event.negated,
            "modality": event.modality,
            "verification": event.verification,
            "trigger": _span(event.trigger),
            "confidence": event.confidence,
            "claim": _claim(claims.get(event.claim_id or "")),
        }
