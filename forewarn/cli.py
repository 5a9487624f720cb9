"""The ``forewarn`` command: a thin shell over the library.

Exit status: 0 when nothing failed (skipped inputs, e.g. not English, are counted in the
summary), 1 when some input failed, 2 for a usage error, 3 when every input was skipped
and nothing was extracted.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from forewarn.errors import ForewarnError
from forewarn.ingest import InputFailure
from forewarn.records import Document

app = typer.Typer(
    help="forewarn: evidence-linked PLOVER events and attributed claims from the news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

PIPED_TABLE_WIDTH = 160
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_ALL_SKIPPED = 3


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


class InputFormat(StrEnum):
    auto = "auto"
    text = "text"
    html = "html"
    jsonl = "jsonl"


@app.callback()
def main() -> None:
    """forewarn reads news and writes who did what to whom, and who says so."""


def _fail(console: Console, message: str) -> typer.Exit:
    console.print(f"[red]error:[/red] {message}", highlight=False)
    return typer.Exit(EXIT_FAILED)


def _usage(console: Console, message: str) -> typer.Exit:
    console.print(f"[red]error:[/red] {message}", highlight=False)
    return typer.Exit(EXIT_USAGE)


def _check_date(console: Console, option: str, value: str) -> None:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        raise _usage(console, f"{option} {value!r}: expected a date as YYYY-MM-DD") from None


def progress_bar(console: Console, *, enabled: bool = True) -> Progress:
    """The progress bar of long commands: on a terminal only, gone when the run ends."""
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not (enabled and console.is_terminal),
    )


def stdout_console() -> Console:
    """Piped output gets a fixed, readable width instead of Rich's 80-column default."""
    return Console() if sys.stdout.isatty() else Console(width=PIPED_TABLE_WIDTH)


@app.command()
def extract(
    paths: Annotated[
        list[Path], typer.Argument(help="Files or directories: text, HTML, JSONL, .gz.")
    ],
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD (resolves relative dates).")
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="table (terminal), json or jsonl.")
    ] = OutputFormat.table,
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
) -> None:
    """Extract events and claims from articles."""

    from forewarn.batch import RunSummary, extract_inputs
    from forewarn.extractor import load_extractor
    from forewarn.render import document_json, print_document
    from forewarn.settings import Settings

    err = Console(stderr=True, soft_wrap=True)
    out = stdout_console()
    if published is not None:
        _check_date(err, "--published", published)
    try:
        extractor = load_extractor(
            Settings(actor_files=tuple(actors or ()), place_files=tuple(places or ()))
        )
    except ForewarnError as error:
        raise _fail(err, str(error)) from None

    summary = RunSummary()
    documents: list[Document] = []
    progress = progress_bar(err, enabled=len(paths) > 1 or any(p.is_dir() for p in paths))
    with progress:
        task = progress.add_task("extracting", total=None)
        for outcome in extract_inputs(paths, extractor, published, input_format.value):
            summary.add(outcome)
            progress.advance(task)
            if isinstance(outcome, InputFailure):
                label = "skipped" if outcome.kind == "skipped" else "[red]failed[/red]"
                err.print(f"{label}: {outcome.reason}", highlight=False)
                continue
            if output_format is OutputFormat.jsonl:
                sys.stdout.write(document_json(outcome) + "\n")
            elif output_format is OutputFormat.json:
                documents.append(outcome)
            else:
                print_document(out, outcome)
    if output_format is OutputFormat.json:
        if len(documents) == 1:
            sys.stdout.write(document_json(documents[0], indent=2) + "\n")
        else:
            sys.stdout.write(
                "[" + ",\n".join(document_json(d, indent=2) for d in documents) + "]\n"
            )
    err.print(summary.line(), highlight=False)
    if summary.failed:
        raise typer.Exit(EXIT_FAILED)
    if summary.skipped and not summary.extracted:
        raise typer.Exit(EXIT_ALL_SKIPPED)


class EvalTask(StrEnum):
    events = "events"
    ingest = "ingest"
    attribution = "attribution"
    acled = "acled"
    location = "location"


# Where each task's development set lives in ../shared/eval (used when --gold is not given).
DEFAULT_GOLD = {
    EvalTask.events: "events_sentences.dev.jsonl",
    EvalTask.ingest: "ingest_pages.dev.jsonl",
    EvalTask.attribution: "attribution_articles.dev.jsonl",
    EvalTask.acled: "acled_notes.dev.jsonl",
    EvalTask.location: "event_location.dev.jsonl",
}


@app.command("eval")
def evaluate(
    task: Annotated[EvalTask, typer.Argument(help="Which extractor stage to score.")],
    gold: Annotated[
        Path | None,
        typer.Option(help="Gold JSONL file; default: ../shared/eval/<the task's dev set>."),
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    limit: Annotated[int | None, typer.Option(help="Score only the first N rows.")] = None,
) -> None:
    """Score forewarn against third-party gold data (see docs/accuracy.md)."""
    import json

    from forewarn.evaluation import run_task

    err = Console(stderr=True, soft_wrap=True)
    gold_path = gold or Path("..") / "shared" / "eval" / DEFAULT_GOLD[task]
    if not gold_path.exists():
        raise _fail(err, f"{gold_path}: gold file not found; pass --gold FILE")
    try:
        metrics = run_task(task.value, gold_path, limit=limit)
    except ForewarnError as error:
        raise _fail(err, str(error)) from None
    if output_format == "json":
        sys.stdout.write(json.dumps(metrics, indent=2) + "\n")
        return
    from forewarn.render import metrics_tables

    stdout_console().print(metrics_tables(task.value, metrics))


# The store's commands (ingest, events, claims, actors, stats, export) live in their own module.
from forewarn import store_commands  # noqa: E402, F401
