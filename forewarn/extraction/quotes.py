"""Quotations and paragraphs in an article's text, as character offsets.

Helpers of the claim component (:mod:`forewarn.extraction.claims`): where quotations open and
close (a quotation mark may be ``"``, curly, or the two apostrophes of newspaper archives),
which quotation a claim's content or a bare "he said" belongs to, and the paragraph a claim
may not run out of.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from forewarn.extraction.syntax import doc_text

__all__ = [
    "MAX_QUOTE_BRIDGE",
    "MIN_QUOTE_WORDS_FOR_FALLBACK",
    "in_long_quote",
    "inside_quote",
    "paragraph_bounds",
    "quote_for",
    "quote_spans",
    "same_paragraph",
    "trim_span",
    "widen_to_quote",
]

# '"A," he said at the rally. "B."': the text between two parts of one quotation is short.
MAX_QUOTE_BRIDGE = 300
# A bare-quote fallback must not pick up scare quotes ("readiness drills").
MIN_QUOTE_WORDS_FOR_FALLBACK = 3
# Two apostrophes ('') are the quotation mark of some wire and newspaper archives (NYT).
_STRAIGHT_OR_CURLY = re.compile(r"''|[\"“”]")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation, marks included; straight quotes (" and '') pair within
    a paragraph."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for match in _STRAIGHT_OR_CURLY.finditer(text):
        char, pos = match.group(), match.start()
        if _inside_markup(text, pos):
            continue  # attribute values of leftover markup (<tweet id="...">) are no quotes
        if open_at is not None and "\n\n" in text[open_at:pos]:
            open_at = None  # unclosed quote ran to the paragraph end: drop it
        if char == "“" or (char != "”" and open_at is None):
            open_at = pos
        elif open_at is not None:
            spans.append((open_at, pos + 1))
            open_at = None
    return spans


def _inside_markup(text: str, pos: int) -> bool:
    opening = text.rfind("<", max(0, pos - 200), pos)
    return opening != -1 and text.find(">", opening, pos) == -1 and "\n" not in text[opening:pos]


def paragraph_bounds(text: str, pos: int) -> tuple[int, int]:
    """The line (news paragraph) around ``pos``: claims do not run across paragraphs."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end == -1 else end


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past whitespace, quote marks and clause punctuation.

    A quotation opened inside the span keeps its closing mark ('as "readiness drills."').
    """
    while start < end and (text[start].isspace() or text[start] in "\"“”‘',;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "\"“”’',;:.—–-"):
        end -= 1
    if len(_STRAIGHT_OR_CURLY.findall(text, start, end)) % 2:
        closing = _STRAIGHT_OR_CURLY.search(text, end, min(len(text), end + 3))
        if closing is not None:
            end = closing.end()
    return start, end


def same_paragraph(a: Token, b: Token) -> bool:
    """The parser's sentences may run across a paragraph break ('...?"\n\nSome strategists
    said ...'); a dependent on the far side of one belongs to another statement."""
    low, high = sorted((a.idx, b.idx))
    return "\n" not in doc_text(a.doc)[low:high]


def quote_for(cue: Token, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The quotation a bare "he said" introduces or closes, within or next to its sentence."""
    sent = cue.sent
    text = doc_text(cue.doc)
    paragraph = paragraph_bounds(text, cue.idx)
    lo = max(sent.start_char - 3, paragraph[0])
    hi = min(sent.end_char + 3, paragraph[1])
    # 'he said:' closing a paragraph introduces the quotation of the next one
    colon = re.match(r"[^\S\n]*:\s*(?=[\"“]|'')", text[cue.idx + len(cue) : cue.idx + len(cue) + 8])
    if colon is not None:
        hi = max(hi, cue.idx + len(cue) + colon.end() + 1)
    best = None
    for start, end in quotes:
        if end < lo or start > hi or start <= cue.idx < end:
            continue
        distance = min(abs(cue.idx - end), abs(start - cue.idx))
        if best is None or distance < best[0]:
            best = (distance, (start, end))
    if best is None:
        return None
    start, end = best[1]
    return start + 1, end - 1


def widen_to_quote(
    content: tuple[int, int], quotes: list[tuple[int, int]], cue: Token
) -> tuple[int, int]:
    start, end = content
    text = doc_text(cue.doc)
    paragraph = paragraph_bounds(text, cue.idx)
    start, end = max(start, paragraph[0]), min(end, paragraph[1])
    for q_start, q_end in quotes:
        if q_start <= start and end <= q_end and not q_start <= cue.idx < q_end:
            start, end = q_start + 1, q_end - 1
            break
        if start - 2 <= q_start < start and q_end < end and q_end <= cue.idx:
            end = q_end - 1  # '"...," Texas delegate X, wearing ..., said': stop at the quote
            break
        if start < q_start < end < q_end <= paragraph[1] and q_start > cue.idx:
            end = q_end  # 'Cruz, Blackwell wrote "has ... principles. He works hard."'
            break
    return trim_span(text, start, end)


def in_long_quote(token: Token, quotes: list[tuple[int, int]]) -> bool:
    text = doc_text(token.doc)
    return any(
        q_start < token.idx < q_end
        and len(text[q_start:q_end].split()) >= MIN_QUOTE_WORDS_FOR_FALLBACK
        for q_start, q_end in quotes
    )


def inside_quote(start: int, end: int, quotes: list[tuple[int, int]]) -> bool:
    return any(q_start < start and end < q_end for q_start, q_end in quotes)
