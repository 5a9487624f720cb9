"""The store's commands: ``ingest``, ``events``, ``claims``, ``actors``, ``stats``, ``export``.

Thin shells over :mod:`forewarn.store`: parse options, open the store, call one function,
print. Every command takes ``--db`` (else ``FOREWARN_DB``, else ./forewarn.db).
"""

from __future__ import annotations

import csv
import errno
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from forewarn.cli import (
    EXIT_ALL_SKIPPED,
    EXIT_FAILED,
    InputFormat,
    _check_date,
    _fail,
    _usage,
    app,
    progress_bar,
    stdout_console,
)
from forewarn.errors import ForewarnError
from forewarn.records import to_dict

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Store: a SQLite file or a database URL (default: $FOREWARN_DB, else ./forewarn.db).",
        show_default=False,
    ),
]
ActorOption = Annotated[
    str | None,
    typer.Option(help="Actor: ISO3 country code in capitals (RUS), gazetteer id or name part."),
]
RecipientOption = Annotated[str | None, typer.Option(help="Recipient, named as for --actor.")]
TypeOption = Annotated[
    list[str] | None, typer.Option("--type", help="PLOVER event type (repeatable).")
]
SinceOption = Annotated[
    str | None, typer.Option(help="From this date on: YYYY, YYYY-MM or YYYY-MM-DD.")
]
UntilOption = Annotated[str | None, typer.Option(help="Up to this date, inclusive.")]
CountryOption = Annotated[
    str | None, typer.Option(help="Where it happened: ISO 3166-1 alpha-3 code.")
]
VerificationOption = Annotated[
    list[str] | None,
    typer.Option(help="reported, unverified, unsubstantiated, disputed, corroborated, confirmed."),
]
TextOption = Annotated[str | None, typer.Option(help="Words in the evidence text.")]
LimitOption = Annotated[int, typer.Option(help="At most this many rows; 0 for all.")]


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class Engine(StrEnum):
    local = "local"
    ray = "ray"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    plover = "plover"
    cameo = "cameo"


def _stderr() -> Console:
    return Console(stderr=True, soft_wrap=True)


@app.command()
def ingest(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files, directories, globs: text, HTML, JSONL, WARC, .gz."),
    ] = None,
    db: DbOption = None,
    published: Annotated[
        str | None,
        typer.Option(
            help="Publication date YYYY-MM-DD of every input (overrides a JSONL record's or "
            "a page's own date; resolves relative dates)."
        ),
    ] = None,
    input_format: Annotated[
        InputFormat, typer.Option(help="How to read the inputs.")
    ] = InputFormat.auto,
    actors: Annotated[
        list[Path] | None, typer.Option("--actors", help="Extra actor gazetteer file (JSONL).")
    ] = None,
    places: Annotated[
        list[Path] | None,
        typer.Option("--places", help="Extra place gazetteer file (GeoNames dump, e.g. UA.txt)."),
    ] = None,
    reprocess: Annotated[
        bool,
        typer.Option(
            help="Extract stored articles again and replace their records "
            "(with no PATH: every stored article)."
        ),
    ] = False,
    engine: Annotated[
        Engine, typer.Option(help="local: this process; ray: Ray Data workers.")
    ] = Engine.local,
    address: Annotated[
        str | None, typer.Option(help="Ray cluster address (default: start a local Ray).")
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, help="Ray workers, each with one loaded model.")
    ] = 2,
) -> None:
    """Extract articles into the store: idempotent, and safe to kill and run again."""
    from forewarn.settings import Settings
    from forewarn.store import open_store
    from forewarn.store.ingest import ingest as ingest_paths
    from forewarn.store.ingest import reprocess_stored

    err = _stderr()
    if not paths and not reprocess:
        raise _usage(err, "give files or directories to ingest (or --reprocess)")
    if published is not None:
        _check_date(err, "--published", published)
    settings = Settings(actor_files=tuple(actors or ()), place_files=tuple(places or ()))
    try:
        # The extractor first: a bad --actors or --places file must not leave a new, empty
        # store behind. --reprocess alone works on what is stored: a mistyped --db must not
        # become a new, empty store reported as a success.
        runner = _engine(engine, settings, address, workers)
        store = open_store(db, create=bool(paths))
    except ForewarnError as error:
        raise _fail(err, str(error)) from None

    def report(failure) -> None:
        label = "skipped" if failure.kind == "skipped" else "[red]failed[/red]"
        err.print(f"{label}: {failure.reason}", highlight=False)

    progress = progress_bar(err)
    with store, progress:
        task = progress.add_task("ingesting", total=None)
        options = {
            "on_failure": report,
            "progress": lambda count: progress.advance(task, count),
            "batch_size": settings.batch_size,
        }
        try:
            if paths:
                summary = ingest_paths(
                    [str(path) for path in paths],
                    store,
                    runner,
                    published=published,
                    input_format=input_format.value,
                    max_input_bytes=settings.max_input_bytes,
                    reprocess=reprocess,
                    **options,
                )
            else:
                summary = reprocess_stored(store, runner, **options)
        except ForewarnError as error:
            raise _fail(err, f"{error} (articles committed before this point are kept)") from None
    err.print(f"{summary.line()} → {store.label}", highlight=False)
    for reason in summary.reasons():
        err.print(f"  {reason}", highlight=False)
    if summary.failed:
        raise typer.Exit(EXIT_FAILED)
    if summary.skipped and not (summary.new or summary.duplicate or summary.replaced):
        raise typer.Exit(EXIT_ALL_SKIPPED)


