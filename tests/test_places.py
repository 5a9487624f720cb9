"""PlaceGazetteer: place mentions resolved offline to GeoNames places."""

from __future__ import annotations

import pytest
from geonames_support import VILLAGE

from forewarn.data import load_text, load_tsv
from forewarn.errors import ConfigError
from forewarn.gazetteer.places import PlaceGazetteer, is_matchable_alternate, normalize_place_name
from forewarn.records import Place


@pytest.fixture(scope="module")
def gazetteer() -> PlaceGazetteer:
    return PlaceGazetteer.load()


def test_load_is_cached():
    # how long the first load takes: benchmarks/data_load_latency.py
    assert PlaceGazetteer.load() is PlaceGazetteer.load()


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Geneva", "Geneva", "CHE"),
        ("Tiraspol", "Tiraspol", "MDA"),
        ("Transnistria", "Transnistria", "MDA"),
        ("Kyiv", "Kyiv", "UKR"),
        ("Kiev", "Kyiv", "UKR"),
        ("Odessa", "Odesa", "UKR"),
        ("Kharkov", "Kharkiv", "UKR"),
        ("Gaza City", "Gaza", "PSE"),
        ("the Black Sea", "Black Sea", None),
        ("Strait of Hormuz", "Strait of Hormuz", None),
        ("Donbas", "Donbas", "UKR"),
        ("the city of Aleppo", "Aleppo", "SYR"),
        ("São Paulo", "São Paulo", "BRA"),
        ("Sao Paulo", "São Paulo", "BRA"),
        ("St. Petersburg", "Saint Petersburg", "RUS"),
    ],
)
def test_cities_and_curated_places(gazetteer, text, name, country):
    place = gazetteer.resolve(text)
    assert place is not None, text
    assert (place.text, place.name, place.country) == (text, name, country)
    assert place.lat is not None and place.lon is not None


def test_worked_example_place_is_a_full_record(gazetteer):
    place = gazetteer.resolve("Geneva")
    assert place == Place("Geneva", "Geneva", "CHE", "Geneva", 46.20222, 6.14569, 2660646)


@pytest.mark.parametrize(
    ("text", "hint", "country", "admin1"),
    [
        ("Paris", None, "FRA", "Île-de-France"),
        ("Paris", "USA", "USA", "Texas"),
        ("Paris", "usa", "USA", "Texas"),
        ("Tripoli", None, "LBY", "Tripoli"),
        ("Tripoli", "LBN", "LBN", "Liban-Nord"),
        ("Georgia", None, "GEO", None),
        ("Georgia", "USA", "USA", "Georgia"),
        ("Geneva", "ZZZ", "CHE", "Geneva"),  # a hint with no reading is ignored
    ],
)
def test_ambiguous_names_follow_the_hint_then_population(gazetteer, text, hint, country, admin1):
    place = gazetteer.resolve(text, country_hint=hint)
    assert (place.country, place.admin1) == (country, admin1)


@pytest.mark.parametrize(
    ("text", "name", "country", "geonameid"),
    [
        ("Donetsk Oblast", "Donetsk", "UKR", 709716),
        ("the Donetsk region", "Donetsk", "UKR", 709716),
        ("Kharkiv Oblast", "Kharkiv", "UKR", 706482),
        ("Kherson region", "Kherson Oblast", "UKR", 706442),
        ("Zaporizhzhia region", "Zaporizhzhya Oblast", "UKR", 687699),
        ("Idlib province", "Idlib", "SYR", 169387),
        ("California", "California", "USA", 5332921),
        ("Crimea", "Crimea", "UKR", 703883),
        ("the West Bank", "West Bank", "PSE", 285153),
    ],
)
def test_first_order_divisions(gazetteer, text, name, country, geonameid):
    place = gazetteer.resolve(text)
    assert (place.name, place.country, place.geonameid) == (name, country, geonameid)
    assert place.admin1 == name
    assert place.lat is not None  # placed at its largest city


