"""The place gazetteer's data: GeoNames tables and curated names, read into lookup tables.

The data is the package's own (``forewarn/data/places``, generated from GeoNames by
``tools/build_place_data.py``, plus two hand-written files): countries, first-order divisions
("admin1": oblasts, provinces, states), second-order divisions ("admin2": districts, LGAs),
cities of at least 15,000 inhabitants, towns of 1,000 to 14,999 (read last: a city or division
of the same name always wins), curated news names (aliases such as "Kiev") and places that are
none of these (Transnistria, the Black Sea). Users add villages for a dense theatre with GeoNames
dump files (``extra_files``), read by path with errors that name the file and line.

Coordinates: a country is placed at its capital, a division at its largest city in the data
(none when it has no city of 15,000), a curated region at its main town or a mid-point; a
second-order division has none.
"""

from __future__ import annotations

import csv
import gc
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from forewarn.data import load_json, load_tsv
from forewarn.data.derived import derived
from forewarn.errors import ConfigError

__all__ = [
    "GEONAMES_COLUMNS",
    "MIN_ALTERNATE_LENGTH",
    "RANK_ADMIN1",
    "RANK_ALTERNATE",
    "RANK_CITY",
    "RANK_COUNTRY",
    "RANK_CURATED",
    "RANK_TOWN",
    "RANK_TOWN_ALTERNATE",
    "PlaceEntry",
    "PlaceTables",
    "PlaceWords",
    "english_stop_words",
    "is_matchable_alternate",
    "normalize_place_name",
    "read_place_tables",
]

# Ranks of a name's readings, best first (see forewarn.gazetteer.places, rule 3).
(
    RANK_CURATED,
    RANK_COUNTRY,
    RANK_CITY,
    RANK_ADMIN1,
    RANK_ALTERNATE,
    RANK_TOWN,
    RANK_TOWN_ALTERNATE,
) = range(7)

# Alternate names shorter than this are mostly codes and abbreviations ("ALV", "Of"); real short
# names survive because they are main names.
MIN_ALTERNATE_LENGTH = 3
# All-capital alternates up to this length are airport or abbreviation codes ("ALV", "KBP").
MAX_CODE_LENGTH = 4
# Columns of a GeoNames dump line (allCountries.txt, cities500.txt, a country file).
GEONAMES_COLUMNS = 19

_PUNCTUATION = re.compile(r"[.'\u2019\u2018`\"()]")
_SEPARATORS = re.compile(r"[\s,\-\u2010-\u2015/]+")


def normalize_place_name(text: str) -> str:
    """The lookup key of a name: ASCII, lowercase, without punctuation; "St." reads "saint"."""
    if not text.isascii():
        text = "".join(
            ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
        )
    words = _SEPARATORS.split(_PUNCTUATION.sub("", text.lower()))
    return " ".join("saint" if w == "st" else w for w in words if w)


@cache
def english_stop_words() -> frozenset[str]:
    # Imported late: only building data, user GeoNames files and lowercase mentions need it.
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def is_matchable_alternate(alternate: str) -> bool:
    """Whether a GeoNames alternate name may appear, as is, in English-language news.

    Keeps Latin-script, capitalised names ("Kiev", "Zaporozhye"); drops other scripts, the
    lowercase transliterations GeoNames carries ("aisakaladesa"), codes, names with digits and
    English stop words, which would otherwise turn "Of" into a place.
    """
    folded = normalize_place_name(alternate)
    stripped = alternate.strip()
    if len(folded) < MIN_ALTERNATE_LENGTH or not stripped or not stripped[0].isupper():
        return False
    if not folded.replace(" ", "").isalpha() or not folded.isascii():
        return False
    if stripped.isupper() and len(stripped) <= MAX_CODE_LENGTH:
        return False
    return folded not in english_stop_words()


class PlaceEntry(NamedTuple):
    """One place. A tuple: 175,000 of them are built per load, and a tuple is built fastest."""

    name: str
    kind: str  # "curated", "country", "admin1", "admin2", "city", "town"
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    population: int
    admin1_code: str | None = None  # "UA.05", for cities and divisions
    largest_city: int | None = None  # for divisions: geonameid of their largest city


