"""ActorGazetteer: resolving noun phrases from news text to actors, built-in data and user files."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import forewarn.gazetteer as gazetteer_package
from forewarn.errors import ConfigError
from forewarn.gazetteer import actors as actors_module
from forewarn.gazetteer.actors import ActorGazetteer, pluralize
from forewarn.records import Actor

PUBLISHED = date(2025, 3, 13)

# Made-up people whose roles change, so that the tests do not depend on real careers.
VALDANE = {
    "id": "person:test-petra-valdane",
    "name": "Petra Valdane",
    "aliases": ["Valdane", "Petra A. Valdane"],
    "roles": [
        {"country": "MDA", "sector": "MIL", "title": "Minister of Defence",
         "start": "2019-01-01", "end": "2023-06-01"},
        {"country": "MDA", "sector": "GOV", "title": "Prime Minister",
         "start": "2023-06-01", "end": None},
    ],
}  # fmt: skip
HALVORSEN = {
    "id": "person:test-oren-halvorsen",
    "name": "Oren Halvorsen",
    "aliases": ["Halvorsen"],
    "roles": [
        {"country": "NOR", "sector": "GOV", "start": "2001-01-01", "end": "2005-01-01"},
        {"country": "NOR", "sector": "LEG", "start": "2010-01-01", "end": "2012-01-01"},
    ],
}
MILITIA = {
    "id": "group:test-black-river",
    "name": "Black River Militia",
    "aliases": ["BRM", "Black River fighters"],
    "country": "COD",
    "sector": "REB",
}
HAMAS_OVERRIDE = {"id": "group:hamas", "name": "Hamas", "country": "PSE", "sector": "GOV"}


def write_jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def gazetteer() -> ActorGazetteer:
    return ActorGazetteer.load()


@pytest.fixture(scope="module")
def user_gazetteer(tmp_path_factory) -> ActorGazetteer:
    path = tmp_path_factory.mktemp("actors") / "mine.jsonl"
    write_jsonl(path, [{"_comment": "test actors"}, VALDANE, HALVORSEN, MILITIA, HAMAS_OVERRIDE])
    return ActorGazetteer.load([path])


def check(actor: Actor | None, country: str | None, sector: str | None, actor_id=None) -> None:
    assert actor is not None
    assert (actor.country, actor.sector) == (country, sector)
    if actor_id is not None:
        assert actor.id == actor_id


# -- the worked example (an article published 2025-03-13) ---------------------------------------


@pytest.mark.parametrize(
    ("text", "country", "sector", "actor_id"),
    [
        ("Moldova's Ministry of Defense", "MDA", "MIL", None),
        ("Vadim Krasnoselsky", "MDA", "GOV", None),
        ("Russian Foreign Minister Sergei Lavrov", "RUS", "GOV", "person:sergei-lavrov"),
        ("his Moldovan counterpart Mihai Popsoi", "MDA", "GOV", None),
        ("Mihai Popsoi", "MDA", "GOV", None),
        ("Moldovan President Maia Sandu", "MDA", "GOV", None),
        ("Moscow", "RUS", "GOV", "country:RUS"),
        ("The Kremlin", "RUS", "GOV", "country:RUS"),
        ("Tiraspol", "MDA", "GOV", "region:transnistria"),
        ("Transnistrian authorities", "MDA", "GOV", None),
        ("authorities in the breakaway region of Transnistria", "MDA", "GOV", None),
    ],
)
def test_worked_example(gazetteer, text, country, sector, actor_id):
    actor = gazetteer.resolve(text, PUBLISHED)
    check(actor, country, sector, actor_id)
    assert actor.text == text


def test_worked_example_people_are_people(gazetteer):
    for text in ("Vadim Krasnoselsky", "his Moldovan counterpart Mihai Popsoi", "Maia Sandu"):
        actor = gazetteer.resolve(text, PUBLISHED)
        assert actor.id and actor.id.startswith("person:"), text
    lavrov = gazetteer.resolve("Russian Foreign Minister Sergei Lavrov", PUBLISHED)
    assert lavrov.name == "Sergei Lavrov"
    assert gazetteer.resolve("Lavrov", PUBLISHED).id == "person:sergei-lavrov"


def test_roles_of_real_people_follow_the_date(gazetteer):
    kuleba = gazetteer.resolve("Ukrainian Foreign Minister Dmytro Kuleba", date(2022, 3, 1))
    check(kuleba, "UKR", "GOV")
    assert kuleba.name == "Dmytro Kuleba"
    check(gazetteer.resolve("Andrii Sybiha", PUBLISHED), "UKR", "GOV")
    for text in ("Vladimir Putin", "Donald Trump", "Joe Biden"):
        assert gazetteer.resolve(text, PUBLISHED).id.startswith("person:"), text
    check(gazetteer.resolve("Putin", PUBLISHED), "RUS", "GOV")
    check(gazetteer.resolve("Trump", date(2025, 3, 13)), "USA", "GOV")
    check(gazetteer.resolve("Biden", date(2022, 5, 1)), "USA", "GOV")


# -- named entities -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "country", "sector", "actor_id"),
    [
        ("the United States", "United States", "USA", "GOV", "country:USA"),
        ("Washington", "United States", "USA", "GOV", "country:USA"),
        ("the White House", "United States", "USA", "GOV", "country:USA"),
        ("Chișinău", "Moldova", "MDA", "GOV", "country:MDA"),
        ("Transnistria", "Transnistria", "MDA", "GOV", "region:transnistria"),
        ("NATO", "NATO", None, "IGO", "igo:NATO"),
        ("Nato", "NATO", None, "IGO", "igo:NATO"),
        ("Hamas", "Hamas", "PSE", "REB", "group:hamas"),
        ("Hamas fighters", "Hamas", "PSE", "REB", "group:hamas"),
        ("Reuters", "Reuters", "GBR", "MED", "media:reuters"),
        ("Ukraine's General Staff", None, "UKR", "MIL", "org:UKR-GENSTAFF"),
        ("the Russian Ministry of Defense", None, "RUS", "MIL", "org:RUS-MOD"),
        ("the Security Council", "UN Security Council", None, "IGO", "igo:UNSC"),
        ("the US", "United States", "USA", "GOV", "country:USA"),
        # shared forms: curated beats generated, a capital means its country's government
        ("Belgrade", "Serbia", "SRB", "GOV", "country:SRB"),
        ("Addis Ababa", "Ethiopia", "ETH", "GOV", "country:ETH"),
        ("Brussels", "European Union", None, "IGO", "igo:EU"),
    ],
)
def test_named_entities(gazetteer, text, name, country, sector, actor_id):
    actor = gazetteer.resolve(text, PUBLISHED)
    check(actor, country, sector, actor_id)
    if name is not None:
        assert actor.name == name


# -- agent nouns, with and without a territory ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "country", "sector"),
    [
        ("the Belarusian Ministry of Foreign Affairs", "Belarusian Ministry of Foreign Affairs",
         "BLR", "GOV"),
        ("Iraqi troops", "Iraqi troops", "IRQ", "MIL"),
        ("a Swiss court", "Swiss court", "CHE", "JUD"),
        ("Russian forces", "Russian forces", "RUS", "MIL"),
        ("the Moldovan delegation", "Moldovan delegation", "MDA", "GOV"),
        ("Colombia's Congress", "Colombia's Congress", "COL", "LEG"),
        ("Russia's Security Council", "Russia's Security Council", "RUS", "GOV"),
        ("police in Chisinau", "police in Chisinau", "MDA", "COP"),
        ("the head of the Moldovan police", "head of the Moldovan police", "MDA", "COP"),
        ("civilians in Gaza", "civilians in Gaza", "PSE", "CVL"),
        ("the US ambassador to Russia", "US ambassador to Russia", "USA", "GOV"),
        ("defence ministry spokesman", "defence ministry spokesman", None, "MIL"),
        ("rebel forces", "rebel forces", None, "REB"),
        ("protesters", "protesters", None, "CVL"),
        ("police", "police", None, "COP"),
        ("Analysts", "Analysts", None, "EDU"),
        ("the ministry", "ministry", None, "GOV"),
        ("both ministries", "ministries", None, "GOV"),
        ("protesters outside the Russian embassy", None, None, "CVL"),
        ("pro-Russian separatists", None, None, "REB"),
    ],
)  # fmt: skip
def test_agent_nouns(gazetteer, text, name, country, sector):
    actor = gazetteer.resolve(text, PUBLISHED)
    check(actor, country, sector)
    assert actor.id is None
    if name is not None:
        assert actor.name == name


@pytest.mark.parametrize(
    "text",
    [
        "the border", "drills", "the region", "presence", "armored vehicles", "training grounds",
        "details", "forces", "the delegation", "told us", "is", "the turkey", "",
    ],
)  # fmt: skip
def test_not_actors(gazetteer, text):
    assert gazetteer.resolve(text, PUBLISHED) is None


def test_short_acronyms_need_their_capitals(gazetteer):
    assert gazetteer.resolve("IS", PUBLISHED).id == "group:islamic-state"
    assert gazetteer.resolve("us", PUBLISHED) is None
    assert gazetteer.country_of("the US") == "USA"


def test_resolve_is_cached_and_returns_fresh_records(gazetteer):
    first = gazetteer.resolve("Iraqi troops", PUBLISHED)
    first.name = "changed by a caller"
    assert gazetteer.resolve("Iraqi troops", PUBLISHED).name == "Iraqi troops"


# -- metonyms and countries ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kremlin", True), ("the Kremlin", True), ("Moscow", True), ("Tiraspol", True),
        ("the White House", True), ("Moldova", False), ("Transnistria", False), ("NATO", False),
        ("drills", False),
    ],
)  # fmt: skip
def test_is_metonym(gazetteer, text, expected):
    assert gazetteer.is_metonym(text) is expected


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Moldovan", "MDA"), ("Moldova", "MDA"), ("Tiraspol", "MDA"), ("Transnistrian", "MDA"),
        ("the Kremlin", "RUS"), ("Kyiv", "UKR"), ("Swiss", "CHE"), ("drills", None),
        ("NATO", None),
    ],
)  # fmt: skip
def test_country_of(gazetteer, text, iso3):
    assert gazetteer.country_of(text) == iso3


def test_entries_for_the_ruler(gazetteer):
    entries = set(gazetteer.entries())
    assert ("Kremlin", "METONYM", "country:RUS") in entries
    assert ("Moldovan", "COUNTRY", "country:MDA") in entries
    assert ("Transnistrian", "REGION", "region:transnistria") in entries
    assert ("Hamas", "GROUP", "group:hamas") in entries
    assert ("Chișinău", "METONYM", "country:MDA") in entries
    assert {label for _, label, _ in entries} <= {
        "COUNTRY", "METONYM", "IGO", "GROUP", "INSTITUTION", "MEDIA", "REGION", "PERSON",
    }  # fmt: skip
    surfaces = {surface.lower() for surface, _, _ in entries}
    assert not {"troops", "authorities", "police"} & surfaces  # agent nouns are not names


# -- user files -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "sector"),
    [
        (date(2020, 5, 1), "MIL"),
        (date(2023, 5, 31), "MIL"),
        (date(2023, 6, 1), "GOV"),  # a role's end is exclusive, the next one's start inclusive
        (None, "GOV"),  # no date: the latest role
        (date(2010, 1, 1), "MIL"),  # before every role: the nearest one
    ],
)
def test_roles_change_with_the_date(user_gazetteer, as_of, sector):
    actor = user_gazetteer.resolve("Moldovan Prime Minister Petra Valdane", as_of)
    check(actor, "MDA", sector, "person:test-petra-valdane")
    assert actor.name == "Petra Valdane"


def test_between_roles_the_nearest_in_time_wins(user_gazetteer):
    assert user_gazetteer.resolve("Halvorsen", date(2006, 1, 1)).sector == "GOV"
    assert user_gazetteer.resolve("Halvorsen", date(2009, 6, 1)).sector == "LEG"
    assert user_gazetteer.resolve("Halvorsen", date(2030, 1, 1)).sector == "LEG"


def test_user_people_and_groups(user_gazetteer):
    check(user_gazetteer.resolve("Valdane", date(2024, 1, 1)), "MDA", "GOV")
    check(user_gazetteer.resolve("Petra A. Valdane", date(2020, 1, 1)), "MDA", "MIL")
    check(user_gazetteer.resolve("BRM fighters"), "COD", "REB", "group:test-black-river")
    check(user_gazetteer.resolve("the Black River Militia"), "COD", "REB")
    assert ("Black River Militia", "GROUP", "group:test-black-river") in set(
        user_gazetteer.entries()
    )


def test_a_possessive_person_lends_a_country_to_the_agent(user_gazetteer):
    actor = user_gazetteer.resolve("Valdane's spokesman", date(2024, 1, 1))
    check(actor, "MDA", "GOV")
    assert actor.id is None


def test_user_entry_replaces_built_in_id(user_gazetteer, gazetteer):
    assert user_gazetteer.resolve("Hamas").sector == "GOV"
    assert gazetteer.resolve("Hamas").sector == "REB"


def test_load_is_cached_per_files(tmp_path):
    path = write_jsonl(tmp_path / "one.jsonl", [MILITIA])
    assert ActorGazetteer.load() is ActorGazetteer.load(())
    assert ActorGazetteer.load([path]) is ActorGazetteer.load([str(path)])
    assert ActorGazetteer.load([path]) is not ActorGazetteer.load()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        ('["a list"]', "found a JSON list"),
        ('{"id": "group:x", "aliases": []}', '"name" is missing'),
        ('{"id": "group:x", "name": "X", "country": "Moldova"}', "ISO 3166-1 alpha-3"),
        ('{"id": "group:x", "name": "X", "sector": "military"}', "sector code"),
        ('{"id": "group:x", "name": "X", "aliases": "X Group"}', "a list of strings"),
        ('{"id": "group:x", "name": "X", "kind": "company"}', '"kind" is'),
        ('{"id": "person:x", "name": "X", "roles": {"country": "MDA"}}', "list of role objects"),
        ('{"id": "person:x", "name": "X", "roles": [{"start": "13/03/2025"}]}', "YYYY-MM-DD"),
        (
            '{"id": "person:x", "name": "X", "roles": [{"start": "2025-01-01", '
            '"end": "2024-01-01"}]}',
            "before it starts",
        ),
    ],
)
def test_malformed_user_file(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(MILITIA) + "\n\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        ActorGazetteer.load([path])
    text = str(raised.value)
    assert text.startswith(f"{path.resolve()}:3: ")
    assert message in text and "expected" in text


def test_missing_user_file(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        ActorGazetteer.load([tmp_path / "absent.jsonl"])


# -- helpers and surface ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "plural"),
    [
        ("ministry", "ministries"), ("ministry of defence", "ministries of defence"),
        ("analyst", "analysts"), ("policeman", "policemen"), ("police", "police"),
        ("forces", "forces"), ("attorney", "attorneys"), ("church", "churches"),
    ],
)  # fmt: skip
def test_pluralize(term, plural):
    assert pluralize(term) == plural


def test_public_surface():
    assert gazetteer_package.__all__ == ["ActorGazetteer", "PlaceGazetteer"]
    assert "ActorGazetteer" in actors_module.__all__
    api = ActorGazetteer
    for name in ("load", "resolve", "is_metonym", "country_of", "entries"):
        assert callable(getattr(api, name))


def test_a_relative_clause_is_not_part_of_the_mention(gazetteer, user_gazetteer):
    actor = gazetteer.resolve("Iraqi officials, who spoke on condition of anonymity", PUBLISHED)
    check(actor, "IRQ", "GOV")
    assert actor.name == "Iraqi officials"
    check(user_gazetteer.resolve("the ministry, which cited Valdane"), None, "GOV")
    assert gazetteer.resolve("the WHO", PUBLISHED).id == "igo:WHO"  # a name, not a pronoun
