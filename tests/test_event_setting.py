"""event_dates, event_place: an event trigger's date and place, through the full pipeline."""

from __future__ import annotations

import pytest

from forewarn.extraction.event_dates import event_date
from forewarn.extraction.event_place import event_place


@pytest.fixture(scope="module")
def nlp(extractor):
    return extractor.nlp


def _trigger(nlp, text: str, verb: str):
    doc = nlp(text)
    return next(t for t in doc if t.text == verb)


def _place(nlp, text: str, verb: str) -> str | None:
    found = event_place(_trigger(nlp, text, verb))
    return found.text if found is not None else None


def _date(nlp, text: str, verb: str) -> str | None:
    trigger = _trigger(nlp, text, verb)
    found = event_date(trigger, [e for e in trigger.doc.ents if e.label_ in ("DATE", "TIME")])
    return found.text if found is not None else None


@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [
        # a name the model tags as a person, in a fronted locative phrase
        ("In Hilla, a civilian was killed in a drive-by shooting.", "killed", "Hilla"),
        # "the city of": the phrase is kept whole, the gazetteer reads the name in it
        ("Gunmen killed a man in the West Bank city of Nablus.", "killed", "Nablus"),
        ("Police detained protesters outside the town of Buinaksk.", "detained", "Buinaksk"),
        # a village the data lacks is placed by its comma qualifier
        ("Rebels attacked an army post near Opytne, Donetsk.", "attacked", "Donetsk"),
        # a participle clause shares the place of the clause it hangs from
        ("Troops stormed Jenin on Monday, killing two men.", "killing", "Jenin"),
        # a site without a name is placed by its own locative phrase
        ("Protesters rallied at a school in Izhevsk on Friday.", "rallied", "Izhevsk"),
        (
            "About 40 residents gathered in a neighbourhood on the outskirts of Volgograd.",
            "gathered",
            "Volgograd",
        ),
        # a bracketed address, whatever the model labels its names
        (
            "Militia fighters ambushed a patrol in Wadi Kassar area (Al Mahfad, Abyan).",
            "ambushed",
            "(Al Mahfad, Abyan)",
        ),
        # the most specific place named, though the gazetteer knows only the larger one
        (
            "Seven civilians were killed in the village of Kafr Dael in northern Aleppo.",
            "killed",
            "Kafr Dael",
        ),
        # a known name right after "in", though the parser hung it elsewhere
        (
            "On 7 May 2020, about 20 artists employed in the culture sector rallied in "
            "Thessaloniki demanding support for art workers.",
            "rallied",
            "Thessaloniki",
        ),
        # a small town the model tags as an organisation, after "in"
        ("Residents protested in Ust-Barguzin on Sunday.", "protested", "Ust-Barguzin"),
        # "the east of X" is placed by X
        ("Gunmen fired at the east of Zinjibar (Abyan) on Monday.", "fired", "Zinjibar"),
        # a clause the parser hung on "pro-" of "pro-Hadi" is no reported speech
        (
            "On 12 June 2021, pro-Hadi and affiliated forces reportedly thwarted a pro-Houthi "
            "advance on the Kassara front (Sirwah, Marib).",
            "thwarted",
            "Marib",
        ),
        # a qualifier's own compound names are not the village's ("Santa" of "Santa Rosa")
        (
            "On 9 June 2021, a robbery suspect was killed during a police raid in Barangay Pooc, "
            "Santa Rosa, Laguna.",
            "killed",
            "Santa Rosa, Laguna",
        ),
    ],
)
def test_places_found(nlp, text, verb, expected):
    found = _place(nlp, text, verb)
    assert found is not None and expected in found


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        # metonyms and actors are not where anything happened
        ("Moscow said the talks had failed.", "failed"),
        ("The Kremlin condemned the strike.", "condemned"),
        # reported speech is not set where it was reported
        ("Lavrov, in Geneva, said the army had attacked the rebels.", "attacked"),
        # an institution is not a town ("at the Bank")
        ("Activists threw paint at the Bank.", "threw"),
        # a bracketed acronym is no address ("DA" is also a town in Cote d'Ivoire)
        ("Supporters of the Democratic Alliance (DA) rallied outside its offices.", "rallied"),
    ],
)
def test_no_place(nlp, text, verb):
    assert _place(nlp, text, verb) is None


def test_a_happening_of_a_town_is_set_there(extractor):
    # "the shelling of Kharkiv": the noun's "of" names what was shelled, as "on" does for an
    # attack; the verb that restates the shelling takes its place
    found = _headline_places(extractor, "The shelling of Kharkiv killed two.")
    assert ("ASSAULT", "Kharkiv", "UKR") in found


def test_country_target_is_not_a_setting(nlp):
    assert _place(nlp, "The European Union sanctioned Iran.", "sanctioned") is None


