"""forewarn: evidence-linked PLOVER events and attributed claims from the news.

::

    import forewarn

    document = forewarn.extract(text_or_html, published="2025-03-13")   # one article
    db = forewarn.Database("events.db")                                # a store
    db.ingest(["crawl/"])
    events = db.events(forewarn.EventFilter(actor="RUS"))
"""

from forewarn.errors import (
    ConfigError,
    ExtractionError,
    FilterError,
    ForewarnError,
    InputError,
    NotEnglishError,
    NotFoundError,
    OutputError,
    StoreError,
)
from forewarn.records import (
    Actor,
    Article,
    Claim,
    Document,
    Event,
    EventType,
    Place,
    Span,
    document_json,
    to_dict,
)
from forewarn.settings import Settings

__version__ = "0.1.0"

# Loaded on first use: the extractor pulls in spaCy and the gazetteers, the store SQLAlchemy;
# importing forewarn for its records stays cheap.
_LAZY = {
    "Extractor": "forewarn.extractor",
    "extract": "forewarn.extractor",
    "load_extractor": "forewarn.extractor",
    "Database": "forewarn.database",
    "EventFilter": "forewarn.store.query",
    "Page": "forewarn.store.query",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'forewarn' has no attribute {name!r}")


__all__ = [
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
