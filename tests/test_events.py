"""The event stage end to end: sentences in, PLOVER events with roles, modality, dates, places."""

from __future__ import annotations

import pytest

from forewarn.records import Article, Document, Event

PUBLISHED = "2025-10-16"  # a Thursday


@pytest.fixture(scope="module")
def extract_text(extractor):
    def run(text: str, published: str | None = PUBLISHED) -> Document:
        article = Article(id="t", title=None, published=published, text=text)
        return extractor.extract(article)

    return run


def only(document: Document, event_type: str) -> Event:
    events = [e for e in document.events if e.event_type == event_type]
    assert len(events) == 1, [(e.event_type, e.trigger.text) for e in document.events]
    return events[0]


def countries(actors) -> list[str | None]:
    return [a.country for a in actors]


def test_active_voice_actor_and_recipient(extract_text):
    event = only(extract_text("Israel struck Iran on Monday."), "ASSAULT")
    assert countries(event.actor) == ["ISR"] and countries(event.recipient) == ["IRN"]
    assert event.date == "2025-10-13" and event.date_precision == "day"
    assert event.trigger.text == "struck" and event.modality == "asserted"


def test_passive_accusation_and_the_accused_act(extract_text):
    document = extract_text("Russia is accused of using drones against Ukraine.")
    accuse = only(document, "ACCUSE")
    assert accuse.actor == [] and countries(accuse.recipient) == ["RUS"]
    assault = only(document, "ASSAULT")
    assert countries(assault.actor) == ["RUS"] and countries(assault.recipient) == ["UKR"]
    assert assault.mode == "drone"


def test_weapon_becomes_the_mode(extract_text):
    event = only(
        extract_text("Russia attacked Kharkiv with Shahed-136 drones overnight."), "ASSAULT"
    )
    assert event.mode == "drone"
    assert countries(event.actor) == ["RUS"] and countries(event.recipient) == ["UKR"]
    assert event.location is not None and event.location.name == "Kharkiv"


def test_nominal_event_with_by_agent(extract_text):
    document = extract_text(
        "The secret mobilization of reservists by Belarus continues, Ukraine's General Staff "
        "said in a Facebook update on Tuesday."
    )
    event = only(document, "MOBILIZE")
    assert event.trigger.text == "mobilization"
    assert countries(event.actor) == ["BLR"]
    [claim] = document.claims
    assert event.claim_id == claim.id and claim.speaker.country == "UKR"
    assert claim.channel and "Facebook" in claim.channel
    assert claim.date == "2025-10-14"


def test_several_events_in_one_sentence(extract_text):
    document = extract_text(
        "Protesters rallied outside the parliament in Tbilisi on Sunday, demanding new elections."
    )
    protest = only(document, "PROTEST")
    request = only(document, "REQUEST")
    assert protest.location.name == "Tbilisi" and protest.location.country == "GEO"
    assert protest.date == "2025-10-12"
    assert [a.text for a in request.actor] == ["Protesters"]


def test_negation(extract_text):
    event = only(extract_text("Israel did not strike Iran on Monday."), "ASSAULT")
    assert event.negated and event.modality == "asserted"


def test_hypothetical_under_a_modal_and_in_its_complement(extract_text):
    document = extract_text("Putin may pressure Lukashenko to join the war.")
    coerce = only(document, "COERCE")
    assert coerce.modality == "hypothetical"
    assert [a.id for a in coerce.actor] == ["person:vladimir-putin"]
    assert [a.id for a in coerce.recipient] == ["person:alexander-lukashenko"]
    assert all(e.modality == "hypothetical" for e in document.events)


def test_intended_under_a_promise(extract_text):
    document = extract_text("The two leaders promised joint deployments along the border.")
    mobilize = only(document, "MOBILIZE")
    assert mobilize.modality == "intended"


def test_denied_inside_a_denial(extract_text):
    document = extract_text("Iranian officials denied that they had sent missiles to Russia.")
    reject = only(document, "REJECT")
    assert countries(reject.actor) == ["IRN"] and reject.modality == "asserted"
    sent = [e for e in document.events if e.trigger.text == "sent"]
    assert sent and sent[0].modality == "denied"
    assert countries(sent[0].actor) == ["IRN"]  # "they" resolved to the Iranian officials


