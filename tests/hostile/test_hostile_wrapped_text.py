"""Issue 14, item 5: hard-wrapped plain text was read as one paragraph per line.

A line break at 72 columns fell mid-sentence, and each line became a paragraph of its own:
sentences were cut in two, and their events and claims changed. The article is written for
this test.
"""

from __future__ import annotations

import textwrap

from forewarn.ingest import RawInput, clean_text, prepare_article

PARAGRAPHS = (
    "KYIV, March 12 (Reuters) - Russian forces shelled the eastern city of Kharkiv on Tuesday "
    "night, killing four civilians and wounding eleven others, the regional governor Oleh "
    "Synehubov said on Wednesday. The Russian Defence Ministry denied that its troops had "
    "targeted residential areas and accused Ukraine of staging the attack.",
    "Ukrainian President Volodymyr Zelenskiy urged Western allies to send more air defence "
    "systems to protect Ukrainian cities. The European Union announced new sanctions against "
    "Russian banks on Thursday, while the United Nations called for an independent "
    "investigation into the strike. Hungary threatened to block the next package of military "
    "aid to Ukraine.",
)
UNWRAPPED = "\n\n".join(PARAGRAPHS)
# break_on_hyphens off: a break after a hyphen cannot be undone without changing the length
WRAPPED = "\n\n".join(
    textwrap.fill(paragraph, width=72, break_on_hyphens=False) for paragraph in PARAGRAPHS
)


def _document(extractor, text):
    raw = RawInput("story.txt", None, text, None, "2025-03-13", None, None, None)
    return extractor.extract(prepare_article(raw))


def _records(document):
    events = [
        (
            event.event_type,
            [actor.name for actor in event.actor],
            [actor.name for actor in event.recipient],
            event.evidence.text,
        )
        for event in document.events
    ]
    claims = [(claim.speaker.name, claim.cue, claim.content.text) for claim in document.claims]
    return events, claims


def test_a_hard_wrapped_article_reads_as_the_unwrapped_one(extractor):
    assert WRAPPED.count("\n") > 6, "the fixture should be wrapped"

    wrapped = _document(extractor, WRAPPED)
    unwrapped = _document(extractor, UNWRAPPED)

    events, claims = _records(wrapped)
    assert (events, claims) == _records(unwrapped)
    assert {event[0] for event in events} >= {"ASSAULT", "ACCUSE", "REQUEST", "SANCTION"}
    assert claims
    # Offsets index the text as given: the wrapped one differs from the unwrapped one only
    # where a line break stands for a space, so a span's offsets fit both.
    assert {
        (given, read) for given, read in zip(WRAPPED, UNWRAPPED, strict=True) if given != read
    } == {("\n", " ")}
    assert wrapped.article.text == UNWRAPPED
    spans = [event.evidence for event in wrapped.events]
    spans += [claim.content for claim in wrapped.claims]
    for span in spans:
        assert UNWRAPPED[span.start : span.end] == span.text


def test_lines_that_are_paragraphs_stay_paragraphs():
    """One paragraph per line, a headline, a list and a heading: no line is a wrap."""
    text = (
        "Kharkiv shelled overnight as talks stall in Geneva and Istanbul\n"
        "Russian forces shelled Kharkiv on Tuesday, killing four civilians, officials said.\n"
        "The Kremlin denied targeting civilians and blamed Ukrainian air defence instead.\n"
        "The governor listed the damage to the city in a statement on Wednesday:\n"
        "- two schools and a hospital in the north of the city were hit by rockets\n"
        "- a power station was damaged\n"
        "BACKGROUND\n"
        "Kharkiv lies thirty kilometres from the Russian border and is shelled often."
    )

    cleaned, title = clean_text(text)

    assert title is None
    assert cleaned == text.replace("\n", "\n\n")


def test_a_short_line_in_a_wrapped_text_ends_its_paragraph():
    """A signature line or a sign-off is no wrap: the word after it would have fitted."""
    body = textwrap.fill(PARAGRAPHS[0], width=72)
    text = f"{body}\nReporting by Olena Harmash\nEditing by Alex Richardson"

    cleaned, _ = clean_text(text)

    assert cleaned == f"{PARAGRAPHS[0]}\n\nReporting by Olena Harmash\n\nEditing by Alex Richardson"


def test_a_wrapped_line_that_looks_like_furniture_is_kept():
    """Mid-sentence, a line opening "by Nato, which ..." is no byline to drop."""
    lines = [
        "Officials in Kharkiv said on Monday that the overnight strikes were",
        "condemned in the strongest terms by the regional governor, and also",
        "by Nato, which said the schools in the region would stay closed",
        "until the attacks stopped, and that talks with Moscow were suspended.",
    ]

    cleaned, _ = clean_text("\n".join(lines))

    assert cleaned == " ".join(lines)
