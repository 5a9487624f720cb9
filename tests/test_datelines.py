"""A wire dateline is not part of the lead sentence: its city must not become the actor."""

from __future__ import annotations

import pytest

from forewarn.records import Article

LEADS = [
    "KYIV, March 10, 2025 — Russian forces shelled the Ukrainian city of Kharkiv overnight.",
    "KYIV (Reuters) - Russian forces shelled the Ukrainian city of Kharkiv overnight.",
    "Headline Here\n\nKYIV -- Russian forces shelled the Ukrainian city of Kharkiv overnight.",
]


@pytest.mark.parametrize("text", LEADS)
def test_the_lead_verb_takes_its_own_subject_not_the_dateline(extractor, text):
    document = extractor.extract(Article(id="lead", title=None, published="2025-03-10", text=text))
    (shelling,) = [e for e in document.events if e.trigger.text == "shelled"]
    assert [actor.country for actor in shelling.actor] == ["RUS"]
    assert "KYIV" not in {actor.text for actor in shelling.actor}


@pytest.mark.parametrize(
    "text",
    [
        "NATO - the alliance - condemned the attack on Monday.",
        "Ukraine, Moldova and Georgia - all candidates - signed the declaration.",
    ],
)
def test_a_sentence_starting_with_capitals_and_a_dash_is_not_cut(extractor, text):
    doc = extractor.nlp(text)
    assert len(list(doc.sents)) == 1
