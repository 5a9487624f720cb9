"""The record contract every interface speaks (see DESIGN.md, "Records", and docs/formats.md).

Plain dataclasses: cheap to build in the hot path, turned into JSON by :func:`to_dict`,
:func:`document_json` and :func:`documents_json`, and back by :func:`document_from_dict`.
Field names and vocabularies are the contract; do not rename them.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any, Literal

# The 16 PLOVER event types (the codebook's order; tests check it against plover.json).
EventType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
DatePrecision = Literal["day", "week", "month", "year", "unknown"]
Modality = Literal["asserted", "intended", "hypothetical", "denied"]
Verification = Literal[
    "reported", "unverified", "unsubstantiated", "disputed", "corroborated", "confirmed"
]
Stance = Literal["assert", "deny", "accuse", "promise", "warn", "demand", "other"]

__all__ = [
    "Actor",
    "Article",
    "Claim",
    "DatePrecision",
    "Document",
    "Event",
    "EventType",
    "Modality",
    "Place",
    "Span",
    "Stance",
    "Verification",
    "document_from_dict",
    "document_json",
    "documents_json",
    "to_dict",
]


@dataclass(slots=True)
class Span:
    """A stretch of ``article.text``: ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Actor:
    """Who acts, is acted on or speaks: the words of the text and what they resolve to.

    ``name`` is the canonical name (the gazetteer's, else the words); ``country`` an ISO
    3166-1 alpha-3 code; ``sector`` a PLOVER/CAMEO sector code (GOV, MIL, REB, ...); ``id``
    the gazetteer key, or None for an actor the gazetteer does not know.
    """

    text: str
    name: str
    country: str | None = None
    sector: str | None = None
    id: str | None = None


@dataclass(slots=True)
class Place:
    """Where an event happened: the words of the text and the gazetteer entry they name.

    ``admin1`` is the GeoNames first-order division code; ``lat``/``lon`` and ``geonameid``
    are GeoNames' (None for a place known only by name, e.g. a village the data lacks).
    """

    text: str
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


@dataclass(slots=True)
class Article:
    """One cleaned input: its text is what every offset of its records indexes.

    ``id`` is the input's own id (a JSONL record's) or a digest of the text; ``published``
    is ``YYYY-MM-DD`` or None.
    """

    id: str
    title: str | None
    published: str | None
    text: str
    url: str | None = None
    source: str | None = None
    language: str = "en"


@dataclass(slots=True)
class Event:
    """A PLOVER event: who did what to whom, when and where, pointing at its evidence.

    ``mode`` and ``context`` come from the PLOVER codebook; ``claim_id`` is the claim that
    carries the event when it is reported speech; ``trigger`` and ``evidence`` are the
    word(s) and the sentence it was read from; ``confidence`` is in [0, 1]. ``dead``,
    ``injured`` and ``size`` are PLOVER's magnitudes: the number killed, wounded and taking
    part (protesters, troops mobilised), None when the text gives none; vague quantities
    ("thousands") have a documented lower-bound value (docs/formats.md). ``covert`` marks an
    event done in secret or under a stated cover, ``cover`` the cover it was given ("drills"
    of "called up reservists under the guise of drills"): what early warning looks for.
    """

    id: str
    event_type: EventType
    mode: str | None
    context: list[str]
    actor: list[Actor]
    recipient: list[Actor]
    date: str | None
    date_precision: DatePrecision
    date_text: str | None
    location: Place | None
    negated: bool
    modality: Modality
    claim_id: str | None
    verification: Verification
    trigger: Span
    evidence: Span
    confidence: float
    dead: int | None = None
    injured: int | None = None
    size: int | None = None
    covert: bool = False
    cover: str | None = None


@dataclass(slots=True)
class Claim:
    """An attributed statement: who says what, through which channel, hedged how.

    ``cue`` is the reporting word ("said", "according to"), ``content`` the words claimed,
    ``hedges`` the caveats attached to it, ``event_ids`` the events it carries.
    """

    id: str
    speaker: Actor | None
    cue: str
    channel: str | None
    content: Span
    date: str | None
    date_precision: DatePrecision
    stance: Stance
    hedges: list[str] = field(default_factory=list)
    verification: Verification = "reported"
    event_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Document:
    """What the extractor makes of one article."""

    article: Article
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


def to_dict(record: Any) -> dict[str, Any]:
    """A JSON-ready dict of any record above (nested records included).

    What :func:`dataclasses.asdict` makes, about five times faster (a page of 50 events: 2 ms
    with asdict, the largest cost of an API page): the records hold only scalars, lists of
    strings and other records, so nothing needs asdict's deep copies."""
    plain: dict[str, Any] = _plain(record)
    return plain


def _plain(value: Any) -> Any:
    kind = type(value)
    if kind in _SCALARS:
        return value
    names = _FIELD_NAMES.get(kind)
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if kind is list:
        return [_plain(item) for item in value]
    if is_dataclass(value) and not isinstance(value, type):  # not in records: as asdict does
        return asdict(value)
    return copy.deepcopy(value)


_SCALARS = frozenset({str, int, float, bool, type(None)})
_FIELD_NAMES: dict[type, tuple[str, ...]] = {
    record: tuple(f.name for f in fields(record))
    for record in (Span, Actor, Place, Article, Event, Claim, Document)
}


def document_json(document: Document, indent: int | None = None) -> str:
    """One Document as JSON (UTF-8 text kept as is, not escaped)."""
    return json.dumps(to_dict(document), ensure_ascii=False, indent=indent)


def documents_json(documents: Sequence[Document]) -> str:
    """``--format json``: one Document as an object, any other number as an array."""
    if len(documents) == 1:
        return document_json(documents[0], indent=2)
    return "[" + ",\n".join(document_json(d, indent=2) for d in documents) + "]"


def document_from_dict(data: dict[str, Any]) -> Document:
    """The inverse of :func:`to_dict` for a Document (e.g. one sent between processes)."""

    def actor(value: dict[str, Any] | None) -> Actor | None:
        return Actor(**value) if value is not None else None

    events = [
        Event(
            **{
                **event,
                "actor": [Actor(**a) for a in event["actor"]],
                "recipient": [Actor(**a) for a in event["recipient"]],
                "location": Place(**event["location"]) if event["location"] else None,
                "trigger": Span(**event["trigger"]),
                "evidence": Span(**event["evidence"]),
            }
        )
        for event in data["events"]
    ]
    claims = [
        Claim(**{**claim, "speaker": actor(claim["speaker"]), "content": Span(**claim["content"])})
        for claim in data["claims"]
    ]
    return Document(article=Article(**data["article"]), events=events, claims=claims)
