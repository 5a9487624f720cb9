"""GeoNames dump lines for tests: a support module, not a conftest, so test files can import it."""

from __future__ import annotations

# A GeoNames row as (geonameid, name, asciiname, alternates, lat, lon, country code, admin1
# code, population); the invented village below is in Donetsk oblast (UA.05).
GeoNamesRow = tuple[int, str, str, str, float, float, str, str, int]
VILLAGE: GeoNamesRow = (
    9990001,
    "Zhovtneve Druhe",
    "Zhovtneve Druhe",
    "Zhovtnevoye,Жовтневе",
    47.5,
    37.1,
    "UA",
    "05",
    0,
)


def geonames_line(gid, name, asciiname, alternates, lat, lon, cc, admin1, population) -> str:
    """One line of a GeoNames dump (allCountries.txt, a country file such as UA.txt)."""
    columns = [
        str(gid),
        name,
        asciiname,
        alternates,
        str(lat),
        str(lon),
        "P",
        "PPL",
        cc,
        "",
        admin1,
        "",
        "",
        "",
        str(population),
        "",
        "120",
        "Europe/Kyiv",
        "2024-01-01",
    ]
    return "\t".join(columns)
