"""A store and the pipeline that fills it, in one object: what a Python user holds.

::

    import forewarn

    db = forewarn.Database("events.db")               # or a postgresql+psycopg:// URL
    db.ingest(["crawl/", "batch.jsonl"], published="2025-03-13")
    for article, event in db.events(EventFilter(actor="RUS", event_types=("ASSAULT",))):
        print(event.date, event.event_type, event.evidence.text)

Every shell (the CLI's store commands, the web app) calls these methods; each opens the
store on first use and reads one consistent snapshot per question.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from forewarn.errors import FilterError, NotFoundError
from forewarn.settings import Settings
from forewarn.store.changes import AnswerMemo, change_count
from forewarn.store.database import Store, open_store
from forewarn.store.query import (
    MAX_PAGE_SIZE,
    EventFilter,
    Page,
    actor_counts,
    claim_ids,
    event_ids,
    incident_ids,
    store_stats,
)
from forewarn.store.reader import (
    load_claims,
    load_documents,
    load_events,
    matching_documents,
    stored_article_id,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from forewarn.analysis.periods import Granularity
    from forewarn.analysis.watch import WatchList
    from forewarn.export import ExportResult
    from forewarn.ingest import InputFailure, InputFormat, InputWarning
    from forewarn.pipeline import Engine, RunSummary
    from forewarn.records import Article, Claim, Document, Event

__all__ = ["Database"]


class Database:
    """The forewarn store at ``db`` (a SQLite path or a URL; default: ``settings.db``).

    Nothing is opened until first used: a run whose extractor cannot be built (a bad
    ``--actors`` file) leaves no empty store behind, and a query of a store that does not
    exist fails instead of creating one.
    """

    def __init__(self, db: str | Path | None = None, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.db = str(db) if db is not None else self.settings.db
        self._store: Store | None = None
        self._refreshing = threading.Lock()
        # Whole-store answers asked again and again (the web API's alerts and actors).
        self._memo = AnswerMemo()

    @property
    def label(self) -> str:
        """The store's name for messages (a URL's password hidden)."""
        return self._open(create=False).label

    # ----------------------------------------------------------------------- writing

    def ingest(
        self,
        paths: Sequence[str | Path],
        *,
        published: str | date | None = None,
        input_format: InputFormat = "auto",
        reprocess: bool = False,
        on_failure: Callable[[InputFailure], None] | None = None,
        on_warning: Callable[[InputWarning], None] | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> RunSummary:
        """Read ``paths`` (files, folders, globs, ``-`` for standard input) into the store; see
        :mod:`forewarn.pipeline`.

        ``reprocess`` extracts articles already stored again instead of counting them as
        duplicates. The extraction runs where ``settings.engine`` says (here, or on Ray).
        """
        from forewarn.pipeline import ingest

        runner = self._engine()
        return ingest(
            [str(path) for path in paths],
            self._open(create=True),
            runner,
            published=published,
            input_format=input_format,
            max_input_bytes=self.settings.max_input_bytes,
            batch_size=self.settings.batch_size,
            reprocess=reprocess,
            on_failure=on_failure,
            on_warning=on_warning,
            progress=progress,
        )

    def ingest_records(
        self,
        records: Iterable[Any],
        *,
        published: str | date | None = None,
        on_failure: Callable[[InputFailure], None] | None = None,
        on_stored: Callable[[Article], None] | None = None,
    ) -> RunSummary:
        """Records in memory, each what a JSONL input line holds (``{id, text|html,
        published?, title?, url?, source?}``), into the store as :meth:`ingest` reads them
        from a file; ``on_stored`` is told each new article (see
        :func:`forewarn.pipeline.ingest_records`)."""
        from forewarn.pipeline import ingest_records

        runner = self._engine()
        return ingest_records(
            records,
            self._open(create=True),
            runner,
            published=published,
            batch_size=self.settings.batch_size,
            on_failure=on_failure,
            on_stored=on_stored,
        )

    def reprocess(
        self,
        *,
        on_failure: Callable[[InputFailure], None] | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> RunSummary:
        """Extract every stored article again and replace its events and claims."""
        from forewarn.pipeline import reprocess_stored

        runner = self._engine()
        return reprocess_stored(
            self._open(create=False),
            runner,
            batch_size=self.settings.batch_size,
            on_failure=on_failure,
            progress=progress,
        )

    # ----------------------------------------------------------------------- reading

    def events(
        self, where: EventFilter | None = None, *, limit: int | None = 50
    ) -> list[tuple[Article, Event]]:
        """The matching events, most recent first, each with its article (text omitted)."""
        with self._open(create=False).snapshot() as connection:
            ids = event_ids(connection, where or EventFilter(), limit)
            return load_events(connection, ids.items)

    def event_page(
        self, where: EventFilter | None = None, *, limit: int = 50, after: str | None = None
    ) -> Page[tuple[Article, Event]]:
        """A page of :meth:`events`: ``limit`` (1 to MAX_PAGE_SIZE) of them after the cursor
        ``after`` (a previous page's ``next``)."""
        _check_page_size(limit)
        with self._open(create=False).snapshot() as connection:
            ids = event_ids(connection, where or EventFilter(), limit, after)
            return Page(load_events(connection, ids.items), ids.next)

    def claims(
        self, where: EventFilter | None = None, *, limit: int | None = 50
    ) -> list[tuple[Article, Claim]]:
        """The matching claims (by speaker, and by the events they carry), most recent first."""
        with self._open(create=False).snapshot() as connection:
            ids = claim_ids(connection, where or EventFilter(), limit)
            return load_claims(connection, ids.items)

    def claim_page(
        self, where: EventFilter | None = None, *, limit: int = 50, after: str | None = None
    ) -> Page[tuple[Article, Claim]]:
        """A page of :meth:`claims` (see :meth:`event_page`)."""
        _check_page_size(limit)
        with self._open(create=False).snapshot() as connection:
            ids = claim_ids(connection, where or EventFilter(), limit, after)
            return Page(load_claims(connection, ids.items), ids.next)

    def article(self, article_id: str) -> Document:
        """The stored article ``article_id`` (a record's ``article.id``) whole: its text, and
        its events and claims with their evidence offsets. Should two stored articles share
        an id (two inputs with the same JSONL id but different texts), the first stored."""
        with self._open(create=False).snapshot() as connection:
            stored = stored_article_id(connection, article_id)
            if stored is None:
                raise NotFoundError(f"{article_id!r}: no such article in the store")
            return load_documents(connection, [stored])[0]

    def claim_thread(self, claim_id: str) -> list[tuple[str, Article, Claim]]:
        """The claim ``claim_id`` and the claims across articles that support or contradict
        it, earliest first, each with its relation ("this claim", "supports", "contradicts")."""
        from forewarn.analysis.threads import claim_thread

        with self._open(create=False).snapshot() as connection:
            return list(claim_thread(connection, claim_id))

    def incidents(
        self, where: EventFilter | None = None, *, limit: int | None = 50
    ) -> list[dict[str, Any]]:
        """Incidents (one happening, its reports across articles), most recent first."""
        from forewarn.analysis.listing import load_incidents

        with self._open(create=False).snapshot() as connection:
            ids = incident_ids(connection, where or EventFilter(), limit)
            return load_incidents(connection, ids.items)

    def incident_page(
        self, where: EventFilter | None = None, *, limit: int = 50, after: str | None = None
    ) -> Page[dict[str, Any]]:
        """A page of :meth:`incidents` (see :meth:`event_page`)."""
        from forewarn.analysis.listing import load_incidents

        _check_page_size(limit)
        with self._open(create=False).snapshot() as connection:
            ids = incident_ids(connection, where or EventFilter(), limit, after)
            return Page(load_incidents(connection, ids.items), ids.next)

    def incident(self, incident_id: str) -> dict[str, Any]:
        """The incident ``incident_id`` (``i12``, as incidents' JSON names them)."""
        from forewarn.analysis.listing import load_incidents

        number = incident_id.removeprefix("i")
        found = []
        if number.isdigit() and len(number) < 19:
            with self._open(create=False).snapshot() as connection:
                found = load_incidents(connection, [int(number)])
        if not found:
            raise NotFoundError(f"{incident_id!r}: no such incident in the store")
        return found[0]

    def rebuild_incidents(self, progress: Callable[[int], None] | None = None) -> int:
        """Resolve every stored event into incidents again (after a reprocess or new rules);
        the number of incidents. One transaction: a crash leaves the incidents as they were."""
        from forewarn.analysis.resolve import rebuild

        with self._open(create=False).transaction() as connection:
            return rebuild(connection, progress)

    def indicators(
        self,
        where: EventFilter | None = None,
        *,
        by: Granularity = "week",
        watch: WatchList | None = None,
    ) -> list[dict[str, Any]]:
        """The incidents matching ``where`` as an indicator series: a row per day, week or
        month, empty periods as zeros (see :mod:`forewarn.analysis.indicators`). With a
        ``watch`` list, a series per watched country and dyad (of its types), one after the
        other, each row naming its ``series``."""
        from forewarn.analysis.indicators import check_countries, country_code, indicator_rows

        where = where or EventFilter()
        check_countries(
            country=where.country,
            actor=country_code(where.actor),
            recipient=country_code(where.recipient),
        )
        with self._open(create=False).snapshot() as connection:
            if watch is None:
                return indicator_rows(connection, where, by)
            return [
                {"series": series, **row}
                for series, scope in watch.indicator_filters(where)
                for row in indicator_rows(connection, scope, by)
            ]

    def alerts(
        self,
        where: EventFilter | None = None,
        *,
        by: Granularity = "week",
        watch: WatchList | None = None,
    ) -> list[dict[str, Any]]:
        """Escalation alerts matching ``where`` (and the ``watch`` list: its series, and an
        alert per incident matching one of its patterns), most recent first.

        The stored alerts are read as they are when no incident or article changed since they
        were computed (a counter the store keeps, one row: nothing is written, no lock is
        taken); otherwise they are first brought up to date, in the transaction that reads
        them (see :mod:`forewarn.analysis.alert_store`). One refresh at a time per Database:
        the threads of a web server asking together wait for it rather than repeat it."""
        from forewarn.analysis.alert_store import alerts_current, read_alerts, refresh_alerts
        from forewarn.analysis.indicators import check_countries

        where = where or EventFilter()
        check_countries(country=where.country, actor=where.actor, recipient=where.recipient)
        extra = watch.series() if watch is not None else frozenset()
        store = self._open(create=False)

        def read(connection: Connection) -> list[dict[str, Any]]:
            found = read_alerts(connection, where, by, extra)
            return watch.apply(connection, found, where) if watch is not None else found

        with store.snapshot() as connection:
            count = change_count(connection, "alert_inputs")  # first: see AnswerMemo
            if alerts_current(connection, by, extra):
                if watch is not None:
                    return read(connection)
                return self._memo.get(
                    ("alerts", where, by), count, lambda: read(connection), _copy_alerts
                )
        with self._refreshing, store.transaction() as connection:
            refresh_alerts(connection, by, extra)  # a no-op if another thread just did it
            return read(connection)

    def actors(
        self, *, country: str | None = None, text: str | None = None, limit: int | None = 50
    ) -> list[dict[str, Any]]:
        """Stored actors, busiest first, with how often they act, receive and speak (kept in
        memory until an actor, an event's actor or a claim's speaker changes)."""
        with self._open(create=False).snapshot() as connection:
            return self._memo.get(
                ("actors", country, text, limit),
                change_count(connection, "actor_links"),
                lambda: actor_counts(connection, country=country, text=text, limit=limit),
                _copy_rows,
            )

    def stats(self, where: EventFilter | None = None) -> dict[str, Any]:
        """Totals, and the matching events by type, quad class, verification, month, dyad."""
        with self._open(create=False).snapshot() as connection:
            return store_stats(connection, where or EventFilter())

    def export(
        self,
        fmt: str,
        output: Path | None = None,
        where: EventFilter | None = None,
        *,
        overwrite: bool = False,
        raw_csv: bool = False,
    ) -> ExportResult:
        """The matching records in ``fmt`` to the file ``output`` (or standard output).

        Without a filter every stored Document whole; with one, the Documents with a
        matching event, each keeping only its matching events. An existing ``output`` is
        replaced only with ``overwrite``; the store's own files never are. CSV cells that
        start like a formula are neutralised unless ``raw_csv`` (see ``write_export``).
        """
        from forewarn.errors import OutputError
        from forewarn.export import export_documents

        store = self._open(create=False)
        if output is not None and store.owns_file(output):
            raise OutputError(
                f"{output}: is the store {store.label} or one of its files; "
                "write the export to another file"
            )
        with store.snapshot() as connection:
            return export_documents(
                matching_documents(connection, where or EventFilter()),
                fmt,
                output,
                overwrite=overwrite,
                raw_csv=raw_csv,
            )

    # ----------------------------------------------------------------------- API tokens

    def create_token(self, name: str) -> str:
        """A new bearer token for the web API, named ``name``; shown once, stored hashed."""
        from forewarn.store.tokens import create_token

        with self._open(create=True).transaction() as connection:
            return create_token(connection, name)

    def tokens(self) -> list[dict[str, str]]:
        """The API tokens' names and creation times."""
        from forewarn.store.tokens import list_tokens

        with self._open(create=False).snapshot() as connection:
            return list_tokens(connection)

    def revoke_token(self, name: str) -> None:
        """Revoke the API token ``name`` (:class:`~forewarn.errors.NotFoundError` if none)."""
        from forewarn.store.tokens import revoke_token

        with self._open(create=False).transaction() as connection:
            revoke_token(connection, name)

    def check_token(self, token: str) -> str | None:
        """The name of the API token ``token``; None when it is not a current token."""
        from forewarn.store.tokens import check_token

        with self._open(create=False).connect() as connection:
            return check_token(connection, token)

    # ----------------------------------------------------------------------- lifetime

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _open(self, *, create: bool) -> Store:
        if self._store is None:
            self._store = open_store(self.db, create=create)
        return self._store

    def _engine(self) -> Engine:
        # Built before the store is opened: settings that cannot load leave no store behind.
        if self.settings.engine == "ray":
            from forewarn.scale.ray_engine import RayEngine

            return RayEngine(
                self.settings, address=self.settings.ray_address, workers=self.settings.workers
            )
        from forewarn.extractor import load_extractor
        from forewarn.pipeline import LocalEngine

        return LocalEngine(load_extractor(self.settings))


def _copy_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [dict(row) for row in rows]


def _copy_alerts(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Alert rows a caller may change without changing the memo's (every nested value too)."""
    return [
        {
            **row,
            "series": dict(row["series"]),
            "incident_ids": list(row["incident_ids"]),
            "claim_ids": list(row["claim_ids"]),
        }
        for row in rows
    ]


def _check_page_size(limit: int) -> None:
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise FilterError("limit", f"{limit}: a page holds 1 to {MAX_PAGE_SIZE} items")
