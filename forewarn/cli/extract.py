"""``forewarn extract``: articles in, Documents out (tables, JSON or JSON Lines)."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from forewarn.cli.app import (
    EXIT_ALL_SKIPPED,
    EXIT_FAILED,
    app,
    check_date,
    fail,
    print_failure,
    print_warning,
    progress_bar,
    stderr_console,
    stdout_console,
)
from forewarn.cli.options import (
    ActorsOption,
    InputFormat,
    InputFormatOption,
    PlacesOption,
    settings_for,
)
from forewarn.errors import ForewarnError


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


@app.command()
def extract(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Files, directories, globs (- for standard input): text, HTML, JSONL, WARC, .gz."
        ),
    ],
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD (resolves relative dates).")
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="table (terminal), json or jsonl.")
    ] = OutputFormat.table,
    input_format: InputFormatOption = InputFormat.auto,
    actors: ActorsOption = None,
    places: PlacesOption = None,
) -> None:
    """Extract events and claims from articles."""
    from forewarn.extractor import load_extractor
    from forewarn.ingest import InputWarning
    from forewarn.pipeline import RunSummary, extract_inputs
    from forewarn.records import Document, document_json, documents_json
    from forewarn.render import print_document

    err, out = stderr_console(), stdout_console()
    check_date("--published", published)
    try:
        extractor = load_extractor(settings_for(actors=actors, places=places))
    except ForewarnError as error:
        fail(str(error))
    summary, documents = RunSummary(), []
    progress = progress_bar(err, enabled=len(paths) > 1 or any(map(os.path.isdir, paths)))
    with progress:
        task = progress.add_task("extracting", total=None)
        for outcome in extract_inputs(paths, extractor, published, input_format.value):
            summary.add(outcome)
            if isinstance(outcome, InputWarning):
                print_warning(err, outcome)
                continue
            progress.advance(task)
            if not isinstance(outcome, Document):
                print_failure(err, outcome)
            elif output_format is OutputFormat.jsonl:
                sys.stdout.write(document_json(outcome) + "\n")
            elif output_format is OutputFormat.json:
                documents.append(outcome)
            else:
                print_document(out, outcome)
    if output_format is OutputFormat.json:
        sys.stdout.write(documents_json(documents) + "\n")
    err.print(summary.extract_line(), highlight=False)
    if summary.failed:
        raise typer.Exit(EXIT_FAILED)
    if summary.skipped and not summary.extracted:
        raise typer.Exit(EXIT_ALL_SKIPPED)
