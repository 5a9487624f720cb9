"""The forewarn_actors spaCy component: doc.spans["actors"] on short news sentences."""

from __future__ import annotations

import json

import pytest

import forewarn.gazetteer.actor_ruler as actor_ruler
from forewarn.gazetteer.actor_ruler import ACTOR_LABELS, SPAN_KEY
from forewarn.nlp import load_base_model

VALDANE = {
    "id": "person:test-petra-valdane",
    "name": "Petra Valdane",
    "aliases": ["Valdane"],
    "roles": [{"country": "MDA", "sector": "MIL", "start": "2019-01-01", "end": None}],
}
MILITIA = {
    "id": "group:test-black-river",
    "name": "Black River Militia",
    "aliases": ["BRM"],
    "country": "COD",
    "sector": "REB",
}

SENTENCES = [
    "Russian Foreign Minister Sergei Lavrov met his Moldovan counterpart Mihai Popsoi in Geneva.",
    "The Kremlin and Tiraspol rejected the claims, Reuters reported.",
    "Defence Minister Petra Anneli Valdane said on Monday that the army was ready.",
    "John Whitcombe of Halcyon Logistics said the shipment was delayed.",
    "The US told us that IS fighters had left the town.",
    "Officials at Russia's Federal Security Service said NATO and Hamas were to blame.",
    "BRM gunmen attacked a village, the Black River Militia said.",
]


@pytest.fixture(scope="module")
def nlp(tmp_path_factory):
    path = tmp_path_factory.mktemp("actors") / "mine.jsonl"
    path.write_text(json.dumps(VALDANE) + "\n" + json.dumps(MILITIA) + "\n", encoding="utf-8")
    pipeline = load_base_model()
    pipeline.add_pipe("forewarn_actors", config={"extra_files": [str(path)]})
    return pipeline


def spans(doc) -> list[tuple[str, str, str]]:
    return [(s.text, s.label_, s.id_) for s in doc.spans[SPAN_KEY]]


def test_gazetteer_matches_carry_label_and_id(nlp):
    found = spans(nlp(SENTENCES[0]))
    assert ("Russian", "COUNTRY", "country:RUS") in found
    assert ("Moldovan", "COUNTRY", "country:MDA") in found
    assert ("Sergei Lavrov", "PERSON", "person:sergei-lavrov") in found
    assert ("Mihai Popsoi", "PERSON", "person:mihai-popsoi") in found


def test_metonyms_and_media(nlp):
    found = spans(nlp(SENTENCES[1]))
    assert ("Kremlin", "METONYM", "country:RUS") in found
    assert ("Tiraspol", "METONYM", "region:transnistria") in found
    assert ("Reuters", "MEDIA", "media:reuters") in found


def test_person_alias_is_stretched_to_the_model_entity(nlp):
    found = spans(nlp(SENTENCES[2]))
    assert ("Petra Anneli Valdane", "PERSON", "person:test-petra-valdane") in found
    assert not any(text == "Valdane" for text, _, _ in found)


def test_unknown_entities_are_kept_without_id(nlp):
    found = spans(nlp(SENTENCES[3]))
    assert ("John Whitcombe", "PERSON", "") in found
    assert ("Halcyon Logistics", "UNKNOWN", "") in found


def test_short_acronyms_match_only_in_capitals(nlp):
    found = spans(nlp(SENTENCES[4]))
    assert ("US", "COUNTRY", "country:USA") in found
    assert ("IS", "GROUP", "group:islamic-state") in found
    assert not any(text == "us" for text, _, _ in found)


def test_longest_match_wins(nlp):
    found = spans(nlp(SENTENCES[5]))
    assert ("Russia's Federal Security Service", "INSTITUTION", "org:RUS-FSB") in found
    assert not any(text == "Russia" for text, _, _ in found)
    assert ("NATO", "IGO", "igo:NATO") in found
    assert ("Hamas", "GROUP", "group:hamas") in found


def test_user_files_reach_the_component(nlp):
    found = spans(nlp(SENTENCES[6]))
    assert ("BRM", "GROUP", "group:test-black-river") in found
    assert ("Black River Militia", "GROUP", "group:test-black-river") in found


def test_spans_are_sorted_disjoint_and_labelled(nlp):
    for doc in nlp.pipe(SENTENCES):
        found = list(doc.spans[SPAN_KEY])
        assert found, doc.text
        assert [s.start for s in found] == sorted(s.start for s in found)
        assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
        assert {s.label_ for s in found} <= ACTOR_LABELS


def test_pipe_gives_the_same_spans_as_call(nlp):
    piped = [spans(doc) for doc in nlp.pipe(SENTENCES, batch_size=3)]
    assert piped == [spans(nlp(text)) for text in SENTENCES]


def test_a_text_without_actors_has_an_empty_group(nlp):
    assert spans(nlp("It rained all day and the roads were closed.")) == []


def test_public_surface():
    assert set(actor_ruler.__all__) == {
        "ACTOR_LABELS",
        "SPAN_KEY",
        "ActorRuler",
        "actor_label_over",
        "actor_spans",
        "make_actor_ruler",
    }
