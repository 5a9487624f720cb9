"""The indexed attribute ruler and the cached lemmatizer annotate exactly as spaCy's own."""

from __future__ import annotations

import numpy
import pytest
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from forewarn.model_rules import (
    CachedLemmatizer,
    IndexedAttributeRuler,
    speed_up_rule_components,
)
from forewarn.nlp import load_base_model

# Every kind of pattern the model's ruler holds: tag maps, word exceptions ("I", "it" as
# subject and object), two-word patterns ("gonna", "y'all", "let's", "ain't", "there is"),
# dependency conditions ("but" as an adverb, auxiliaries, determiners used as pronouns),
# whitespace tokens; and words met twice, which the caches answer.
TEXTS = [
    "I think they're gonna shell the bridge again, y'all, and it ain't over.",
    "Let's be clear: there is no ceasefire. There are only pauses, but the army gets tired.",
    "The ministry said that those who fled had done nothing wrong; it told me so.",
    "KYIV, March 10 —  Russian forces shelled   Kharkiv overnight.\n\nTwo people died.",
    "C'mon, got ta go: which convoy did they hit? That one, which carried aid.",
    "I saw it. You saw it. It was shelled, and I was told that you had seen me.",
]


@pytest.fixture(scope="module")
def both() -> tuple:
    """spaCy's model as shipped, and the same model with the two components swapped."""
    spacy_nlp = load_base_model()
    ours = load_base_model()
    speed_up_rule_components(ours)
    return spacy_nlp, ours


def test_the_swapped_components_are_ours_under_the_same_names(both):
    spacy_nlp, ours = both
    assert ours.pipe_names == spacy_nlp.pipe_names
    assert isinstance(ours.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert isinstance(ours.get_pipe("lemmatizer"), CachedLemmatizer)


def test_annotations_equal_spacys_token_for_token(both):
    spacy_nlp, ours = both
    attributes = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
    for expected, got in zip(spacy_nlp.pipe(TEXTS * 2), ours.pipe(TEXTS * 2), strict=True):
        assert numpy.array_equal(expected.to_array(attributes), got.to_array(attributes)), [
            (t.text, t.pos_, t.lemma_, str(t.morph), u.pos_, u.lemma_, str(u.morph))
            for t, u in zip(expected, got, strict=True)
            if (t.pos_, t.lemma_, t.morph) != (u.pos_, u.lemma_, u.morph)
        ]


def test_the_two_word_patterns_set_their_lemmas(both):
    _, ours = both
    doc = ours("They're gonna go, y'all.")
    assert [t.lemma_ for t in doc if t.lower_ in ("gon", "na", "y'", "all")] == [
        "go",
        "to",
        "you",
        "all",
    ]