def test_a_bare_division_name_means_its_city(gazetteer):
    assert gazetteer.resolve("Donetsk").geonameid == 709717  # the city, not the oblast
    assert gazetteer.resolve("Donetsk region").geonameid == 709716


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Ukraine", "Ukraine", "UKR"),
        ("northern Syria", "Syria", "SYR"),
        ("north-eastern Syria", "Syria", "SYR"),
        ("eastern Ukraine", "Ukraine", "UKR"),
        ("Russia's", "Russia", "RUS"),
        ("the United States", "United States", "USA"),
        ("the U.S.", "United States", "USA"),
        ("Britain", "United Kingdom", "GBR"),
        ("Czech Republic", "Czechia", "CZE"),
        ("South Sudan", "South Sudan", "SSD"),  # a direction that is part of the name
        ("North Korea", "North Korea", "PRK"),
        ("Lebanon", "Lebanon", "LBN"),  # not Lebanon, Pennsylvania
    ],
)
def test_countries(gazetteer, text, name, country):
    place = gazetteer.resolve(text)
    assert (place.name, place.country, place.admin1) == (name, country, None)
    assert place.geonameid is not None and place.lat is not None


@pytest.mark.parametrize(
    "text", ["Nowhereville", "", "   ", "the", "northern", "the North", "of", "the 42"]
)
def test_unknown_is_none(gazetteer, text):
    assert gazetteer.resolve(text) is None


def test_user_geonames_file_adds_villages(geonames_file):
    dump = geonames_file(
        "UA-villages.txt",
        VILLAGE,
        (709717, "Donetsk", "Donetsk", "Donetsk City", 48.023, 37.80224, "UA", "05", 901645),
    )
    gazetteer = PlaceGazetteer.load([dump])
    village = gazetteer.resolve("Zhovtneve Druhe")
    assert village == Place(
        "Zhovtneve Druhe", "Zhovtneve Druhe", "UKR", "Donetsk", 47.5, 37.1, 9990001
    )
    assert gazetteer.resolve("Zhovtnevoye").geonameid == 9990001
    assert gazetteer.resolve("Жовтневе") is None  # other scripts are not indexed
    # A known place (same geonameid) gains the file's names rather than being duplicated.
    assert gazetteer.resolve("Donetsk City").geonameid == 709717
    assert PlaceGazetteer.load().resolve("Zhovtneve Druhe") is None
    assert PlaceGazetteer.load([dump]) is gazetteer


def test_user_geonames_file_errors_name_the_file(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("not a geonames line\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.txt"):
        PlaceGazetteer.load([bad])
    with pytest.raises(ConfigError, match="missing.txt"):
        PlaceGazetteer.load([tmp_path / "missing.txt"])
    coordinates = tmp_path / "coordinates.txt"
    coordinates.write_text("\t".join(["1", "X", "X", "", "north", "east", *[""] * 13]) + "\n")
    with pytest.raises(ConfigError, match=r"coordinates.txt, line 1"):
        PlaceGazetteer.load([coordinates])


@pytest.mark.parametrize(
    ("alternate", "kept"),
    [
        ("Kiev", True),
        ("Zaporozhye", True),
        ("Of", False),
        ("Nice", True),
        ("ALV", False),
        ("aisakaladesa", False),
        ("Киев", False),
        ("Hometown 2", False),
        ("Then", False),
    ],
)
def test_alternate_names_worth_matching(alternate, kept):
    assert is_matchable_alternate(alternate) is kept


@pytest.mark.parametrize("file_name", ["cities.tsv", "towns.tsv"])
def test_generated_keys_follow_the_runtime_normalisation(file_name):
    """The files store keys made by normalize_place_name: they must not drift apart."""
    for row in load_tsv(f"places/{file_name}")[::500]:
        assert row[7].split("|")[0] == normalize_place_name(row[1])


def test_data_attribution_is_kept():
    readme = load_text("places/README.md")
    assert "GeoNames" in readme and "CC BY 4.0" in readme


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # a comma or bracket qualifier sets the country and division of the name
        ("Zamora, Michoacan", "Zamora de Hidalgo", "MEX"),
        ("Tripoli, Lebanon", "Tripoli", "LBN"),
        ("Moscow - Central", "Moscow", "RUS"),
        # a village the data lacks: its division stands for it
        ("Makarovo (Republic of Bashkortostan)", "Bashkortostan Republic", "RUS"),
        # "A town of B" reads B as the place; "A area of B" reads A, then B
        ("the West Bank city of Nablus", "Nablus", "PSE"),
        ("the Kafr Souseh area of Damascus", "Damascus", "SYR"),
        # a facility or sub-area named after its town
        ("Beirut airport", "Beirut", "LBN"),
        ("Jenin refugee camp", "Janīn", "PSE"),
        # Arabic names with and without the article
        ("Anbar province", "Al Anbar", "IRQ"),
        ("Ar-Raqqa", "Ar Raqqah", "SYR"),
        ("Qadisiyah", "Al Qādisīyah", "IRQ"),
        ("Haifa city", "Haifa", "ISR"),
        ("Democratic Republic of Congo", "Democratic Republic of the Congo", "COD"),
    ],
)
def test_qualified_and_described_names(gazetteer, text, name, country):
    place = gazetteer.resolve(text)
    assert place is not None, text
    assert (place.name, place.country) == (name, country)


