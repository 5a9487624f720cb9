"""``forewarn eval``: score the extractor against third-party gold data."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from forewarn.cli.app import app, fail, stdout_console
from forewarn.errors import ForewarnError


class EvalTask(StrEnum):
    events = "events"
    ingest = "ingest"
    attribution = "attribution"
    acled = "acled"
    location = "location"
    headlines = "headlines"
    incidents = "incidents"
    alerts = "alerts"


# Where each task's development set lives in ../shared/eval (used when --gold is not given).
DEFAULT_GOLD = {
    EvalTask.events: "events_sentences.dev.jsonl",
    EvalTask.ingest: "ingest_pages.dev.jsonl",
    EvalTask.attribution: "attribution_articles.dev.jsonl",
    EvalTask.acled: "acled_notes.dev.jsonl",
    EvalTask.location: "event_location.dev.jsonl",
    EvalTask.headlines: "ucdp_ukraine_stream.dev.jsonl",
    EvalTask.incidents: "ucdp_ukraine_stream.dev.jsonl",
    EvalTask.alerts: "ucdp_ukraine_stream.dev.jsonl",
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
    from forewarn.evaluation import run_task

    gold_path = gold or Path("..") / "shared" / "eval" / DEFAULT_GOLD[task]
    if not gold_path.exists():
        fail(f"{gold_path}: gold file not found; pass --gold FILE")
    try:
        metrics = run_task(task.value, gold_path, limit=limit)
    except ForewarnError as error:
        fail(str(error))
    if output_format == "json":
        sys.stdout.write(json.dumps(metrics, indent=2) + "\n")
        return
    from forewarn.render import metrics_tables

    stdout_console().print(metrics_tables(task.value, metrics))
