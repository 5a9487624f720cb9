"""PLOVER magnitudes (dead, injured, size) on events: the number belongs to the event's own
casualties or participants, never to an age, a date, a past toll, drones or an upper bound."""

from __future__ import annotations

import pytest

from forewarn.records import Article, Document

PUBLISHED = "2025-10-16"


@pytest.fixture(scope="module")
def extract_text(extractor):
    def run(text: str) -> Document:
        return extractor.extract(Article(id="t", title=None, published=PUBLISHED, text=text))

    return run


def magnitudes(document: Document, event_type: str) -> set[tuple[int | None, ...]]:
    """The (dead, injured, size) of every event of one type."""
    return {(e.dead, e.injured, e.size) for e in document.events if e.event_type == event_type}


@pytest.mark.parametrize(
    ("text", "event_type", "expected"),
    [
        # dead
        (
            "Russian forces shelled the town on Monday, killing three civilians.",
            "ASSAULT",
            (3, None, None),
        ),
        ("At least 20 people were killed in the attack on Tuesday.", "ASSAULT", (20, None, None)),
        ("An airstrike killed 12 militants in Ghazni.", "ASSAULT", (12, None, None)),
        (
            "The attack killed three soldiers and two civilians, the ministry said.",
            "ASSAULT",
            (5, None, None),
        ),
        ("A farmer and his brother were killed in a clash over land.", "ASSAULT", (2, None, None)),
        ("Gunmen shot dead a police officer in the market.", "ASSAULT", (1, None, None)),
        # dead and injured
        ("Two soldiers were killed and five wounded in the ambush.", "ASSAULT", (2, 5, None)),
        (
            "Gunmen attacked a village, leaving 12 dead and dozens injured.",
            "ASSAULT",
            (12, 24, None),
        ),
        # injured alone
        (
            "Police fired rubber bullets at the crowd, wounding 12 people.",
            "ASSAULT",
            (None, 12, None),
        ),
        # size
        ("Thousands rallied in Moscow against the war.", "PROTEST", (None, None, 2000)),
        (
            "About 2500 medical interns protested in Tel Aviv on Sunday.",
            "PROTEST",
            (None, None, 2500),
        ),
        ("Tens of thousands of protesters marched through Paris.", "PROTEST", (None, None, 20000)),
        (
            "A crowd of 5,000 gathered outside parliament to protest the law.",
            "PROTEST",
            (None, None, 5000),
        ),
        ("Russia mobilised 300,000 reservists.", "MOBILIZE", (None, None, 300000)),
        (
            "Russia deployed 50 drones and 3,000 troops to the border.",
            "MOBILIZE",
            (None, None, 3000),
        ),
        ("A dozen students protested outside the ministry.", "PROTEST", (None, None, 12)),
        # negatives: ages, dates, drones, upper bounds, threats, past tolls
        ("A 25-year-old man was killed by police in Minsk on May 9.", "ASSAULT", (1, None, None)),
        ("On 9 May 2020, militants attacked a checkpoint in Kabul.", "ASSAULT", (None, None, None)),
        ("Russia deployed 50 drones against Kyiv overnight.", "MOBILIZE", (None, None, None)),
        ("Up to 50 people may have been killed in the raid.", "ASSAULT", (None, None, None)),
        ("A mob threatened to kill two soldiers at the market.", "ASSAULT", (None, None, None)),
        ("Militants burned 20 huts and killed 15 livestock.", "ASSAULT", (None, None, None)),
    ],
)
def test_magnitudes_of_events(extract_text, text, event_type, expected):
    assert expected in magnitudes(extract_text(text), event_type)


def test_a_past_toll_in_a_relative_clause_is_not_the_attack_s(extract_text):
    document = extract_text("The group, which killed 3 in 2019, attacked a base on Monday.")
    attack = [e for e in document.events if e.trigger.text == "attacked"]
    assert attack and attack[0].dead is None


def test_the_figure_goes_to_the_violent_event_not_to_the_protest(extract_text):
    document = extract_text(
        "Thousands of protesters marched in the capital, and police killed two of them."
    )
    assert all(e.dead is None for e in document.events if e.event_type == "PROTEST")


def test_a_toll_in_its_own_sentence_goes_to_the_event_before_it(extract_text):
    document = extract_text("Militants attacked a checkpoint in Kabul. The death toll rose to 12.")
    assert magnitudes(document, "ASSAULT") == {(12, None, None)}


@pytest.mark.parametrize(
    "text",
    [
        "Over 200 people have been killed in shelling since the beginning of the year.",
        "Rebels have killed 41 soldiers so far this month, the army said.",
        "Since January, militants have killed five hundred villagers in the province.",
    ],
)
def test_a_running_total_is_no_happening_s_toll(extract_text, text):
    document = extract_text(text)
    assert document.events and all(e.dead is None for e in document.events)


def test_a_date_since_a_happening_keeps_its_toll(extract_text):
    document = extract_text(
        "Two servicemen were killed in shelling on Monday, the first deaths since the truce."
    )
    assert (2, None, None) in magnitudes(document, "ASSAULT")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the "were" of the passive dropped: the subject is who was killed
        ("Four border guards killed in mortar attack near Kherson", (4, None, None)),
        # two figures parsed as subjects of the second verb: each verb has the nearer one, and
        # the headline's one happening has both
        ("About 30 killed, 140 wounded in rocket strike on market", (30, 140, None)),
        # a headline drops the article of one casualty
        ("Medic killed as drone hits ambulance in Zaporizhzhia", (1, None, None)),
        # one happening told by two verbs and a noun: one event, both figures
        ("Four killed, 8 injured in shelling by rebel forces - regional governor", (4, 8, None)),
        # the parser hangs the number on the country's name before the noun
        ("Three Poland farmers killed in border blast", (3, None, None)),
        # "leaves ... dead": the shelling, subject of "leaves", has the toll
        ("Shelling leaves three civilians dead in Kharkiv", (3, None, None)),
        # gunfire named by who fires it is an attack: the soldiers died in it
        ("Three Georgian soldiers die in rebel fire: ministry", (3, None, None)),
        # the model reads a headline's opening "Forty" as a date (the forties): a count
        ("Forty killed in Aleppo fighting: monitor", (40, None, None)),
        # "killed" tagged as a past tense, modifying the servicemen: they were killed
        ("Three Georgian servicemen killed in armed clash near border", (3, None, None)),
    ],
)
def test_headline_casualties(extract_text, text, expected):
    assert expected in magnitudes(extract_text(text), "ASSAULT")


def test_events_without_figures_have_none(extract_text):
    document = extract_text("Israel struck Iran on Monday and the two sides met in Oman.")
    assert all((e.dead, e.injured, e.size) == (None, None, None) for e in document.events)


def test_denied_killings_carry_no_toll(extract_text):
    document = extract_text("The army denied that it killed 14 civilians in the village.")
    assert all(e.dead is None for e in document.events)