def test_names_with_of_are_not_split_when_they_are_known(gazetteer):
    assert gazetteer.resolve("Gulf of Aden").name == "Gulf of Aden"
    assert gazetteer.resolve("Republic of Moldova").country == "MDA"


@pytest.mark.parametrize(
    ("text", "country", "admin1"),
    [
        # a second-order division named as one, or placed by its address
        ("Shirqat district", "IRQ", "Salah ad Din"),
        ("Sirwah district", "YEM", "Ma’rib"),
        ("Musa Khel district, Khost", "AFG", "Khowst"),
    ],
)
def test_second_order_divisions(gazetteer, text, country, admin1):
    place = gazetteer.resolve(text)
    assert place is not None and (place.country, place.admin1) == (country, admin1)
    assert place.lat is None  # a division has no single point


def test_a_bare_second_order_division_name_is_not_read():
    # too many district names are also surnames and common words
    assert PlaceGazetteer.load().resolve("Shirqat") is None


def test_the_address_country_most_parts_agree_on(gazetteer):
    # "Punjab" alone reads as India's; Multan is in Pakistan's
    place = gazetteer.resolve("Multan city (Multan, Punjab)")
    assert place is not None and place.country == "PAK"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # a second-order division votes for its country: "Nord-Ouest" alone is Haiti's
        ("Bafut town (Mezam, Nord-Ouest)", "CMR"),
        # division names as conflict reports write them
        ("Lower Shabelle", "SOM"),
        ("Sud-Kivu", "COD"),
        ("J&K", "IND"),
        ("Saladin province", "IRQ"),
        ("Nabatiyeh", "LBN"),
        # a state's abbreviation, read only as a qualifier
        ("Kothaguda village (TS)", "IND"),
        ("Nigohan (UP)", "IND"),
        # "X in Y" reads X in Y's country, or stands at Y
        ("Hyde Park in Novosibirsk", "RUS"),
        ("Tripoli in Lebanon", "LBN"),
        # a quarter of a city is placed by the city, not by a town called "Zone"
        ("the Central Zone of Sao Paulo", "BRA"),
    ],
)
def test_addresses_as_conflict_reports_write_them(gazetteer, text, country):
    place = gazetteer.resolve(text)
    assert place is not None and place.country == country, (text, place)


def test_an_arabic_name_read_without_its_article_must_be_an_arabic_name(gazetteer):
    assert gazetteer.resolve("el Marj").country == "LBY"  # GeoNames' "Al Marj"
    assert gazetteer.resolve("El Bouni") is None  # not Bouni in the Comoros
    assert gazetteer.resolve("Al Jabal Al Gharbi").country == "LBY"  # "Jabal al Gharbi"


@pytest.mark.parametrize("text", ["AP", "UP", "TS"])
def test_division_abbreviations_name_no_place_on_their_own(gazetteer, text):
    assert gazetteer.resolve(text) is None


def test_a_direction_and_a_sub_area_word_name_no_place(gazetteer):
    assert gazetteer.resolve("the North Zone") is None


def test_towns_are_read_after_every_larger_place(gazetteer):
    town = gazetteer.resolve("Ust-Barguzin")
    assert (town.country, town.admin1) == ("RUS", "Buryatiya Republic")
    assert gazetteer.is_town(town) and town.lat is not None
    # a city of the same name wins over every village called so
    city = gazetteer.resolve("Independence")
    assert (city.country, city.admin1) == ("USA", "Missouri") and not gazetteer.is_town(city)
    assert not gazetteer.is_town(gazetteer.resolve("Kyiv"))


def test_towns_are_found_by_their_alternate_names(gazetteer):
    # GeoNames writes the Donbas village "Kashtanovoye"; monitors write "Kashtanove"
    town = gazetteer.resolve("Kashtanove")
    assert town is not None and town.country == "UKR" and gazetteer.is_town(town)
