"""Resolve place mentions from news text to GeoNames places, offline.

The data is the package's own (``forewarn/data/places``, generated from GeoNames by
``tools/build_place_data.py``, plus two hand-written files): countries, first-order divisions
("admin1": oblasts, provinces, states), cities of at least 15,000 inhabitants, towns of 1,000 to
14,999 (read last: a city or division of the same name always wins), curated news names
(aliases such as "Kiev") and places that are none of these (Transnistria, the Black Sea). Users add
villages for a dense theatre with GeoNames dump files (``extra_files``).

Which place a name means, in order:

1. the name as given (after "the", a possessive and punctuation are dropped), else the name with
   leading phrases ("the city of") and directions ("northern") peeled off;
2. a trailing region word ("Donetsk Oblast", "the Kherson region") asks for a first-order
   division; when no division has that name, the city of that name stands for its division if it
   is the division's largest city ("Zaporizhzhia region"), else the city itself is returned;
3. among the readings of a name, those in ``country_hint`` win; then curated names, countries,
   cities by their main name, divisions, cities by an alternate name, towns by their main name,
   towns by an alternate name; then the larger population.
   A bare division name that is also its largest city's name ("Odessa") means the city;
4. a name nothing above knows is read as a second-order division (``admin2.tsv``: districts,
   LGAs, communes) only when a region or city word says it is one ("Shirqat district") or an
   address places it ("Musa Khel, Khost"), and only when the reading is in one country: bare
   district names are too often also surnames and common words;
5. in an address ("Multan city (Multan, Punjab)", "Hyde Park in Novosibirsk") the country
   most parts have a reading in, second-order divisions included, is the hint for every part:
   "Punjab" alone would read as India's; a part read only in another country is not the
   address's context ("(Mezam, Nord-Ouest)" is Cameroon's North-West, not Haiti's).

Coordinates: a country is placed at its capital, a division at its largest city in the data
(none when it has no city of 15,000), a curated region at its main town or a mid-point; a
second-order division has none.
"""

from __future__ import annotations

import csv
import gc
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from forewarn.errors import ConfigError
from forewarn.records import Place

__all__ = ["PlaceGazetteer", "is_matchable_alternate", "normalize_place_name"]

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "places"

# Ranks of a name's readings, best first (see the module docstring, rule 3).
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
# Resolutions remembered per gazetteer: an article names a few dozen places, a corpus a few
# thousand distinct ones; past this the cache is cleared rather than grown without bound.
RESOLVE_CACHE_SIZE = 50_000
# Columns of a GeoNames dump line (allCountries.txt, cities500.txt, a country file).
GEONAMES_COLUMNS = 19

_PUNCTUATION = re.compile(r"[.'\u2019\u2018`\"()]")
_SEPARATORS = re.compile(r"[\s,\-\u2010-\u2015/]+")
_POSSESSIVE = re.compile(r"(?:'s|\u2019s|'|\u2019)$")
# "Zamora, Michoacan", "Makarovo (Bashkortostan)", "Moscow - Central", "Hyde Park in
# Novosibirsk": a name and the places it is in (or a part of it), as news and ACLED notes
# write them.
_QUALIFIER_SEPARATOR = re.compile(r"\s*(?:[,()]|\s[-\u2013\u2014]\s|\sin\s)\s*")


def normalize_place_name(text: str) -> str:
    """The lookup key of a name: ASCII, lowercase, without punctuation; "St." reads "saint"."""
    if not text.isascii():
        text = "".join(
            ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
        )
    words = _SEPARATORS.split(_PUNCTUATION.sub("", text.lower()))
    return " ".join("saint" if w == "st" else w for w in words if w)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
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
    return folded not in _stop_words()


class _Entry(NamedTuple):
    """One place. A tuple: 175,000 of them are built per load, and a tuple is built fastest."""

    name: str
    kind: str  # "curated", "country", "admin1", "city", "town"
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    population: int
    admin1_code: str | None = None  # "UA.05", for cities and divisions
    largest_city: int | None = None  # for divisions: geonameid of their largest city


