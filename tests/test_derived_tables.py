"""Derived tables: written once, read back equal, rebuilt when damaged, skipped when they
cannot be written."""

from __future__ import annotations

import pytest

from forewarn.data import load_tsv
from forewarn.data.derived import derived
from forewarn.gazetteer.place_data import read_place_tables

SOURCE = "places/features.tsv"


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("FOREWARN_CACHE_DIR", str(folder))
    return folder


class Builds:
    """A small table built from a packaged file, counting how often it is built."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> dict[str, int]:
        self.count += 1
        return {row[0]: len(row) for row in load_tsv(SOURCE)}


def _features(build: Builds) -> dict[str, int]:
    return derived("features", [SOURCE], build, dict, dict)


def test_the_place_tables_read_back_equal_to_the_built_ones(cache_folder):
    built = read_place_tables()
    assert len(list(cache_folder.glob("places-*.marshal"))) == 1
    read_back = read_place_tables()
    assert read_back.entries == built.entries
    assert read_back.index == built.index
    assert (read_back.cities, read_back.admin1, read_back.admin2) == (
        built.cities,
        built.admin1,
        built.admin2,
    )
    assert any(read_back.entries[n].country == "UKR" for _, n in read_back.index["kramatorsk"])


def test_a_table_is_built_once_then_read(cache_folder):
    build = Builds()
    first, second = _features(build), _features(build)
    assert first == second and "Transnistria" in first
    assert build.count == 1


def test_a_damaged_file_is_rebuilt_and_replaced(cache_folder):
    build = Builds()
    expected = _features(build)
    (derived_file,) = cache_folder.glob("features-*.marshal")
    derived_file.write_bytes(b"\x00not marshal data")
    assert _features(build) == expected
    assert build.count == 2
    assert _features(build) == expected and build.count == 2


def test_an_older_file_of_the_table_is_removed(cache_folder):
    cache_folder.mkdir()
    stale = cache_folder / "features-000000000000000000000000.marshal"
    stale.write_bytes(b"old")
    _features(Builds())
    assert not stale.exists()
    assert len(list(cache_folder.glob("features-*.marshal"))) == 1


def test_an_unwritable_folder_or_none_builds_every_time(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    build = Builds()
    monkeypatch.setenv("FOREWARN_CACHE_DIR", str(blocker / "cache"))
    assert "Transnistria" in _features(build)
    monkeypatch.setenv("FOREWARN_CACHE_DIR", "")
    assert "Transnistria" in _features(build)
    assert build.count == 2
    assert not list(tmp_path.glob("**/*.tmp"))
