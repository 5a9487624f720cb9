"""Score escalation alerts on real news streams replayed into a fresh store (docs/accuracy.md).

**Ukraine, 2014-2017** (the gold file, ``ucdp_ukraine_stream.dev.jsonl``: headlines UCDP's
coders cited, each with ``published`` and ``source``; rows under four words, which hold only
a place name, are skipped). Replayed through the real pipeline (``Database.ingest``), then
the monthly alerts of the country series UKR are compared with what happened: the Donbas
war's outbreak (April-August 2014) and the Debaltseve battle (January 2015) must alert
(``hits`` of :data:`UKRAINE_MUST`, the rest ``misses``); the quiet months of 2016-2017 should
not (``false_alarms``). Monthly incidents and dead in Ukraine are correlated (Spearman) with
UCDP's own events and deaths per month (``ucdp_ukraine_monthly.dev.json`` beside the gold
file; a month UCDP does not list had none).

**Russia, July 2021 - December 2022** (``acled_notes.dev.jsonl`` beside it: the notes with
``iso3`` RUS or ``country`` Russia, published on their ``event_date``). Does the PROTEST series
of RUS alert in late February-March 2022 (the protests against the invasion) and in September
2022 (against the mobilisation)? Scored weekly and monthly.

Each stream is scored whole and in two folds split by a stable hash of the row id (the first
byte of its SHA-1, even or odd), each fold replayed into its own store.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from forewarn.errors import ConfigError
from forewarn.evaluation.folds import split_folds
from forewarn.evaluation.gold import read_gold

__all__ = ["score_alerts"]

MONTHLY_GOLD = "ucdp_ukraine_monthly.dev.json"
ACLED_GOLD = "acled_notes.dev.jsonl"
UKRAINE_MUST = ("2014-04", "2014-05", "2014-06", "2014-07", "2014-08", "2015-01")
UKRAINE_QUIET = tuple(f"{year}-{month:02d}" for year in (2016, 2017) for month in range(1, 13))
# The weeks and months whose alert counts as a hit: late February-March 2022, September 2022.
RUSSIA_WINDOWS = {
    "invasion": (date(2022, 2, 20), date(2022, 3, 31)),
    "mobilisation": (date(2022, 9, 1), date(2022, 9, 30)),
}
MIN_WORDS = 4
_ACLED_DATE_FORMATS = ("%d-%b-%y", "%d %B %Y", "%Y-%m-%d")


def score_alerts(gold_path: Path, limit: int | None = None) -> dict[str, Any]:
    """Replay both streams (the first ``limit`` rows of each) and score their alerts."""
    gold_path = Path(gold_path)
    metrics: dict[str, Any] = {}
    ukraine = [
        {key: row.get(key) for key in ("id", "text", "published", "source")}
        for row in read_gold(gold_path, limit, required=("id", "text"))
        if _words(row) >= MIN_WORDS
    ]
    monthly = _read_monthly(gold_path.parent / MONTHLY_GOLD)
    for name, rows in _folds("ukraine", ukraine):
        metrics[name] = _replay(rows, lambda db: _score_ukraine(db, monthly))
    acled = gold_path.parent / ACLED_GOLD
    if acled.exists():
        notes = [
            _acled_article(row)
            for row in read_gold(acled, required=("id", "text"))
            if _is_russian(row)
        ]
        russia = [row for row in notes if row is not None][:limit]
        for name, rows in _folds("russia", russia):
            metrics[name] = _replay(rows, _score_russia)
    return metrics


def _folds(name: str, rows: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    fold0, fold1 = split_folds(rows)
    return [(name, rows), (f"{name}_fold0", fold0), (f"{name}_fold1", fold1)]


def _replay(rows: list[dict[str, Any]], score: Callable[[Any], dict[str, Any]]) -> dict[str, Any]:
    from forewarn.database import Database

    with tempfile.TemporaryDirectory(prefix="forewarn-eval-alerts-") as folder:
        stream = Path(folder) / "stream.jsonl"
        with stream.open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        with Database(Path(folder) / "store.db") as db:
            db.ingest([stream], input_format="jsonl")
            return {"rows": len(rows), **score(db)}


def _score_ukraine(db: Any, monthly: dict[str, dict[str, int]]) -> dict[str, Any]:
    from scipy.stats import spearmanr

    from forewarn.store.query import EventFilter

    alerting = sorted(
        {
            alert["period"]
            for alert in db.alerts(EventFilter(country="UKR"), by="month")
            if alert["series"] == {"country": "UKR"} and alert["measure"] == "conflict"
        }
    )
    rows = db.indicators(EventFilter(country="UKR", since="2014-01", until="2017-12"), by="month")
    ours = {row["period"]: row for row in rows}
    months = sorted(ours)
    correlation = {}
    for ours_field, gold_field in (("incidents", "events"), ("dead", "deaths")):
        mine = [ours[m][ours_field] for m in months]
        gold = [monthly.get(m, {}).get(gold_field, 0) for m in months]
        rho = spearmanr(mine, gold).statistic if len(set(mine)) > 1 else float("nan")
        correlation[ours_field] = None if rho != rho else round(float(rho), 3)
    hits = [m for m in UKRAINE_MUST if m in alerting]
    false_alarms = [m for m in UKRAINE_QUIET if m in alerting]
    return {
        "hits": f"{len(hits)}/{len(UKRAINE_MUST)}",
        "misses": " ".join(m for m in UKRAINE_MUST if m not in alerting) or "-",
        "false_alarms": f"{len(false_alarms)}/{len(UKRAINE_QUIET)}",
        "false_alarm_months": " ".join(false_alarms) or "-",
        "alerting_months": " ".join(alerting) or "-",
        "spearman_incidents_vs_ucdp_events": correlation["incidents"],
        "spearman_dead_vs_ucdp_deaths": correlation["dead"],
    }


def _score_russia(db: Any) -> dict[str, Any]:
    from forewarn.store.query import EventFilter

    result: dict[str, Any] = {}
    where = EventFilter(country="RUS", event_types=("PROTEST",))
    for by in ("week", "month"):
        found = [
            alert
            for alert in db.alerts(where, by=by)
            if alert["series"] == {"country": "RUS", "event_type": "PROTEST"}
        ]
        inside: set[str] = set()
        for window, (first, last) in RUSSIA_WINDOWS.items():
            hit = [
                a for a in found if a["period_start"] <= last.isoformat()
                and a["period_end"] >= first.isoformat()
            ]  # fmt: skip
            inside.update(a["period"] for a in hit)
            result[f"{by}_{window}"] = "alert " + " ".join(a["period"] for a in hit) if hit else "-"
        others = sorted({a["period"] for a in found} - inside)
        result[f"{by}_other_alerts"] = f"{len(others)}: {' '.join(others)}" if others else "0"
    return result


def _is_russian(row: dict[str, Any]) -> bool:
    return str(row.get("iso3")) in {"RUS", "643"} or row.get("country") == "Russia"


def _acled_article(row: dict[str, Any]) -> dict[str, Any] | None:
    """A note as an article published on its event date (None when the date is unreadable)."""
    text = str(row.get("event_date") or "").strip()
    for form in _ACLED_DATE_FORMATS:
        try:
            published = datetime.strptime(text, form).date()
        except ValueError:
            continue
        return {
            "id": row["id"],
            "text": row["text"],
            "published": published.isoformat(),
            "source": row.get("source"),
        }
    return None


def _words(row: dict[str, Any]) -> int:
    return len(str(row.get("text") or "").split())


def _read_monthly(path: Path) -> dict[str, dict[str, int]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as problem:
        raise ConfigError(f"{path}: cannot read UCDP's monthly counts ({problem})") from None
    return data