@dataclass(frozen=True, slots=True)
class PlaceWords:
    """The words around place names (``places/place_words.json``), as lookup keys."""

    articles: tuple[str, ...]
    directions: frozenset[str]
    leading_phrases: tuple[str, ...]
    region_words: frozenset[str]
    city_words: frozenset[str]
    feature_words: tuple[str, ...]
    arabic_articles: frozenset[str]
    settlement_words: frozenset[str]

    @classmethod
    def read(cls) -> PlaceWords:
        raw = load_json("places/place_words.json")
        # Longest phrase first, so "the city of" is peeled before "the".
        phrases = sorted((normalize_place_name(p) for p in raw["leading_phrases"]), key=len)
        return cls(
            articles=tuple(raw["leading_articles"]),
            directions=frozenset(normalize_place_name(d) for d in raw["directions"]),
            leading_phrases=tuple(reversed(phrases)),
            region_words=frozenset(raw["region_words"]),
            city_words=frozenset(raw["city_words"]),
            # Longest first, so "refugee camp" is dropped whole, not as "camp".
            arabic_articles=frozenset(raw["arabic_articles"]),
            settlement_words=frozenset(raw["settlement_words"]),
            feature_words=tuple(
                sorted((normalize_place_name(w) for w in raw["feature_words"]), key=len)[::-1]
            ),
        )

    def has_article(self, name: str) -> bool:
        return normalize_place_name(name).partition(" ")[0] in self.arabic_articles

    def without_article(self, name: str) -> str:
        """ "Al Anbar" -> "anbar": news writes Arabic names with and without the article."""
        first, _, rest = normalize_place_name(name).partition(" ")
        if first in self.arabic_articles and len(rest) > MIN_ALTERNATE_LENGTH:
            return rest
        return name

    def without_region_words(self, name: str) -> str:
        words = normalize_place_name(name).split()
        kept = [w for w in words if w not in self.region_words]
        if not kept or (len(kept) == 1 and kept[0] in self.directions):
            return name  # "Northern District" must not become "northern"
        return " ".join(kept)


def _float(value: str) -> float | None:
    return float(value) if value else None


def _place_rows(name: str) -> list[list[str]]:
    return load_tsv(f"places/{name}")


def _user_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            row
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            if row and not row[0].startswith("#")
        ]