def test_place_attached_by_syntax_and_metonym_as_actor(extract_text):
    document = extract_text(
        "Belarusian leader Alexander Lukashenko attended a summit in Astana on October 14. "
        "The Kremlin condemned the summit."
    )
    consult = only(document, "CONSULT")
    assert consult.actor[0].id == "person:alexander-lukashenko"
    assert consult.location.name == "Astana" and consult.location.country == "KAZ"
    assert consult.date == "2025-10-14"
    accuse = only(document, "ACCUSE")
    assert countries(accuse.actor) == ["RUS"] and accuse.location is None


def test_a_village_the_gazetteer_lacks_is_placed_by_the_nearest_known_place(extract_text):
    event = only(
        extract_text(
            "Gunmen attacked a checkpoint in Bir Zuwaydat on Sunday, Tarhuna officials said."
        ),
        "ASSAULT",
    )
    village = event.location
    assert village.name == "Bir Zuwaydat" and village.geonameid is None
    assert (village.country, village.admin1) == ("LBY", "Al Marqab")
    assert village.lat is not None  # Tarhuna's coordinates stand for it
    # with nothing known nearby it keeps its name only when actors say which country
    alone = only(extract_text("Gunmen attacked a checkpoint in Bir Zuwaydat."), "ASSAULT")
    assert alone.location is None


def test_a_user_geonames_file_places_its_villages(village_file, extract_text):
    from forewarn.extractor import Extractor, extractor_version
    from forewarn.settings import Settings

    settings = Settings(place_files=(village_file,))
    extractor = Extractor(settings)
    text = "Russian drones struck a school in Zhovtneve Druhe on Monday."
    document = extractor.extract(Article(id="t", title=None, published=PUBLISHED, text=text))
    village = only(document, "ASSAULT").location
    assert village.name == "Zhovtneve Druhe" and village.geonameid == 9990001
    assert (village.country, village.admin1, village.lat, village.lon) == (
        "UKR",
        "Donetsk",
        47.5,
        37.1,
    )
    # the default gazetteer does not know it (the model calls it a PERSON)
    assert only(extract_text(text), "ASSAULT").location is None
    # records made with the file say so in their version
    assert extractor.version == extractor_version(settings) != extractor_version()


def test_past_event_without_a_date_has_unknown_date(extract_text):
    event = only(extract_text("Hamas fighters attacked an Israeli army post."), "ASSAULT")
    assert event.date is None and event.date_precision == "unknown"


def test_offsets_index_the_text(extract_text):
    text = "In Kyiv, officials said Russian forces shelled Kherson on Wednesday."
    document = extract_text(text)
    event = only(document, "ASSAULT")
    assert text[event.trigger.start : event.trigger.end] == "shelled"
    assert text[event.evidence.start : event.evidence.end] == text
    assert event.location.name == "Kherson"


def test_same_input_same_output(extract_text):
    text = "Turkey sent humanitarian aid to Syria on Friday, the foreign ministry said."
    assert extract_text(text) == extract_text(text)


@pytest.mark.parametrize(
    ("text", "event_type", "trigger"),
    [
        # ceasefire monitors count fire rather than name an attacker
        ("Monitors recorded 14 bursts of fire from small arms near Zolote.", "ASSAULT", "bursts"),
        ("Monitors recorded 30 projectiles near Horlivka.", "ASSAULT", "projectiles"),
        ("Youths hurled Molotov cocktails at a police car in Hebron.", "ASSAULT", "hurled"),
        ("About 200 students staged a flash mob in Kazan.", "PROTEST", "staged"),
    ],
)
def test_counted_fire_thrown_weapons_and_flash_mobs(extract_text, text, event_type, trigger):
    event = only(extract_text(text), event_type)
    assert event.trigger.text == trigger


@pytest.mark.parametrize(
    "text",
    [
        "Nurses gave booster shots to 300 pensioners.",
        "The two ministers held an exchange of views.",
    ],
)
def test_shots_and_exchanges_without_weapons_are_no_assault(extract_text, text):
    assert not [e for e in extract_text(text).events if e.event_type == "ASSAULT"]


