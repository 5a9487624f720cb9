"""Readable terminal output of Documents (Rich tables) and their JSON forms.

Every cell is stored text from articles nobody vetted, so every table is a :class:`_Table`:
its text cells are shown literally, control characters escaped (``\\x1b``) rather than sent
to the terminal and square brackets never read as Rich markup.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from forewarn.records import Actor, Article, Claim, Document, Event, Place
from forewarn.safe_output import terminal_text

__all__ = [
    "alert_table",
    "indicator_table",
    "actor_table",
    "claim_list_table",
    "document_tables",
    "event_list_table",
    "incident_table",
    "metrics_tables",
    "print_document",
    "series_label",
    "stats_tables",
]


class _Table(Table):
    """A Rich table whose text cells are shown as they are (see the module docstring)."""

    def add_row(self, *renderables: Any, **options: Any) -> None:
        super().add_row(*(_literal(cell) for cell in renderables), **options)


def _literal(cell: Any) -> Any:
    return Text(terminal_text(cell)) if isinstance(cell, str) else cell


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
    events = _Table(title="Events", show_lines=False, expand=True)
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
    claims = _Table(title="Claims", expand=True)
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
        claims.add_row(
            _short_id(claim.id),
            _actor([claim.speaker]) if claim.speaker else "-",
            claim.cue,
            claim.stance,
            claim.channel or "-",
            f"{claim.date or '?'} ({claim.date_precision})",
            claim.verification,
            "; ".join(claim.hedges) or "-",
            _clip(claim.content.text),
        )
    details = f"id {article.id} · published {article.published or 'unknown'}"
    header = Panel(
        Text.assemble(
            (terminal_text(article.title or "(no title)"), "bold"),
            "\n",
            terminal_text(details + (f" · {article.source}" if article.source else "")),
        ),
        expand=True,
    )
    return Group(header, events, claims)


def print_document(console: Console, document: Document) -> None:
    console.print(document_tables(document))


def metrics_tables(task: str, metrics: dict) -> Group:
    """Scalar metrics as one table; a confusion matrix (gold rows x predicted) when present."""
    summary = _Table(title=f"forewarn eval {task}")
    summary.add_column("metric")
    summary.add_column("value", justify="right")
    for name, value in _flat_metrics(metrics):
        summary.add_row(name, str(value))
    parts = [summary]
    confusion = metrics.get("confusion")
    if confusion:
        predicted = sorted({p for row in confusion.values() for p in row})
        matrix = _Table(title="confusion (rows: gold, columns: predicted)")
        matrix.add_column("gold", no_wrap=True)
        for label in predicted:
            matrix.add_column(label[:4], justify="right", no_wrap=True)
        for gold, row in confusion.items():
            matrix.add_row(gold, *(str(row.get(p, "")) for p in predicted))
        parts.append(matrix)
    return Group(*parts)


def _flat_metrics(metrics: dict, prefix: str = "") -> list[tuple[str, object]]:
    """Scalar metrics with dotted names ("folds.0.dead_exact"); the confusion matrix and
    lists are drawn apart or left out."""
    rows: list[tuple[str, object]] = []
    for name, value in metrics.items():
        if isinstance(value, dict) and name != "confusion":
            rows += _flat_metrics(value, f"{prefix}{name}.")
        elif not isinstance(value, dict | list):
            rows.append((f"{prefix}{name}", value))
    return rows


def _clip(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def event_list_table(pairs: list[tuple[Article, Event]]) -> Table:
    """Stored events, one row each, with the evidence they came from."""
    table = _Table(title=f"{len(pairs)} events", expand=True)
    for column in ("date", "type / mode"):
        table.add_column(column, overflow="fold")
    # The free space goes to the evidence first: it is what a reader checks an event against.
    table.add_column("actor -> recipient", overflow="fold", ratio=2)
    table.add_column("place", overflow="fold", max_width=24)
    table.add_column("verification", overflow="fold")
    table.add_column("evidence", overflow="fold", ratio=3)
    table.add_column("source", overflow="fold", max_width=24)
    for article, event in pairs:
        table.add_row(
            event.date or f"({article.published or '?'})",
            event.event_type + (f" / {event.mode}" if event.mode else ""),
            f"{_actor(event.actor)} -> {_actor(event.recipient)}",
            _place(event.location),
            event.verification + (" (negated)" if event.negated else ""),
            _clip(event.evidence.text, 200),
            article.source or article.url or article.id,
        )
    return table


def claim_list_table(
    pairs: list[tuple[Article, Claim]], relations: list[str] | None = None
) -> Table:
    """Stored claims: who says what, through which channel, how verified (and, for a
    thread, how each relates to the claim asked about)."""
    table = _Table(title=f"{len(pairs)} claims", expand=True)
    if relations is not None:
        table.add_column("relation", overflow="fold")
    for column in ("date", "speaker", "cue", "stance", "verification"):
        table.add_column(column, overflow="fold")
    table.add_column("content", overflow="fold", ratio=2)
    table.add_column("source", overflow="fold")
    for index, (article, claim) in enumerate(pairs):
        table.add_row(
            *([relations[index]] if relations is not None else []),
            claim.date or f"({article.published or '?'})",
            _actor([claim.speaker]) if claim.speaker else "-",
            claim.cue,
            claim.stance,
            claim.verification,
            _clip(claim.content.text, 200),
            article.source or article.url or article.id,
        )
    return table


def incident_table(rows: list[dict[str, Any]]) -> Table:
    """Incidents: what happened, between whom, when and where, reported by whom, how verified."""
    table = _Table(title=f"{len(rows)} incidents", expand=True)
    for column in ("id", "type / mode", "actor -> recipient", "dates", "place"):
        table.add_column(column, overflow="fold")
    table.add_column("dead / injured", justify="right")
    for column in ("verification", "reports", "outlets", "claimants"):
        table.add_column(column, overflow="fold")
    for row in rows:
        parties = [
            "; ".join(p["name"] for p in row[side]) or "-" for side in ("actor", "recipient")
        ]
        place = row["location"]
        dates = row["date_start"]
        if row["date_end"] != row["date_start"]:
            dates += f" - {row['date_end']}"
        table.add_row(
            row["id"],
            row["event_type"] + (f" / {row['mode']}" if row["mode"] else ""),
            " -> ".join(parties),
            dates,
            f"{place['name']}, {place['country']}" if place else "-",
            f"{_count(row['dead'])} / {_count(row['injured'])}",
            row["verification"],
            str(len(row["mentions"])),
            ", ".join(row["outlets"]),
            ", ".join(row["claimants"]),
        )
    return table


def _count(value: int | None) -> str:
    return "-" if value is None else str(value)


def actor_table(rows: list[dict]) -> Table:
    table = _Table(title=f"{len(rows)} actors")
    for column in ("name", "country", "sector", "id"):
        table.add_column(column, overflow="fold")
    for column in ("as actor", "as recipient", "claims"):
        table.add_column(column, justify="right")
    for row in rows:
        table.add_row(
            row["name"],
            row["country"] or "-",
            row["sector"] or "-",
            row["gazetteer_id"] or "-",
            str(row["as_actor"]),
            str(row["as_recipient"]),
            str(row["claims"]),
        )
    return table


def stats_tables(stats: dict) -> Group:
    totals = _Table(title="store")
    totals.add_column("records")
    totals.add_column("count", justify="right")
    for name in ("articles", "events", "claims", "actors", "places", "matching_events"):
        totals.add_row(name.replace("_", " "), str(stats[name]))
    parts: list = [totals]
    for key, title in (
        ("by_type", "events by type"),
        ("by_quad_class", "events by quad class"),
        ("by_verification", "events by verification"),
        ("by_month", "events by month"),
    ):
        table = _Table(title=title)
        table.add_column(title.split(" by ")[1])
        table.add_column("events", justify="right")
        for label, count in stats[key].items():
            table.add_row(str(label), str(count))
        parts.append(table)
    dyads = _Table(title="top dyads (actor country -> recipient country)")
    for column in ("actor", "recipient"):
        dyads.add_column(column)
    dyads.add_column("events", justify="right")
    for dyad in stats["top_dyads"]:
        dyads.add_row(dyad["actor_country"], dyad["recipient_country"], str(dyad["events"]))
    parts.append(dyads)
    return Group(*parts)


def series_label(series: dict[str, str]) -> str:
    """``country=UKR``, ``actor=RUS;recipient=UKR``; ``all`` for the series of everything."""
    return ";".join(f"{name}={value}" for name, value in series.items()) or "all"


def indicator_table(rows: list[dict[str, Any]], by: str) -> Table:
    """An indicator series: a line per period."""
    table = _Table(title=f"{len(rows)} {by}s", expand=True)
    named = bool(rows) and "series" in rows[0]
    if named:
        table.add_column("series", overflow="fold")
    for column in ("period", "incidents", "conflict", "mentions", "dead", "injured", "score"):
        table.add_column(column, justify="left" if column == "period" else "right")
    table.add_column("unverified / disputed", justify="right")
    table.add_column("top types", overflow="fold")
    for row in rows:
        score = row["conflict_cooperation"]
        table.add_row(
            *([series_label(row["series"])] if named else []),
            row["period"],
            str(row["incidents"]),
            str(row["conflict"]),
            str(row["mentions"]),
            str(row["dead"]),
            str(row["injured"]),
            "-" if score is None else f"{score:+.1f}",
            f"{row['unverified_share']:.0%} / {row['disputed_share']:.0%}",
            ", ".join(f"{name} {count}" for name, count in list(row["by_type"].items())[:3]),
        )
    return table


def alert_table(rows: list[dict[str, Any]]) -> Table:
    """Alerts: which series, when, how far above its history, and why."""
    table = _Table(title=f"{len(rows)} alerts", expand=True)
    for column in ("period", "series"):
        table.add_column(column, overflow="fold")
    for column in ("observed", "expected", "score"):
        table.add_column(column, justify="right")
    table.add_column("incidents", justify="right")
    table.add_column("reason", overflow="fold")
    for row in rows:
        series = ", ".join(f"{key}={value}" for key, value in row["series"].items())
        table.add_row(
            row["period"],
            series
            + ("" if row["measure"] in ("conflict", "incidents") else f" ({row['measure']})"),
            f"{row['observed']:g}",
            "-" if row["expected"] is None else f"{row['expected']:.1f}",
            "-" if row["score"] is None else f"{row['score']:.1f}",
            str(len(row["incident_ids"])),
            row["reason"],
        )
    return table
