"""``forewarn ingest``: articles into the store, idempotent and safe to kill and run again."""

from __future__ import annotations

from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Annotated

import typer

from forewarn.cli.app import (
    EXIT_ALL_SKIPPED,
    EXIT_FAILED,
    app,
    check_date,
    fail,
    literal,
    print_failure,
    print_warning,
    progress_bar,
    stderr_console,
    usage_error,
)
from forewarn.cli.options import (
    ActorsOption,
    DbOption,
    InputFormat,
    InputFormatOption,
    PlacesOption,
    settings_for,
)
from forewarn.errors import ForewarnError


class Engine(StrEnum):
    local = "local"
    ray = "ray"


@app.command()
def ingest(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files, directories, globs (- for standard input): text, HTML, JSONL, WARC, .gz."
        ),
    ] = None,
    db: DbOption = None,
    published: Annotated[
        str | None,
        typer.Option(
            help="Publication date YYYY-MM-DD of every input (overrides a JSONL record's or "
            "a page's own date; resolves relative dates)."
        ),
    ] = None,
    input_format: InputFormatOption = InputFormat.auto,
    actors: ActorsOption = None,
    places: PlacesOption = None,
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
    from forewarn.database import Database

    err = stderr_console()
    if not paths and not reprocess:
        usage_error("give files or directories to ingest (or --reprocess)")
    check_date("--published", published)
    progress = progress_bar(err)
    task = progress.add_task("ingesting", total=None)
    report = {
        "on_failure": partial(print_failure, err),
        "progress": partial(progress.advance, task),
    }
    settings = settings_for(
        actors, places, engine=engine.value, ray_address=address, workers=workers, db=db
    )
    with Database(settings=settings) as database, progress:
        try:
            if paths:
                summary = database.ingest(
                    paths,
                    published=published,
                    input_format=input_format.value,
                    reprocess=reprocess,
                    on_warning=partial(print_warning, err),
                    **report,
                )
            else:
                summary = database.reprocess(**report)
        except ForewarnError as error:
            fail(str(error))
        err.print(f"{summary.ingest_line()} → {database.label}", highlight=False)
    for reason in summary.reasons():
        err.print(f"  {literal(reason)}", highlight=False)
    if summary.failed:
        raise typer.Exit(EXIT_FAILED)
    if summary.skipped and not (summary.new or summary.duplicate or summary.replaced):
        raise typer.Exit(EXIT_ALL_SKIPPED)
