"""Resolve place mentions from news text to GeoNames places, offline.

The data (countries, divisions, cities, towns, curated names and the user's GeoNames files) is
read into tables by :mod:`forewarn.gazetteer.place_data`; this module reads names against them.

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
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from forewarn.gazetteer.place_data import (
    PlaceTables,
    english_stop_words,
    is_matchable_alternate,
    normalize_place_name,
    read_place_tables,
)
from forewarn.records import Place

# is_matchable_alternate and normalize_place_name live in place_data, with the tables they
# build; they stay importable from here for callers written before the split.
__all__ = ["PlaceGazetteer", "is_matchable_alternate", "normalize_place_name"]

# Resolutions remembered per gazetteer: an article names a few dozen places, a corpus a few
# thousand distinct ones; past this the cache is cleared rather than grown without bound.
RESOLVE_CACHE_SIZE = 50_000

_POSSESSIVE = re.compile(r"(?:'s|\u2019s|'|\u2019)$")
# "Zamora, Michoacan", "Makarovo (Bashkortostan)", "Moscow - Central", "Hyde Park in
# Novosibirsk": a name and the places it is in (or a part of it), as news and ACLED notes
# write them.
_QUALIFIER_SEPARATOR = re.compile(r"\s*(?:[,()]|\s[-\u2013\u2014]\s|\sin\s)\s*")


class PlaceGazetteer:
    """Countries, divisions, cities and curated places, indexed by normalised name."""

    def __init__(self, tables: PlaceTables) -> None:
        self._entries = tables.entries
        self._index = tables.index
        self._admin1 = tables.admin1
        self._cities = tables.cities
        self._admin2 = tables.admin2
        self._abbreviations = tables.abbreviations
        self._words = tables.words
        self._by_iso3 = {self._entries[n].country: n for n in tables.countries.values()}
        self._cache: dict[tuple[str, str | None], Place | None] = {}

    @classmethod
    def load(cls, extra_files: Sequence[Path] = ()) -> PlaceGazetteer:
        """The gazetteer, built once per process for each set of extra GeoNames files."""
        return _load(tuple(Path(p).resolve() for p in extra_files))

    def country(self, iso3: str) -> Place | None:
        """The country of an ISO 3166-1 alpha-3 code, placed at its capital, as ``text``."""
        number = self._by_iso3.get(iso3.upper())
        if number is None:
            return None
        e = self._entries[number]
        return Place(e.name, e.name, e.country, e.admin1, e.lat, e.lon, e.geonameid)

    def is_direction(self, word: str) -> bool:
        """Whether ``word`` is a compass word of a region's name ("eastern", "north-west")."""
        return normalize_place_name(word) in self._words.directions

    def is_town(self, place: Place) -> bool:
        """Whether ``place`` is one of the small places of ``towns.tsv``.

        A name the model did not label a place ("Graham" as PERSON) is taken for one only
        when a city or larger unit has it: thousands of villages share names with people.
        """
        number = self._cities.get(place.geonameid) if place.geonameid is not None else None
        return number is not None and self._entries[number].kind == "town"

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
            votes.update(country for country in countries if country is not None)
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
        if text.islower() and key in english_stop_words():
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
            readings = [r for r in readings if self._words.has_article(self._entries[r[1]].name)]
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
        numbers = self._admin2.get(key) or self._admin2.get(self._words.without_article(key))
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
                bare = self._words.without_article(key)
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
        if best is None:
            return None
        entry = entries[best]
        division = self._admin1.get(entry.admin1_code or "")
        is_capital = division is not None and entries[division].largest_city == entry.geonameid
        if entry.kind == "city" and is_capital:
            return division
        return best


@lru_cache(maxsize=8)
def _load(extra_files: tuple[Path, ...]) -> PlaceGazetteer:
    return PlaceGazetteer(read_place_tables(extra_files))
