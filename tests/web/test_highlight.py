"""The article page's highlights: every record's span marked, the text kept whole."""

from __future__ import annotations

import pytest

from forewarn.database import Database
from forewarn.records import Article, Claim, Document, Event, Span
from forewarn.web.highlight import Token, highlight

pytestmark = pytest.mark.xdist_group("web")

TEXT = "Troops shelled the town, officials said. Nobody else spoke."


def _span(text: str, start: int, end: int) -> Span:
    return Span(text[start:end], start, end)


def _event(record: str, evidence: tuple[int, int], trigger: tuple[int, int]) -> Event:
    return Event(
        id=f"a#{record}", event_type="ASSAULT", mode=None, context=[], actor=[], recipient=[],
        date=None, date_precision="unknown", date_text=None, location=None, negated=False,
        modality="asserted", claim_id=None, verification="reported",
        trigger=_span(TEXT, *trigger), evidence=_span(TEXT, *evidence), confidence=1.0,
    )  # fmt: skip


def _claim(record: str, content: tuple[int, int]) -> Claim:
    return Claim(
        id=f"a#{record}", speaker=None, cue="said", channel=None,
        content=_span(TEXT, *content), date=None, date_precision="unknown", stance="assert",
    )  # fmt: skip


def _marked(tokens: list[Token], text: str) -> dict[tuple[str, str], list[str]]:
    """Each mark's text, by (kind, record), fragment by fragment."""
    open_marks: list[tuple[str, str, int]] = []
    found: dict[tuple[str, str], list[str]] = {}
    position = 0
    for token in tokens:
        if token.kind == "open":
            assert token.mark is not None
            open_marks.append((token.mark.kind, token.mark.record, position))
        elif token.kind == "close":
            kind, record, start = open_marks.pop()
            found.setdefault((kind, record), []).append(text[start:position])
        elif token.kind == "text":
            position += len(token.text)
    assert not open_marks
    return found


def test_spans_nest_and_the_text_stays_whole():
    document = Document(
        Article("a", None, None, TEXT),
        events=[_event("e1", (0, 40), (7, 14))],
        claims=[_claim("c1", (0, 23))],
    )
    tokens = highlight(document)
    assert "".join(t.text for t in tokens if t.kind == "text") == TEXT
    marked = _marked(tokens, TEXT)
    assert marked[("evidence", "e1")] == [TEXT[0:40]]
    assert marked[("trigger", "e1")] == ["shelled"]
    assert marked[("claim", "c1")] == [TEXT[0:23]]
    # The links to the records follow the outermost mark, outside every mark.
    refs = [t for t in tokens if t.kind == "refs"]
    assert [r.refs for r in refs] == [("c1", "e1")]


def test_a_span_crossing_another_is_cut_and_only_its_first_fragment_is_the_anchor():
    # The claim starts inside the first sentence's evidence and runs into the second.
    document = Document(
        Article("a", None, None, TEXT),
        events=[_event("e1", (0, 40), (7, 14))],
        claims=[_claim("c1", (25, 58))],
    )
    tokens = highlight(document)
    assert _marked(tokens, TEXT)[("claim", "c1")] == [TEXT[25:40], TEXT[40:58]]
    anchors = [t.mark.first for t in tokens if t.kind == "open" and t.mark.record == "c1"]
    assert anchors == [True, False]


def test_every_stored_record_of_an_article_is_marked_where_its_offsets_say(web_store):
    document = Database(web_store).article("cw-0818-kapan")
    marked = _marked(highlight(document), document.article.text)
    for event in document.events:
        record = event.id.rpartition("#")[2]
        assert "".join(marked[("evidence", record)]) == event.evidence.text
        assert "".join(marked[("trigger", record)]) == event.trigger.text
    for claim in document.claims:
        assert "".join(marked[("claim", claim.id.rpartition("#")[2])]) == claim.content.text
