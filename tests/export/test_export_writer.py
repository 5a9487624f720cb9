"""write_export as a user consumes its files: csv, Parquet (pandas, DuckDB), JSON Lines, TSV."""

from __future__ import annotations

import csv
import io
import json
import re
from itertools import repeat

import duckdb
import pandas
import pyarrow.parquet as pq
import pytest

from forewarn.errors import ConfigError
from forewarn.export import CAMEO_COLUMNS, EVENT_COLUMNS, EXPORT_FORMATS, write_export
from forewarn.export.writer import PARQUET_ROW_GROUP_ROWS
from forewarn.records import document_json


def export(documents, fmt, **options) -> tuple[int, bytes]:
    output = io.BytesIO()
    count = write_export(iter(documents), fmt, output, **options)
    assert not output.closed
    return count, output.getvalue()


def n_events(documents) -> int:
    return sum(len(d.events) for d in documents)


def test_formats():
    assert EXPORT_FORMATS == ("jsonl", "csv", "parquet", "plover", "cameo")


def test_csv_header_and_values(documents):
    count, data = export(documents, "csv")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert tuple(rows[0]) == EVENT_COLUMNS
    assert count == len(rows) - 1 == n_events(documents)
    records = [dict(zip(EVENT_COLUMNS, row, strict=True)) for row in rows[1:]]
    [assault] = [r for r in records if r["event_type"] == "ASSAULT"]
    assert assault["actor_country"] == "RUS"
    assert assault["location_name"] == "Kharkiv"
    assert {r["event_type"] for r in records} >= {"ASSAULT", "PROTEST", "CONSULT"}


def test_parquet_loads_in_pandas_and_duckdb(documents, tmp_path):
    path = tmp_path / "events.parquet"
    with path.open("wb") as output:
        count = write_export(iter(documents), "parquet", output)
    assert count == n_events(documents)

    frame = pandas.read_parquet(path)
    assert len(frame) == count
    assert tuple(frame.columns) == EVENT_COLUMNS
    assert frame.loc[frame.event_type == "ASSAULT", "actor_country"].tolist() == ["RUS"]

    assert duckdb.sql(f"select count(*) from read_parquet('{path}')").fetchall() == [(count,)]
    assert duckdb.sql(
        f"select actor_country, location_lat > 49, trigger_start "
        f"from read_parquet('{path}') where event_type = 'ASSAULT'"
    ).fetchall() == [("RUS", True, 15)]


def test_parquet_streams_in_row_groups(assault, tmp_path):
    document, _ = assault
    documents = repeat(document, PARQUET_ROW_GROUP_ROWS // len(document.events) + 1)
    path = tmp_path / "many.parquet"
    with path.open("wb") as output:
        count = write_export(documents, "parquet", output)
    metadata = pq.ParquetFile(path).metadata
    assert metadata.num_rows == count > PARQUET_ROW_GROUP_ROWS
    assert metadata.num_row_groups == 2


def test_jsonl_is_one_document_per_line(documents):
    count, data = export(documents, "jsonl")
    lines = data.decode("utf-8").splitlines()
    assert count == len(lines) == len(documents)
    assert lines == [document_json(d) for d in documents]


def test_plover_is_json_lines_of_event_records(documents):
    count, data = export(documents, "plover")
    records = [json.loads(line) for line in data.decode("utf-8").splitlines()]
    assert count == len(records) == n_events(documents)
    assert [r["id"] for r in records] == [e.id for d in documents for e in d.events]


def test_cameo_tsv_has_a_header_by_default(documents):
    count, data = export(documents, "cameo")
    lines = data.decode("utf-8").splitlines()
    assert lines[0].split("\t") == list(CAMEO_COLUMNS)
    assert count == len(lines) - 1 == n_events(documents)
    assert all(len(line.split("\t")) == len(CAMEO_COLUMNS) for line in lines)
    [assault] = [line.split("\t") for line in lines if line.startswith("shelling#")]
    fields = dict(zip(CAMEO_COLUMNS, assault, strict=True))
    assert re.fullmatch(r"\d{8}", fields["SQLDATE"]) and fields["SQLDATE"] == "20250310"
    assert fields["QuadClass"] == "4" and fields["Actor1Code"] == "RUSMIL"

    _, headerless = export(documents, "cameo", header=False)
    assert headerless.decode("utf-8").splitlines() == lines[1:]


def test_empty_export_is_a_valid_empty_file(tmp_path):
    assert export([], "csv") == (0, (",".join(EVENT_COLUMNS) + "\n").encode())
    assert export([], "cameo") == (0, ("\t".join(CAMEO_COLUMNS) + "\n").encode())
    assert export([], "jsonl") == (0, b"")
    assert export([], "plover") == (0, b"")

    path = tmp_path / "empty.parquet"
    with path.open("wb") as output:
        assert write_export([], "parquet", output) == 0
    frame = pandas.read_parquet(path)
    assert len(frame) == 0 and tuple(frame.columns) == EVENT_COLUMNS
    assert duckdb.sql(f"select count(*) from read_parquet('{path}')").fetchall() == [(0,)]


def test_unknown_format_says_what_is_supported(documents):
    with pytest.raises(ConfigError, match="expected one of jsonl, csv, parquet, plover, cameo"):
        export(documents, "xml")