@app.command()
def events(
    db: DbOption = None,
    actor: ActorOption = None,
    recipient: RecipientOption = None,
    event_type: TypeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    country: CountryOption = None,
    verification: VerificationOption = None,
    text: TextOption = None,
    limit: LimitOption = 50,
    output_format: Annotated[ListFormat, typer.Option("--format")] = ListFormat.table,
) -> None:
    """List stored events, most recent first, with the evidence of each."""
    from forewarn.render import event_list_table
    from forewarn.store.query import event_ids
    from forewarn.store.reader import load_events

    err = _stderr()
    where = _filter(err, actor, recipient, event_type, since, until, country, verification, text)
    pairs = _read(err, db, lambda c: load_events(c, event_ids(c, where, limit or None)))
    if output_format is ListFormat.table:
        stdout_console().print(event_list_table(pairs))
    elif output_format is ListFormat.csv:
        from forewarn.export import EVENT_COLUMNS, event_rows
        from forewarn.records import Document

        flat = [
            row
            for article, event in pairs
            for row in event_rows(Document(article=article, events=[event]))
        ]
        _write_csv(EVENT_COLUMNS, flat)
    else:
        rows = [{"article": _article_ref(article), **to_dict(event)} for article, event in pairs]
        _write_json(rows, output_format)


