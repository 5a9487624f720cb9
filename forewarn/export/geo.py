"""What kind of place an event's location is, and its GeoNames codes, for the PLOVER and CAMEO
location fields.

A :class:`~forewarn.records.Place` carries no kind, so it is read back from the place data the
gazetteer resolved it from (``forewarn/data/places``):

- its geonameid is a country's (``countries.tsv``): ``country``;
- a first-order division's (``admin1.tsv``): ``admin1``;
- a second-order division's (``admin2.tsv``): ``admin2``;
- any other geonameid: ``city`` (``cities.tsv`` or a GeoNames file the user added: populated
  places);
- no geonameid but coordinates: ``feature`` (``features.tsv``: a contested region, a sea);
- neither: ``unresolved`` (a name the gazetteer lacks, kept with its actors' country).

Division codes are GeoNames': ``UA.07`` (ISO 3166-1 alpha-2 country, ``.``, GeoNames admin1
code) and ``AF.23.1234`` for second-order divisions.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from forewarn.data import load_tsv
from forewarn.records import Place

__all__ = ["PlaceInfo", "place_info"]


@dataclass(frozen=True, slots=True)
class PlaceInfo:
    kind: str  # country, admin1, admin2, city, feature, unresolved
    country_name: str | None
    admin1_code: str | None
    admin2_code: str | None


@dataclass(frozen=True, slots=True)
class _Tables:
    iso2: dict[str, str]  # ISO3 -> ISO2
    country_names: dict[str, str]  # ISO3 -> name
    country_ids: frozenset[int]
    admin1_by_id: dict[int, str]  # geonameid -> "UA.07"
    admin1_by_name: dict[tuple[str, str], str]  # (ISO2, division name) -> "UA.07"


@cache
def _tables() -> _Tables:
    iso2, names, country_ids = {}, {}, set()
    for row in load_tsv("places/countries.tsv"):
        iso2[row[1]], names[row[1]] = row[0], row[2]
        country_ids.add(int(row[3]))
    by_id, by_name = {}, {}
    for code, name, _ascii, geonameid, *_ in load_tsv("places/admin1.tsv"):
        by_id[int(geonameid)] = code
        by_name[(code.split(".")[0], name)] = code
    return _Tables(iso2, names, frozenset(country_ids), by_id, by_name)


@cache
def _admin2_codes() -> dict[int, str]:
    # 47,000 rows: read only once a place turns out to be neither a country nor a division.
    return {int(row[3]): row[0] for row in load_tsv("places/admin2.tsv")}


def place_info(place: Place) -> PlaceInfo:
    tables = _tables()
    country_name = tables.country_names.get(place.country or "")
    admin1_code = None
    admin2_code = None
    geonameid = place.geonameid
    if geonameid in tables.country_ids:
        kind = "country"
    elif geonameid in tables.admin1_by_id:
        kind, admin1_code = "admin1", tables.admin1_by_id[geonameid]
    elif geonameid is not None and geonameid in _admin2_codes():
        kind, admin2_code = "admin2", _admin2_codes()[geonameid]
        admin1_code = admin2_code.rsplit(".", 1)[0]
    else:
        if geonameid is not None:
            kind = "city"
        else:
            kind = "feature" if place.lat is not None else "unresolved"
        iso2 = tables.iso2.get(place.country or "")
        if iso2 and place.admin1:
            admin1_code = tables.admin1_by_name.get((iso2, place.admin1))
    return PlaceInfo(kind, country_name, admin1_code, admin2_code)
