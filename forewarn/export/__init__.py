"""Exporting Documents: flat event tables (CSV, Parquet), PLOVER JSON, CAMEO/GDELT-style TSV.

Pure functions over :class:`~forewarn.records.Document` (the store feeds the Documents it reads
back; nothing here touches a database):

- :func:`event_rows` (:mod:`forewarn.export.table`): one flat dict per event, columns
  :data:`EVENT_COLUMNS`, Parquet schema :data:`EVENT_SCHEMA` (:func:`event_row` for one
  event); :func:`claim_row`, one per
  claim (:data:`CLAIM_COLUMNS`);
- :func:`plover_records` (:mod:`forewarn.export.plover`): PLOVER JSON event records;
- :func:`cameo_rows` (:mod:`forewarn.export.cameo`): GDELT 2.0 event-table rows,
  columns :data:`CAMEO_COLUMNS`, CAMEO codes from :func:`cameo_code`;
- :func:`write_export` (:mod:`forewarn.export.writer`): a stream of Documents to a binary
  output in one of :data:`EXPORT_FORMATS`; :func:`export_documents` to a file (atomically)
  or to standard output.
"""

from forewarn.export.cameo import CAMEO_COLUMNS, cameo_code, cameo_rows
from forewarn.export.plover import plover_records
from forewarn.export.table import (
    CLAIM_COLUMNS,
    EVENT_COLUMNS,
    EVENT_SCHEMA,
    claim_row,
    event_row,
    event_rows,
)
from forewarn.export.writer import EXPORT_FORMATS, ExportResult, export_documents, write_export

__all__ = [
    "CAMEO_COLUMNS",
    "CLAIM_COLUMNS",
    "EVENT_COLUMNS",
    "EVENT_SCHEMA",
    "EXPORT_FORMATS",
    "ExportResult",
    "cameo_code",
    "cameo_rows",
    "claim_row",
    "event_row",
    "event_rows",
    "export_documents",
    "plover_records",
    "write_export",
]
