"""Issue 14, item 4: one reference to a control character dropped a whole HTML page."""

from __future__ import annotations

import pytest

from forewarn.ingest import RawInput, prepare_article

SENTENCES = (
    "Russian forces shelled Kharkiv on Monday,{} killing three civilians, Ukrainian officials "
    "said in a statement on Tuesday morning.",
    "The Kremlin denied the accusation and said its forces struck only military targets.",
)


@pytest.mark.parametrize(
    "reference",
    ["&#11;", "&#x0B;", "&#12;", "&#1;", "&#8;", "&#27;", "&#x1b", "&#127;", "&#65535;"],
)
def test_a_control_character_reference_does_not_drop_the_page(reference):
    body = "".join(f"<p>{sentence}</p>" for sentence in SENTENCES).format(reference)
    page = f"<html><body><article><h1>Shelling in Kharkiv</h1>{body}</article></body></html>"
    raw = RawInput("page.html", None, None, page, None, None, None, None)

    article = prepare_article(raw)

    # a vertical tab or form feed becomes a space, the rest nothing; spaces are collapsed
    assert SENTENCES[0].format("") in article.text
    assert SENTENCES[1] in article.text
    assert not any(ord(c) < 0x20 and c not in "\n\t" for c in article.text)
