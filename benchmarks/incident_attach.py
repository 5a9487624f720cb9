"""`make bench`: incident resolution as the store grows (target: new events attached at
2,000/s or more with a million stored).

A SQLite store (and PostgreSQL when ``BENCH_POSTGRES_URL`` names an empty database) is filled
with synthetic reports — ``BENCH_INCIDENT_EVENTS`` events (default 200,000; 1,000,000 for the
issue's figure), about three reports of each happening, 16 types, 150 countries' actors and
400 towns, five years of news arriving in date order — attached batch by batch as an ingest
does (the same call, in the batch's transaction). The rate is measured on the first and on the
last tenth of the batches: blocking by type and dates keeps the cost of a new event from
growing with the store.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select

from forewarn.analysis.resolve import attach_events
from forewarn.ontology import PLOVER_TYPES
from forewarn.records import Actor, Article, Document, Event, Place, Span
from forewarn.store import open_store
from forewarn.store.schema import events, incidents
from forewarn.store.writer import write_documents

TOTAL = int(os.environ.get("BENCH_INCIDENT_EVENTS", "200000"))
BATCH_ARTICLES = 200  # an ingest batch's worth of articles, four events each
EVENTS_PER_ARTICLE = 4
START = date(2020, 1, 1)
DAYS = 5 * 365


def _country(number: int) -> str:
    """A three-letter code for synthetic country ``number`` (ISO-like: the store is strict)."""
    return f"{chr(65 + number // 26)}{chr(65 + number % 26)}X"


def synthetic_documents(count: int, seed: int, batches: int) -> list[Document]:
    """Batch ``seed`` of ``batches``: a stretch of days of news, in date order."""
    rng = random.Random(seed)
    days_per_batch = max(1, DAYS // batches)
    per_day = max(1, count // days_per_batch // 3)  # each happening reported about three times
    documents = []
    for number in range(count):
        offset = seed * days_per_batch + rng.randrange(days_per_batch)
        happening = offset * per_day + rng.randrange(per_day)
        local = random.Random(happening)
        day = START + timedelta(days=offset)
        town = local.randrange(400)
        actor = Actor("forces", "forces", _country(local.randrange(150)), "MIL")
        target = Actor("civilians", "civilians", _country(local.randrange(150)), "CVL")
        place = Place(
            f"Town {town}",
            f"Town {town}",
            actor.country,
            "01",
            round(local.uniform(-60, 60), 3),
            round(local.uniform(-150, 150), 3),
            100000 + town,
        )
        text = f"Report {seed}-{number} of happening {happening}."
        article = Article(
            f"a{seed}-{number}", None, day.isoformat(), text, source=f"outlet {rng.randrange(50)}"
        )
        event_list = [
            Event(
                id=f"{article.id}#e{n + 1}",
                event_type=PLOVER_TYPES[local.randrange(len(PLOVER_TYPES))],
                mode=None,
                context=[],
                actor=[actor],
                recipient=[target],
                date=day.isoformat(),
                date_precision="day",
                date_text=None,
                location=place,
                negated=False,
                modality="asserted",
                claim_id=None,
                verification="reported",
                trigger=Span("Report", 0, 6),
                evidence=Span(text, 0, len(text)),
                confidence=0.9,
            )
            for n in range(EVENTS_PER_ARTICLE)
        ]
        documents.append(Document(article=article, events=event_list))
    return documents


def run(url: str) -> None:
    with open_store(url) as store:
        batches = TOTAL // (BATCH_ARTICLES * EVENTS_PER_ARTICLE)
        rates = []
        for batch in range(batches):
            documents = synthetic_documents(BATCH_ARTICLES, batch, batches)
            with store.transaction() as connection:
                written = write_documents(connection, [(d, None) for d in documents], "bench")
                ids = list(
                    connection.execute(
                        select(events.c.id).where(
                            events.c.article_id.in_([w.article_id for w in written])
                        )
                    ).scalars()
                )
                started = time.perf_counter()
                attach_events(connection, ids)
                rates.append(len(ids) / (time.perf_counter() - started))
            if batch % 25 == 0 or batch == batches - 1:
                print(
                    f"  {(batch + 1) * BATCH_ARTICLES * EVENTS_PER_ARTICLE:>9,} events stored, "
                    f"attached at {rates[-1]:,.0f}/s",
                    file=sys.stderr,
                )
        with store.connect() as connection:
            count = connection.execute(select(func.count()).select_from(incidents)).scalar_one()
        first, last = rates[: max(1, len(rates) // 10)], rates[-max(1, len(rates) // 10) :]
        print(
            f"{store.dialect}: {TOTAL:,} events in {count:,} incidents; attach rate "
            f"{sum(first) / len(first):,.0f}/s on the first tenth, "
            f"{sum(last) / len(last):,.0f}/s on the last tenth"
        )


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        run(f"sqlite:///{Path(folder) / 'incidents.db'}")
    if os.environ.get("BENCH_POSTGRES_URL"):
        run(os.environ["BENCH_POSTGRES_URL"])


if __name__ == "__main__":
    main()
