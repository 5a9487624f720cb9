"""``forewarn incidents``: happenings across articles, with their outlets, claimants and
verification; ``--rebuild`` resolves every stored event again."""

from __future__ import annotations

from typing import Annotated

import typer

from forewarn.cli.app import app, fail, progress_bar, stderr_console, stdout_console
from forewarn.cli.options import (
    ActorOption,
    CountryOption,
    DbOption,
    LimitOption,
    ListFormat,
    RecipientOption,
    SinceOption,
    TextOption,
    TypeOption,
    UntilOption,
    VerificationOption,
    event_filter,
)
from forewarn.cli.queries import ask, write_csv, write_json
from forewarn.errors import ForewarnError


@app.command()
def incidents(
    db: DbOption = None,
    rebuild: Annotated[
        bool,
        typer.Option(help="Resolve every stored event into incidents again, then list."),
    ] = False,
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
    """List incidents: one happening, its reports across articles, who says so."""
    from forewarn.database import Database

    where = event_filter(actor, recipient, event_type, since, until, country, verification, text)
    if rebuild:
        err = stderr_console()
        try:
            with Database(db) as database, progress_bar(err) as progress:
                task = progress.add_task("resolving", total=None)
                count = database.rebuild_incidents(lambda n: progress.advance(task, n))
        except ForewarnError as error:
            fail(str(error))
        err.print(f"rebuilt {count} incidents", highlight=False)
    rows = ask(db, lambda database: database.incidents(where, limit=limit or None))
    if output_format is ListFormat.table:
        from forewarn.render import incident_table

        stdout_console().print(incident_table(rows))
    elif output_format is ListFormat.csv:
        from forewarn.listing import INCIDENT_CSV_COLUMNS, incident_csv_row

        write_csv(INCIDENT_CSV_COLUMNS, [incident_csv_row(row) for row in rows])
    else:
        write_json(rows, output_format)
