"""The event-trigger lexicon (forewarn/extraction/lexicon.py) on short news-style sentences."""

from __future__ import annotations

import json

import pytest

from forewarn.data import data_path
from forewarn.extraction import lexicon as lexicon_module
from forewarn.extraction.lexicon import EventLexicon, EventSense
from forewarn.ontology import CONTEXTS, PLOVER_TYPES, modes_for


@pytest.fixture(scope="module")
def lexicon():
    return EventLexicon.load()


def _token(doc, text):
    return next(t for t in doc if t.text == text)


def test_public_surface_is_pinned():
    assert set(lexicon_module.__all__) == {"EventLexicon", "EventSense"}


def test_load_is_cached():
    # how long the first load takes: benchmarks/data_load_latency.py
    assert EventLexicon.load() is EventLexicon.load()


# (sentence, trigger word, expected type, expected mode or None for "any")
VERB_CASES = [
    ("Rebels attacked an army base near the border.", "attacked", "ASSAULT", None),
    ("The village was shelled overnight.", "shelled", "ASSAULT", "heavy-weapons"),
    ("Gunmen shot down a police helicopter.", "shot", "ASSAULT", None),
    ("Russia called up 300,000 reservists on Wednesday.", "called", "MOBILIZE", "troops"),
    ("The army deployed troops along the frontier.", "deployed", "MOBILIZE", "troops"),
    ("The EU imposed sanctions on the regime.", "imposed", "SANCTION", "discontinue"),
    ("Sanctions were imposed on the regime by the EU.", "imposed", "SANCTION", "discontinue"),
    ("Moscow expelled two German diplomats.", "expelled", "SANCTION", "expel"),
    ("Police arrested the opposition leader.", "arrested", "COERCE", "arrest"),
    ("Dozens of activists were detained in the capital.", "detained", "COERCE", "arrest"),
    ("The prime minister met the French president in Paris.", "met", "CONSULT", None),
    ("The two sides held talks in Doha.", "held", "CONSULT", None),
    ("The ministry accused Kyiv of shelling the plant.", "accused", "ACCUSE", "allege"),
    ("The UN condemned the killings.", "condemned", "ACCUSE", "disapprove"),
    ("The government rejected the proposal.", "rejected", "REJECT", None),
    ("The council turned down the request for a meeting.", "turned", "REJECT", None),
    ("The militia threatened to burn the town.", "threatened", "THREATEN", None),
    ("The minister warned Iran of serious consequences.", "warned", "THREATEN", None),
    ("Thousands protested against the new law.", "protested", "PROTEST", "demo"),
    ("Workers went on strike over unpaid wages.", "went", "PROTEST", "strike"),
    ("The rebels agreed to a ceasefire.", "agreed", "AGREE", None),
    ("Japan pledged to rebuild the bridge.", "pledged", "AGREE", None),
    ("The president praised the peace deal.", "praised", "SUPPORT", None),
    ("The two countries signed a trade agreement.", "signed", "SUPPORT", None),
    ("The two navies cooperated in the rescue.", "cooperated", "COOPERATE", None),
    ("Kenya extradited the suspect to Uganda.", "extradited", "COOPERATE", None),
    ("The EU sent aid to the flood victims.", "sent", "AID", None),
    ("Germany provided assistance to the refugees.", "provided", "AID", None),
    ("Russian forces withdrew from the city.", "withdrew", "RETREAT", "withdraw"),
    ("The militants released three hostages.", "released", "RETREAT", "release"),
    ("The troops pulled out of the town.", "pulled", "RETREAT", "withdraw"),
    ("The opposition called for new elections.", "called", "REQUEST", None),
    ("The UN urged both sides to stop fighting.", "urged", "REQUEST", None),
    ("The government apologized for the raid.", "apologized", "CONCEDE", None),
    ("The government backed down after the protests.", "backed", "CONCEDE", None),
    ("Soldiers blockaded the port.", "blockaded", "COERCE", None),
    ("The army launched an attack on the town.", "launched", "ASSAULT", None),
]


@pytest.mark.parametrize(("sentence", "word", "event_type", "mode"), VERB_CASES)
def test_verb_senses(base_nlp, lexicon, sentence, word, event_type, mode):
    senses = lexicon.verb_senses(_token(base_nlp(sentence), word))
    assert senses, f"no sense for {word!r} in {sentence!r}"
    assert senses[0].event_type == event_type, senses[0]
    if mode is not None:
        assert senses[0].mode == mode, senses[0]


def test_every_type_has_two_verb_cases():
    for event_type in PLOVER_TYPES:
        assert sum(case[2] == event_type for case in VERB_CASES) >= 2, event_type


