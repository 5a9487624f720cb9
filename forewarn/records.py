"""The record contract every interface speaks (see DESIGN.md, "Records").

Plain dataclasses: cheap to build in the hot path, trivially turned into JSON with
:func:`to_dict`. Field names and vocabularies are the contract; do not rename them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

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
    "Modality",
    "Place",
    "Span",
    "Stance",
    "Verification",
    "document_from_dict",
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
    text: str
    name: str
    country: str | None = None
    sector: str | None = None
    id: str | None = None


@dataclass(slots=True)
class Place:
    text: str
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


@dataclass(slots=True)
class Article:
    id: str
    title: str | None
    published: str | None
    text: str
    url: str | None = None
    source: str | None = None
    language: str = "en"


@dataclass(slots=True)
class Event:
    id: str
    event_type: str
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


@dataclass(slots=True)
class Claim:
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
    article: Article
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


def to_dict(record: Any) -> dict[str, Any]:
    """A JSON-ready dict of any record above (nested records included)."""
    return asdict(record)


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
