"""The event store: articles, events, claims, actors and places in SQLite or PostgreSQL."""

from forewarn.store.database import DB_ENV, DEFAULT_DB, Store, open_store, resolve_url

__all__ = ["DB_ENV", "DEFAULT_DB", "Store", "open_store", "resolve_url"]
