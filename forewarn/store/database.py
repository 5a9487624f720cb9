"""Opening a store: which database, its engine settings, its schema version, its errors.

A store is named by a bare path (a SQLite file) or anything with ``://`` (a SQLAlchemy URL,
``postgresql+psycopg://...``); no name means ``./forewarn.db``. The library reads no
environment: the CLI resolves ``--db`` and ``FOREWARN_DB`` before it calls in here.

SQLite runs in WAL mode so that another process can read while an ingest writes, with a busy
timeout so that two writers wait for each other instead of failing at once. Every failure to
reach the database becomes a :class:`~forewarn.errors.StoreError` whose one line names the
database (password hidden) and says what to do.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from forewarn.errors import StoreError
from forewarn.settings import DEFAULT_DB
from forewarn.store.schema import SCHEMA_REVISION

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = ["Store", "open_store", "resolve_url", "safe_label"]

# A writer holding the SQLite lock (a running ingest commits every batch) is waited for this
# long before the command gives up with a clear message.
SQLITE_BUSY_TIMEOUT_MS = 30_000
SQLITE_CACHE_KIB = 64 * 1024
# How long a new store's opener waits before asking for WAL mode again.
WAL_SWITCH_RETRY_S = 0.02
_MIGRATIONS = "forewarn.store:migrations"
# pg_advisory_xact_lock's key for "migrating the forewarn schema" (any fixed 64-bit number
# other applications on the database are unlikely to use: the ASCII of "forewarn").
_MIGRATION_LOCK_KEY = int.from_bytes(b"forewarn", "big") >> 1
_PASSWORD_PARAMETER_RE = re.compile(r"([?&](?:password|passwd|pwd)=)[^&#]*", re.IGNORECASE)
# The files SQLite keeps beside a database named FILE: FILE-wal, FILE-shm, FILE-journal.
_SQLITE_FILE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def safe_label(url: str) -> str:
    """``url`` for messages: a password given as a query parameter (``?password=...``, as
    libpq takes it) masked as the URL's own password is (``***``)."""
    return _PASSWORD_PARAMETER_RE.sub(r"\1***", url)


def resolve_url(db: str | None = None) -> str:
    """The SQLAlchemy URL of the store named ``db`` (a path or a URL; None: ./forewarn.db)."""
    value = db or DEFAULT_DB
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser()}"


class Store:
    """An opened, migrated database: :meth:`transaction` to write, :meth:`snapshot` to read."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.label = safe_label(engine.url.render_as_string(hide_password=True))

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def owns_file(self, path: Path) -> bool:
        """True when ``path`` is this SQLite store's file or its ``-wal``, ``-shm`` or
        ``-journal`` file, by any name (a link, a relative path)."""
        database = self.engine.url.database if self.dialect == "sqlite" else None
        if not database or database == ":memory:":
            return False
        target = os.path.realpath(path)
        for suffix in _SQLITE_FILE_SUFFIXES:
            own = database + suffix
            if target == os.path.realpath(own):
                return True
            with suppress(OSError):
                if os.path.samefile(path, own):  # a hard link
                    return True
        return False

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A connection inside one transaction: committed on success, rolled back on error."""
        with self._errors(), self.engine.begin() as connection:
            yield connection

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        with self._errors(), self.engine.connect() as connection:
            yield connection

    @contextmanager
    def snapshot(self) -> Iterator[Connection]:
        """A connection whose reads all see one state of the store, whatever commits meanwhile.

        Listings, stats and exports run several queries; without this, an ingest committing
        between them could make a count disagree with the rows listed beside it.
        """
        with self._errors(), self.engine.connect() as connection:
            if self.dialect == "sqlite":
                # The sqlite3 driver opens no transaction before a SELECT; an explicit one
                # pins the WAL snapshot taken at its first read.
                connection.exec_driver_sql("BEGIN")
            else:
                connection = connection.execution_options(isolation_level="REPEATABLE READ")
            yield connection

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except DBAPIError as error:
            raise StoreError(_explain(self.label, error)) from error

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open_store(
    db: str | None = None,
    *,
    create: bool = True,
    busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS,
) -> Store:
    """Open the store at ``db`` (see :func:`resolve_url`), migrated to the current schema.

    With ``create=False`` (the query commands) a SQLite file that does not exist is an
    error rather than an empty new store. ``busy_timeout_ms`` is how long a SQLite writer
    waits for another one's lock before failing with a "locked" StoreError.
    """
    url = resolve_url(db)
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(
            f"--db {safe_label(url)!r} is not a database URL (expected a file path, "
            "sqlite:///PATH or postgresql+psycopg://USER@HOST/DB)"
        ) from None
    label = safe_label(parsed.render_as_string(hide_password=True))
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:":
            path = Path(database)
            if not create and not path.exists():
                raise StoreError(
                    f"no store at {path}: run `forewarn ingest` first, or pass --db "
                    "(or set FOREWARN_DB)"
                )
            if not path.parent.is_dir():
                raise StoreError(f"cannot create the store {path}: {path.parent} is not a folder")
    try:
        engine = _engine(url, busy_timeout_ms)
    except NoSuchModuleError as error:
        raise StoreError(f"{label}: unsupported database ({error})") from None
    except ImportError as error:  # a dialect SQLAlchemy knows, whose driver is not installed
        raise StoreError(
            f"{label}: unsupported database (its driver {error.name or ''} is not installed; "
            "forewarn supports SQLite and PostgreSQL)"
        ) from None
    store = Store(engine)
    try:
        with store._errors():
            _migrate(engine, create=create)
    except StoreError:
        engine.dispose()
        raise
    except SQLAlchemyError as error:
        engine.dispose()
        raise StoreError(f"{label}: {error}") from None
    return store


