"""Every alert series at once, as arrays: the incidents bucketed by series and period.

:func:`read_series_table` reads the incidents in one lean query (plain tuples from the
driver: the rows are many and SQLAlchemy's row objects cost more than the query) and buckets
them with numpy. The few distinct values of the text columns (dates, countries, types,
encoded parties) are worked out once each, never once per incident. The series are those the
docstring of :mod:`forewarn.analysis.alerts` lists, plus the ``extra`` ones a watch list asks
for (:meth:`forewarn.analysis.watch.WatchList.series`: a watched dyad of any two countries,
a watched dyad by a watched type).

A :class:`SeriesTable` holds *cells*: one per series and period with an incident, sorted by
series then period, each with its incident count, its value (the measure's sum: incidents,
or dead) and its incident ids (sorted). Values are integers (counts and tolls), so every sum
over them is exact whatever its order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from operator import itemgetter
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Connection, select

from forewarn.analysis.alerts import RULE_VERSION, Coverage, Series, SeriesKey
from forewarn.analysis.indicators import is_conflict, party_countries, shared_country
from forewarn.analysis.periods import Granularity, period_index
from forewarn.store.schema import incidents

__all__ = ["SeriesTable", "read_series_table", "series_table"]

Ints = NDArray[np.int64]
Floats = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class SeriesTable:
    keys: list[SeriesKey]  # by series number
    series_start: Ints  # series s has cells series_start[s] to series_start[s + 1]
    cell_series: Ints
    cell_period: Ints
    cell_count: Ints  # incidents in the cell
    cell_value: Floats  # the measure's sum
    id_start: Ints  # the cell's incident ids: ids[id_start[c] : id_start[c] + cell_count[c]]
    ids: Ints

    def incident_ids(self, cell: int) -> list[int]:
        start = int(self.id_start[cell])
        return [int(i) for i in self.ids[start : start + int(self.cell_count[cell])]]

    def series(self, number: int) -> Series:
        """Series ``number`` as the reference :class:`Series` (dicts by period)."""
        found = Series(self.keys[number])
        for cell in range(int(self.series_start[number]), int(self.series_start[number + 1])):
            period = int(self.cell_period[cell])
            found.values[period] = float(self.cell_value[cell])
            found.incidents[period] = self.incident_ids(cell)
        return found

    def fingerprint(self, number: int, coverage: Coverage, window: int) -> str:
        """What the series' alerts depend on: its periods, values and incident ids, the
        periods the store watched from ``window`` before its first to its last, the rule."""
        first, last = int(self.series_start[number]), int(self.series_start[number + 1])
        periods = self.cell_period[first:last]
        digest = hashlib.sha1(RULE_VERSION.encode())
        for part in (periods, self.cell_count[first:last], self.cell_value[first:last]):
            digest.update(part.tobytes())
        if last > first:
            id_first = int(self.id_start[first])
            id_last = int(self.id_start[last - 1] + self.cell_count[last - 1])
            digest.update(self.ids[id_first:id_last].tobytes())
            watched = coverage.clipped(int(periods[0]) - window, int(periods[-1]))
            digest.update(repr(watched).encode())
        return digest.hexdigest()


def read_series_table(
    connection: Connection, by: Granularity, extra: Iterable[SeriesKey] = ()
) -> SeriesTable:
    """Every series of the stored incidents (and the ``extra`` ones), by ``by``."""
    query = select(
        incidents.c.id,
        incidents.c.date_start,
        incidents.c.country,
        incidents.c.event_type,
        incidents.c.dead,
        incidents.c.actors,
        incidents.c.recipients,
    )
    cursor = connection.connection.cursor()
    try:
        cursor.execute(str(query.compile(dialect=connection.dialect)))
        rows = cursor.fetchall()
    finally:
        cursor.close()
    return series_table(rows, by, extra)


def series_table(
    rows: Sequence[Sequence[Any]], by: Granularity, extra: Iterable[SeriesKey] = ()
) -> SeriesTable:
    """The table of incident rows ``(id, date_start, country, event_type, dead, actors,
    recipients)``, the last two encoded parties as the store keeps them."""
    columns = [list(map(itemgetter(number), rows)) for number in range(7)]
    ids = np.array(columns[0], dtype=np.int64)
    day_codes, day_texts = _factorise(columns[1])
    period_of_day = np.array(
        [period_index(date.fromisoformat(text), by) for text in day_texts], dtype=np.int64
    )
    periods = period_of_day[day_codes] if len(ids) else np.zeros(0, dtype=np.int64)
    dead = np.array([value or 0 for value in columns[4]], dtype=np.float64)
    type_codes, types = _factorise(columns[3])
    conflict = np.array([is_conflict(name) for name in types], dtype=bool)[type_codes]
    party_codes, parties = _combine(*(_factorise(columns[number]) for number in (2, 5, 6)))
    builder = _Builder(len(ids))
    per_party = [_Parties(*party) for party in parties]
    watched = {key for key in extra if key.actor}

    # the country series: where it happened (or the one country of all its parties)
    country_of = [found.country for found in per_party]
    where = np.array([bool(country) for country in country_of], dtype=bool)[party_codes]
    in_country = np.flatnonzero(where)
    builder.add_labelled(
        in_country,
        party_codes[in_country] * len(types) + type_codes[in_country],
        lambda code: SeriesKey(
            country_of[code // len(types)], event_type=types[code % len(types)],
            measure="incidents",
        ),
    )  # fmt: skip
    country_conflict = np.flatnonzero(where & conflict)
    for measure, values in (("conflict", None), ("dead", dead)):
        builder.add_labelled(
            country_conflict,
            party_codes[country_conflict],
            partial(_country_series, country_of, measure),
            values,
        )
    # the dyads: conflict incidents by an actor country against a recipient country, and
    # the watched dyads (of any two countries, and of a type when the watch list names it)
    dyads_of = [found.dyads(watched) for found in per_party]
    rows_conflict = np.flatnonzero(conflict)
    builder.add_expanded(rows_conflict, party_codes[rows_conflict], dyads_of)
    typed = [key for key in watched if key.event_type]
    if typed:
        type_index = {name: code for code, name in enumerate(types)}
        for key in typed:
            code = type_index.get(key.event_type or "")
            matches = np.array(
                [found.has_dyad(key.actor, key.recipient) for found in per_party], dtype=bool
            )
            if code is not None:
                builder.add_one(np.flatnonzero((type_codes == code) & matches[party_codes]), key)
    for key in extra:
        builder.keep(key)
    return builder.table(ids, periods)


def _country_series(country_of: list[str | None], measure: str, code: int) -> SeriesKey:
    return SeriesKey(country_of[code], measure=measure)


class _Parties:
    """What a (place country, actors, recipients) combination means for the series."""

    def __init__(self, country: str | None, actors: str, recipients: str) -> None:
        self.actor_countries = party_countries(actors)
        self.recipient_countries = party_countries(recipients)
        self.country = country or shared_country(self.actor_countries + self.recipient_countries)

    def has_dyad(self, actor: str | None, recipient: str | None) -> bool:
        return actor in self.actor_countries and recipient in self.recipient_countries

    def dyads(self, watched: set[SeriesKey]) -> list[SeriesKey]:
        pairs = {
            SeriesKey(actor=actor, recipient=recipient)
            for actor in self.actor_countries
            for recipient in self.recipient_countries
            if actor != recipient
        }
        pairs.update(
            key
            for key in watched
            if not key.event_type
            and key.measure == "conflict"
            and self.has_dyad(key.actor, key.recipient)
        )
        return sorted(pairs)


class _Builder:
    """Memberships (incident row, series, value) gathered, then sorted into cells."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.keys: dict[SeriesKey, int] = {}
        self.rows: list[Ints] = []
        self.series: list[Ints] = []
        self.values: list[Floats] = []

    def keep(self, key: SeriesKey) -> int:
        return self.keys.setdefault(key, len(self.keys))

    def _add(self, rows: Ints, series: Ints, values: Floats | None) -> None:
        self.rows.append(rows)
        self.series.append(series)
        self.values.append(np.ones(len(rows)) if values is None else values[rows])

    def add_one(self, rows: Ints, key: SeriesKey) -> None:
        self._add(rows, np.full(len(rows), self.keep(key), dtype=np.int64), None)

    def add_labelled(
        self,
        rows: Ints,
        labels: Ints,
        key_of: Callable[[int], SeriesKey],
        values: Floats | None = None,
    ) -> None:
        """Each row to the series its label names (``key_of(label)``)."""
        distinct, inverse = np.unique(labels, return_inverse=True)
        numbers = np.array([self.keep(key_of(int(code))) for code in distinct], dtype=np.int64)
        self._add(rows, numbers[inverse] if len(rows) else inverse.astype(np.int64), values)

    def add_expanded(self, rows: Ints, groups: Ints, keys_of: list[list[SeriesKey]]) -> None:
        """Each row to every series of its group (``keys_of[group]``)."""
        present = np.zeros(len(keys_of), dtype=bool)
        present[groups] = True
        used = [keys if present[group] else [] for group, keys in enumerate(keys_of)]
        counts = np.array([len(keys) for keys in used], dtype=np.int64)
        flat = np.array([self.keep(key) for keys in used for key in keys], dtype=np.int64)
        starts = np.concatenate(([0], np.cumsum(counts)[:-1])) if len(counts) else counts
        per_row = counts[groups] if len(rows) else np.zeros(0, dtype=np.int64)
        repeated = np.repeat(rows, per_row)
        group_of = np.repeat(groups, per_row)
        offsets = np.arange(len(repeated)) - np.repeat(np.cumsum(per_row) - per_row, per_row)
        self._add(repeated, flat[starts[group_of] + offsets], None)

    def table(self, ids: Ints, periods: Ints) -> SeriesTable:
        rows = np.concatenate(self.rows) if self.rows else np.zeros(0, dtype=np.int64)
        series = np.concatenate(self.series) if self.series else np.zeros(0, dtype=np.int64)
        values = np.concatenate(self.values) if self.values else np.zeros(0)
        order = np.lexsort((ids[rows], periods[rows], series))
        rows, series, values = rows[order], series[order], values[order]
        cell_periods = periods[rows]
        edge = np.ones(len(rows), dtype=bool)
        edge[1:] = (series[1:] != series[:-1]) | (cell_periods[1:] != cell_periods[:-1])
        id_start = np.flatnonzero(edge)
        cell_series = series[id_start]
        return SeriesTable(
            keys=list(self.keys),
            series_start=np.searchsorted(cell_series, np.arange(len(self.keys) + 1)),
            cell_series=cell_series,
            cell_period=cell_periods[id_start],
            cell_count=np.diff(np.append(id_start, len(rows))),
            cell_value=np.add.reduceat(values, id_start) if len(rows) else values,
            id_start=id_start,
            ids=ids[rows],
        )


def _factorise(values: Sequence[Any]) -> tuple[Ints, list[Any]]:
    """Codes of ``values`` (0 for the first distinct one, ...) and the distinct values."""
    found: dict[Any, int] = dict.fromkeys(values, 0)
    for code, value in enumerate(found):
        found[value] = code
    return np.fromiter(map(found.__getitem__, values), np.int64, len(values)), list(found)


def _combine(*factorised: tuple[Ints, list[Any]]) -> tuple[Ints, list[tuple[Any, ...]]]:
    """Codes of the rows' combinations of several factorised columns, and the combinations."""
    combined = np.zeros(len(factorised[0][0]), dtype=np.int64)
    for codes, distinct in factorised:
        combined = combined * len(distinct) + codes
    present, codes = np.unique(combined, return_inverse=True)
    combinations = []
    for code in present.tolist():
        values = []
        for _, distinct in reversed(factorised):
            code, at = divmod(code, len(distinct))
            values.append(distinct[at])
        combinations.append(tuple(reversed(values)))
    return codes.astype(np.int64), combinations