def test_fronted_date_covers_a_participle_clause(nlp):
    text = "On 17 September 2022, activists staged pickets in Kaliningrad, demanding new laws."
    assert _date(nlp, text, "demanding") == "17 September 2022"


def test_day_number_taken_back_into_a_split_date(nlp):
    text = "Around 7 May 2020 (as reported), a man was found dead in Cunduacan."
    assert _date(nlp, text, "found") == "7 May 2020"


@pytest.mark.parametrize(
    "text",
    [
        "On Tuesday, officials said Russia attacked Kyiv.",
        "Officials said on Tuesday that Russia attacked Kyiv.",
    ],
)
def test_date_of_saying_is_not_the_date_of_what_was_said(nlp, text):
    assert _date(nlp, text, "attacked") is None


def test_leading_date_read_when_the_parse_misses_it(nlp):
    # the small model often makes "On" the root of such notes; the words still frame them
    text = "On 3 June 2021, in Tarija, Bolivia, vendors protested against the closure of a market."
    assert _date(nlp, text, "protested") == "3 June 2021"


def test_undated_later_sentence_takes_the_opening_date(nlp):
    text = (
        "On 12 March 2021, gunmen attacked a checkpoint near Mosul. "
        "Two soldiers were killed in the fighting."
    )
    assert _date(nlp, text, "killed") == "12 March 2021"


def test_background_in_the_pluperfect_takes_no_opening_date(nlp):
    text = "On 12 March 2021, villagers protested in Mosul. Police had arrested their leader."
    assert _date(nlp, text, "arrested") is None


def test_a_new_paragraph_takes_no_opening_date(nlp):
    text = "On 12 March 2021, villagers protested in Mosul.\n\nPolice arrested their leader."
    assert _date(nlp, text, "arrested") is None


def test_place_inside_what_the_event_is_against_is_not_its_setting(nlp):
    text = "Students protested in Tbilisi against the war in Ukraine."
    assert _place(nlp, text, "protested") == "Tbilisi"


def test_later_sentence_takes_the_fronted_place(nlp):
    text = "In Kirkuk, gunmen attacked a police patrol. Two officers were wounded."
    assert _place(nlp, text, "wounded") == "Kirkuk"


def test_written_qualifier_places_an_unknown_district(nlp):
    text = "A roadside bomb wounded two soldiers in Shirqat district, Salahuddin."
    found = _place(nlp, text, "wounded")
    assert found is not None and "Shirqat" in found


@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [
        # a place inside what the event supports is not its setting
        (
            "Residents gathered in Tambov to take part in a rally in support of the referendums "
            "in Donetsk.",
            "rally",
            "Tambov",
        ),
        # no locative phrase: a town named anywhere in the sentence
        (
            "Party members held pickets in front of the Ivanovo administration.",
            "pickets",
            "Ivanovo",
        ),
        # ... a capital too ("As" read as a preposition leaves the bracket's town alone)
        (
            "Shelling by an unidentified group was reported in As Sabaa (Tripoli) on Friday.",
            "Shelling",
            "Tripoli",
        ),
        # ... then where the sentence's residents live
        (
            "Residents of Tashtagol (Kemerovo Oblast) rallied in their district against a "
            "landfill.",
            "rallied",
            "Tashtagol (Kemerovo Oblast)",
        ),
        # ... then a bracketed address the parse hung elsewhere
        (
            "Gunmen attacked the staff of the surgical ward of Al Jumhuri Hospital (Salh, Taizz).",
            "attacked",
            "Salh, Taizz",
        ),
        # an address the parser cut is read to its closing bracket
        (
            "Militiamen beat a farmer in Lumbishi (Kalehe, Sud-Kivu) on Tuesday.",
            "beat",
            "Lumbishi (Kalehe, Sud-Kivu)",
        ),
        # the larger place tells which Hyde Park is meant
        (
            "Activists staged pickets in Hyde Park in Yekaterinburg on Saturday.",
            "staged",
            "Hyde Park in Yekaterinburg",
        ),
        # a known name keeps a qualifier that picks its namesake in another country ...
        (
            "Locals protested in Foca, Bosnia and Herzegovina, against a dam.",
            "protested",
            "Foca, Bosnia and Herzegovina",
        ),
        (
            "A sniper shot a conscript in Rafah (Rafah, North Sinai).",
            "shot",
            "Rafah (Rafah, North Sinai)",
        ),
        # ... but a subject after a comma is no qualifier
        ("In Kharkiv, Russia launched a missile attack on Monday.", "launched", "Kharkiv"),
    ],
)
def test_place_mention_is_the_whole_address(nlp, text, verb, expected):
    assert _place(nlp, text, verb) == expected


