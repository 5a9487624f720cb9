"""Shared fixtures: the real spaCy model, loaded once per session."""

from __future__ import annotations

import pytest

from forewarn.nlp import load_base_model


@pytest.fixture(scope="session")
def base_nlp():
    """The bare English pipeline (no forewarn components)."""
    return load_base_model()


@pytest.fixture(scope="session")
def extractor():
    """The full forewarn extractor with default settings."""
    from forewarn.extractor import Extractor

    return Extractor()
