"""The store's questions: ``events``, ``claims``, ``actors`` and ``stats``.

Each opens the store named by ``--db`` (else ``FOREWARN_DB``, else ./forewarn.db), asks one
question of :class:`~forewarn.database.Database` and prints the answer. None of them loads
the NLP stack.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Literal, TypeVar

import typer

from forewarn.cli.app import app, fail, stdout_console
from forewarn.cli.options import (
    ActorOption,
    CountryOption,
    DbOption,
    LimitOption,
    ListFormat,
    RawCsvOption,
    RecipientOption,
    SinceOption,
    TextOption,
    TypeOption,
    UntilOption,
    VerificationOption,
    event_filter,
)
from forewarn.errors import ForewarnError

Answer = TypeVar("Answer")


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
    raw_csv: RawCsvOption = False,
) -> None:
    """List stored events, most recent first, with the evidence of each."""
    where = event_filter(actor, recipient, event_type, since, until, country, verification, text)
    pairs = ask(db, lambda database: database.events(where, limit=limit or None))
    _print_records(pairs, output_format, "event", raw_csv)


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
    thread: Annotated[
        str | None,
        typer.Option(help="A claim's id: that claim and those that support or contradict it."),
    ] = None,
    output_format: Annotated[ListFormat, typer.Option("--format")] = ListFormat.table,
    raw_csv: RawCsvOption = False,
) -> None:
    """List stored claims: who says what, through which channel, hedged and verified how."""
    where = event_filter(actor, recipient, event_type, since, until, country, verification, text)
    if thread is not None:
        thread_rows = ask(db, lambda database: database.claim_thread(thread))
        _print_thread(thread_rows, output_format, raw_csv)
        return
    pairs = ask(db, lambda database: database.claims(where, limit=limit or None))
    _print_records(pairs, output_format, "claim", raw_csv)


@app.command("actors")
def list_actors(
    db: DbOption = None,
    country: Annotated[str | None, typer.Option(help="ISO 3166-1 alpha-3 code.")] = None,
    text: Annotated[str | None, typer.Option(help="Part of the actor's name.")] = None,
    limit: LimitOption = 50,
    output_format: Annotated[ListFormat, typer.Option("--format")] = ListFormat.table,
    raw_csv: RawCsvOption = False,
) -> None:
    """List stored actors, busiest first, with how often they act, receive and speak."""
    rows = ask(
        db, lambda database: database.actors(country=country, text=text, limit=limit or None)
    )
    if output_format is ListFormat.table:
        from forewarn.render import actor_table

        stdout_console().print(actor_table(rows))
    elif output_format is ListFormat.csv:
        write_csv(list(rows[0]) if rows else ["name"], rows, raw=raw_csv)
    else:
        write_json(rows, output_format)


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
    where = event_filter(actor, recipient, event_type, since, until, country, verification, text)
    result = ask(db, lambda database: database.stats(where))
    if output_format == "json":
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
    else:
        from forewarn.render import stats_tables

        stdout_console().print(stats_tables(result))


def ask(db: str | None, question: Callable[[Any], Answer]) -> Answer:
    """The answer of the existing store at ``db``; a store error ends the command."""
    from forewarn.database import Database

    try:
        with Database(db) as database:
            return question(database)
    except ForewarnError as error:
        fail(str(error))


def _print_records(
    pairs: list[tuple[Any, Any]],
    output_format: ListFormat,
    kind: Literal["event", "claim"],
    raw_csv: bool = False,
) -> None:
    """Listed records as a Rich table, CSV rows or JSON with their article references.

    The table maker is looked up by ``kind`` when needed (see also
    :func:`forewarn.listing.record_csv`).
    """
    if output_format is ListFormat.table:
        from forewarn import render

        stdout_console().print(getattr(render, f"{kind}_list_table")(pairs))
    elif output_format is ListFormat.csv:
        from forewarn.listing import record_csv

        write_csv(*record_csv(kind, pairs), raw=raw_csv)
    else:
        from forewarn.listing import record_json

        write_json([record_json(article, record) for article, record in pairs], output_format)


def _print_thread(
    thread: list[tuple[str, Any, Any]], output_format: ListFormat, raw_csv: bool = False
) -> None:
    if output_format is ListFormat.table:
        from forewarn.render import claim_list_table

        pairs = [(article, claim) for _, article, claim in thread]
        relations = [relation for relation, _, _ in thread]
        stdout_console().print(claim_list_table(pairs, relations))
    elif output_format is ListFormat.csv:
        from forewarn.listing import thread_csv

        write_csv(*thread_csv(thread), raw=raw_csv)
    else:
        from forewarn.listing import thread_json

        write_json(thread_json(thread), output_format)


def write_json(rows: list[dict[str, Any]], output_format: ListFormat) -> None:
    if output_format is ListFormat.jsonl:
        from forewarn.listing import jsonl_lines

        sys.stdout.writelines(jsonl_lines(rows))
    else:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")


def write_csv(columns: Sequence[str], rows: list[dict[str, Any]], *, raw: bool = False) -> None:
    """Rows as CSV on stdout (:func:`forewarn.listing.csv_lines`: formulas neutralised
    unless ``raw``)."""
    from forewarn.listing import csv_lines

    sys.stdout.writelines(csv_lines(columns, rows, raw=raw))