@dataclass(frozen=True, slots=True)
class _Words:
    articles: tuple[str, ...]
    directions: frozenset[str]
    leading_phrases: tuple[str, ...]
    region_words: frozenset[str]
    city_words: frozenset[str]
    feature_words: tuple[str, ...]
    arabic_articles: frozenset[str]
    settlement_words: frozenset[str]

    @classmethod
    def read(cls, path: Path) -> _Words:
        raw = json.loads(path.read_text(encoding="utf-8"))
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


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            row
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            if row and not row[0].startswith("#")
        ]


def _float(value: str) -> float | None:
    return float(value) if value else None


class PlaceGazetteer:
    """Countries, divisions, cities and curated places, indexed by normalised name."""

    def __init__(self) -> None:
        self._entries: list[_Entry] = []
        self._index: dict[str, list[tuple[int, int]]] = {}  # key -> [(rank, entry number)]
        self._iso3: dict[str, str] = {}  # ISO2 -> ISO3
        self._countries: dict[str, int] = {}  # ISO2 -> entry number
        self._admin1: dict[str, int] = {}  # "UA.05" -> entry number
        self._cities: dict[int, int] = {}  # geonameid -> entry number
        # Second-order divisions ("Zhari district", "Gujba LGA"), kept out of ``_index``: a
        # bare name is not read as one (too many are also surnames and common words), only a
        # name with a region word or inside a qualified address.
        self._admin2: dict[str, list[int]] = {}
        # division abbreviations, read only as an address's qualifier ("(Hyderabad, TS)")
        self._abbreviations: dict[str, int] = {}
        self._words = _Words.read(DATA_DIR / "place_words.json")
        self._cache: dict[tuple[str, str | None], Place | None] = {}

    @classmethod
    def load(cls, extra_files: Sequence[Path] = ()) -> PlaceGazetteer:
        """The gazetteer, built once per process for each set of extra GeoNames files."""
        return _load(tuple(Path(p).resolve() for p in extra_files))

    # -- building -------------------------------------------------------------------------------

    def _add(self, entry: _Entry) -> int:
        self._entries.append(entry)
        return len(self._entries) - 1

    def _name(self, name: str, rank: int, number: int) -> None:
        key = normalize_place_name(name)
        if key:
            readings = self._index.setdefault(key, [])
            if (rank, number) not in readings:
                readings.append((rank, number))

    def _read_countries(self) -> None:
        for iso2, iso3, name, gid, lat, lon, population, others in _rows(
            DATA_DIR / "countries.tsv"
        ):
            self._iso3[iso2] = iso3
            entry = _Entry(
                name,
                "country",
                iso3,
                None,
                _float(lat),
                _float(lon),
                int(gid),
                int(population or 0),
            )
            number = self._countries[iso2] = self._add(entry)
            for alias in (name, *others.split("|")):
                self._name(alias, RANK_COUNTRY, number)

    def _read_admin1(self) -> None:
        for code, name, asciiname, gid, lat, lon, city in _rows(DATA_DIR / "admin1.tsv"):
            iso3 = self._iso3.get(code.split(".")[0])
            entry = _Entry(
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
            number = self._admin1[code] = self._add(entry)
            variants = {name, asciiname, self._without_region_words(asciiname)}
            for variant in {*variants, *map(self._without_article, variants)}:
                self._name(variant, RANK_ADMIN1, number)

    def _read_admin2(self) -> None:
        for code, name, asciiname, gid in _rows(DATA_DIR / "admin2.tsv"):
            country_code, admin1_code, _ = code.split(".", 2)
            division = self._admin1.get(f"{country_code}.{admin1_code}")
            iso3 = self._iso3.get(country_code)
            if iso3 is None:
                continue
            # no coordinates of their own: a point for the whole division would mislead
            entry = _Entry(
                name,
                "admin2",
                iso3,
                self._entries[division].name if division is not None else None,
                None,
                None,
                int(gid),
                0,
                f"{country_code}.{admin1_code}",
            )
            number = self._add(entry)
            variants = {name, asciiname, self._without_region_words(asciiname)}
            for variant in {*variants, *map(self._without_article, variants)}:
                key = normalize_place_name(variant)
                if key and number not in self._admin2.get(key, ()):
                    self._admin2.setdefault(key, []).append(number)

    def _has_article(self, name: str) -> bool:
        return normalize_place_name(name).partition(" ")[0] in self._words.arabic_articles

    def _without_article(self, name: str) -> str:
        """ "Al Anbar" -> "anbar": news writes Arabic names with and without the article."""
        first, _, rest = normalize_place_name(name).partition(" ")
        if first in self._words.arabic_articles and len(rest) > MIN_ALTERNATE_LENGTH:
            return rest
        return name

    def _without_region_words(self, name: str) -> str:
        words = normalize_place_name(name).split()
        kept = [w for w in words if w not in self._words.region_words]
        if not kept or (len(kept) == 1 and kept[0] in self._words.directions):
            return name  # "Northern District" must not become "northern"
        return " ".join(kept)

    def _add_city(self, row: Sequence[str], kind: str = "city") -> int:
        gid, name, cc, admin1_code, lat, lon, population = row[:7]
        code = f"{cc}.{admin1_code}"
        division = self._admin1.get(code)
        entry = _Entry(
            name,
            kind,
            self._iso3.get(cc, cc or None),
            self._entries[division].name if division is not None else None,
            _float(lat),
            _float(lon),
            int(gid),
            int(population or 0),
            code,
        )
        number = self._cities[int(gid)] = self._add(entry)
        return number

    def _read_cities(self) -> None:
        index = self._index
        for row in _rows(DATA_DIR / "cities.tsv"):
            number = self._add_city(row)
            # Keys are stored normalised (main name first) by tools/build_place_data.py.
            keys = row[7].split("|")
            for position, key in enumerate(keys):
                rank = RANK_CITY if position == 0 else RANK_ALTERNATE
                index.setdefault(key, []).append((rank, number))
            bare = self._without_article(keys[0])
            if bare != keys[0]:
                index.setdefault(bare, []).append((RANK_ALTERNATE, number))

    def _read_towns(self) -> None:
        """Places of 1,000 to 14,999 inhabitants: a name's last readings, after every city,
        division and alternate name ("Independence" is the Missouri city, not a village), by
        main name and then by alternate ("Kashtanove" for GeoNames' "Kashtanovoye")."""
        index = self._index
        for row in _rows(DATA_DIR / "towns.tsv"):
            number = self._add_city(row, kind="town")
            keys = row[7].split("|")
            for position, key in enumerate(keys):
                rank = RANK_TOWN if position == 0 else RANK_TOWN_ALTERNATE
                index.setdefault(key, []).append((rank, number))

    def is_town(self, place: Place) -> bool:
        """Whether ``place`` is one of the small places of ``towns.tsv``.

        A name the model did not label a place ("Graham" as PERSON) is taken for one only
        when a city or larger unit has it: thousands of villages share names with people.
        """
        number = self._cities.get(place.geonameid) if place.geonameid is not None else None
        return number is not None and self._entries[number].kind == "town"

    def _read_geonames_file(self, path: Path) -> None:
        """A user's GeoNames dump: new places are added, known ones (same id) gain its names."""
        if not path.is_file():
            raise ConfigError(
                f"{path}: place file not found; expected a GeoNames dump "
                f"({GEONAMES_COLUMNS} tab-separated columns)"
            )
        try:
            rows = _rows(path)
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
            number = self._cities.get(int(gid))
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
        for name, iso3, admin1, lat, lon, gid, aliases in _rows(DATA_DIR / "features.tsv"):
            entry = _Entry(
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
        for alias, target in _rows(DATA_DIR / "aliases.tsv"):
            self._name(alias, RANK_CURATED, self._target("aliases.tsv", alias, target))
        for abbreviation, target in _rows(DATA_DIR / "address_abbreviations.tsv"):
            number = self._target("address_abbreviations.tsv", abbreviation, target)
            self._abbreviations[normalize_place_name(abbreviation)] = number

    def _target(self, file_name: str, name: str, target: str) -> int:
        """The entry a curated file's ``country:<ISO2>``, ``admin1:<CC.code>`` or
        ``city:<geonameid>`` names."""
        kind, _, ref = target.partition(":")
        table = {"country": self._countries, "admin1": self._admin1}.get(kind)
        number = self._cities.get(int(ref)) if kind == "city" else (table or {}).get(ref)
        if number is None:
            raise ConfigError(f"{file_name}: {name!r} points to unknown {target!r}")
        return number

    # -- resolving ------------------------------------------------------------------------------

    def resolve(self, text: str, country_hint: str | None = None) -> Place | None:
        """The place a mention names, or None when no reading is known (see module docstring)."""
        hint = country_hint.upper() if country_hint else None
        cache_key = (text, hint)
        if cache_key in self._cache:
            return self._cache[cache_key]
        if len(self._cache) >= RESOLVE_CACHE_SIZE:
            self._cache.clear()
        found = self._resolve(text, hint)
        place = None
        if found is not None:
            e = self._entries[found]
            place = Place(text, e.name, e.country, e.admin1, e.lat, e.lon, e.geonameid)
        self._cache[cache_key] = place
        return place

    def _resolve(self, text: str, hint: str | None) -> int | None:
        parts = [part for part in _QUALIFIER_SEPARATOR.split(text) if part.strip()]
        if len(parts) > 1:
            return self._resolve_qualified(parts, hint)
        return self._resolve_name(text, hint)

    def _resolve_qualified(self, parts: list[str], hint: str | None) -> int | None:
        """ "Zamora, Michoacan": the name read in the country and division of its qualifiers.

        The outermost qualifier that resolves sets the country (it beats ``hint``: the text
        says where); the name is looked up there, preferring that division. When the name is
        unknown (a village the data does not hold), the nearest qualifier that resolves
        stands for it: a division is a better answer than none.
        """
        country = self._address_country(parts)
        hint = country or hint
        context: int | None = None
        for part in reversed(parts[1:]):
            found = self._abbreviations.get(normalize_place_name(part))
            if found is None:
                found = self._resolve_name(part, hint, qualified=len(parts) > 2)
            # a part read only in another country is not this address's ("Nord-Ouest" is
            # Haiti's name; "(Mezam, Nord-Ouest)" is Cameroon's North-West)
            if found is not None and country in (None, self._entries[found].country):
                context = found
                break
        if context is None:
            return self._resolve_name(parts[0], hint)
        entry = self._entries[context]
        within = entry.admin1_code if entry.kind in ("admin1", "city", "town") else None
        for part in parts[:-1]:
            found = self._resolve_name(part, entry.country, within, qualified=True)
            if (
                found is not None
                and found != context
                and self._entries[found].country
                in (
                    entry.country,
                    None,
                )
            ):
                return found
        return context

    def _address_country(self, parts: list[str]) -> str | None:
        """The country most parts of an address have a reading in: "Multan city (Multan,
        Punjab)" is in Pakistan although the bare "Punjab" reads as India's; None on a tie."""
        votes: Counter[str] = Counter()
        for position, part in enumerate(parts):
            abbreviation = self._abbreviations.get(normalize_place_name(part))
            if position and abbreviation is not None:
                votes[self._entries[abbreviation].country or ""] += 1
                continue
            key = self._peel(normalize_place_name(part))
            words = key.split()
            while len(words) > 1 and words[-1] in self._words.region_words | self._words.city_words:
                words = words[:-1]
            key = " ".join(words)
            if key in self._words.directions:
                continue  # "Moscow - Central": a part of the city, not a place of its own
            countries = {self._entries[n].country for _, n in self._index.get(key, [])}
            # "(Mezam, Nord-Ouest)": a second-order division is the address's surest clue
            countries.update(self._entries[n].country for n in self._admin2.get(key, []))
            votes.update(countries - {None})
        ranked = votes.most_common(2)
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
            return None
        return ranked[0][0]

    def _resolve_name(
        self,
        text: str,
        hint: str | None,
        within: str | None = None,
        qualified: bool = False,
    ) -> int | None:
        """A name's best reading. Second-order divisions are read only when the text says it
        is a division ("Zhari district") or ``qualified``: it is part of an address whose other
        part placed it ("Zhari, Kandahar")."""
        key = normalize_place_name(_POSSESSIVE.sub("", text.strip()))
        words = key.split()
        while words and words[0] in self._words.articles:
            words = words[1:]
        key = " ".join(words)
        if not key or key in self._words.directions:
            return None  # "the North" is a part of some country we cannot tell
        if text.islower() and key in _stop_words():
            return None  # "of" is not Of, Turkey: real mentions of a place are capitalised
        if key in self._index:
            return self._pick(self._index[key], hint, within=within)
        first_word = key.split()[0]
        article = first_word if first_word in self._words.arabic_articles else None
        key = self._peel(key)
        words = key.split()
        wanted = None
        while len(words) > 1 and words[-1] in self._words.region_words | self._words.city_words:
            wanted = "admin1" if words[-1] in self._words.region_words else "city"
            words = words[:-1]
        core = " ".join(words)
        readings = self._index.get(core)
        if readings and article and " " not in core:
            # "El Bouni" without its article is no Comorian "Bouni": a one-word Arabic name
            # read bare must be an Arabic name ("Al Marj" for "el Marj"); a longer one ("Al
            # Jabal Al Gharbi" for GeoNames' "Jabal al Gharbi") is specific enough
            readings = [r for r in readings if self._has_article(self._entries[r[1]].name)]
        if not readings:
            found = self._resolve_feature(core, hint)
            if found is None and (wanted is not None or qualified):
                found = self._resolve_admin2(core, hint, within)
            return found if found is not None else self._resolve_part_of(text, hint)
        if wanted == "admin1":
            if all(self._entries[n].kind == "town" for _, n in readings):
                # "Sirwah district": the district, not the village that shares its name
                found = self._resolve_admin2(core, hint, within)
                if found is not None:
                    return found
            return self._pick_division(readings, hint)
        return self._pick(readings, hint, "city" if wanted == "city" else None, within)

    def _resolve_admin2(self, key: str, hint: str | None, within: str | None) -> int | None:
        numbers = self._admin2.get(key) or self._admin2.get(self._without_article(key))
        if not numbers:
            return None
        entries = self._entries
        if within:
            numbers = [n for n in numbers if entries[n].admin1_code == within] or numbers
        if hint:
            numbers = [n for n in numbers if entries[n].country == hint] or numbers
        if len({entries[n].country for n in numbers}) > 1:
            return None  # "Hassan district" in two countries and nothing to choose by
        return numbers[0]

    def _resolve_part_of(self, text: str, hint: str | None) -> int | None:
        """ "the West Bank city of Nablus", "the Kafr Souseh area of Damascus".

        After a settlement word the name after "of" is the place and the words before it its
        region; after a region or feature word it is the other way round.
        """
        before, of, after = text.rpartition(" of ")
        if not of or not after.strip():
            return None
        words = before.split()
        if not words:
            return None
        noun = normalize_place_name(words[-1])
        named_first = " ".join(words[:-1])
        if noun in self._words.settlement_words:
            parts = [after, named_first] if named_first else [after]
        elif noun in self._words.region_words or noun in self._words.feature_words:
            parts = [named_first, after] if named_first else [after]
        else:
            return None
        if len(parts) == 1:
            return self._resolve_name(parts[0], hint)
        return self._resolve_qualified(parts, hint)

    def _resolve_feature(self, key: str, hint: str | None) -> int | None:
        """ "Beirut airport", "Jenin refugee camp": a spot inside the place it is named after."""
        for phrase in self._words.feature_words:
            if key.endswith(" " + phrase):
                rest = self._peel(key[: -len(phrase) - 1])
                if rest in self._words.directions:
                    return None  # "the North Zone": which place's north, the text says after
                readings = self._index.get(rest)
                return self._pick(readings, hint) if readings else None
        return None

    def _peel(self, key: str) -> str:
        """Drop leading phrases ("the city of"), articles and directions ("north-eastern")."""
        changed = True
        while changed and key:
            changed = False
            for phrase in self._words.leading_phrases:
                if key.startswith(phrase + " "):
                    key, changed = key[len(phrase) + 1 :], True
            first, _, rest = key.partition(" ")
            if rest in self._words.feature_words:
                break  # "the North Zone" is a part of some place, not the town of Zone
            if rest and (first in self._words.directions or first in self._words.articles):
                key, changed = rest, True
            elif first in self._words.arabic_articles and rest not in self._words.directions:
                # "Ar-Raqqa" is written "Raqqa" too; the index holds both only for main names
                bare = self._without_article(key)
                key, changed = bare, bare != key
            elif rest and f"{first} {rest.split()[0]}" in self._words.directions:
                key, changed = rest.partition(" ")[2], True
        return key

    def _pick(
        self,
        readings: list[tuple[int, int]],
        hint: str | None,
        kind: str | None = None,
        within: str | None = None,
    ) -> int | None:
        """The best reading; ``within``: an admin1 code ("MX.16") whose places come first."""
        entries = self._entries
        if kind:
            readings = [r for r in readings if entries[r[1]].kind == kind] or readings
        if hint:
            readings = [r for r in readings if entries[r[1]].country == hint] or readings
        if within:
            readings = [r for r in readings if entries[r[1]].admin1_code == within] or readings
        rank, best = min(readings, key=lambda r: (r[0], -entries[r[1]].population, r[1]))
        largest = entries[best].largest_city
        if entries[best].kind == "admin1" and largest is not None:
            # GeoNames names many divisions after their capital: the bare name means the city.
            city = self._cities.get(largest)
            if city is not None and any(number == city for _, number in readings):
                return city
        return best

    def _pick_division(self, readings: list[tuple[int, int]], hint: str | None) -> int | None:
        entries = self._entries
        divisions = [r for r in readings if entries[r[1]].kind == "admin1"]
        if divisions:
            return self._pick(divisions, hint)
        best = self._pick(readings, hint)
        entry = entries[best]
        division = self._admin1.get(entry.admin1_code or "")
        is_capital = division is not None and entries[division].largest_city == entry.geonameid
        if entry.kind == "city" and is_capital:
            return division
        return best


@lru_cache(maxsize=8)
def _load(extra_files: tuple[Path, ...]) -> PlaceGazetteer:
    # The collector would walk every entry built so far, again and again, while nothing
    # built here can be garbage: paused, the load takes half the time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        gazetteer = PlaceGazetteer()
        gazetteer._read_countries()
        gazetteer._read_admin1()
        gazetteer._read_admin2()
        gazetteer._read_cities()
        gazetteer._read_towns()
        for path in extra_files:
            gazetteer._read_geonames_file(path)
        gazetteer._read_curated()
    finally:
        if collecting:
            gc.enable()
    return gazetteer
