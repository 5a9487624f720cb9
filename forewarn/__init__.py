"""forewarn: evidence-linked PLOVER events and attributed claims from the news."""

from forewarn.errors import ExtractionError, ForewarnError, InputError, NotEnglishError
from forewarn.records import Actor, Article, Claim, Document, Event, Place, Span, to_dict
from forewarn.settings import Settings

__version__ = "0.1.0"


def __getattr__(name: str):
    # The extractor pulls in spaCy and the gazetteers: load it on first use, so that
    # importing a light module (records, ingest) stays cheap.
    if name in ("Extractor", "extract"):
        from forewarn import extractor

        return getattr(extractor, name)
    raise AttributeError(f"module 'forewarn' has no attribute {name!r}")


__all__ = [
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
