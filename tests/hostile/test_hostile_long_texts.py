"""Issue 14, item 1: a text over spaCy's ``nlp.max_length`` crashed the whole run.

The model's limit is lowered for these tests (the real one is a million characters: a
megabyte of text takes the model tens of seconds), so a few paragraphs are "too long".
"""

from __future__ import annotations

from forewarn.extraction.long_text import text_chunks
from forewarn.pipeline import extract_inputs
from forewarn.records import Document

PARAGRAPH = (
    "Russian forces shelled Kharkiv on Monday, killing three civilians, Ukrainian officials "
    "said. The Kremlin denied the accusation."
)
COPIES = 9


def test_an_article_over_the_model_limit_is_one_document_of_its_whole_text(
    extractor, monkeypatch, tmp_path
):
    (tmp_path / "a_short.txt").write_text(PARAGRAPH, encoding="utf-8")
    text = "\n\n".join(f"{PARAGRAPH} ({number})" for number in range(COPIES))
    (tmp_path / "b_long.txt").write_text(text, encoding="utf-8")
    (tmp_path / "c_short.txt").write_text(PARAGRAPH + " Again.", encoding="utf-8")
    monkeypatch.setattr(extractor.nlp, "max_length", 3 * len(PARAGRAPH) + 20)

    outcomes = list(extract_inputs([tmp_path], extractor))

    assert all(isinstance(outcome, Document) for outcome in outcomes), outcomes
    short, long, again = outcomes
    assert long.article.text == text
    assert len(long.events) == COPIES * len(short.events) > 0
    assert len(long.claims) == COPIES * len(short.claims) > 0
    prefix = long.article.id
    assert [e.id for e in long.events] == [f"{prefix}#e{n + 1}" for n in range(len(long.events))]
    assert [c.id for c in long.claims] == [f"{prefix}#c{n + 1}" for n in range(len(long.claims))]
    spans = [s for e in long.events for s in (e.trigger, e.evidence)]
    spans += [c.content for c in long.claims]
    assert all(text[s.start : s.end] == s.text for s in spans)
    # each copy's records point into that copy, not into the first one
    assert len({e.evidence.start for e in long.events}) >= COPIES
    claims = {claim.id: claim for claim in long.claims}
    for event in long.events:
        if event.claim_id is not None:
            assert event.id in claims[event.claim_id].event_ids
    assert again.events


def test_long_texts_are_cut_at_paragraph_breaks_else_at_lines_sentences_spaces():
    text = "One two.\n\nThree four five. Six seven\neight nine ten eleven twelve"
    chunks = text_chunks(text, 12)
    assert [text[start:end] for start, end in chunks] == [
        "One two.\n\n",
        "Three four ",
        "five. ",
        "Six seven\n",
        "eight nine ",
        "ten eleven ",
        "twelve",
    ]
    assert text_chunks("x" * 25, 10) == [(0, 10), (10, 20), (20, 25)]
    assert text_chunks(text, len(text)) == [(0, len(text))]