def test_a_noun_and_the_verb_that_restates_it_are_one_event(extract_text):
    # "airstrikes" and "killed" tell one happening: one ASSAULT, its means from the noun
    document = extract_text("Turkish airstrikes killed at least 12 people in Qamishli.")
    event = only(document, "ASSAULT")
    assert (event.mode, event.dead, event.location.text) == ("aerial", 12, "Qamishli")
    assert countries(event.actor) == ["TUR"]


def test_a_when_clause_tells_who_struck_where_and_when(extract_text):
    document = extract_text(
        "Four civilians were killed when Russian artillery hit Sumy on Tuesday."
    )
    event = only(document, "ASSAULT")
    assert countries(event.actor) == ["RUS"] and event.location.text == "Sumy"
    assert (event.date, event.mode, event.dead) == ("2025-10-14", "heavy-weapons", 4)


def test_a_when_clause_about_no_side_gives_no_actor(extract_text):
    event = only(extract_text("Two workers were killed when the roof collapsed."), "ASSAULT")
    assert event.actor == []


def test_an_attack_noun_lends_its_target_place_to_the_verb(extract_text):
    event = only(extract_text("A Russian drone attack on Kherson injured six people."), "ASSAULT")
    assert (event.location.text, event.mode, event.injured) == ("Kherson", "drone", 6)


def test_a_few_civilians_killed_is_no_massacre_and_no_ethnic_context(extract_text):
    event = only(extract_text("Militants killed three civilians near Goma."), "ASSAULT")
    assert event.mode != "massacre" and "religion_ethnicity" not in event.context
    slaughter = only(extract_text("Gunmen slaughtered villagers in Yelwata."), "ASSAULT")
    assert slaughter.mode == "massacre"


def test_the_means_of_what_did_not_happen_did_not_happen(extract_text):
    document = extract_text("Serbia has not joined the operation by deploying troops.")
    assert all(event.negated for event in document.events), [
        (e.event_type, e.trigger.text, e.negated) for e in document.events
    ]


def test_taking_part_is_dated_by_the_happening(extract_text):
    document = extract_text("Ministers attended a conference held in Astana on October 2.")
    event = only(document, "CONSULT")
    assert (event.date, event.location.text) == ("2025-10-02", "Astana")


@pytest.mark.parametrize(
    "text",
    [
        "Iran's ally Syria is quietly moving troops to the border.",
        "Iran's ally, Syria, moved troops to the border.",
    ],
)
def test_an_appositive_after_a_possessive_names_the_actor(extract_text, text):
    event = only(extract_text(text), "MOBILIZE")
    assert countries(event.actor) == ["SYR"]


def test_a_spokeswoman_named_after_her_role_speaks_for_her_country(extract_text):
    document = extract_text(
        "Armenia's foreign ministry spokeswoman, Ani Badalyan, said in May that talks stalled."
    )
    [claim] = document.claims
    assert "Ani Badalyan" in claim.speaker.text
    assert (claim.speaker.country, claim.date) == ("ARM", "2025-05")


def test_overnight_is_the_night_before_the_report(extract_text):
    event = only(extract_text("A drone attack on Kherson overnight injured two people."), "ASSAULT")
    assert (event.date, event.location.text) == ("2025-10-15", "Kherson")


@pytest.mark.parametrize(
    ("text", "event_type", "cover"),
    [
        ("Minsk is quietly calling up reservists under the guise of drills.", "MOBILIZE", "drills"),
        (
            "Belarus moved troops to the border under the pretext of exercises.",
            "MOBILIZE",
            "exercises",
        ),
        (
            "Russia sent troops into the region disguised as humanitarian convoys.",
            "MOBILIZE",
            "humanitarian convoys",
        ),
    ],
)
def test_a_cover_story_keeps_the_event_marks_it_covert_and_records_the_cover(
    extract_text, text, event_type, cover
):
    document = extract_text(text)
    event = only(document, event_type)
    assert (event.covert, event.cover) == (True, cover)
    assert [e.event_type for e in document.events] == [event_type]  # the cover is no event


def test_an_open_call_up_is_not_covert(extract_text):
    event = only(extract_text("Belarus called up reservists for drills."), "MOBILIZE")
    assert (event.covert, event.cover) == (False, None)


