"""Claims made without a verb: headline and transcript labels, pull-quote attributions.

Helpers of the claim component (:mod:`forewarn.extraction.claims`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span

from forewarn.extraction.claim_speakers import speaker_phrase
from forewarn.extraction.quotes import paragraph_bounds, trim_span
from forewarn.extraction.syntax import doc_text

__all__ = ["colon_attributions", "trailing_sources"]

# "Marco Rubio: I'm Not Interested" (headline), "KATE BOULDUAN: Why not debate?" (transcript).
_LINE_COLON = re.compile(r"^[^\S\n]*([A-Z][^:\n]{1,80}?)[^\S\n]*:[^\S\n]+(\S[^\n]*)$", re.MULTILINE)
_SOURCE_WORDS_MAX = 8
# "Gunbattle in eastern Ukraine kills four: separatist leader", "Two soldiers killed - army",
# "... in past week -DPR command": a headline's source after a colon or a spaced dash, on a
# line that ends without a full stop.
# The headline part reaches its first word character without backtracking ("[^\w\n]*\w"): two
# lazy "[^\n]*?" in a row made a long paragraph cost the square of its length.
_TRAILING_SOURCE = re.compile(
    r"^[^\S\n]*(\S[^\w\n]*\w[^\n]*?)[^\S\n]*(?::[^\S\n]+|[^\S\n]+[-–—]+[^\S\n]*)"
    r"([A-Za-z][^\n:–—]{1,60}?)[^\S\n]*$",
    re.MULTILINE,
)
_TRAILING_SOURCE_WORDS_MAX = 5
# Penn Treebank tags of verbs, modals, pronouns and numbers: "- officials say", "- he", "- 2".
_NOT_IN_SOURCE_TAGS = ("VB", "MD", "PRP", "WP", "CD")


def colon_attributions(
    doc: Doc, quotes: list[tuple[int, int]]
) -> list[tuple[Span, Span, int, int]]:
    """(speaker, cue, content start, content end) of verbless attributions.

    Headlines, transcripts and pull quotes attribute without a verb: a name and a colon at
    the start of a line ("Sanders: Clinton needs to ..."), a source after a headline's colon
    or dash ("... kills four: separatist leader"), a name and a colon before a quotation
    ("Republican pollster Daron Shaw: "...""), and a dash after one ('"..." ― Name').
    The name must be one (a proper noun or a named entity, no verb) so that labels such as
    "Here's the irony:" or "3:15 a.m." are not read as speakers.
    """
    text = doc_text(doc)
    found: list[tuple[Span, Span, int, int]] = []
    for match in _LINE_COLON.finditer(text):
        source = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
        colon = doc.char_span(match.end(1), match.start(2), alignment_mode="expand")
        start, end = trim_span(text, match.start(2), match.end(2))
        if (
            source is None
            or colon is None
            or not _is_name(source, strict=True)
            or len(text[start:end].split()) < 3
            or text[start] == "@"
        ):
            continue
        cue = next((t for t in colon if t.text == ":"), None)
        if cue is not None:
            found.append((source, doc[cue.i : cue.i + 1], start, end))
    found += _trailing_sources(doc)
    for q_start, q_end in quotes:
        before = text[max(0, q_start - 3) : q_start]
        if ":" not in before:
            continue
        colon = doc.char_span(
            max(0, q_start - 3) + before.index(":"), q_start - 1, alignment_mode="expand"
        )
        if colon is None or colon[0].text != ":" or colon[0].i == 0:
            continue
        name = doc[colon[0].i - 1]
        if name.pos_ != "PROPN" or name.ent_type_ not in ("PERSON", "ORG"):
            continue
        source = speaker_phrase(name)
        if _is_name(source) and source.start_char >= paragraph_bounds(text, q_start)[0]:
            found.append((source, colon[:1], *trim_span(text, q_start, q_end)))
    for q_start, q_end in quotes:
        after = re.match(
            r"[\s.,]*[―—–]{1,2}[^\S\n]*([A-Z][^\n]{1,60}?)[.,]?[^\S\n]*$",
            text[q_end : paragraph_bounds(text, q_end)[1]] if q_end < len(text) else "",
        )
        if after is None:
            continue
        source = doc.char_span(
            q_end + after.start(1), q_end + after.end(1), alignment_mode="expand"
        )
        dash = doc.char_span(q_end, q_end + after.start(1), alignment_mode="expand")
        cue = next((t for t in dash or () if t.text[0] in "―—–"), None)
        if source is not None and cue is not None and _is_name(source):
            found.append((source, doc[cue.i : cue.i + 1], *trim_span(text, q_start, q_end)))
    return found


def _trailing_sources(doc: Doc) -> list[tuple[Span, Span, int, int]]:
    """(speaker, cue, content start, content end) of the headlines' trailing sources."""
    found: list[tuple[Span, Span, int, int]] = []
    for source, mark, start, end in trailing_sources(doc):
        cue = next((t for t in mark if t.text[:1] in ":-–—"), None)
        if cue is not None:
            found.append((source, doc[cue.i : cue.i + 1], start, end))
    return found


def trailing_sources(doc: Doc) -> Iterator[tuple[Span, Span, int, int]]:
    """(source, mark, headline start, headline end) of each headline that names its source
    last: "Six soldiers killed in east: ministry", "Snipers kill two - DPR command". The
    source is a short noun phrase (an official, an office, an outlet: no verb, no pronoun, no
    number) and the headline before it a statement of three words or more. Reads only the
    tags, so that the paragraph component can end the headline's sentence before the parser
    runs (:func:`forewarn.nlp.mark_paragraph_starts`)."""
    text = doc_text(doc)
    for match in _TRAILING_SOURCE.finditer(text):
        if match.group(2).rstrip().endswith((".", "!", "?")):
            continue
        source = doc.char_span(match.start(2), match.end(2), alignment_mode="expand")
        mark = doc.char_span(match.end(1), match.start(2), alignment_mode="contract")
        start, end = trim_span(text, match.start(1), match.end(1))
        if source is None or mark is None or not _is_source(source):
            continue
        if len(text[start:end].split()) >= 3:
            yield source, mark, start, end


def _is_source(span: Span) -> bool:
    """Read from the fine-grained tags, which the tagger sets before the parser runs (the
    coarse ones come later, from the attribute ruler)."""
    words = [t for t in span if not (t.is_punct or t.is_space)]
    return (
        0 < len(words) <= _TRAILING_SOURCE_WORDS_MAX
        and words[-1].tag_.startswith("NN")
        and not any(t.tag_.startswith(_NOT_IN_SOURCE_TAGS) or t.like_num for t in words)
    )


def _is_name(span: Span, strict: bool = False) -> bool:
    """A person's or an organisation's name; ``strict`` (a line-initial label, which may as
    well be a section title such as "Editor's Note" or "Iowa") wants a recognised person or
    an organisation at its end."""
    words = [t for t in span if not (t.is_punct or t.is_space)]
    if not 0 < len(words) <= _SOURCE_WORDS_MAX or any(
        t.pos_ in ("VERB", "AUX", "PRON") for t in words
    ):
        return False
    if strict:
        return any(t.ent_type_ == "PERSON" for t in words) or words[-1].ent_type_ == "ORG"
    return any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP") for t in words)
