"""`make bench`: the common queries on a store of 100,000+ events (target: < 200 ms each).

The store is real extraction, multiplied: the first 150 PolNeAR articles of
../shared/eval/attribution_articles.dev.jsonl are ingested, then their Documents are written
again as new articles (text marked, dates moved on a week per copy) until the store holds
``BENCH_EVENTS`` events (default 100,000). Each query is what the CLI runs — ids, then the
records loaded for display — timed as the median of 5 runs after one warm-up. SQLite always;
PostgreSQL too when ``BENCH_POSTGRES_URL`` names an empty database.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select

from forewarn.records import Document
from forewarn.store import Store, open_store
from forewarn.store.query import EventFilter, actor_counts, claim_ids, event_ids, store_stats
from forewarn.store.reader import iter_article_ids, load_claims, load_documents, load_events
from forewarn.store.schema import events
from forewarn.store.writer import write_documents

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "eval" / "attribution_articles.dev.jsonl"
SEED_ARTICLES = 150
TARGET_EVENTS = int(os.environ.get("BENCH_EVENTS", "100000"))
RUNS = 5

QUERIES = {
    "latest 50 ASSAULT events": lambda c: load_events(
        c, event_ids(c, EventFilter(event_types=("ASSAULT",)), 50).items
    ),
    "latest 50 events by a RUS actor": lambda c: load_events(
        c, event_ids(c, EventFilter(actor="RUS"), 50).items
    ),
    "latest 50 events of one month": lambda c: load_events(
        c, event_ids(c, EventFilter(since="2016-03", until="2016-03"), 50).items
    ),
    "stats of one month": lambda c: store_stats(c, EventFilter(since="2016-03", until="2016-03")),
    "latest 50 disputed events": lambda c: load_events(
        c, event_ids(c, EventFilter(verification=("disputed",)), 50).items
    ),
    "latest 50 events with 'missile'": lambda c: load_events(
        c, event_ids(c, EventFilter(text="missile"), 50).items
    ),
    "latest 50 claims by a USA speaker": lambda c: load_claims(
        c, claim_ids(c, EventFilter(actor="USA"), 50).items
    ),
    "top 50 actors": lambda c: actor_counts(c, limit=50),
    "stats of the whole store": lambda c: store_stats(c, EventFilter()),
}


def seed(store: Store) -> list[Document]:
    from forewarn.extractor import Extractor
    from forewarn.pipeline import LocalEngine, ingest
    from forewarn.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        batch = Path(tmp) / "seed.jsonl"
        with CORPUS.open(encoding="utf-8") as source, batch.open("w", encoding="utf-8") as out:
            for number, line in enumerate(source):
                if number == SEED_ARTICLES:
                    break
                row = json.loads(line)
                day = row["id"].split("_")[1] if row["id"].count("_") >= 2 else None
                out.write(json.dumps({"id": row["id"], "text": row["text"], "published": day}))
                out.write("\n")
        engine = LocalEngine(Extractor())
        ingest([batch], store, engine, max_input_bytes=Settings().max_input_bytes)
    with store.connect() as connection:
        return [
            document
            for ids in iter_article_ids(connection)
            for document in load_documents(connection, ids)
        ]


def multiply(store: Store, documents: list[Document]) -> int:
    """Write copies of ``documents`` until the store holds TARGET_EVENTS events."""
    copy = 0
    total = _event_count(store)
    while total < TARGET_EVENTS:
        copy += 1
        copies = [(_copy(document, copy), "benchmark copy") for document in documents]
        for start in range(0, len(copies), 200):
            with store.transaction() as connection:
                write_documents(connection, copies[start : start + 200], "benchmark")
        total = _event_count(store)
    return total


def _copy(document: Document, number: int) -> Document:
    article = document.article
    shifted = replace(
        article,
        id=f"{article.id}~{number}",
        text=f"{article.text}\n\n[copy {number}]",
        published=_shift(article.published, number),
    )
    moved = [replace(event, date=_shift(event.date, number)) for event in document.events]
    claims = [replace(claim, date=_shift(claim.date, number)) for claim in document.claims]
    return Document(article=shifted, events=moved, claims=claims)


def _shift(value: str | None, weeks: int) -> str | None:
    if value is None or len(value) != 10:
        return value
    return (date.fromisoformat(value) + timedelta(weeks=weeks)).isoformat()


def _event_count(store: Store) -> int:
    with store.connect() as connection:
        return connection.execute(select(func.count()).select_from(events)).scalar_one()


def time_queries(store: Store) -> dict[str, tuple[float, int]]:
    results = {}
    with store.connect() as connection:
        # The dyad asked about is the store's most frequent one, so that the query has rows.
        top = store_stats(connection, EventFilter(), top=1)["top_dyads"][0]
        pair = (top["actor_country"], top["recipient_country"])
        queries = {
            **QUERIES,
            f"latest 50 events of dyad {pair[0]} -> {pair[1]}": lambda c: load_events(
                c, event_ids(c, EventFilter(actor=pair[0], recipient=pair[1]), 50).items
            ),
        }
        for name, query in queries.items():
            rows = query(connection)
            timings = []
            for _ in range(RUNS):
                started = time.perf_counter()
                query(connection)
                timings.append((time.perf_counter() - started) * 1000)
            results[name] = (statistics.median(timings), len(rows))
    return results


def report(label: str, store: Store, total: int) -> None:
    results = time_queries(store)
    print(f"\n{label}: {total:,} events")
    print(f"{'query':40}{'rows':>8}{'median ms':>12}")
    for name, (milliseconds, rows) in results.items():
        flag = "" if milliseconds < 200 else "  (over 200 ms)"
        print(f"{name:40}{rows:>8}{milliseconds:>12.1f}{flag}")


def main() -> None:
    if not CORPUS.exists():
        sys.exit(f"{CORPUS}: not found (the benchmark corpus comes from ../shared/eval)")
    with (
        tempfile.TemporaryDirectory(prefix="forewarn-query-") as tmp,
        open_store(str(Path(tmp) / "bench.db")) as sqlite_store,
    ):
        documents = seed(sqlite_store)
        report("SQLite", sqlite_store, multiply(sqlite_store, documents))
        postgres_url = os.environ.get("BENCH_POSTGRES_URL")
        if postgres_url:
            with open_store(postgres_url) as postgres_store:
                for document in documents:
                    with postgres_store.transaction() as connection:
                        write_documents(connection, [(document, "seed")], "benchmark")
                report("PostgreSQL", postgres_store, multiply(postgres_store, documents))


if __name__ == "__main__":
    main()
