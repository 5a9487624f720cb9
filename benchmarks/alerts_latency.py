"""`forewarn alerts` over five years of daily series for every country (target: < 2 s).

A SQLite store is filled directly with synthetic incidents (no extraction): for every country
of the gazetteer, five years of days, a daily Poisson count whose rate is drawn per country
(0.02 to 3 a day, log-uniform), a PLOVER type drawn with conflict types the commonest, and a
recipient that is the country itself or one of five neighbours (dyads); plus an article a day
(the store watched every day). Timed, as ``Database.alerts`` runs them (refresh in one
transaction, then the stored alerts read with their claims):

- ``cold``: the first call, every series scanned and its alerts and fingerprints stored;
- ``warm``: asked again with nothing changed (the store's fingerprint answers);
- ``incremental``: a day of new incidents in one country, then asked again (every series
  rebuilt in memory, only the changed ones scanned and written);
- the same three for week and month.

``BENCH_ALERT_COUNTRIES`` and ``BENCH_ALERT_YEARS`` shrink it for a quick look.
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import func, insert, select

from forewarn import ontology
from forewarn.data import load_tsv
from forewarn.database import Database
from forewarn.store import open_store
from forewarn.store.schema import articles, incidents

TARGET_SECONDS = 2.0
YEARS = int(os.environ.get("BENCH_ALERT_YEARS", "5"))
COUNTRIES = int(os.environ.get("BENCH_ALERT_COUNTRIES", "0")) or None
FIRST_DAY = date(2020, 1, 1)
SEED = 11
STAMP = "2026-01-01T00:00:00+00:00"
# Conflict types dominate the news of incidents, as they do in the dev streams.
TYPE_WEIGHTS = {"ASSAULT": 8, "PROTEST": 4, "ACCUSE": 3, "COERCE": 2, "THREATEN": 1}


def fill(url: str) -> int:
    rng = np.random.default_rng(SEED)
    pick = random.Random(SEED)
    countries = sorted({row[1] for row in load_tsv("places/countries.tsv")})[:COUNTRIES]
    days = [FIRST_DAY + timedelta(days=n) for n in range(365 * YEARS + YEARS // 4)]
    types = list(ontology.PLOVER_TYPES)
    weights = [TYPE_WEIGHTS.get(t, 0.3) for t in types]
    parties = {c: json.dumps([[c, "MIL", None, f"{c} forces"]]) for c in countries}
    rows = []
    for number, country in enumerate(countries):
        rate = float(np.exp(rng.uniform(np.log(0.02), np.log(3.0))))
        neighbours = [countries[(number + k) % len(countries)] for k in range(1, 6)]
        counts = rng.poisson(rate, len(days))
        for day, count in zip(days, counts, strict=True):
            for _ in range(int(count)):
                recipient = pick.choice([country, *neighbours])
                rows.append(
                    {
                        "event_type": pick.choices(types, weights)[0],
                        "date_start": day.isoformat(),
                        "date_end": day.isoformat(),
                        "country": country,
                        "dead": pick.choice([None, None, 0, 1, 3]),
                        "verification": "reported",
                        "actors": parties[country],
                        "recipients": parties[recipient],
                        "mentions": 1,
                        "stories": "[]",
                        "updated_at": STAMP,
                    }
                )
    with open_store(url) as store, store.transaction() as connection:
        connection.execute(
            insert(articles),
            [
                {
                    "article_key": f"day-{day}",
                    "text_hash": f"{n:064d}",
                    "published": day.isoformat(),
                    "language": "en",
                    "text": "A day of news.",
                    "extractor_version": "bench",
                    "ingested_at": STAMP,
                }
                for n, day in enumerate(days)
            ],
        )
        for start in range(0, len(rows), 20_000):
            connection.execute(insert(incidents), rows[start : start + 20_000])
    return len(rows)


def add_incidents(url: str, count: int) -> None:
    """``count`` new incidents in one country on the last day (a later update stamp)."""
    with open_store(url) as store, store.transaction() as connection:
        last = connection.execute(select(func.max(incidents.c.date_start))).scalar_one()
        new = dict(
            event_type="ASSAULT", date_start=last, date_end=last, country="UKR",
            verification="reported", actors="[]", recipients="[]", mentions=1, stories="[]",
            updated_at="2026-06-01T00:00:00+00:00",
        )  # fmt: skip
        connection.execute(insert(incidents), [new] * count)


def timed(call) -> tuple[float, object]:
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="forewarn-bench-alerts-") as folder:
        url = f"sqlite:///{Path(folder) / 'store.db'}"
        started = time.perf_counter()
        count = fill(url)
        print(f"store: {count:,} incidents, filled in {time.perf_counter() - started:.1f} s")
        results = {}
        with Database(url) as db:
            for by in ("day", "week", "month"):
                results[f"{by}, cold"], found = timed(lambda by=by: db.alerts(by=by))
                print(f"alerts ({by}): {len(found):,}")  # type: ignore[arg-type]
                results[f"{by}, warm"], _ = timed(lambda by=by: db.alerts(by=by))
                add_incidents(url, 40)
                results[f"{by}, incremental"], _ = timed(lambda by=by: db.alerts(by=by))
    slow = False
    for name, seconds in results.items():
        mark = "" if seconds < TARGET_SECONDS else f"  (over the {TARGET_SECONDS:g} s target)"
        slow |= bool(mark)
        print(f"{name:>18}: {seconds:6.2f} s{mark}")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
