"""Escalation alerts: a period whose count is improbably high against its series' own history.

**The series** (kept few, so that a period does not raise dozens of alerts at once):

- per country (where it happened, as :mod:`forewarn.analysis.indicators` defines it): its
  conflict incidents (PLOVER's verbal and material conflict quad classes), measure
  ``conflict``; and their dead, measure ``dead`` (silent until reports carry death tolls);
- per dyad, actor country -> recipient country (two different countries, both named by the
  incident's parties): its conflict incidents, measure ``conflict``;
- per country and PLOVER type: its incidents of that type, measure ``incidents``.

**The rule** (a negative-binomial upper-tail test against a trailing baseline, the way
public-health surveillance flags outbreaks in weekly counts; Farrington et al. 1996,
Noufaily et al. 2013). For each period *t* of a series, with ``window`` and ``min_baseline``
from :data:`RULES` (day: 28 and 7, week: 12 and 4, month: 12 and 3):

1. the window is the ``window`` periods before *t* that the store watched: periods with an
   article published in them or in a silence of at most :data:`WATCH_GAP_DAYS` between two
   articles (:class:`Coverage`). A period before the first article, or in a longer silence,
   was not watched: its zero means "unknown", not "quiet". With fewer than
   ``min_baseline`` watched periods in the window, *t* is not tested;
2. the baseline is the window's periods that were not unusual themselves (p below
   ``unusual_alpha``, 0.03, in their own test, whether or not they alerted): a past
   escalation is not the norm a new one is measured against, nor is a month that rose almost
   as far (Farrington's down-weighting of past outbreaks, as an exclusion; every period left
   out lowers the baseline of a quiet series a little, so the level is a trade between
   hiding a sustained escalation and alerting on noise: docs/monitoring.md). When fewer than
   ``min_baseline`` quiet periods remain, the whole window is the baseline: an escalation
   that has lasted most of the window has become the series' norm;
3. expected = the baseline mean, at least :data:`FLOOR_MEAN`; its variance = the baseline's
   sample variance, at least the mean (counts of political events are over-dispersed: never
   less spread than Poisson);
4. the p-value is P(X >= observed) for X negative binomial with that mean and variance
   (Poisson when the variance equals the mean); the period alerts when p < ``alpha`` (0.01)
   and it holds at least :data:`MIN_INCIDENTS` incidents. ``score`` = -log10(p).

So a jump after a stable history alerts; a stable or slowly rising series does not (its
baseline rises with it and its spread absorbs the trend); a first incident after silence does
not (one incident is below :data:`MIN_INCIDENTS`, and the mean floor keeps an empty baseline
from expecting exactly nothing).
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple, TypeGuard

import numpy as np
from numpy.typing import NDArray
from scipy.special import betainc, gammainc

from forewarn.analysis.periods import Granularity, label_of, period_index

__all__ = [
    "FLOOR_MEAN",
    "MIN_INCIDENTS",
    "RULES",
    "RULE_VERSION",
    "WATCH_GAP_DAYS",
    "AlertRule",
    "Coverage",
    "Finding",
    "Series",
    "SeriesKey",
    "TailTest",
    "is_alert",
    "is_unusual",
    "period_test",
    "scan",
    "tail_probability",
    "tail_test",
]

# Fewer incidents than this in a period never alert: one or two reports are no trend.
MIN_INCIDENTS = 3
# A baseline of zeros expects half an incident, not none (else any incident is "infinitely"
# unlikely).
FLOOR_MEAN = 0.5
# A silence longer than this between two articles' publication dates means the store was not
# watching (a live feed publishes every day; a replayed archive may skip a quiet month).
WATCH_GAP_DAYS = 90
# Changes with the rule or its parameters: stored alerts of another version are recomputed.
RULE_VERSION = "nb-trailing-2"


@dataclass(frozen=True, slots=True)
class AlertRule:
    window: int  # periods of history the baseline is drawn from
    min_baseline: int  # fewer periods of history (or quiet ones): see the module docstring
    alpha: float = 0.01
    unusual_alpha: float = 0.03  # below it, a period is left out of later baselines


RULES: dict[str, AlertRule] = {
    "day": AlertRule(window=28, min_baseline=7),
    "week": AlertRule(window=12, min_baseline=4),
    "month": AlertRule(window=12, min_baseline=3),
}


class SeriesKey(NamedTuple):
    """Which incidents a series counts, and how (``measure``)."""

    country: str | None = None
    actor: str | None = None
    recipient: str | None = None
    event_type: str | None = None
    measure: str = "conflict"

    @property
    def key(self) -> str:
        """A stable text key: ``country=UKR;event_type=ASSAULT;measure=incidents``."""
        parts = [f"{name}={value}" for name, value in zip(self._fields, self, strict=True) if value]
        return ";".join(parts)

    @property
    def standard(self) -> bool:
        """One of the series every refresh computes (the others are a watch list's)."""
        return not self.actor or (self.actor != self.recipient and not self.event_type)

    def describe(self) -> str:
        what = {"conflict": "conflict incidents", "dead": "dead", "incidents": "incidents"}
        subject = what.get(self.measure, self.measure)
        if self.event_type:
            subject = f"{self.event_type} {subject}"
        if self.actor:
            return f"{subject} by {self.actor} against {self.recipient}"
        return f"{subject} in {self.country}"


@dataclass(slots=True)
class Series:
    key: SeriesKey
    values: dict[int, float] = field(default_factory=lambda: defaultdict(float))
    incidents: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))

    def add(self, period: int, incident_id: int, value: float) -> None:
        self.values[period] += value
        self.incidents[period].append(incident_id)


