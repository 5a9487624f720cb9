"""Listed records as every shell writes them: JSON rows, flat CSV rows, and the text lines
of a CSV or JSON Lines listing.

``forewarn events --format json`` and ``GET /api/events`` print the same rows, made here;
the CLI writes the lines to standard output, the web API streams them as a download. CSV
cells a spreadsheet would run as formulas are neutralised unless ``raw`` (see
:func:`forewarn.safe_output.spreadsheet_cell`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from forewarn.records import Article, Claim, Event, to_dict
from forewarn.safe_output import spreadsheet_cell

__all__ = [
    "INCIDENT_CSV_COLUMNS",
    "csv_lines",
    "incident_csv_row",
    "indicator_csv",
    "jsonl_lines",
    "record_csv",
    "record_json",
    "thread_csv",
    "thread_json",
]

# The flat columns of an incidents CSV (lists joined by ";").
INCIDENT_CSV_COLUMNS = (
    "id",
    "event_type",
    "mode",
    "date_start",
    "date_end",
    "country",
    "place",
    "actor",
    "recipient",
    "dead",
    "injured",
    "size",
    "verification",
    "mentions",
    "outlets",
    "claimants",
)
# The flat columns of an indicators CSV (counts by quad class and type follow).
_INDICATOR_CSV_COLUMNS = [
    "period", "period_start", "period_end", "incidents", "conflict", "mentions", "dead",
    "injured", "conflict_cooperation", "unverified_share", "disputed_share",
]  # fmt: skip


def record_json(article: Article, record: Event | Claim) -> dict[str, Any]:
    """An event's or a claim's JSON with a reference to its article (the text left out)."""
    return {
        "article": {
            "id": article.id,
            "title": article.title,
            "published": article.published,
            "url": article.url,
            "source": article.source,
        },
        **to_dict(record),
    }


def thread_json(thread: Iterable[tuple[str, Article, Claim]]) -> list[dict[str, Any]]:
    """A claim's thread (:meth:`forewarn.Database.claim_thread`): each claim's JSON with its
    ``relation`` to the claim asked about."""
    return [{"relation": relation, **record_json(a, c)} for relation, a, c in thread]


def thread_csv(
    thread: Iterable[tuple[str, Article, Claim]],
) -> tuple[list[str], list[dict[str, Any]]]:
    """A claim's thread as CSV columns and flat rows: ``relation``, then the claim's."""
    thread = list(thread)
    columns, rows = record_csv("claim", [(article, claim) for _, article, claim in thread])
    relations = [relation for relation, _, _ in thread]
    return ["relation", *columns], [
        {"relation": relation, **row} for relation, row in zip(relations, rows, strict=True)
    ]


def record_csv(kind: str, pairs: Iterable[tuple[Article, Any]]) -> tuple[Sequence[str], list]:
    """The CSV columns and flat rows of listed events or claims (``kind``: event, claim).

    The export module (and pyarrow behind it) is imported here, for CSV only.
    """
    from forewarn import export

    row = getattr(export, f"{kind}_row")
    columns = getattr(export, f"{kind.upper()}_COLUMNS")
    return columns, [row(article, record) for article, record in pairs]


def incident_csv_row(incident: dict[str, Any]) -> dict[str, Any]:
    """An incident as one flat CSV row (:data:`INCIDENT_CSV_COLUMNS`)."""
    place = incident["location"] or {}
    return {
        **incident,  # the scalar fields as they are; the lists flattened below
        "country": place.get("country"),
        "place": place.get("name"),
        "actor": ";".join(a["name"] for a in incident["actor"]),
        "recipient": ";".join(r["name"] for r in incident["recipient"]),
        "mentions": len(incident["mentions"]),
        "outlets": ";".join(incident["outlets"]),
        "claimants": ";".join(incident["claimants"]),
    }


def indicator_csv(rows: list[dict[str, Any]]) -> tuple[list[str], list[dict[str, Any]]]:
    """The CSV columns and flat rows of an indicator series (counts by quad and type)."""
    from forewarn import ontology
    from forewarn.render import series_label

    extra = list(ontology.QUAD_CLASSES) + list(ontology.PLOVER_TYPES)
    named = ["series"] if rows and "series" in rows[0] else []
    flat = [
        {**{k: row[k] for k in _INDICATOR_CSV_COLUMNS}, **row["by_quad"], **row["by_type"]}
        for row in rows
    ]
    for row, original in zip(flat, rows, strict=True):
        if named:
            row["series"] = series_label(original["series"])
    columns = named + _INDICATOR_CSV_COLUMNS + extra
    return columns, [{key: row.get(key, 0) for key in columns} for row in flat]


def jsonl_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """One JSON object per line (UTF-8 text kept as is)."""
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"


def csv_lines(
    columns: Sequence[str],
    rows: Iterable[dict[str, Any]],
    *,
    raw: bool = False,
    header: bool = True,
) -> Iterator[str]:
    """The header line (unless not ``header``: a later page of one listing), then a line
    per row; cells starting like a formula get a leading apostrophe unless ``raw``."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")

    def taken() -> str:
        line = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return line

    if header:
        writer.writeheader()
        yield taken()
    for row in rows:
        writer.writerow(row if raw else {k: spreadsheet_cell(v) for k, v in row.items()})
        yield taken()
