"""Writing a stream of Documents to a binary output in one of the export formats.

=========  ===================================================================  ==========
format     what                                                                 counts
=========  ===================================================================  ==========
jsonl      one Document JSON per line (as ``forewarn extract --format json``)   documents
csv        header line + one row per event (:data:`EVENT_COLUMNS`), UTF-8       events
parquet    one row per event, schema :data:`EVENT_SCHEMA`, in row groups        events
plover     PLOVER JSON event records, one per line                              events
cameo      tab-separated GDELT 2.0 event-table rows (:data:`CAMEO_COLUMNS`),    events
           unquoted, tabs and line breaks in values turned into spaces
=========  ===================================================================  ==========

Documents are consumed one at a time and never collected: text formats write each document's
lines as it comes; Parquet buffers whole documents' rows until there are
:data:`PARQUET_ROW_GROUP_ROWS` and writes them as a row group. An empty stream still gives a
valid file: the csv and cameo headers, a Parquet file with the schema and no rows, an empty
jsonl or plover file.

GDELT's own files have no header line; ``cameo`` writes one by default, like ``csv``
(``header=False`` gives GDELT's headerless layout).
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from forewarn.errors import ConfigError, OutputError
from forewarn.export.cameo import CAMEO_COLUMNS, cameo_rows
from forewarn.export.plover import plover_records
from forewarn.export.table import EVENT_COLUMNS, EVENT_SCHEMA, event_rows
from forewarn.records import Document, document_json
from forewarn.safe_output import spreadsheet_cell, tsv_field

__all__ = [
    "EXPORT_FORMATS",
    "PARQUET_ROW_GROUP_ROWS",
    "ExportResult",
    "export_documents",
    "write_export",
]

EXPORT_FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet", "plover", "cameo")

# Rows per Parquet row group: a few megabytes of event rows in memory at a time, and groups
# large enough that readers (DuckDB, pandas) scan them efficiently.
PARQUET_ROW_GROUP_ROWS = 10_000


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export wrote: records (as :func:`write_export` counts them) from articles."""

    records: int
    articles: int


def export_documents(
    documents: Iterable[Document],
    fmt: str,
    output: Path | None = None,
    *,
    overwrite: bool = False,
    raw_csv: bool = False,
) -> ExportResult:
    """Write ``documents`` in format ``fmt`` to the file ``output``, or to standard output.

    An ``output`` that exists is an :class:`OutputError` unless ``overwrite`` is set.
    ``raw_csv``: see :func:`write_export`.

    A file is written beside its name (``NAME.partial``) and renamed when complete, so an
    interrupted export never leaves a half file under the name asked for. A reader that
    leaves standard output early (``forewarn export | head``) raises ``BrokenPipeError``
    for the caller to end quietly; any other failure to write is an :class:`OutputError`.
    """
    if output is not None and not overwrite and os.path.lexists(output):
        raise OutputError(f"{output}: already exists; replace it with --force (overwrite=True)")
    articles = 0

    def counted() -> Iterator[Document]:
        nonlocal articles
        for document in documents:
            articles += 1
            yield document

    partial = output.with_name(output.name + ".partial") if output else None
    try:
        if output is None or partial is None:
            records = write_export(counted(), fmt, sys.stdout.buffer, raw_csv=raw_csv)
            sys.stdout.buffer.flush()
        else:
            with partial.open("wb") as stream:
                records = write_export(counted(), fmt, stream, raw_csv=raw_csv)
            partial.replace(output)
    except OSError as error:
        if error.errno == errno.EPIPE:
            raise
        raise OutputError(f"{output or 'stdout'}: cannot write ({error.strerror})") from None
    finally:
        if partial is not None and partial.exists():
            partial.unlink()
    return ExportResult(records, articles)


def write_export(
    documents: Iterable[Document],
    fmt: str,
    output: BinaryIO,
    *,
    header: bool = True,
    raw_csv: bool = False,
) -> int:
    """Write ``documents`` to ``output`` in format ``fmt`` (one of :data:`EXPORT_FORMATS`).

    Returns the number of records written: documents for jsonl, events for the other formats.
    ``header`` (csv, cameo): write the column names as the first line. A csv cell that a
    spreadsheet would run as a formula gets a leading apostrophe
    (:func:`~forewarn.safe_output.spreadsheet_cell`) unless ``raw_csv`` is set. ``output``
    is left open.
    """
    if fmt == "jsonl":
        return _write_lines(documents, output, lambda d: [document_json(d)])
    if fmt == "plover":
        return _write_lines(
            documents,
            output,
            lambda d: (json.dumps(r, ensure_ascii=False) for r in plover_records(d)),
        )
    if fmt == "csv":
        cell = _as_is if raw_csv else spreadsheet_cell
        return _write_delimited(
            documents,
            output,
            EVENT_COLUMNS if header else None,
            lambda d: ([cell(row[c]) for c in EVENT_COLUMNS] for row in event_rows(d)),
            delimiter=",",
        )
    if fmt == "cameo":
        return _write_delimited(
            documents,
            output,
            CAMEO_COLUMNS if header else None,
            lambda d: ([tsv_field(value) for value in row] for row in cameo_rows(d)),
            delimiter="\t",
        )
    if fmt == "parquet":
        return _write_parquet(documents, output)
    raise ConfigError(
        f"export format {fmt!r} is not supported: expected one of {', '.join(EXPORT_FORMATS)}"
    )


def _as_is(value: Any) -> Any:
    return value


def _write_lines(
    documents: Iterable[Document], output: BinaryIO, lines: Callable[[Document], Iterable[str]]
) -> int:
    count = 0
    for document in documents:
        for line in lines(document):
            output.write(line.encode("utf-8") + b"\n")
            count += 1
    return count


def _write_delimited(
    documents: Iterable[Document],
    output: BinaryIO,
    columns: Iterable[str] | None,
    rows: Callable[[Document], Iterator[list[Any]]],
    delimiter: str,
) -> int:
    text = io.TextIOWrapper(output, encoding="utf-8", newline="")
    try:
        # "\n" line ends: GDELT's, and what Unix tools expect (the csv module's default is \r\n)
        writer = (
            csv.writer(text, delimiter=delimiter, lineterminator="\n")
            if delimiter == ","
            # tab-separated as GDELT's files are: no quoting, a tab or line break in a value
            # is a space (tsv_field), so that every line is one row and every tab a column
            else csv.writer(
                text,
                delimiter=delimiter,
                lineterminator="\n",
                quoting=csv.QUOTE_NONE,
                quotechar=None,
            )
        )
        if columns is not None:
            writer.writerow(columns)
        count = 0
        for document in documents:
            for row in rows(document):
                writer.writerow(row)
                count += 1
        return count
    finally:
        # hand the caller's stream back open: closing the wrapper would close it
        text.flush()
        text.detach()


def _write_parquet(documents: Iterable[Document], output: BinaryIO) -> int:
    count = 0
    with pq.ParquetWriter(output, EVENT_SCHEMA) as writer:
        pending: list[dict[str, Any]] = []
        for document in documents:
            pending.extend(event_rows(document))
            if len(pending) >= PARQUET_ROW_GROUP_ROWS:
                writer.write_batch(pa.RecordBatch.from_pylist(pending, schema=EVENT_SCHEMA))
                count += len(pending)
                pending = []
        if pending:
            writer.write_batch(pa.RecordBatch.from_pylist(pending, schema=EVENT_SCHEMA))
            count += len(pending)
    return count