class TailTest(NamedTuple):
    observed: float
    expected: float
    variance: float
    p_value: float
    baseline_periods: int

    @property
    def score(self) -> float:
        return -math.log10(max(self.p_value, 1e-300))


class Coverage:
    """The periods the store watched, as sorted, disjoint ranges of period indices."""

    def __init__(self, published: Iterable[date], by: Granularity) -> None:
        ranges: list[list[int]] = []
        last_day: date | None = None
        gap = timedelta(days=WATCH_GAP_DAYS)
        for day in sorted(set(published)):
            index = period_index(day, by)
            if last_day is not None and day - last_day <= gap:
                ranges[-1][1] = index
            else:
                ranges.append([index, index])
            last_day = day
        self.ranges = [(first, last) for first, last in ranges]
        self._starts = [first for first, _ in self.ranges]

    def __contains__(self, period: int) -> bool:
        at = bisect.bisect_right(self._starts, period) - 1
        return at >= 0 and period <= self.ranges[at][1]

    def between(self, first: int, last: int) -> list[int]:
        """The watched periods from ``first`` to ``last``, in order."""
        return [p for start, end in self.clipped(first, last) for p in range(start, end + 1)]

    def mask(self, first: int, last: int) -> NDArray[np.bool_]:
        """Watched or not, for each period from ``first`` to ``last``."""
        watched = np.zeros(last - first + 1, dtype=bool)
        for start, end in self.clipped(first, last):
            watched[start - first : end - first + 1] = True
        return watched

    def clipped(self, first: int, last: int) -> tuple[tuple[int, int], ...]:
        """The watched ranges between ``first`` and ``last`` (what a series' alerts depend on)."""
        at = max(bisect.bisect_right(self._starts, first) - 1, 0)
        return tuple(
            (max(start, first), min(end, last))
            for start, end in self.ranges[at : bisect.bisect_right(self._starts, last)]
            if end >= first
        )


class Finding(NamedTuple):
    """An alerting period of a series."""

    period: int
    test: TailTest
    incident_ids: list[int]


def tail_probability(observed: float, mean: float, variance: float) -> float:
    """P(X >= observed), X negative binomial with this mean and variance (Poisson when the
    variance is the mean)."""
    if observed <= 0:
        return 1.0
    if variance <= mean * (1 + 1e-9):
        return float(gammainc(observed, mean))  # regularised lower gamma: Poisson's upper tail
    size = mean * mean / (variance - mean)
    success = mean / variance
    return float(betainc(observed, size, 1 - success))


def tail_test(observed: float, baseline: list[float]) -> TailTest:
    """The upper-tail test of ``observed`` against ``baseline`` (at least one period)."""
    mean = sum(baseline) / len(baseline)
    if len(baseline) > 1:
        variance = sum((value - mean) ** 2 for value in baseline) / (len(baseline) - 1)
    else:
        variance = mean
    expected = max(mean, FLOOR_MEAN)
    variance = max(variance, expected)
    return TailTest(
        observed, expected, variance, tail_probability(observed, expected, variance), len(baseline)
    )


def period_test(
    values: Mapping[int, float],
    period: int,
    rule: AlertRule,
    coverage: Coverage,
    unusual: Container[int],
) -> TailTest | None:
    """The test of ``period`` of a series (its ``values`` by period; ``unusual``, its earlier
    periods that were unusual): None when the store watched too few periods before it."""
    history = coverage.between(period - rule.window, period - 1)
    if len(history) < rule.min_baseline:
        return None
    quiet = [values.get(p, 0.0) for p in history if p not in unusual]
    if len(quiet) < rule.min_baseline:
        quiet = [values.get(p, 0.0) for p in history]
    return tail_test(values.get(period, 0.0), quiet)


def is_alert(test: TailTest | None, rule: AlertRule) -> TypeGuard[TailTest]:
    return is_unusual(test, rule) and test.p_value < rule.alpha


def is_unusual(test: TailTest | None, rule: AlertRule) -> TypeGuard[TailTest]:
    """High enough to leave out of later baselines (every alert is)."""
    return test is not None and test.p_value < rule.unusual_alpha and test.observed > test.expected


def scan(series: Series, rule: AlertRule, coverage: Coverage) -> list[Finding]:
    """The alerting periods of ``series``, in time order: the rule as the module docstring
    states it, a period at a time (:func:`forewarn.analysis.alert_scan.scan_table` finds the
    same alerts for every series at once)."""
    unusual: set[int] = set()
    findings: list[Finding] = []
    for period in sorted(series.incidents):
        ids = series.incidents[period]
        observed = series.values.get(period, 0.0)
        if len(ids) < MIN_INCIDENTS or observed <= 0 or period not in coverage:
            continue
        test = period_test(series.values, period, rule, coverage, unusual)
        if is_unusual(test, rule):
            unusual.add(period)
            if is_alert(test, rule):
                findings.append(Finding(period, test, sorted(ids)))
    return findings


def reason(key: SeriesKey, finding: Finding, by: Granularity) -> str:
    """Why it alerts, in words an analyst can check against the indicator series."""
    test = finding.test
    model = "Poisson" if test.variance <= test.expected * (1 + 1e-9) else "negative binomial"
    return (
        f"{test.observed:g} {key.describe()} in {label_of(finding.period, by)} against "
        f"{test.expected:.1f} expected from {test.baseline_periods} earlier {by}s "
        f"(p = {test.p_value:.2g}, {model}, variance {test.variance:.1f})"
    )