class PlaceTables:
    """Every place, and the tables a name is looked up in, indexed by normalised name."""

    def __init__(self) -> None:
        self.entries: list[PlaceEntry] = []
        self.index: dict[str, list[tuple[int, int]]] = {}  # key -> [(rank, entry number)]
        self.iso3: dict[str, str] = {}  # ISO2 -> ISO3
        self.countries: dict[str, int] = {}  # ISO2 -> entry number
        self.admin1: dict[str, int] = {}  # "UA.05" -> entry number
        self.cities: dict[int, int] = {}  # geonameid -> entry number
        # Second-order divisions ("Zhari district", "Gujba LGA"), kept out of ``index``: a
        # bare name is not read as one (too many are also surnames and common words), only a
        # name with a region word or inside a qualified address.
        self.admin2: dict[str, list[int]] = {}
        # division abbreviations, read only as an address's qualifier ("(Hyderabad, TS)")
        self.abbreviations: dict[str, int] = {}
        self.words = PlaceWords.read()

    _PLAIN_TABLES = ("index", "iso3", "countries", "admin1", "cities", "admin2", "abbreviations")

    def to_plain(self) -> tuple[Any, ...]:
        """The tables as plain tuples, lists and dicts (what ``marshal`` writes)."""
        entries = [tuple(entry) for entry in self.entries]
        return (entries, *(getattr(self, name) for name in self._PLAIN_TABLES))

    @classmethod
    def from_plain(cls, plain: tuple[Any, ...]) -> PlaceTables:
        entries, *tables = plain
        if len(tables) != len(cls._PLAIN_TABLES):
            raise ValueError("derived place tables of another layout")
        built = cls()
        built.entries = [PlaceEntry._make(entry) for entry in entries]
        for name, table in zip(cls._PLAIN_TABLES, tables, strict=True):
            setattr(built, name, table)
        return built

    def _add(self, entry: PlaceEntry) -> int:
        self.entries.append(entry)
        return len(self.entries) - 1

    def _name(self, name: str, rank: int, number: int) -> None:
        key = normalize_place_name(name)
        if key:
            readings = self.index.setdefault(key, [])
            if (rank, number) not in readings:
                readings.append((rank, number))

    def _read_countries(self) -> None:
        for iso2, iso3, name, gid, lat, lon, population, others in _place_rows("countries.tsv"):
            self.iso3[iso2] = iso3
            entry = PlaceEntry(
                name,
                "country",
                iso3,
                None,
                _float(lat),
                _float(lon),
                int(gid),
                int(population or 0),
            )
            number = self.countries[iso2] = self._add(entry)
            for alias in (name, *others.split("|")):
                self._name(alias, RANK_COUNTRY, number)

    def _division_variants(self, name: str, asciiname: str) -> set[str]:
        words = self.words
        variants = {name, asciiname, words.without_region_words(asciiname)}
        return {*variants, *map(words.without_article, variants)}

    def _read_admin1(self) -> None:
        for code, name, asciiname, gid, lat, lon, city in _place_rows("admin1.tsv"):
            iso3 = self.iso3.get(code.split(".")[0])
            entry = PlaceEntry(
                name,
                "admin1",
                iso3,
                name,
                _float(lat),
                _float(lon),
                int(gid),
                0,
                code,
                int(city) if city else None,
            )
            number = self.admin1[code] = self._add(entry)
            for variant in self._division_variants(name, asciiname):
                self._name(variant, RANK_ADMIN1, number)

    def _read_admin2(self) -> None:
        for code, name, asciiname, gid in _place_rows("admin2.tsv"):
            country_code, admin1_code, _ = code.split(".", 2)
            division = self.admin1.get(f"{country_code}.{admin1_code}")
            iso3 = self.iso3.get(country_code)
            if iso3 is None:
                continue
            # no coordinates of their own: a point for the whole division would mislead
            entry = PlaceEntry(
                name,
                "admin2",
                iso3,
                self.entries[division].name if division is not None else None,
                None,
                None,
                int(gid),
                0,
                f"{country_code}.{admin1_code}",
            )
            number = self._add(entry)
            for variant in self._division_variants(name, asciiname):
                key = normalize_place_name(variant)
                if key and number not in self.admin2.get(key, ()):
                    self.admin2.setdefault(key, []).append(number)

    def _add_city(self, row: Sequence[str], kind: str = "city") -> int:
        gid, name, cc, admin1_code, lat, lon, population = row[:7]
        code = f"{cc}.{admin1_code}"
        division = self.admin1.get(code)
        entry = PlaceEntry(
            name,
            kind,
            self.iso3.get(cc, cc or None),
            self.entries[division].name if division is not None else None,
            _float(lat),
            _float(lon),
            int(gid),
            int(population or 0),
            code,
        )
        number = self.cities[int(gid)] = self._add(entry)
        return number

    def _read_cities(self) -> None:
        index = self.index
        for row in _place_rows("cities.tsv"):
            number = self._add_city(row)
            # Keys are stored normalised (main name first) by tools/build_place_data.py.
            keys = row[7].split("|")
            for position, key in enumerate(keys):
                rank = RANK_CITY if position == 0 else RANK_ALTERNATE
                index.setdefault(key, []).append((rank, number))
            bare = self.words.without_article(keys[0])
            if bare != keys[0]:
                index.setdefault(bare, []).append((RANK_ALTERNATE, number))

    def _read_towns(self) -> None:
        """Places of 1,000 to 14,999 inhabitants: a name's last readings, after every city,
        division and alternate name ("Independence" is the Missouri city, not a village), by
        main name and then by alternate ("Kashtanove" for GeoNames' "Kashtanovoye")."""
        index = self.index
        for row in _place_rows("towns.tsv"):
            number = self._add_city(row, kind="town")
            keys = row[7].split("|")
            for position, key in enumerate(keys):
                rank = RANK_TOWN if position == 0 else RANK_TOWN_ALTERNATE
                index.setdefault(key, []).append((rank, number))

    def _read_geonames_file(self, path: Path) -> None:
        """A user's GeoNames dump: new places are added, known ones (same id) gain its names."""
        if not path.is_file():
            raise ConfigError(
                f"{path}: place file not found; expected a GeoNames dump "
                f"({GEONAMES_COLUMNS} tab-separated columns)"
            )
        try:
            rows = _user_rows(path)
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError(f"GeoNames file {path}: cannot be read ({error})") from error
        for line, row in enumerate(rows, 1):
            if len(row) < GEONAMES_COLUMNS - 4 or not row[0].isdigit():
                raise ConfigError(
                    f"GeoNames file {path}, line {line}: expected {GEONAMES_COLUMNS} tab-separated"
                    f" columns starting with a numeric geonameid, found {row[:3]!r}"
                )
            gid, name, asciiname, alternates = row[0], row[1], row[2], row[3]
            city_row = (gid, name, row[8], row[10], row[4], row[5], row[14] or "0")
            names = [asciiname] if asciiname != name else []
            names += [a for a in alternates.split(",") if a and is_matchable_alternate(a)]
            number = self.cities.get(int(gid))
            if number is None:
                try:
                    number = self._add_city(city_row)
                except ValueError as error:
                    raise ConfigError(
                        f"GeoNames file {path}, line {line}: bad latitude, longitude or "
                        f"population ({error})"
                    ) from None
            self._name(name, RANK_CITY, number)
            for extra in names:
                self._name(extra, RANK_CITY if extra == asciiname else RANK_ALTERNATE, number)

    def _read_curated(self) -> None:
        for name, iso3, admin1, lat, lon, gid, aliases in _place_rows("features.tsv"):
            entry = PlaceEntry(
                name,
                "curated",
                iso3 or None,
                admin1 or None,
                _float(lat),
                _float(lon),
                int(gid) if gid else None,
                0,
            )
            number = self._add(entry)
            for alias in (name, *filter(None, aliases.split("|"))):
                self._name(alias, RANK_CURATED, number)
        for alias, target in _place_rows("aliases.tsv"):
            self._name(alias, RANK_CURATED, self._target("aliases.tsv", alias, target))
        for abbreviation, target in _place_rows("address_abbreviations.tsv"):
            number = self._target("address_abbreviations.tsv", abbreviation, target)
            self.abbreviations[normalize_place_name(abbreviation)] = number

    def _target(self, file_name: str, name: str, target: str) -> int:
        """The entry a curated file's ``country:<ISO2>``, ``admin1:<CC.code>`` or
        ``city:<geonameid>`` names."""
        kind, _, ref = target.partition(":")
        table = {"country": self.countries, "admin1": self.admin1}.get(kind)
        number = self.cities.get(int(ref)) if kind == "city" else (table or {}).get(ref)
        if number is None:
            raise ConfigError(f"{file_name}: {name!r} points to unknown {target!r}")
        return number