def _engine(url: str, busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS) -> Engine:
    if make_url(url).get_backend_name() != "sqlite":
        # Pre-ping: a server restarted between batches is reconnected, not reported as lost.
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000})

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        _switch_to_wal(cursor, busy_timeout_ms)
        # NORMAL is durable in WAL mode up to the last checkpointed commit and atomic always:
        # a kill loses at most the transactions in flight, never corrupts the file.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # 64 MiB of page cache (SQLite's default is 2 MiB): a store of a million events keeps
        # its indexes' upper levels in memory, and an ingest's inserts stay fast as it grows.
        cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        cursor.close()

    return engine


def _switch_to_wal(cursor: sqlite3.Cursor, busy_timeout_ms: int) -> None:
    """Put the file in WAL mode. On a new file opened by several processes at once, the
    switch needs the file to itself and SQLite refuses it at once ("database is locked")
    rather than calling the busy handler: try again until the busy timeout is spent."""
    deadline = time.monotonic() + busy_timeout_ms / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() >= deadline:
                raise
            time.sleep(WAL_SWITCH_RETRY_S)


def _alembic_config(connection: Connection | None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", _MIGRATIONS)
    config.attributes["connection"] = connection
    return config


def _migrate(engine: Engine, *, create: bool) -> None:
    """Bring the schema to the current revision (a no-op when it is already there).

    Two processes opening a new store at once (two ingests started together) must not both
    create its tables: the migration runs under a lock held to its commit -- SQLite's write
    lock, taken first (``BEGIN IMMEDIATE``), and on PostgreSQL a transaction-level advisory
    lock -- and the revision is read again once the lock is held, so the one that waited
    finds the schema made and goes on.
    """
    with engine.connect() as connection:
        stored = _stored_revision(connection)
    if stored == SCHEMA_REVISION:
        return  # the common case, answered without a lock or Alembic (a query starts faster)
    if stored is None and not create:
        raise StoreError(
            f"{safe_label(engine.url.render_as_string(hide_password=True))} holds no "
            "forewarn store: run `forewarn ingest` first"
        )
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            # pysqlite opens no transaction before the first write: take the write lock now
            # (waiting up to the busy timeout), so that the check below sees a settled schema
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        elif engine.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY}
            )
        if _stored_revision(connection) == SCHEMA_REVISION:
            return  # another process migrated while this one waited
        from alembic import command

        command.upgrade(_alembic_config(connection), "head")


def _stored_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _explain(label: str, error: DBAPIError) -> str:
    """One line for a database failure, with the likely remedy."""
    message = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
    lowered = message.lower()
    # psycopg words every refusal "connection failed: ...": the specific causes come first.
    if "database is locked" in lowered:
        hint = "another process holds the write lock; wait for it to finish and run again"
    elif "password authentication failed" in lowered:
        hint = "check the user and password in the URL"
    elif "does not exist" in lowered and "database" in lowered:
        hint = "create the database first (createdb NAME)"
    elif (
        "connection refused" in lowered
        or "could not connect" in lowered
        or ("connection" in lowered and "failed" in lowered)
    ):
        hint = "is the server running and the URL right?"
    elif "unable to open database file" in lowered or "readonly" in lowered:
        hint = "check that the file's folder exists and is writable"
    else:
        hint = "nothing was written by the failed step"
    return f"{label}: {message} ({hint})"
