"""Texts longer than the model takes at once: cut into chunks, their Documents joined.

spaCy refuses a text over ``nlp.max_length`` characters (a million by default; its parser's
memory grows with the text). forewarn accepts inputs up to ``max_input_bytes`` (10 MB), so a
longer article is cut into consecutive chunks of at most the model's limit, each extracted as
an article of its own, and the chunks' Documents are joined into one Document of the whole
article: offsets shifted to index the whole text, ids numbered again in text order.

Cuts fall at the last paragraph break (a blank line) before the limit, else the last line
break, else the last sentence end (". "), else the last space, else at the limit itself. A
chunk's records see only its own text: a pronoun at the start of a chunk does not reach back
into the one before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from forewarn.records import Article, Document, Span

__all__ = ["chunk_article", "join_documents", "text_chunks"]

# Where a long text may be cut, best first.
_BREAKS = ("\n\n", "\n", ". ", " ")


def text_chunks(text: str, limit: int) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive chunks covering ``text``, each at most ``limit`` long."""
    chunks: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end = _cut_before(text, start, start + limit)
        chunks.append((start, end))
        start = end
    chunks.append((start, len(text)))
    return chunks


def _cut_before(text: str, start: int, stop: int) -> int:
    for separator in _BREAKS:
        at = text.rfind(separator, start, stop)
        if at > start:
            return at + len(separator)
    return stop


def chunk_article(article: Article, start: int, end: int) -> Article:
    """The article with only ``article.text[start:end]`` as its text."""
    return replace(article, text=article.text[start:end])


def join_documents(article: Article, parts: Sequence[tuple[int, Document]]) -> Document:
    """One Document of ``article`` from its chunks' Documents, each with its chunk's start.

    Events and claims keep text order; their ids become ``ID#eN`` and ``ID#cN`` counted over
    the whole article, and the links between them (``claim_id``, ``event_ids``) follow.
    """
    whole = Document(article=article)
    for offset, part in parts:
        claim_ids: dict[str, str] = {}
        for claim in part.claims:
            claim_ids[claim.id] = f"{article.id}#c{len(whole.claims) + 1}"
            claim.id = claim_ids[claim.id]
            claim.content = _shifted(claim.content, offset)
            whole.claims.append(claim)
        event_ids: dict[str, str] = {}
        for event in part.events:
            event_ids[event.id] = f"{article.id}#e{len(whole.events) + 1}"
            event.id = event_ids[event.id]
            event.claim_id = claim_ids[event.claim_id] if event.claim_id else None
            event.trigger = _shifted(event.trigger, offset)
            event.evidence = _shifted(event.evidence, offset)
            whole.events.append(event)
        for claim in part.claims:
            claim.event_ids = [event_ids[event_id] for event_id in claim.event_ids]
    return whole


def _shifted(span: Span, offset: int) -> Span:
    return Span(text=span.text, start=span.start + offset, end=span.end + offset)
