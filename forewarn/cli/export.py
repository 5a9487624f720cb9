"""``forewarn export``: stored records for other tools (JSONL, CSV, Parquet, PLOVER, CAMEO)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from forewarn.cli.app import app, fail, stderr_console, usage_error
from forewarn.cli.options import (
    ActorOption,
    CountryOption,
    DbOption,
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


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    plover = "plover"
    cameo = "cameo"


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
    force: Annotated[
        bool, typer.Option("--force", help="Replace the -o file if it exists.")
    ] = False,
    raw_csv: RawCsvOption = False,
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
    from forewarn.database import Database

    where = event_filter(actor, recipient, event_type, since, until, country, verification, text)
    if output is None and output_format is ExportFormat.parquet and sys.stdout.isatty():
        usage_error("parquet is binary: write it to a file with -o FILE")
    try:
        with Database(db) as database:
            result = database.export(
                output_format.value, output, where, overwrite=force, raw_csv=raw_csv
            )
    except ForewarnError as error:
        fail(str(error))
    stderr_console().print(
        f"exported {result.records} records from {result.articles} articles"
        + (f" to {output}" if output else ""),
        highlight=False,
    )
