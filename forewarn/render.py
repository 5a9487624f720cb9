"""Readable terminal output of Documents (Rich tables) and their JSON forms."""

from __future__ import annotations

import json

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table

from forewarn.records import Actor, Document, Place, to_dict

__all__ = ["document_json", "document_tables", "metrics_tables", "print_document"]


def document_json(document: Document, indent: int | None = None) -> str:
    return json.dumps(to_dict(document), ensure_ascii=False, indent=indent)


def _actor(actors: list[Actor]) -> str:
    return (
        "; ".join(
            f"{a.name} ({'/'.join(x for x in (a.country, a.sector) if x) or '?'})" for a in actors
        )
        or "-"
    )


def _place(place: Place | None) -> str:
    if place is None:
        return "-"
    return f"{place.name}, {place.country}" if place.country else place.name


def _short_id(record_id: str | None) -> str:
    return record_id.rsplit("#", 1)[-1] if record_id else "-"


def document_tables(document: Document) -> Group:
    article = document.article
    events = Table(title="Events", show_lines=False, expand=True)
    for column in (
        "id",
        "type / mode",
        "actor -> recipient",
        "date",
        "place",
        "modality",
        "verification",
        "claim",
        "trigger",
    ):
        events.add_column(column, overflow="fold")
    for event in document.events:
        modality = event.modality + (", negated" if event.negated else "")
        when = f"{event.date or '?'} ({event.date_precision})"
        events.add_row(
            _short_id(event.id),
            event.event_type + (f" / {event.mode}" if event.mode else ""),
            f"{_actor(event.actor)} -> {_actor(event.recipient)}",
            when,
            _place(event.location),
            modality,
            event.verification,
            _short_id(event.claim_id),
            event.trigger.text,
        )
    claims = Table(title="Claims", expand=True)
    for column in (
        "id",
        "speaker",
        "cue",
        "stance",
        "channel",
        "date",
        "verification",
        "hedges",
        "content",
    ):
        claims.add_column(column, overflow="fold")
    for claim in document.claims:
        content = claim.content.text
        claims.add_row(
            _short_id(claim.id),
            _actor([claim.speaker]) if claim.speaker else "-",
            claim.cue,
            claim.stance,
            claim.channel or "-",
            f"{claim.date or '?'} ({claim.date_precision})",
            claim.verification,
            "; ".join(claim.hedges) or "-",
            content if len(content) <= 90 else content[:87] + "...",
        )
    header = Panel(
        f"[bold]{article.title or '(no title)'}[/bold]\n"
        f"id {article.id} · published {article.published or 'unknown'}"
        + (f" · {article.source}" if article.source else ""),
        expand=True,
    )
    return Group(header, events, claims)


def print_document(console: Console, document: Document) -> None:
    console.print(document_tables(document))


def metrics_tables(task: str, metrics: dict) -> Group:
    """Scalar metrics as one table; a confusion matrix (gold rows x predicted) when present."""
    summary = Table(title=f"forewarn eval {task}")
    summary.add_column("metric")
    summary.add_column("value", justify="right")
    for name, value in metrics.items():
        if isinstance(value, dict) and name != "confusion":
            for sub, subvalue in value.items():
                summary.add_row(f"{name}.{sub}", str(subvalue))
        elif not isinstance(value, dict | list):
            summary.add_row(name, str(value))
    parts = [summary]
    confusion = metrics.get("confusion")
    if confusion:
        predicted = sorted({p for row in confusion.values() for p in row})
        matrix = Table(title="confusion (rows: gold, columns: predicted)")
        matrix.add_column("gold", no_wrap=True)
        for label in predicted:
            matrix.add_column(label[:4], justify="right", no_wrap=True)
        for gold, row in confusion.items():
            matrix.add_row(gold, *(str(row.get(p, "")) for p in predicted))
        parts.append(matrix)
    return Group(*parts)
