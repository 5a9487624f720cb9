"""An article's text cut at its records' spans, for the article page's highlights.

Each event's evidence and trigger and each claim's content becomes a ``<mark>``; the marks
nest (a trigger inside its evidence, a claim inside a sentence). Two spans that overlap
without one holding the other cannot both be one element: the later one is cut where the
earlier ends and continues in a second mark (only the first fragment carries the record's
anchor id). A mark never contains a link: the links to the records (``[e1]``) follow the
outermost mark, like footnotes, so every mark's text is exactly its span of the article.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from forewarn.records import Document

__all__ = ["Mark", "Token", "highlight", "local_id"]

MarkKind = Literal["evidence", "trigger", "claim"]


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlighted span: its kind, the local id of its record (``e1``, ``c2``) and
    whether it is the span's first fragment (the one that carries the anchor)."""

    kind: MarkKind
    record: str
    start: int
    end: int
    first: bool = True


@dataclass(frozen=True, slots=True)
class Token:
    """``text`` (a stretch of the article), ``open``/``close`` (a mark) or ``refs`` (the
    records whose marks have just all closed)."""

    kind: Literal["text", "open", "close", "refs"]
    text: str = ""
    mark: Mark | None = None
    refs: tuple[str, ...] = ()


def highlight(document: Document) -> list[Token]:
    """The article's text as tokens, every record's span marked."""
    text = document.article.text
    marks = _marks(document, len(text))
    boundaries = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starting: dict[int, list[Mark]] = {}
    for mark in marks:
        starting.setdefault(mark.start, []).append(mark)
    tokens: list[Token] = []
    open_marks: list[Mark] = []
    pending_refs: list[str] = []
    for position, following in zip(boundaries, boundaries[1:] + [len(text)], strict=True):
        _close_ending(position, open_marks, tokens, pending_refs)
        if not open_marks and pending_refs:
            tokens.append(Token("refs", refs=tuple(dict.fromkeys(pending_refs))))
            pending_refs.clear()
        # Longest first, so that a span opened here holds the shorter ones opened with it.
        for mark in sorted(starting.get(position, ()), key=lambda m: -m.end):
            open_marks.append(mark)
            tokens.append(Token("open", mark=mark))
        if following > position:
            tokens.append(Token("text", text=text[position:following]))
    return tokens


def _close_ending(
    position: int, open_marks: list[Mark], tokens: list[Token], pending_refs: list[str]
) -> None:
    """Close the marks ending at ``position``; a mark opened inside one of them that goes on
    past it is closed with it and reopened as a continuing fragment."""
    ending = [i for i, mark in enumerate(open_marks) if mark.end == position]
    if not ending:
        return
    closing = open_marks[ending[0] :]
    del open_marks[ending[0] :]
    for mark in reversed(closing):
        tokens.append(Token("close", mark=mark))
    for mark in closing:
        if mark.end == position:
            if mark.kind != "trigger":
                pending_refs.append(mark.record)
        else:
            fragment = Mark(mark.kind, mark.record, position, mark.end, first=False)
            open_marks.append(fragment)
            tokens.append(Token("open", mark=fragment))


def local_id(record_id: str) -> str:
    """``e1`` of ``<article id>#e1``: the record's anchor on its article page."""
    return record_id.rpartition("#")[2]


def _marks(document: Document, length: int) -> list[Mark]:
    marks: list[Mark] = []
    for event in document.events:
        record = local_id(event.id)
        marks.append(Mark("evidence", record, event.evidence.start, event.evidence.end))
        marks.append(Mark("trigger", record, event.trigger.start, event.trigger.end))
    for claim in document.claims:
        record = local_id(claim.id)
        marks.append(Mark("claim", record, claim.content.start, claim.content.end))
    # An empty or out-of-range span marks nothing (offsets index this very text).
    return [m for m in marks if 0 <= m.start < m.end <= length]