# The packaged files the tables are built from (what a derived copy is checked against).
_PACKAGED_FILES = tuple(
    f"places/{name}"
    for name in (
        "countries.tsv",
        "admin1.tsv",
        "admin2.tsv",
        "cities.tsv",
        "towns.tsv",
        "aliases.tsv",
        "features.tsv",
        "address_abbreviations.tsv",
        "place_words.json",
    )
)


def read_place_tables(extra_files: Sequence[Path] = ()) -> PlaceTables:
    """The packaged place data plus the user's GeoNames files, in the order that ranks them.

    The packaged data alone is read back from its derived file when there is one
    (:mod:`forewarn.data.derived`); with the user's files it is built each time.
    Raises ConfigError naming the file (and line) when a user file is missing or malformed.
    """
    if extra_files:
        return _build_place_tables(extra_files)
    return derived(
        "places",
        _PACKAGED_FILES,
        _build_place_tables,
        PlaceTables.to_plain,
        PlaceTables.from_plain,
    )


def _build_place_tables(extra_files: Sequence[Path] = ()) -> PlaceTables:
    # The collector would walk every entry built so far, again and again, while nothing
    # built here can be garbage: paused, the load takes half the time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        tables = PlaceTables()
        tables._read_countries()
        tables._read_admin1()
        tables._read_admin2()
        tables._read_cities()
        tables._read_towns()
        for path in extra_files:
            tables._read_geonames_file(path)
        tables._read_curated()
    finally:
        if collecting:
            gc.enable()
    return tables
