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
            "Document",
            "Event",
            "ExtractionError",
            "Extractor",
            "ForewarnError",
            "InputError",
            "NotEnglishError",
            "Place",
            "Settings",
            "Span",
            "__version__",
            "extract",
            "to_dict",
        ]
    )
    for name in forewarn.__all__:
        assert getattr(forewarn, name) is not None


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