def test_specific_pattern_beats_the_bare_verb(base_nlp, lexicon):
    senses = lexicon.verb_senses(_token(base_nlp("Russia called up reservists."), "called"))
    assert senses[0].specificity > 1
    assert "up" in senses[0].pattern
    bare = lexicon.verb_senses(_token(base_nlp("The president called Putin."), "called"))
    assert bare[0].event_type == "CONSULT" and bare[0].mode == "phone"


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("The minister said the talks went well.", "said"),
        ("The spokesman told reporters that nothing had changed.", "told"),
        ("The president called Putin on Tuesday.", "Tuesday"),
    ],
)
def test_not_events(base_nlp, lexicon, sentence, word):
    token = _token(base_nlp(sentence), word)
    if token.pos_ in ("VERB", "AUX"):
        assert lexicon.verb_senses(token) == []
    else:
        assert lexicon.noun_senses(token) == []


def test_denials_are_rejections(base_nlp, lexicon):
    sentences = ("The ministry denied the allegations.", "The Kremlin rejected the accusation.")
    for sentence in sentences:
        token = next(t for t in base_nlp(sentence) if t.dep_ == "ROOT")
        assert lexicon.verb_senses(token)[0].event_type == "REJECT"


def test_date_is_not_a_prepositional_object(base_nlp, lexicon):
    senses = lexicon.verb_senses(_token(base_nlp("Biden called Zelensky on Tuesday."), "called"))
    assert senses[0].event_type == "CONSULT"


@pytest.mark.parametrize(
    ("sentence", "word", "event_type", "mode"),
    [
        ("The airstrike hit a school.", "airstrike", "ASSAULT", "aerial"),
        ("A drone strike killed two commanders.", "strike", "ASSAULT", "drone"),
        ("Teachers began a strike over pay.", "strike", "PROTEST", "strike"),
        ("The hunger strike entered its tenth day.", "strike", "PROTEST", "hunger"),
        ("The shelling continued all night.", "shelling", "ASSAULT", "heavy-weapons"),
        ("The mobilization angered many families.", "mobilization", "MOBILIZE", "troops"),
        ("The talks ended without a deal.", "talks", "CONSULT", None),
        ("The protest drew thousands.", "protest", "PROTEST", "demo"),
        ("The ceasefire held through the weekend.", "ceasefire", "RETREAT", "ceasefire"),
        ("New sanctions took effect on Monday.", "sanctions", "SANCTION", "discontinue"),
        ("The invasion began at dawn.", "invasion", "ASSAULT", None),
        ("The arrest of the journalist drew criticism.", "arrest", "COERCE", "arrest"),
    ],
)
def test_noun_senses(base_nlp, lexicon, sentence, word, event_type, mode):
    senses = lexicon.noun_senses(_token(base_nlp(sentence), word))
    assert senses, f"no sense for {word!r} in {sentence!r}"
    assert senses[0].event_type == event_type
    if mode is not None:
        assert senses[0].mode == mode


def test_hyphenated_nominal_trigger(base_nlp, lexicon):
    doc = base_nlp("The call-ups of reservists began in September.")
    senses = [s for t in doc if t.pos_ == "NOUN" for s in lexicon.noun_senses(t)]
    assert any(s.event_type == "MOBILIZE" for s in senses)


@pytest.mark.parametrize(
    ("phrase", "mode"),
    [
        ("Russia launched Shahed-136 drones at Kyiv", "drone"),
        ("a drone strike", "drone"),
        ("missiles and rockets hit the city", "heavy-weapons"),
        ("artillery shelling of the suburbs", "heavy-weapons"),
        ("Israeli jets carried out air strikes", "aerial"),
        ("a roadside bomb exploded", "explosives"),
        ("a suicide car bomb", "suicide-attack"),
        ("gunmen opened fire on the bus", "firearms"),
        ("police fired tear gas and rubber bullets", "crowd-control"),
        ("attackers armed with machetes", "primitive"),
        ("sarin gas attack", "unconventional"),
        ("the talks went well", None),
    ],
)
def test_mode_for_strings(lexicon, phrase, mode):
    assert lexicon.mode_for(phrase) == mode


def test_mode_for_tokens_and_event_type(base_nlp, lexicon):
    doc = base_nlp("The army moved tanks and troops to the border.")
    assert lexicon.mode_for(doc) == "heavy-weapons"
    assert lexicon.mode_for(doc, event_type="MOBILIZE") == "weapons"
    assert lexicon.mode_for(base_nlp("Police were deployed."), event_type="MOBILIZE") == "police"


def test_sense_is_a_frozen_record():
    sense = EventSense("ASSAULT", None, (), "190", "attack", 1)
    with pytest.raises(AttributeError):
        sense.event_type = "AID"  # type: ignore[misc]


def _rows(name):
    lines = data_path(name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip() and not line.startswith("//")]


@pytest.mark.parametrize(
    "name", ["event_verbs.jsonl", "event_verbs_manual.jsonl", "event_nouns.jsonl"]
)
def test_data_files_use_plover_vocabulary(name):
    for row in _rows(name):
        if row.get("light"):
            continue
        event_type = row.get("event_type")
        if event_type is None:
            continue
        assert event_type in PLOVER_TYPES, row
        assert row.get("mode") is None or row["mode"] in modes_for(event_type), row
        assert set(row.get("context") or ()) <= CONTEXTS, row