@app.command()
def claims(
    db: DbOption = None,
    actor: Annotated[
        str | None, typer.Option(help="Speaker: ISO3 country code, gazetteer id or name part.")
    ] = None,
    recipient: Annotated[
        str | None, typer.Option(help="Claims carrying an event against this recipient.")
    ] = None,
    event_type: Annotated[
        list[str] | None,
        typer.Option("--type", help="Claims carrying an event of this PLOVER type."),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    country: Annotated[str | None, typer.Option(help="Speaker's country (ISO3).")] = None,
    verification: VerificationOption = None,
    text: Annotated[str | None, typer.Option(help="Words in the claim.")] = None,
    limit: LimitOption = 50,
    output_format: Annotated[ListFormat, typer.Option("--format")] = ListFormat.table,
) -> None:
    """List stored claims: who says what, through which channel, hedged and verified how."""
    from forewarn.render import claim_list_table
    from forewarn.store.query import claim_ids
    from forewarn.store.reader import load_claims

    err = _stderr()
    where = _filter(err, actor, recipient, event_type, since, until, country, verification, text)
    pairs = _read(err, db, lambda c: load_claims(c, claim_ids(c, where, limit or None)))
    if output_format is ListFormat.table:
        stdout_console().print(claim_list_table(pairs))
    elif output_format is ListFormat.csv:
        from forewarn.export import CLAIM_COLUMNS, claim_row

        _write_csv(CLAIM_COLUMNS, [claim_row(article, claim) for article, claim in pairs])
    else:
        rows = [{"article": _article_ref(article), **to_dict(claim)} for article, claim in pairs]
        _write_json(rows, output_format)


@app.command("actors")
def list_actors(
    db: DbOption = None,
    country: Annotated[str | None, typer.Option(help="ISO 3166-1 alpha-3 code.")] = None,
    text: Annotated[str | None, typer.Option(help="Part of the actor's name.")] = None,
    limit: LimitOption = 50,
    output_format: Annotated[ListFormat, typer.Option("--format")] = ListFormat.table,
) -> None:
    """List stored actors, busiest first, with how often they act, receive and speak."""
    from forewarn.render import actor_table
    from forewarn.store.query import actor_counts

    err = _stderr()
    rows = _read(
        err, db, lambda c: actor_counts(c, country=country, text=text, limit=limit or None)
    )
    if output_format is ListFormat.table:
        stdout_console().print(actor_table(rows))
    elif output_format is ListFormat.csv:
        _write_csv(list(rows[0]) if rows else ["name"], rows)
    else:
        _write_json(rows, output_format)


@app.command()
def stats(
    db: DbOption = None,
    actor: ActorOption = None,
    recipient: RecipientOption = None,
    event_type: TypeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    country: CountryOption = None,
    verification: VerificationOption = None,
    text: TextOption = None,
    output_format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Totals, and the matching events by type, quad class, verification, month and dyad."""
    from forewarn.render import stats_tables
    from forewarn.store.query import store_stats

    err = _stderr()
    where = _filter(err, actor, recipient, event_type, since, until, country, verification, text)
    result = _read(err, db, lambda c: store_stats(c, where))
    if output_format == "json":
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
    else:
        stdout_console().print(stats_tables(result))


@app.command()
def export(
    output_format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            help="jsonl (Documents), csv or parquet (one row per event), plover (PLOVER JSON), "
            "cameo (GDELT-like TSV).",
        ),
    ],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write (default: stdout).")
    ] = None,
    db: DbOption = None,
    actor: ActorOption = None,
    recipient: RecipientOption = None,
    event_type: TypeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    country: CountryOption = None,
    verification: VerificationOption = None,
    text: TextOption = None,
) -> None:
    """Export stored records for other tools; with filters, only the matching events."""
    from forewarn.export import write_export
    from forewarn.store import open_store
    from forewarn.store.reader import matching_documents

    err = _stderr()
    where = _filter(err, actor, recipient, event_type, since, until, country, verification, text)
    if output is None and output_format is ExportFormat.parquet and sys.stdout.isatty():
        raise _usage(err, "parquet is binary: write it to a file with -o FILE")
    try:
        store = open_store(db, create=False)
    except ForewarnError as error:
        raise _fail(err, str(error)) from None
    partial = output.with_name(output.name + ".partial") if output else None
    try:
        with store, store.snapshot() as connection:
            articles_read = 0

            def documents():
                nonlocal articles_read
                for document in matching_documents(connection, where):
                    articles_read += 1
                    yield document

            if partial is None:
                count = write_export(documents(), output_format.value, sys.stdout.buffer)
                sys.stdout.buffer.flush()
            else:
                # Written beside the target and renamed at the end: an interrupted export
                # never leaves a half file under the name asked for.
                with partial.open("wb") as stream:
                    count = write_export(documents(), output_format.value, stream)
                partial.replace(output)
    except ForewarnError as error:
        raise _fail(err, str(error)) from None
    except OSError as error:
        if error.errno == errno.EPIPE:
            raise  # the reader left (`| head`): click exits quietly
        raise _fail(err, f"{output or 'stdout'}: cannot write ({error.strerror})") from None
    finally:
        if partial is not None and partial.exists():
            partial.unlink()
    err.print(
        f"exported {count} records from {articles_read} articles"
        + (f" to {output}" if output else ""),
        highlight=False,
    )


def _engine(engine: Engine, settings, address: str | None, workers: int):
    if engine is Engine.ray:
        from forewarn.scale.ray_engine import RayEngine

        return RayEngine(settings, address=address, workers=workers)
    from forewarn.extractor import load_extractor
    from forewarn.store.ingest import LocalEngine

    return LocalEngine(load_extractor(settings))


def _filter(err, actor, recipient, event_type, since, until, country, verification, text):
    from forewarn.store.query import EventFilter

    try:
        return EventFilter(
            actor=actor,
            recipient=recipient,
            event_types=tuple(event_type or ()),
            since=since,
            until=until,
            country=country,
            verification=tuple(verification or ()),
            text=text,
        )
    except ForewarnError as error:
        raise _usage(err, str(error)) from None


def _read(err: Console, db: str | None, query):
    """Run ``query(connection)`` on the existing store at ``db``; errors end the command."""
    from forewarn.store import open_store

    try:
        with open_store(db, create=False) as store, store.snapshot() as connection:
            return query(connection)
    except ForewarnError as error:
        raise _fail(err, str(error)) from None


def _article_ref(article) -> dict:
    return {
        "id": article.id,
        "title": article.title,
        "published": article.published,
        "url": article.url,
        "source": article.source,
    }


def _write_json(rows: list[dict], output_format: ListFormat) -> None:
    if output_format is ListFormat.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")


def _write_csv(columns: list[str], rows: list[dict]) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
