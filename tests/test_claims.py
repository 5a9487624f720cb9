"""forewarn_claims: reported speech on short news sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

import forewarn.extraction.claims as claims_module
import forewarn.extraction.verification  # noqa: F401  (registers forewarn_verification)
from forewarn.extraction.claim_lexicon import load_claim_lexicon
from forewarn.extraction.claims import ClaimMention
from forewarn.extraction.quotes import quote_spans
from forewarn.nlp import load_base_model

# the worked example ships with the project (make demo uses it too)
FIXTURE = Path(__file__).resolve().parent.parent / "examples" / "reservists_article.txt"


@pytest.fixture(scope="session")
def claims_nlp():
    nlp = load_base_model()
    nlp.add_pipe("forewarn_claims")
    nlp.add_pipe("forewarn_verification")
    return nlp


def reservists_body() -> str:
    """The article body only: production runs after boilerplate removal."""
    text = FIXTURE.read_text(encoding="utf-8")
    start = text.index("Moldova's Ministry of Defense said")
    end = text.index("no sign of that yet.") + len("no sign of that yet.")
    return text[start:end]


def only(nlp, text: str) -> ClaimMention:
    mentions = nlp(text)._.claim_mentions
    assert len(mentions) == 1, [(m.cue.text, m.content) for m in mentions]
    return mentions[0]


def by_cue(mentions: list[ClaimMention], cue: str) -> ClaimMention:
    return next(m for m in mentions if m.cue.text == cue)


def test_public_surface_is_pinned():
    assert sorted(claims_module.__all__) == sorted(
        ["ClaimMention", "ClaimsComponent", "create_claims_component", "speaker_key"]
    )


def test_lexicon_loads_every_stance():
    lexicon = load_claim_lexicon()
    stances = {entry.stance for entry in lexicon.cues.values()}
    assert {"assert", "deny", "accuse", "promise", "warn", "demand", "other"} <= stances
    assert "telegram" in lexicon.channel_media


def test_said_that_clause_offsets_exclude_cue_and_speaker(claims_nlp):
    text = "The Defense Ministry said on Monday that two drones were shot down over Kursk."
    mention = only(claims_nlp, text)
    assert mention.speaker.text == "The Defense Ministry"
    assert mention.cue.text == "said"
    assert text[mention.content_start : mention.content_end] == (
        "two drones were shot down over Kursk"
    )
    assert mention.stance == "assert"
    assert mention.date_span.text == "Monday"  # attached to the cue, not inside the content
    assert not mention.negated and not mention.direct_quote


@pytest.mark.parametrize(
    ("text", "cue", "stance"),
    [
        ("The army denied that its troops had crossed the border.", "denied", "deny"),
        ("Kyiv rejected the report as propaganda.", "rejected", "deny"),
        ("The rebels accused the government of shelling the market.", "accused", "accuse"),
        ("The governor blamed saboteurs for the blackout.", "blamed", "accuse"),
        ("The president vowed to rebuild the damaged bridge.", "vowed", "promise"),
        ("The ministry pledged to release the detainees.", "pledged", "promise"),
        ("Officials warned that the dam could collapse.", "warned", "warn"),
        ("The militia threatened to block the highway.", "threatened", "warn"),
        ("Protesters demanded that the mayor resign.", "demanded", "demand"),
        ("The envoy urged both sides to respect the truce.", "urged", "demand"),
        ("The union called for a general strike.", "called for", "demand"),
        ("The spokesman insisted that the drills were routine.", "insisted", "assert"),
        ("The agency reported that three soldiers died.", "reported", "assert"),
    ],
)
def test_stances(claims_nlp, text, cue, stance):
    mention = only(claims_nlp, text)
    assert mention.cue.text == cue
    assert mention.stance == stance
    assert mention.cue.text not in mention.content


def test_accused_content_is_object_and_charge(claims_nlp):
    mention = only(claims_nlp, "The rebels accused the government of shelling the market.")
    assert mention.content == "the government of shelling the market"


def test_negated_cue(claims_nlp):
    mention = only(claims_nlp, "The minister did not say that the talks had failed.")
    assert mention.negated
    assert mention.content == "the talks had failed"


def test_according_to_speaker_and_rest_of_clause(claims_nlp):
    mention = only(claims_nlp, "According to local officials, the convoy was hit near Izium.")
    assert mention.cue.text == "According to"
    assert mention.speaker.text == "local officials"
    assert mention.content == "the convoy was hit near Izium"


def test_final_according_to(claims_nlp):
    text = "Two soldiers were wounded in the attack, according to the regional governor."
    mention = only(claims_nlp, text)
    assert mention.speaker.text == "the regional governor"
    assert mention.content == "Two soldiers were wounded in the attack"


def test_direct_quote_before_cue_with_pronoun_and_channel(claims_nlp):
    text = (
        "Mayor Ivan Petrov spoke after the blast. "
        '"We will rebuild every house," he told local television.'
    )
    mention = by_cue(claims_nlp(text)._.claim_mentions, "told")
    assert mention.direct_quote
    assert mention.content == "We will rebuild every house"
    assert mention.speaker.text == "he"
    assert mention.speaker_antecedent.text == "Mayor Ivan Petrov"
    assert mention.channel == "local television"


def test_quote_then_named_speaker(claims_nlp):
    mention = only(claims_nlp, '"The border is closed," the governor said.')
    assert mention.direct_quote
    assert mention.content == "The border is closed"
    assert mention.speaker.text == "the governor"


def test_quote_continues_after_cue(claims_nlp):
    text = '"We are ready," the general said. "Our units are in position."'
    mention = only(claims_nlp, text)
    assert mention.content.startswith("We are ready")
    assert mention.content.endswith("Our units are in position")


def test_statement_on_telegram_channel(claims_nlp):
    text = "The ministry said in a statement published on its Telegram channel that it was ready."
    mention = only(claims_nlp, text)
    assert mention.channel == "Telegram channel"
    assert mention.content == "it was ready"


def test_fronted_statement_channel(claims_nlp):
    text = "In a statement, the army said that the bridge had been repaired."
    mention = only(claims_nlp, text)
    assert mention.channel == "a statement"


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("The senator told reporters that the bill would pass.", "reporters"),
        ("The premier said in an interview with ONT TV that Minsk wanted peace.", "ONT TV"),
        ("The governor wrote in a Facebook update that power was restored.", "a Facebook update"),
    ],
)
def test_channels(claims_nlp, text, channel):
    assert only(claims_nlp, text).channel == channel


def test_relative_clause_cue_speaker_is_relative_pronoun_with_antecedent(claims_nlp):
    text = (
        "Ion Rusu, who accused the police of torture without providing evidence, "
        "left the country on Friday."
    )
    mention = only(claims_nlp, text)
    assert mention.stance == "accuse"
    assert mention.speaker.text == "who"
    assert mention.speaker_antecedent.text == "Ion Rusu"
    assert mention.content == "the police of torture"


def test_generic_plural_speaker_and_hypothetical_content(claims_nlp):
    mention = only(claims_nlp, "Analysts say Russia could pressure Tiraspol.")
    assert mention.speaker.text == "Analysts"
    assert mention.speaker_antecedent is None
    assert mention.content == "Russia could pressure Tiraspol"


def test_appositive_and_relative_clause_left_out_of_speaker(claims_nlp):
    text = (
        "Vadim Krasnoselsky, the leader of the unrecognized region, denied that any "
        "mobilization was under way. Russia, which keeps troops there, has repeatedly "
        "said it has no plans to expand its presence."
    )
    mentions = claims_nlp(text)._.claim_mentions
    assert by_cue(mentions, "denied").speaker.text == "Vadim Krasnoselsky"
    russia = by_cue(mentions, "said")
    assert russia.speaker.text == "Russia"
    assert russia.content == "it has no plans to expand its presence"


def test_generic_speaker_resolves_to_named_np(claims_nlp):
    text = (
        "The Ministry of Foreign Affairs of Georgia summoned the ambassador. "
        "The ministry said that the protest note was delivered. "
        "It added that further steps were possible."
    )
    mentions = claims_nlp(text)._.claim_mentions
    ministry = by_cue(mentions, "said")
    assert ministry.speaker.text == "The ministry"
    assert ministry.speaker_antecedent.text == "The Ministry of Foreign Affairs of Georgia"
    added = by_cue(mentions, "added")
    assert added.speaker_antecedent.text == "The Ministry of Foreign Affairs of Georgia"


@pytest.mark.parametrize("hedge", ["reportedly", "allegedly"])
def test_hedge_adverbs(claims_nlp, hedge):
    mention = only(claims_nlp, f"The colonel {hedge} said that the base was empty.")
    assert mention.hedges == [hedge]


def test_nested_according_to_is_a_hedge_not_a_claim(claims_nlp):
    text = (
        'The ministry said that "according to available information, the units are moving north."'
    )
    mention = only(claims_nlp, text)
    assert mention.hedges == ["according to available information"]
    assert mention.content == "the units are moving north"
    assert mention.direct_quote


def test_could_not_confirm_is_not_a_claim(claims_nlp):
    assert claims_nlp("The agency could not confirm the claims.")._.claim_mentions == []


def test_cue_inside_a_quotation_is_the_quoted_speakers_rhetoric(claims_nlp):
    text = '"I think the ceasefire will hold for now," the envoy said.'
    mention = only(claims_nlp, text)
    assert mention.cue.text == "said"


def test_quote_spans_ignore_markup_attributes():
    text = '<tweet id="1">ok</tweet> He said "we are here" today.'
    assert quote_spans(text) == [(text.index('"we'), text.index("here") + 5)]


def test_reservists_article(claims_nlp):
    doc = claims_nlp(reservists_body())
    mentions = doc._.claim_mentions
    first = mentions[0]
    assert first.speaker.text == "Moldova's Ministry of Defense"
    assert first.date_span.text == "Wednesday"
    assert first.content.startswith("authorities in the breakaway region of Transnistria")
    second = mentions[1]
    assert second.speaker_antecedent.text == "Moldova's Ministry of Defense"
    assert second.channel == "Telegram channel"
    assert second.hedges == ["according to information available to us"]
    assert second.content.startswith("reservists aged 25 to 40")
    assert by_cue(mentions, "added").speaker_antecedent.text == "Moldova's Ministry of Defense"
    denial = by_cue(mentions, "denied")
    assert (denial.stance, denial.date_span.text) == ("deny", "Thursday")
    told = by_cue(mentions, "told")
    assert told.speaker_antecedent.text == "Vadim Krasnoselsky"
    assert (told.channel, told.direct_quote) == ("local television", True)
    sandu = by_cue(mentions, "accused")
    assert sandu.date_span.text == "last week"
    assert sandu.content == "Moscow of trying to destabilize the country ahead of elections"
    assert by_cue(mentions, "rejected").content == "the accusation"
    analysts = by_cue(mentions, "say")
    assert analysts.content == "Russia could pressure Tiraspol to stage provocations on the border"
    both = by_cue(mentions, "according to")
    assert both.speaker.text == "both ministries"
    assert not any("Daily Ledger" in (m.speaker.text if m.speaker else "") for m in mentions)


# -- broader cues and content spans (regressions found on news prose) -----------------------


def test_quotation_split_by_the_attribution_is_one_claim(claims_nlp):
    text = (
        '"We will not retreat," the commander said at a briefing in Kharkiv. '
        '"Our positions are holding."\n\nThe talks resume on Monday.'
    )
    said = by_cue(claims_nlp(text)._.claim_mentions, "said")
    assert said.content.startswith("We will not retreat")
    assert said.content.endswith("Our positions are holding")


def test_quotation_introduced_by_another_cue_is_not_joined(claims_nlp):
    text = '"That never happened," Bob said. Eyebrows raised, he asked, "Was I to stay behind?"'
    said = by_cue(claims_nlp(text)._.claim_mentions, "said")
    assert said.content == "That never happened"


def test_double_apostrophe_quotation_marks(claims_nlp):
    text = "''The shelling has stopped,'' said the mayor. ''People are coming back.''"
    said = by_cue(claims_nlp(text)._.claim_mentions, "said")
    assert said.content.startswith("The shelling has stopped")
    assert said.content.endswith("People are coming back")
    assert said.direct_quote is False  # the span crosses the attribution


def test_parenthetical_attribution_keeps_the_whole_clause(claims_nlp):
    mention = only(claims_nlp, "The bigger risk, he said, is a clash at sea.")
    assert mention.speaker.text == "he"
    assert mention.content == "The bigger risk, he said, is a clash at sea"


def test_clause_after_a_fronted_phrase_is_the_content(claims_nlp):
    text = "The general said after the meeting he would not withdraw the troops."
    said = by_cue(claims_nlp(text)._.claim_mentions, "said")
    assert said.content.endswith("he would not withdraw the troops")


def test_intention_verbs_are_claims_of_their_holder(claims_nlp):
    mention = only(claims_nlp, "The rebels want to hold talks in Doha.")
    assert (mention.cue.text, mention.speaker.text) == ("want", "The rebels")
    assert mention.content == "to hold talks in Doha"


def test_intention_inside_reported_speech_is_not_a_second_claim(claims_nlp):
    mention = only(claims_nlp, "The minister said the army plans to recruit more reservists.")
    assert mention.cue.text == "said"
    assert mention.content == "the army plans to recruit more reservists"


def test_later_participle_cue_ends_the_content(claims_nlp):
    text = "The governor said the dam was intact, adding that repairs would start soon."
    mentions = claims_nlp(text)._.claim_mentions
    assert by_cue(mentions, "said").content == "the dam was intact"
    assert by_cue(mentions, "adding").content == "repairs would start soon"


def test_sentence_final_according_to_covers_the_whole_sentence(claims_nlp):
    text = "Two villages were shelled and a bridge was destroyed, according to the governor."
    mention = only(claims_nlp, text)
    assert mention.content == "Two villages were shelled and a bridge was destroyed"


def test_headline_label_is_an_attribution(claims_nlp):
    text = "Zelensky: Russia is preparing a new offensive in the east.\n\nKYIV - The president."
    mention = only(claims_nlp, text)
    assert (mention.speaker.text, mention.cue.text) == ("Zelensky", ":")
    assert mention.content == "Russia is preparing a new offensive in the east"


@pytest.mark.parametrize(
    ("headline", "speaker", "cue"),
    [
        ("Shelling kills three near Kherson port: regional governor", "regional governor", ":"),
        ("Two border guards wounded in drone strike - interior ministry", "interior ministry", "-"),
        ("Militants seize checkpoint overnight — army spokesman", "army spokesman", "—"),
    ],
)
def test_a_headline_names_its_source_last(claims_nlp, headline, speaker, cue):
    mention = only(claims_nlp, headline)
    assert (mention.speaker.text, mention.cue.text) == (speaker, cue)
    assert mention.content == headline[: headline.rindex(cue)].rstrip()


@pytest.mark.parametrize(
    "text",
    [
        "Rebels shelled the town on Monday - and the army answered.",  # prose: a full stop
        "Ukraine crisis: talks resume in Minsk",  # a label first, its topic after
        "Fighting flares near Avdiivka - 2017",  # a year is no source
    ],
)
def test_a_dash_or_colon_before_no_source_is_no_claim(claims_nlp, text):
    assert claims_nlp(text)._.claim_mentions == []


def test_section_labels_are_not_speakers(claims_nlp):
    text = "Editor's Note: This article was updated on Monday with new casualty figures."
    assert claims_nlp(text)._.claim_mentions == []


def test_dependents_across_a_paragraph_break_are_ignored(claims_nlp):
    text = (
        'He added: "We will have an answer?"\n\n'
        "Some analysts said none of the sanctions will work unless Europe joins them."
    )
    said = by_cue(claims_nlp(text)._.claim_mentions, "said")
    assert said.content.startswith("none of the sanctions will work")


def test_a_date_inside_the_channel_phrase_dates_the_claim(claims_nlp):
    text = (
        "In an interview with a local radio station on Friday, the mayor said the bridge was hit."
    )
    mention = only(claims_nlp, text)
    assert mention.date_span is not None and mention.date_span.text == "Friday"


def test_a_role_then_a_name_in_commas_is_one_speaker(claims_nlp):
    text = (
        "Georgia's interior ministry spokesman, Levan Gelashvili, said in May that two men "
        "were held."
    )
    mention = only(claims_nlp, text)
    assert mention.speaker.text == "Georgia's interior ministry spokesman, Levan Gelashvili"
    assert mention.date_span.text == "May"
