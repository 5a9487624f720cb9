"""forewarn_verification: could-not-verify, without-evidence, denials, confirmations."""

from __future__ import annotations

from pathlib import Path

import pytest

import forewarn.extraction.claims  # noqa: F401  (registers forewarn_claims)
import forewarn.extraction.verification as verification_module
from forewarn.extraction.verification import VerificationCue, load_verification_lexicon
from forewarn.nlp import load_base_model

# the worked example ships with the project (make demo uses it too)
FIXTURE = Path(__file__).resolve().parent.parent / "examples" / "reservists_article.txt"


@pytest.fixture(scope="session")
def verify_nlp():
    nlp = load_base_model()
    nlp.add_pipe("forewarn_claims")
    nlp.add_pipe("forewarn_verification")
    return nlp


def cues_of(nlp, text: str) -> tuple[list, list[VerificationCue]]:
    doc = nlp(text)
    return doc._.claim_mentions, doc._.verification_cues


def kinds(cues: list[VerificationCue]) -> list[str]:
    return [cue.kind for cue in cues]


def test_public_surface_is_pinned():
    assert sorted(verification_module.__all__) == sorted(
        [
            "BACKREFERENCE_WINDOW",
            "VerificationComponent",
            "VerificationCue",
            "VerificationKind",
            "VerificationLexicon",
            "create_verification_component",
            "load_verification_lexicon",
        ]
    )


def test_synonyms_map_to_one_group():
    lexicon = load_verification_lexicon()
    assert lexicon.synonym_of["mobilization"] == lexicon.synonym_of["reservist"]
    assert lexicon.synonym_of["call up"] == lexicon.synonym_of["mobilization"]


def test_could_not_independently_confirm_refers_back(verify_nlp):
    text = (
        "The army said on Monday that rebels had shelled the airport. "
        "It added that two planes were damaged. "
        "Reuters could not independently confirm the claims."
    )
    mentions, cues = cues_of(verify_nlp, text)
    assert kinds(cues) == ["unverified"]
    cue = cues[0]
    assert text[cue.start : cue.end] == "could not independently confirm"
    assert cue.applies_to == [0, 1]
    assert cue.by is None


def test_unable_to_verify_same_sentence(verify_nlp):
    text = "Local officials said ten people were killed, a figure the agency was unable to verify."
    mentions, cues = cues_of(verify_nlp, text)
    assert kinds(cues) == ["unverified"]
    assert "unable to verify" in text[cues[0].start : cues[0].end]
    assert cues[0].applies_to == [0]


def test_without_offering_details_is_unsubstantiated(verify_nlp):
    text = "The president accused Moscow of meddling, without offering details."
    mentions, cues = cues_of(verify_nlp, text)
    assert kinds(cues) == ["unsubstantiated"]
    assert text[cues[0].start : cues[0].end] == "without offering details"
    assert cues[0].applies_to == [0]
    assert "without" not in mentions[0].content


def test_without_evidence_in_relative_clause(verify_nlp):
    text = "Ion Rusu, who accused the police of torture without providing evidence, left."
    mentions, cues = cues_of(verify_nlp, text)
    assert kinds(cues) == ["unsubstantiated"]
    assert cues[0].applies_to == [0]


def test_offered_no_evidence(verify_nlp):
    text = (
        "The governor said that saboteurs had cut the power lines. "
        "He offered no evidence for the claim."
    )
    mentions, cues = cues_of(verify_nlp, text)
    assert "unsubstantiated" in kinds(cues)


def test_denial_disputes_claim_sharing_a_synonym(verify_nlp):
    text = (
        "The defense ministry said that the neighbouring region was calling up reservists. "
        "The regional leader denied that any mobilization was under way."
    )
    mentions, cues = cues_of(verify_nlp, text)
    disputed = [c for c in cues if c.kind == "disputed"]
    assert len(disputed) == 1
    assert disputed[0].applies_to == [0]
    assert disputed[0].by == 1


def test_denial_of_the_accusation_refers_to_latest_accusation(verify_nlp):
    text = (
        "The opposition said that turnout was low. "
        "The president accused Moscow of meddling in the vote. "
        "The Kremlin rejected the accusation."
    )
    mentions, cues = cues_of(verify_nlp, text)
    disputed = [c for c in cues if c.kind == "disputed"]
    assert [(c.applies_to, c.by) for c in disputed] == [([1], 2)]


def test_unrelated_denial_disputes_nothing(verify_nlp):
    text = (
        "The ministry said that the harvest had doubled. "
        "The army denied that its pilots had entered Polish airspace."
    )
    mentions, cues = cues_of(verify_nlp, text)
    assert [c for c in cues if c.kind == "disputed"] == []


def test_confirmation_by_another_party(verify_nlp):
    text = (
        "Villagers said that the dam had been breached. "
        "The interior ministry later confirmed the report."
    )
    mentions, cues = cues_of(verify_nlp, text)
    confirmed = [c for c in cues if c.kind == "confirmed"]
    assert len(confirmed) == 1 and confirmed[0].applies_to == [0]


def test_no_claims_no_cues(verify_nlp):
    mentions, cues = cues_of(verify_nlp, "Heavy rain fell over the capital on Sunday.")
    assert (mentions, cues) == ([], [])


def test_reservists_article(verify_nlp):
    text = FIXTURE.read_text(encoding="utf-8")
    start = text.index("Moldova's Ministry of Defense said")
    end = text.index("no sign of that yet.") + len("no sign of that yet.")
    body = text[start:end]
    mentions, cues = cues_of(verify_nlp, body)
    ministry = [i for i, m in enumerate(mentions) if m.cue.text in ("said", "added")][:3]
    assert [mentions[i].cue.text for i in ministry] == ["said", "said", "added"]
    unverified = [c for c in cues if c.kind == "unverified"]
    assert len(unverified) == 1
    assert body[unverified[0].start : unverified[0].end] == "could not independently confirm"
    assert unverified[0].applies_to == ministry
    denial = next(i for i, m in enumerate(mentions) if m.cue.text == "denied")
    disputed = next(c for c in cues if c.kind == "disputed" and c.by == denial)
    assert disputed.applies_to == ministry
    sandu = next(i for i, m in enumerate(mentions) if m.cue.text == "accused")
    unsubstantiated = [c for c in cues if c.kind == "unsubstantiated"]
    assert [(c.applies_to, body[c.start : c.end]) for c in unsubstantiated] == [
        ([sandu], "without offering details")
    ]
    kremlin = next(i for i, m in enumerate(mentions) if m.cue.text == "rejected")
    assert any(c.kind == "disputed" and c.by == kremlin and c.applies_to == [sandu] for c in cues)
