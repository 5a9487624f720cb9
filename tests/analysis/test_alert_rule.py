"""The escalation rule on plain series: a jump after a stable history alerts; a stable, a
slowly rising or a just-starting series does not; the tail is the negative binomial's."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from scipy import stats

from forewarn.analysis.alerts import (
    MIN_INCIDENTS,
    RULES,
    Coverage,
    Series,
    SeriesKey,
    scan,
    tail_probability,
    tail_test,
)
from forewarn.analysis.periods import label_of, period_bounds, period_index

MONTH = RULES["month"]


def monthly(counts: list[int], first: date = date(2020, 1, 1)) -> tuple[Series, Coverage]:
    """A monthly series with these counts from ``first``, every month watched."""
    series = Series(SeriesKey("UKR"))
    start = period_index(first, "month")
    next_id = 1
    for offset, count in enumerate(counts):
        for _ in range(count):
            series.add(start + offset, next_id, 1)
            next_id += 1
    watched = [period_bounds(start + offset, "month")[0] for offset in range(len(counts))]
    return series, Coverage(watched, "month")


def alerting_months(counts: list[int]) -> list[str]:
    series, coverage = monthly(counts)
    return [label_of(finding.period, "month") for finding in scan(series, MONTH, coverage)]


def test_a_jump_after_a_stable_history_alerts():
    assert alerting_months([5, 6, 4, 5, 7, 5, 6, 5, 4, 6, 5, 5, 25]) == ["2021-01"]


def test_an_escalation_keeps_alerting_while_it_lasts_then_becomes_the_norm():
    months = alerting_months([5, 6, 4, 5, 6, 5] + [30] * 12)
    # measured against the quiet months while enough of them remain in the window ...
    assert months[0] == "2020-07"
    assert len(months) >= 6
    # ... and a war that has lasted most of the window is no longer news
    assert "2021-06" not in months


def test_a_month_that_rose_almost_as_far_is_no_norm_for_the_next():
    # 9 against 4, 5, 3, 4 is unusual (p = 0.02) but no alert; the 10 after it is measured
    # against the quiet months alone (p = 0.008), not against a baseline that took the 9 in
    # (p = 0.04)
    assert alerting_months([4, 5, 3, 4, 9, 10]) == ["2020-06"]


@pytest.mark.parametrize(
    "counts",
    [
        [8, 9, 7, 8, 10, 8, 9, 7, 8, 9, 8, 10, 9, 8],  # stable
        [4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12],  # slowly rising
    ],
    ids=["stable", "slowly-rising"],
)
def test_a_stable_or_slowly_rising_series_does_not_alert(counts):
    assert alerting_months(counts) == []


def test_a_first_event_after_silence_does_not_alert_alone():
    assert alerting_months([0] * 12 + [1]) == []
    assert alerting_months([0] * 12 + [MIN_INCIDENTS - 1]) == []
    assert alerting_months([0] * 12 + [6]) == ["2021-01"]  # a burst does


def test_unwatched_months_are_not_a_quiet_history():
    """A store that starts in June 2020 has no history before it: its first busy months are
    where the record starts, not an escalation."""
    series, _ = monthly([0] * 5 + [20, 22, 19])
    watched = Coverage([date(2020, 6, 1) + timedelta(days=d) for d in range(0, 92, 7)], "month")
    assert scan(series, MONTH, watched) == []


def test_the_tail_is_the_negative_binomial_or_poisson_one():
    mean, variance = 4.0, 10.0
    size, success = mean**2 / (variance - mean), mean / variance
    assert tail_probability(12, mean, variance) == pytest.approx(
        stats.nbinom.sf(11, size, success), rel=1e-9
    )
    assert tail_probability(9, 3.0, 3.0) == pytest.approx(stats.poisson.sf(8, 3.0), rel=1e-9)
    assert tail_probability(0, 3.0, 3.0) == 1.0


def test_an_empty_baseline_expects_the_floor_not_nothing():
    test = tail_test(3, [0, 0, 0, 0])
    assert test.expected == 0.5
    assert 0 < test.p_value < 1
