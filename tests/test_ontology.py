"""The PLOVER ontology and the CAMEO crosswalk (forewarn/ontology.py)."""

from __future__ import annotations

import pytest

from forewarn import ontology
from forewarn.ontology import (
    CONTEXTS,
    PLOVER_TYPES,
    QUAD_CLASS,
    PloverCoding,
    cameo_label,
    cameo_to_plover,
    goldstein,
    modes_for,
    quad_classes,
)


def test_public_surface_is_pinned():
    assert set(ontology.__all__) == {
        "CONTEXTS", "PLOVER_TYPES", "QUAD_CLASS", "QUAD_CLASSES", "PloverCoding", "cameo_codes",
        "cameo_label", "cameo_to_plover", "goldstein", "is_event_type", "mode_definition",
        "modes_for", "quad_classes", "type_definition",
    }  # fmt: skip


def test_the_sixteen_types_in_plover_order():
    assert PLOVER_TYPES == (
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("event_type", "expected"),
    [
        ("ASSAULT", {"beat", "firearms", "explosives", "aerial", "drone", "heavy-weapons"}),
        ("MOBILIZE", {"troops", "weapons", "police", "militia"}),
        ("CONSULT", {"visit", "third-party", "multilateral", "phone"}),
        ("PROTEST", {"demo", "riot", "strike", "hunger", "boycott", "obstruct"}),
        ("SANCTION", {"convict", "expel", "withdraw", "discontinue"}),
        ("COERCE", {"seize", "restrict", "arrest", "deport", "curfew", "cyber"}),
    ],
)
def test_modes_come_from_the_codebook(event_type, expected):
    assert expected <= modes_for(event_type)


def test_types_without_modes():
    for event_type in ("AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "AID"):
        assert modes_for(event_type) == frozenset()


def test_unknown_type_says_what_is_expected():
    with pytest.raises(ValueError, match="ASSAULT"):
        modes_for("FIGHT")


def test_contexts_from_the_manual():
    assert {"military", "economic", "diplomatic", "human_rights", "cbrn", "migration"} <= CONTEXTS
    assert len(CONTEXTS) >= 35


def test_quad_classes():
    assert QUAD_CLASS["CONSULT"] == "verbal_cooperation"
    assert QUAD_CLASS["CONCEDE"] == "verbal_cooperation"
    assert QUAD_CLASS["AID"] == "material_cooperation"
    assert QUAD_CLASS["REQUEST"] == "verbal_conflict"
    assert QUAD_CLASS["THREATEN"] == "verbal_conflict"
    assert QUAD_CLASS["SANCTION"] == "material_conflict"
    assert QUAD_CLASS["ASSAULT"] == "material_conflict"
    assert set(QUAD_CLASS) == set(PLOVER_TYPES)
    assert quad_classes("REQUEST") == {"verbal_conflict", "statement"}
    assert quad_classes("CONCEDE") == {"verbal_cooperation", "material_cooperation"}
    assert quad_classes("SANCTION") == {"material_conflict", "verbal_conflict"}
    assert quad_classes("PROTEST") == {"material_conflict"}


def test_crosswalk_direct_rows():
    assert cameo_to_plover("173") == PloverCoding("COERCE", "arrest", ("legal",))
    assert cameo_to_plover("042") == PloverCoding("CONSULT", "visit", ())
    assert cameo_to_plover("1831").event_type == "ASSAULT"
    assert cameo_to_plover("1831").mode == "suicide-attack"


def test_crosswalk_falls_back_to_the_parent_code():
    assert cameo_to_plover("0234") == PloverCoding("REQUEST", "assist", ("peacekeeping",))
    assert cameo_to_plover("0239") == cameo_to_plover("023")
    assert cameo_to_plover("1999").event_type == "ASSAULT"  # 199 -> 19


def test_crosswalk_statements_are_no_event():
    assert cameo_to_plover("010") is None
    assert cameo_to_plover("016") is None


def test_crosswalk_follows_the_manual_on_sanctions_and_aerial_weapons():
    assert cameo_to_plover("163") == PloverCoding("SANCTION", "discontinue", ("economic",))
    assert cameo_to_plover("195").mode == "aerial"


def test_every_crosswalk_mode_and_context_is_plover():
    for code in ("030", "0872", "1321", "175", "1712", "085", "204"):
        coding = cameo_to_plover(code)
        assert coding is not None
        assert coding.mode is None or coding.mode in modes_for(coding.event_type), code
        assert set(coding.context) <= CONTEXTS, code


def test_cameo_labels():
    assert cameo_label("173") == "Arrest, detain, or charge with legal action"
    assert cameo_label("0234") == "Appeal for military protection or peacekeeping"
    assert cameo_label("999") is None


def test_goldstein_scores_from_the_manual():
    assert goldstein("ASSAULT") == -9.0
    assert goldstein("ASSAULT", "drone") == -9.5
    assert goldstein("ASSAULT", "massacre") == -9.5  # the codebook's split of "targeted"
    assert goldstein("CONSULT", "visit") == 4.0
    assert goldstein("AID") == 10.0
    assert goldstein("ACCUSE") < 0  # the manual's "3" is a sign typo
    assert goldstein("MOBILIZE", "no-such-mode") == goldstein("MOBILIZE")
