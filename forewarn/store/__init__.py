"""The event store: articles, events, claims, actors and places in SQLite or PostgreSQL."""

from forewarn.store.database import Store, open_store, resolve_url

__all__ = ["Store", "open_store", "resolve_url"]