@pytest.mark.parametrize(
    ("text", "actors", "recipients"),
    [
        # a headline drops the "were": the soldiers were killed
        ("Three Moldovan soldiers killed in border clash", [], ["Three Moldovan soldiers"]),
        # parsed as a main verb with a subject: the headline's dropped "was" all the same
        ("Border guard killed, three injured in drone attack near Sumy", [], ["Border guard"]),
        # "by" names the doers of a past participle modifying the victims
        ("Two medics killed by Russian snipers near Bakhmut", ["Russian snipers"], ["Two medics"]),
        # the tagger's past tense for a participle modifying a noun: a participle all the same
        (
            "Three Georgian servicemen killed in armed clash near border",
            [],
            ["Three Georgian servicemen"],
        ),
    ],
)
def test_a_past_participle_modifying_a_noun_is_done_to_it(extract_text, text, actors, recipients):
    document = extract_text(text)
    killed = [e for e in document.events if e.trigger.text == "killed"]
    assert killed, document.events
    assert [a.text for a in killed[0].actor] == actors
    assert [r.text for r in killed[0].recipient] == recipients


def test_a_title_cased_event_noun_in_a_headline_is_an_event(extract_text):
    # "Shelling" tagged a proper noun (no entity) at the head of a headline
    document = extract_text("Shelling adds to mounting civilian toll in Kherson")
    assert [e.event_type for e in document.events] == ["ASSAULT"]
    # a name in prose stays a name
    assert extract_text("Operation Storm began in August.").events == []


def test_a_headline_told_by_two_words_keeps_each_party_on_one_side(extract_text):
    # "killed" reads the policeman as the victim, "shelling" as the one shelling: the
    # headline's one happening keeps the most confident reading
    document = extract_text("Policeman killed by shelling in Luhansk republic - operations command")
    [event] = [e for e in document.events if e.event_type == "ASSAULT"]
    assert ([a.text for a in event.actor], [r.text for r in event.recipient]) == ([], ["Policeman"])


def most_confident(document: Document) -> Event:
    return max(document.events, key=lambda e: e.confidence)


@pytest.mark.parametrize(
    "text",
    [
        # the dead lead a headline, not the circumstance around them
        "Two shot dead as police storm a rally in Tbilisi",
        "Two killed as skirmishes threaten truce in Karabakh",
        "Nine soldiers killed in Bakhmut withdrawal: ministry",
        "Three killed ahead of planned peace talks in Geneva",
    ],
)
def test_a_headline_leads_with_its_dead(extract_text, text):
    event = most_confident(extract_text(text))
    assert (event.event_type, event.modality) == ("ASSAULT", "asserted")
    assert event.dead is not None


def test_an_event_noun_qualified_as_future_has_not_happened(extract_text):
    document = extract_text("Three killed ahead of planned peace talks in Geneva")
    [talks] = [e for e in document.events if e.trigger.text == "talks"]
    assert talks.modality == "intended"
    [strikes] = extract_text("Possible strikes by dockers worry the port's owners.").events
    assert strikes.modality == "hypothetical"


def test_a_happening_that_endangers_something_is_no_threat(extract_text):
    document = extract_text("Fighting threatens the fragile ceasefire in Libya.")
    assert "THREATEN" not in [e.event_type for e in document.events]
    # the fighting is told, not planned, whatever its verb means
    assert only(document, "ASSAULT").modality == "asserted"
    # a party that threatens still does
    assert only(extract_text("Russia threatens Ukraine with retaliation."), "THREATEN")


def test_violence_is_an_assault_when_its_toll_or_outbreak_is_told(extract_text):
    event = only(extract_text("Death toll from weekend violence in Osh rises to 12"), "ASSAULT")
    assert event.dead == 12
    # a concern about violence tells of none
    assert extract_text("The envoy expressed concern about violence in the region.").events == []


def test_over_last_week_is_the_seven_days_to_publication(extract_text):
    # published Thursday 16 October 2025: the seven days up to it lie mostly in the week of
    # 13 October; "last week" alone is the calendar week before
    over = only(extract_text("Nine militiamen killed in shelling over last week"), "ASSAULT")
    assert (over.date, over.date_precision, over.date_text) == ("2025-10-13", "week", "last week")
    calendar = only(extract_text("Nine militiamen were killed last week."), "ASSAULT")
    assert calendar.date == "2025-10-06"
