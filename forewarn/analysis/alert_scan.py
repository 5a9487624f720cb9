"""The escalation rule on every series at once: the alerts :func:`alerts.scan` finds, fast.

:func:`forewarn.analysis.alerts.scan` states the rule a period at a time; over five years of
daily series for every country that is millions of Python steps. :func:`scan_table` finds the
same alerts in two passes:

1. **every candidate at once** (a period with at least :data:`~alerts.MIN_INCIDENTS`
   incidents, watched, with enough watched history): the window's sum and sum of squares
   from cumulative sums over each series' cells, the watched periods of each window from a
   cumulative sum over the calendar, then mean, variance and the tail probability as arrays.
   This is the test against the whole window, which is the rule's test for every period
   whose window holds no earlier alert;
2. **one by one where the rule needs it**: each candidate that passes the first test at
   ``unusual_alpha`` (with a margin, :data:`SCREEN_MARGIN`) and every candidate within
   ``window`` periods after an unusual period of its series (whose baseline leaves it out)
   is tested by
   :func:`alerts.period_test`, the function :func:`alerts.scan` uses; its figures (expected,
   variance, p-value) are the stored ones, so both ways store the same numbers to the bit.

A candidate the first pass clears by the margin is neither unusual nor an alert: the arrays'
mean, variance and tail agree with the one-by-one figures to a few units in the last place.
"""

from __future__ import annotations

import numpy as np
from scipy.special import betainc, gammainc

from forewarn.analysis.alerts import (
    FLOOR_MEAN,
    MIN_INCIDENTS,
    AlertRule,
    Coverage,
    Finding,
    is_alert,
    is_unusual,
    period_test,
)
from forewarn.analysis.series_table import Floats, SeriesTable

__all__ = ["SCREEN_MARGIN", "scan_table", "tail_probabilities"]

# The first pass keeps a candidate whose p-value is below unusual_alpha times this: its figures
# differ from the one-by-one ones by rounding (about 1e-15), so any margin above that is safe.
SCREEN_MARGIN = 1.001
# As in alerts.tail_probability: a variance this close to the mean is Poisson's.
_POISSON_SLACK = 1 + 1e-9


def tail_probabilities(observed: Floats, mean: Floats, variance: Floats) -> Floats:
    """:func:`alerts.tail_probability` of arrays (observed > 0, variance >= mean)."""
    p = np.ones(len(observed))
    poisson = variance <= mean * _POISSON_SLACK
    p[poisson] = gammainc(observed[poisson], mean[poisson])
    spread = ~poisson
    size = mean[spread] ** 2 / (variance[spread] - mean[spread])
    p[spread] = betainc(observed[spread], size, 1 - mean[spread] / variance[spread])
    return p


def scan_table(table: SeriesTable, rule: AlertRule, coverage: Coverage) -> dict[int, list[Finding]]:
    """The alerting periods of every series of ``table`` (by series number, in time order)."""
    if not len(table.cell_period):
        return {}
    first = int(table.cell_period.min()) - rule.window
    last = int(table.cell_period.max())
    watched = coverage.mask(first, last)
    watched_before = np.concatenate(([0], np.cumsum(watched)))
    at = table.cell_period - first  # a cell's period, from the calendar's start
    history = watched_before[at] - watched_before[at - rule.window]
    candidates = np.flatnonzero(
        (table.cell_count >= MIN_INCIDENTS)
        & (table.cell_value > 0)
        & watched[at]
        & (history >= rule.min_baseline)
    )
    if not len(candidates):
        return {}
    # the window's sums: cumulative sums over all cells (series after series), differenced
    # between the candidate and the first cell of its series inside its window
    counted = np.where(watched[at], table.cell_value, 0.0)
    sums = np.concatenate(([0.0], np.cumsum(counted)))
    squares = np.concatenate(([0.0], np.cumsum(counted * counted)))
    span = last - first + 1
    cell_key = table.cell_series * span + at
    window_start = np.searchsorted(cell_key, cell_key[candidates] - rule.window)
    total = sums[candidates] - sums[window_start]
    total_squares = squares[candidates] - squares[window_start]
    size = history[candidates].astype(np.float64)
    mean = total / size
    with np.errstate(divide="ignore", invalid="ignore"):
        spread = (size * total_squares - total * total) / (size * (size - 1))
    variance = np.where(size > 1, spread, mean)
    expected = np.maximum(mean, FLOOR_MEAN)
    variance = np.maximum(variance, expected)
    observed = table.cell_value[candidates]
    p_value = tail_probabilities(observed, expected, variance)
    passes = (p_value < rule.unusual_alpha * SCREEN_MARGIN) & (observed > expected)
    return _one_by_one(table, rule, coverage, candidates, passes)


def _one_by_one(
    table: SeriesTable,
    rule: AlertRule,
    coverage: Coverage,
    candidates: np.ndarray,
    passes: np.ndarray,
) -> dict[int, list[Finding]]:
    """The sequential rule, for the series with a candidate that passed the first test."""
    found: dict[int, list[Finding]] = {}
    candidate_series = table.cell_series[candidates]
    for number in np.unique(candidate_series[passes]).tolist():
        low, high = np.searchsorted(candidate_series, [number, number + 1])
        cells = candidates[low:high]
        periods = table.cell_period[cells].tolist()
        passing = np.flatnonzero(passes[low:high]).tolist()
        start, end = int(table.series_start[number]), int(table.series_start[number + 1])
        cell_periods = table.cell_period[start:end].tolist()
        values = dict(zip(cell_periods, table.cell_value[start:end].tolist(), strict=True))
        unusual: set[int] = set()
        findings: list[Finding] = []
        last_unusual: int | None = None
        step, next_passing = 0, 0
        while step < len(periods):
            if last_unusual is None or last_unusual < periods[step] - rule.window:
                # no unusual period in this window, nor in any later one until the next: the
                # first pass's verdict holds, so go straight to the next candidate it passed
                while next_passing < len(passing) and passing[next_passing] < step:
                    next_passing += 1
                if next_passing == len(passing):
                    break
                step = passing[next_passing]
            period = periods[step]
            test = period_test(values, period, rule, coverage, unusual)
            if is_unusual(test, rule):
                unusual.add(period)
                last_unusual = period
                if is_alert(test, rule):
                    findings.append(Finding(period, test, table.incident_ids(int(cells[step]))))
            step += 1
        if findings:
            found[number] = findings
    return found
