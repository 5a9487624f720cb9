"""`make bench`: what the linguistic data costs to load and to use, in a fresh process.

The place gazetteer and the event lexicon are loaded once per process and cached: the first
load is timed, and the second call must return the very same object. ``resolve_date`` is timed
per uncached call on typical date expressions. The targets are an order of magnitude above what
these take alone; they catch a regression, not a busy machine (so they are no test
assertions: a unit test must not fail because the machine is shared).
"""

from __future__ import annotations

import time
from datetime import date, timedelta

from forewarn.extraction.dates import resolve_date
from forewarn.extraction.lexicon import EventLexicon
from forewarn.gazetteer.places import PlaceGazetteer

LOAD_TARGET_SECONDS = 2.0
DATE_CALL_TARGET_SECONDS = 500e-6
DATE_TEXTS = [
    "on Tuesday",
    "last month",
    "October 14",
    "March 3, 2024",
    "three days ago",
    "in recent days",
    "decades",
]
PUBLICATION_DAYS = 500


def timed_load(load) -> float:
    """Seconds the first ``load()`` takes; a second call must hit the cache."""
    started = time.perf_counter()
    first = load()
    elapsed = time.perf_counter() - started
    assert load() is first, f"{load.__qualname__} does not cache what it loaded"
    return elapsed


def date_seconds_per_call() -> float:
    resolve_date.cache_clear()
    started = time.perf_counter()
    for offset in range(PUBLICATION_DAYS):
        published = date(2020, 1, 1) + timedelta(days=offset)
        for text in DATE_TEXTS:
            resolve_date(text, published)
    return (time.perf_counter() - started) / (PUBLICATION_DAYS * len(DATE_TEXTS))


def main() -> None:
    loads = {
        "PlaceGazetteer.load()": timed_load(PlaceGazetteer.load),
        "EventLexicon.load()": timed_load(EventLexicon.load),
    }
    print(f"{'first load (then cached)':32}{'seconds':>10}{'target':>10}")
    for name, seconds in loads.items():
        flag = "" if seconds < LOAD_TARGET_SECONDS else "  SLOW"
        print(f"{name:32}{seconds:>10.2f}{f'< {LOAD_TARGET_SECONDS:g}':>10}{flag}")
    per_call = date_seconds_per_call()
    flag = "" if per_call < DATE_CALL_TARGET_SECONDS else "  SLOW"
    print(
        f"resolve_date, uncached: {per_call * 1e6:.1f} µs per call "
        f"(target < {DATE_CALL_TARGET_SECONDS * 1e6:.0f} µs){flag}"
    )


if __name__ == "__main__":
    main()
