"""The public surface is pinned: changing it is a deliberate act that updates this test."""

from __future__ import annotations

import forewarn
import forewarn.ingest
import forewarn.records


def test_package_exports():
    assert sorted(forewarn.__all__) == sorted(
        [
            "Actor",
            "Article",
            "Claim",
            "ConfigError",
            "Database",
            "Document",
            "Event",
            "EventFilter",
            "EventType",
            "ExtractionError",
            "Extractor",
            "FilterError",
            "ForewarnError",
            "InputError",
            "NotEnglishError",
            "NotFoundError",
            "OutputError",
            "Page",
            "Place",
            "Settings",
            "Span",
            "StoreError",
            "__version__",
            "document_json",
            "extract",
            "load_extractor",
            "to_dict",
        ]
    )
    for name in forewarn.__all__:
        assert getattr(forewarn, name) is not None


def test_event_types_of_the_records_are_the_codebooks():
    from typing import get_args

    from forewarn.ontology import PLOVER_TYPES

    assert get_args(forewarn.EventType) == tuple(PLOVER_TYPES)


def test_importing_forewarn_loads_neither_spacy_nor_the_store():
    """Query commands and record users must not pay for the NLP stack (issue: start < 0.5 s)."""
    import subprocess
    import sys

    probe = (
        "import sys, forewarn, forewarn.cli, forewarn.database; "
        "print(sorted(m for m in ('spacy', 'trafilatura', 'forewarn.extractor') "
        "if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_records_exports():
    assert {"Document", "Article", "Event", "Claim", "Actor", "Place", "Span"} <= set(
        forewarn.records.__all__
    )


def test_ingest_exports_what_the_cli_uses():
    assert {"RawInput", "InputFailure", "iter_inputs", "prepare_article"} <= set(
        forewarn.ingest.__all__
    )


def test_extract_from_a_string():
    document = forewarn.extract(
        "NATO foreign ministers met in Brussels on Tuesday to discuss air defence for Ukraine.",
        published="2024-04-04",
    )
    [event] = [e for e in document.events if e.event_type == "CONSULT"]
    assert event.date == "2024-04-02"
    assert event.location is not None and event.location.country == "BEL"
