"""Shared fixtures: the real spaCy model, loaded once per session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from forewarn.nlp import load_base_model

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


def _geonames_line(gid, name, asciiname, alternates, lat, lon, cc, admin1, population) -> str:
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


@pytest.fixture
def geonames_file(tmp_path) -> Callable[..., Path]:
    """Writes a GeoNames dump named ``name`` with the given rows (``GeoNamesRow``)."""

    def write(name: str, *rows: GeoNamesRow) -> Path:
        path = tmp_path / name
        path.write_text("".join(_geonames_line(*row) + "\n" for row in rows), encoding="utf-8")
        return path

    return write


@pytest.fixture
def village_file(geonames_file) -> Path:
    """A GeoNames dump with one village no built-in data knows: Zhovtneve Druhe, geonameid
    9990001, in Donetsk oblast at 47.5 N 37.1 E."""
    return geonames_file("UA-villages.txt", VILLAGE)


@pytest.fixture(scope="session")
def base_nlp():
    """The bare English pipeline (no forewarn components)."""
    return load_base_model()


@pytest.fixture(scope="session")
def extractor():
    """The full forewarn extractor with default settings."""
    from forewarn.extractor import Extractor

    return Extractor()