def _headline_places(extractor, text: str) -> list[tuple[str, str | None, str | None]]:
    from forewarn.records import Article

    document = extractor.extract(Article(id="h", title=None, published="2024-05-02", text=text))
    return [
        (
            e.event_type,
            e.location.text if e.location else None,
            e.location.country if e.location else None,
        )
        for e in document.events
    ]


@pytest.mark.parametrize(
    ("headline", "place", "country"),
    [
        # a town as a noun modifier: the headline drops "in"
        ("Nine hurt in Kharkiv shelling overnight: governor", "Kharkiv", "UKR"),
        # a region of a country, named by a compass word
        ("Four soldiers killed in eastern Ukraine - army", "Ukraine", "UKR"),
        # the trailing source is a sentence of its own, not part of the place's phrase
        ("Drone strike kills two in southern Lebanon - civil defence", "Lebanon", "LBN"),
        # the place inside the event's subject clause: "shelling in X kills"
        ("Shelling in Sudan's El Fasher kills six civilians", "El Fasher", "SDN"),
        # a headline that names no place: the local authority it quotes reports its ground
        ("Mortar fire kills farmer - Kherson regional administration", "Kherson", "UKR"),
        # a town the tagger took for a common noun, after "in"
        ("Two farmers killed in Ukraine's Donetsk", "Donetsk", "UKR"),
    ],
)
def test_a_headline_sets_its_event_where_a_modifier_names(extractor, headline, place, country):
    found = _headline_places(extractor, headline)
    assert any(t in ("ASSAULT", "COERCE") and p == place and c == country for t, p, c in found), (
        found
    )


def test_a_source_speaking_for_a_country_s_war_places_nothing(extractor):
    # "Kiev" of "Kiev military" is the government, which reports on the whole front
    found = _headline_places(extractor, "Two soldiers killed in overnight shelling - Kiev military")
    assert found and all(place is None for _, place, _ in found), found


def test_a_nationality_modifier_in_prose_is_no_setting(extractor):
    # "U.S." says whose troops, not where: prose ends with a full stop and keeps its rules
    found = _headline_places(extractor, "U.S. troops shot two smugglers.")
    assert found and all(place is None for _, place, _ in found), found


def _force_events(extractor, text: str):
    from forewarn.records import Article

    document = extractor.extract(Article(id="f", title=None, published="2024-05-02", text=text))
    return [e for e in document.events if e.event_type in ("ASSAULT", "COERCE")]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # the force landed on Georgians: the text names no place, their country is it
        ("Six Georgian border guards were wounded in a night raid.", "GEO"),
        # doers who act at home: police
        ("Belarusian police beat dozens of protesters.", "BLR"),
    ],
)
def test_force_the_text_places_nowhere_takes_its_sides_country(extractor, text, country):
    events = _force_events(extractor, text)
    assert events, text
    place = events[0].location
    assert place is not None and place.country == country
    # a country's coordinates are its capital's, not where this happened
    assert (place.lat, place.lon) == (None, None)


@pytest.mark.parametrize(
    "text",
    [
        # armies act abroad: the doers' country is no place
        "Turkish soldiers shot three smugglers.",
        # sides of two countries, none named as the target's
        "Talks between Armenian and Azerbaijani envoys ended.",
    ],
)
def test_no_place_from_sides_that_do_not_settle_it(extractor, text):
    from forewarn.records import Article

    document = extractor.extract(Article(id="n", title=None, published="2024-05-02", text=text))
    assert all(event.location is None for event in document.events), document.events


def test_a_country_modifying_the_event_noun_of_a_headline_places_it(extractor):
    events = _force_events(extractor, "Sudan fighting kills 40 as truce talks stall")
    assert events and events[0].location is not None
    assert events[0].location.country == "SDN"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the east" is the east of the one country the sentence names
        ("Georgia says one soldier killed in east", ("ASSAULT", "east", "GEO")),
        ("Armenian soldier killed in mine blast in separatist east", ("ASSAULT", "east", "ARM")),
        # a stance towards a country is no nationality
        ("Two pro-Russian fighters killed in east, Moldova says", ("ASSAULT", "east", "MDA")),
    ],
)
def test_a_compass_region_is_the_named_countrys(extractor, text, expected):
    assert expected in _headline_places(extractor, text)


def test_a_compass_region_of_two_countries_places_nothing(extractor):
    # whose east? the sentence names two countries
    found = _headline_places(
        extractor, "Armenia and Azerbaijan trade blame as shelling kills two in east"
    )
    assert all(country is None for _, _, country in found), found


def test_the_of_of_a_happening_names_a_town_the_tagger_missed(extractor):
    # "Donetsk" tagged a common noun here: the object of "shelling of" is what was shelled
    assert ("ASSAULT", "Donetsk", "UKR") in _headline_places(
        extractor, "Three civilians killed in shelling of Donetsk"
    )
