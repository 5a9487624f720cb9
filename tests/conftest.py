"""Shared fixtures: the real spaCy model, loaded once per session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from geonames_support import VILLAGE, GeoNamesRow, geonames_line

from forewarn.nlp import load_base_model


@pytest.fixture
def geonames_file(tmp_path) -> Callable[..., Path]:
    """Writes a GeoNames dump named ``name`` with the given rows (``GeoNamesRow``)."""

    def write(name: str, *rows: GeoNamesRow) -> Path:
        path = tmp_path / name
        path.write_text("".join(geonames_line(*row) + "\n" for row in rows), encoding="utf-8")
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
    from forewarn.extractor import load_extractor

    # The one the commands run in-process load too: the model is loaded once per session.
    return load_extractor()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The accuracy gate first. Its tasks are the longest tests by far (minutes, where the
    rest take seconds): with `-n 2 --dist loadgroup` (pyproject.toml) they must start at once,
    spread over both workers, for the suite to end in time; the order within the gate is
    tests/test_accuracy_gate.py's TASK_ORDER."""
    items.sort(key=lambda item: item.path.name != "test_accuracy_gate.py")
