"""The vectorised rule (``scan_table``: every series at once) finds exactly the alerts of the
rule stated a period at a time (``scan``), figures included, on series built to exercise its
sequential part: an alert followed by a sustained escalation, gaps the store did not watch,
a death toll, dyads; and on random over-dispersed series."""

from __future__ import annotations

import json
from datetime import date, timedelta

import numpy as np
import pytest

from forewarn.analysis.alert_scan import scan_table
from forewarn.analysis.alerts import RULES, Coverage, SeriesKey, scan
from forewarn.analysis.series_table import series_table

FIRST = date(2020, 1, 1)


def parties(country: str) -> str:
    return json.dumps([[country, "MIL", None, f"{country} forces"]])


def rows_of(counts: dict[str, list[int]], days_per_step: int, dead: int | None = 2) -> list:
    """Incident rows: ``counts[country][k]`` ASSAULTs ``k * days_per_step`` days after FIRST,
    by the country against its neighbour in the alphabet."""
    rows = []
    names = sorted(counts)
    for number, country in enumerate(names):
        target = names[(number + 1) % len(names)]
        for step, count in enumerate(counts[country]):
            day = (FIRST + timedelta(days=step * days_per_step)).isoformat()
            both = (parties(country), parties(target))
            for _ in range(count):
                rows.append((len(rows) + 1, day, country, "ASSAULT", dead, *both))
    return rows


def assert_same_alerts(rows: list, by: str, coverage: Coverage) -> int:
    table = series_table(rows, by)  # type: ignore[arg-type]
    rule = RULES[by]
    fast = scan_table(table, rule, coverage)
    alerts = 0
    for number, key in enumerate(table.keys):
        reference = scan(table.series(number), rule, coverage)
        assert fast.get(number, []) == reference, key
        alerts += len(reference)
    return alerts


def every_day(days: int) -> list[date]:
    return [FIRST + timedelta(days=n) for n in range(days)]


def test_an_alert_then_a_sustained_escalation_and_unwatched_gaps():
    escalation = [5, 6, 4, 5, 6, 5] + [30] * 12 + [6, 5, 40]
    gappy = [0] * 5 + [20, 22, 19, 4, 5, 3, 25, 4, 30, 31]
    counts = {"UKR": escalation, "POL": gappy, "BLR": [8, 9, 7, 8, 10, 8, 9, 7, 8, 9, 8, 30]}
    rows = rows_of(counts, days_per_step=31)
    # watched from the start, except May to September 2020 of a silence
    watched = [d for d in every_day(31 * 22) if not date(2020, 5, 1) <= d <= date(2020, 9, 30)]
    coverage = Coverage(watched, "month")
    table = series_table(rows, "month")
    assert SeriesKey("UKR", measure="dead") in table.keys
    assert SeriesKey(actor="UKR", recipient="BLR") in table.keys
    alerts = assert_same_alerts(rows, "month", coverage)
    assert alerts >= 6  # the escalation alerts in several months, and more than one series


@pytest.mark.parametrize("by", ["day", "week", "month"])
def test_random_overdispersed_series(by):
    rng = np.random.default_rng(7)
    counts = {}
    for country in ("UKR", "RUS", "SYR", "MLI"):
        rate = rng.gamma(2.0, 1.5, 400) * (1 + 8 * (rng.random(400) < 0.05))
        counts[country] = [int(n) for n in rng.poisson(rate)]
    rows = rows_of(counts, days_per_step=1, dead=None)
    watched = [d for d in every_day(400) if not date(2020, 6, 1) <= d <= date(2020, 9, 15)]
    assert assert_same_alerts(rows, by, Coverage(watched, by)) > 0