def test_mode_groups_use_plover_modes():
    for row in _rows("event_modes.jsonl"):
        assert row["mode"] in modes_for(row["event_type"]), row


# Regression cases from the second lexicon review: CAMEO synonym-block readings that are not
# events, senses the PLOVER manual codes differently, and the new pattern constraints.
@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("The ruling party won the vote.", "ruling"),
        ("Activists took to Twitter to complain.", "took"),
        ("Officials think the plan will fail.", "think"),
        ("The summit will take place in June.", "take"),
        ("Aid reached the war-torn region.", "torn"),
        ("The delegation returned to Geneva on Monday.", "returned"),
    ],
)
def test_bare_cameo_block_readings_are_not_events(base_nlp, lexicon, sentence, word):
    assert lexicon.verb_senses(_token(base_nlp(sentence), word)) == []


@pytest.mark.parametrize(
    ("sentence", "word", "event_type"),
    [
        ("The army lifted the curfew in the capital.", "lifted", "CONCEDE"),
        ("The government accepted the rebels' demands.", "accepted", "CONCEDE"),
        ("Serbia lodged a protest with Albania.", "lodged", "ACCUSE"),
        ("The firm is suing the government for damages.", "suing", "ACCUSE"),
        ("The rebels took control of the town.", "took", "COERCE"),
        ("The United States returned two paintings to Peru.", "returned", "RETREAT"),
        ("The government declared a state of emergency.", "declared", "COERCE"),
        ("About 3,000 fighters were demobilized last year.", "demobilized", "RETREAT"),
    ],
)
def test_reviewed_senses(base_nlp, lexicon, sentence, word, event_type):
    senses = lexicon.verb_senses(_token(base_nlp(sentence), word))
    assert senses and senses[0].event_type == event_type, senses


@pytest.mark.parametrize(
    ("sentence", "word", "event_type"),
    [
        ("Iran threatened to shell Iraqi towns.", "threatened", "THREATEN"),
        ("The government refused to lift the curfew.", "refused", "REJECT"),
        ("The two sides agreed to build a new bridge.", "agreed", "AGREE"),
    ],
)
def test_a_frame_verb_outranks_its_bare_reading(base_nlp, lexicon, sentence, word, event_type):
    senses = lexicon.verb_senses(_token(base_nlp(sentence), word))
    assert senses[0].event_type == event_type
    assert senses[0].specificity >= 3, senses[0]


def test_hyphenated_object_is_found_spelt_solid(base_nlp, lexicon):
    doc = base_nlp("The president announced a cease-fire with the rebels.")
    senses = lexicon.verb_senses(_token(doc, "announced"))
    assert senses[0].event_type == "CONCEDE"
    fire = next(t for t in doc if t.text == "fire")
    assert lexicon.noun_senses(fire)[0].event_type == "RETREAT"


@pytest.mark.parametrize(
    ("sentence", "word", "mode"),
    [
        # who assembles, and what for, make a gathering a demonstration (PROTEST demo)
        ("Hundreds of protesters gathered outside the town hall.", "gathered", "demo"),
        ("Residents gathered in the main square to demand clean water.", "gathered", "demo"),
        ("Farmers gathered near the ministry to oppose the new tax.", "gathered", "demo"),
        ("Activists gathered for a picket outside the court.", "gathered", "demo"),
        # "staged" is lemmatised "stag" by the small model: the stem is tried too
        ("Opposition supporters staged pickets in the city centre.", "staged", "demo"),
        ("Supporters rallied in support of the jailed mayor.", "rallied", "demo"),
        ("Dock workers walked out over pay.", "walked", "strike"),
        ("Teachers struck for a second day.", "struck", "strike"),
    ],
)
def test_protest_gatherings(base_nlp, lexicon, sentence, word, mode):
    senses = lexicon.verb_senses(_token(base_nlp(sentence), word))
    assert senses and (senses[0].event_type, senses[0].mode) == ("PROTEST", mode), sentence


def test_a_meeting_is_not_a_protest(base_nlp, lexicon):
    doc = base_nlp("Foreign ministers gathered in Brussels to discuss the budget.")
    senses = lexicon.verb_senses(_token(doc, "gathered"))
    assert not senses or senses[0].event_type != "PROTEST"


@pytest.mark.parametrize(
    ("sentence", "word", "mode"),
    [
        ("Dozens took part in one-person pickets across the city.", "pickets", "demo"),
        ("The families held a solidarity stand at the port.", "stand", "demo"),
        ("Nurses staged a protest action outside the hospital.", "action", "demo"),
        ("A candlelight vigil was held for the victims.", "vigil", "demo"),
    ],
)
def test_protest_nouns(base_nlp, lexicon, sentence, word, mode):
    senses = lexicon.noun_senses(_token(base_nlp(sentence), word))
    assert senses and (senses[0].event_type, senses[0].mode) == ("PROTEST", mode), sentence
