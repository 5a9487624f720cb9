"""Reading inputs: files, directories, gzip and JSON Lines, into :class:`RawInput` records.

Bad input is an outcome, not an exception: every reader yields an :class:`InputFailure`
naming the file (and line, for JSONL) and moves on to the next input. Memory and time stay
bounded whatever the input: a file is never read past ``max_bytes + 1`` bytes (decompressed
bytes for gzip), and a JSONL batch is streamed line by line with the same bound per line and
stops after :data:`MAX_LINES_WITHOUT_A_RECORD` lines in a row without a record.
"""

from __future__ import annotations

import codecs
import errno
import gzip
import io
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, Literal, cast

from forewarn.ingest.inputs import InputFailure, RawInput, Unreadable, declared_charset
from forewarn.ingest.paths import STDIN, expand_patterns, unreadable, walk_files
from forewarn.ingest.warc import is_warc_name, read_warc
from forewarn.settings import DEFAULT_MAX_INPUT_BYTES

__all__ = [
    "DEFAULT_MAX_INPUT_BYTES",
    "INPUT_SUFFIXES",
    "MAX_LINES_WITHOUT_A_RECORD",
    "InputFormat",
    "iter_inputs",
    "iter_records",
]

InputFormat = Literal["auto", "text", "html", "jsonl"]

# The article formats a directory walk picks up (also with ".gz"); anything else in a folder
# (a README, a .csv of notes) is left out and reported, and files named explicitly are read
# whatever their suffix. Files without a suffix are taken: crawls often save pages that way.
INPUT_SUFFIXES = frozenset(
    {".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".warc"}
)
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})

# Sniffing looks at the start of the text only: enough to see a doctype or an <html> tag.
_SNIFF_CHARS = 4096
_HTML_SNIFF_RE = re.compile(r"<\s*(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
# Reading a line or a skipped tail in chunks keeps memory bounded on a 50 MB line.
_CHUNK = 64 * 1024

# Marks a JSONL line over the limit (identity-compared; never a real line's content).
_OVERSIZED = b"\x00<oversized line>"

_STRING_FIELDS = ("text", "html", "published", "title", "url", "source")

_WIDE_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
# The origin of what is read from standard input (named "-" on the command line).
_STDIN_ORIGIN = "<stdin>"
# A JSON Lines batch holds a record on (almost) every line; this many blank or bad lines in a
# row is not a batch but a mistake or an attack (a small .gz of gigabytes of newlines would
# otherwise be read line by line for minutes), and reading that file stops.
MAX_LINES_WITHOUT_A_RECORD = 10_000


def iter_inputs(
    paths: Sequence[str | Path],
    input_format: InputFormat = "auto",
    max_bytes: int = DEFAULT_MAX_INPUT_BYTES,
) -> Iterator[RawInput | InputFailure]:
    """Yield one :class:`RawInput` per article, or an :class:`InputFailure` per bad input.

    ``paths`` are files, directories (walked recursively in sorted order, hidden files and
    folders skipped), glob patterns (``crawl/**/*.warc.gz``) or ``-`` for standard input
    (see :mod:`forewarn.ingest.paths` for walks and patterns). ``auto`` picks the format
    per file: ``.jsonl`` -> JSONL, ``.html``/``.htm`` -> HTML, otherwise HTML when the text
    starts with ``<`` or has an ``<html>`` tag, else plain text; a ``.gz`` suffix is looked
    through. ``.warc`` and ``.warc.gz`` files are always read as WARC crawls, one input per
    HTML page (see :mod:`forewarn.ingest.warc`). Never raises for a bad input.
    """
    for path in expand_patterns(paths):
        if isinstance(path, InputFailure):
            yield path
        elif str(path) == STDIN:
            yield from _read_stdin(input_format, max_bytes)
        elif os.path.isdir(path):  # False, not an error, when it cannot be looked at
            yield from _read_directory(path, input_format, max_bytes)
        else:
            yield from _read_file(path, input_format, max_bytes)


def iter_records(
    records: Iterable[Any], origin: str = "record"
) -> Iterator[RawInput | InputFailure]:
    """One :class:`RawInput` per record already in memory (parsed JSON, as a JSONL line
    holds: ``{id, text|html, published?, title?, url?, source?}``), or an
    :class:`InputFailure` naming it ``{origin} {n}`` (1-based) and saying what is wrong."""
    for number, record in enumerate(records, start=1):
        record_origin = f"{origin} {number}"
        try:
            yield _record_from_object(record, record_origin)
        except Unreadable as problem:
            yield InputFailure(record_origin, f"{record_origin}: {problem}", problem.kind)


def _read_directory(
    directory: Path, input_format: InputFormat, max_bytes: int
) -> Iterator[RawInput | InputFailure]:
    found = False
    for file in walk_files(directory):
        if isinstance(file, InputFailure):
            yield file
        elif _wanted_in_directory(file):
            found = True
            yield from _read_file(file, input_format, max_bytes)
        else:
            yield InputFailure(
                str(file),
                f"{file}: not an article format, left out of the folder walk "
                "(name the file to read it anyway)",
                "skipped",
            )
    if not found:
        yield InputFailure(
            str(directory),
            f"{directory}: directory has no input files (expected "
            f"{', '.join(sorted(INPUT_SUFFIXES))}, or .gz of them)",
            "failed",
        )


def _wanted_in_directory(path: Path) -> bool:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return not suffixes or suffixes[-1] in INPUT_SUFFIXES


def _format_from_name(path: Path) -> InputFormat:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    last = suffixes[-1] if suffixes else ""
    if last in _JSONL_SUFFIXES:
        return "jsonl"
    if last in _HTML_SUFFIXES:
        return "html"
    return "auto"


def _is_gzip(path: Path) -> bool:
    return path.suffix.lower() == ".gz"


def _open_binary(path: Path) -> IO[bytes]:
    if _is_gzip(path):
        return cast(IO[bytes], gzip.open(path, "rb"))  # a GzipFile reads bytes like any IO
    return path.open("rb")


def _read_file(
    path: Path, input_format: InputFormat, max_bytes: int
) -> Iterator[RawInput | InputFailure]:
    origin = str(path)
    try:
        mode = path.stat().st_mode
    except OSError as problem:
        if problem.errno in (errno.ENOENT, errno.ENOTDIR):
            yield InputFailure(origin, f"{origin}: no such file or directory", "failed")
        else:  # e.g. in a folder this user may not enter
            yield unreadable(path, problem)
        return
    if not stat.S_ISREG(mode):
        yield InputFailure(origin, f"{origin}: not a regular file", "failed")
        return
    if is_warc_name(path):  # whatever input_format says: a crawl is never read as one page
        yield from read_warc(path, max_bytes)
        return
    try:
        handle = _open_binary(path)
    except OSError as problem:
        yield unreadable(path, problem)
        return
    fmt = input_format if input_format != "auto" else _format_from_name(path)
    size = "decompressed size" if _is_gzip(path) else "size"
    with handle:
        yield from _read_stream(handle, origin, fmt, max_bytes, size)


def _read_stdin(input_format: InputFormat, max_bytes: int) -> Iterator[RawInput | InputFailure]:
    """Standard input, read as a file of that format would be (never a WARC: it is not seekable).

    With ``auto`` it is JSON Lines when its first character (after white space) is ``{``, else
    a page or a text as for a file without a suffix.
    """
    stdin: IO[bytes] = sys.stdin.buffer
    if input_format == "auto":
        head = stdin.read(_SNIFF_CHARS)
        input_format = "jsonl" if head.lstrip().startswith(b"{") else "auto"
        stdin = io.BufferedReader(_Rewound(head, stdin))
    yield from _read_stream(stdin, _STDIN_ORIGIN, input_format, max_bytes, "size")


class _Rewound(io.RawIOBase):
    """A stream whose first bytes, read to sniff its format, are served again before the rest."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head, self._rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            data, self._head = self._head[: len(buffer)], self._head[len(buffer) :]
        else:
            data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _read_stream(
    handle: IO[bytes], origin: str, fmt: InputFormat, max_bytes: int, size: str
) -> Iterator[RawInput | InputFailure]:
    """The inputs in an open file: JSON Lines records, or one page or text.

    ``size`` names what the byte limit measures, for the message ("decompressed size").
    """
    if fmt == "jsonl":
        yield from _read_jsonl(handle, origin, max_bytes)
        return
    try:
        text = _decode(_read_bounded(handle, max_bytes, size), allow_declared_charset=fmt != "text")
    except Unreadable as problem:
        yield InputFailure(origin, f"{origin}: {problem}", problem.kind)
        return
    except OSError as problem:
        yield unreadable(origin, problem)
        return
    if fmt == "auto":
        fmt = "html" if _looks_like_html(text) else "text"
    yield RawInput(
        origin=origin,
        id=None,
        text=text if fmt == "text" else None,
        html=text if fmt == "html" else None,
        published=None,
        title=None,
        url=None,
        source=None,
    )


def _read_bounded(handle: IO[bytes], max_bytes: int, size: str) -> bytes:
    """The stream's (decompressed) bytes, refusing anything over ``max_bytes``.

    Reads at most ``max_bytes + 1`` bytes, so a huge page or a gzip bomb costs no more memory
    than the limit itself.
    """
    try:
        data = handle.read(max_bytes + 1)
    except (gzip.BadGzipFile, EOFError, zlib.error) as problem:
        raise Unreadable(f"corrupt gzip data ({problem or 'truncated stream'})") from problem
    if len(data) > max_bytes:
        raise Unreadable(f"{size} larger than the {max_bytes}-byte limit (max_input_bytes)")
    return data


def _decode(data: bytes, allow_declared_charset: bool) -> str:
    """Strict UTF-8 (a BOM is dropped), or UTF-16/32 when a byte order mark says so; HTML may
    declare another charset in a <meta> tag."""
    wide = _wide_encoding(data)
    if wide:
        try:
            data = data.decode(wide).encode("utf-8")  # the codec reads and drops the BOM
        except UnicodeDecodeError as problem:
            raise Unreadable(
                f"not {wide} text, though it starts with a {wide} byte order mark "
                f"({problem.reason} at offset {problem.start})"
            ) from problem
    if not data.strip():
        raise Unreadable("empty file (no text)", "skipped")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise Unreadable(f"binary data, not text (NUL byte at offset {nul})")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        declared = declared_charset(data) if allow_declared_charset else None
        if declared:
            try:
                return data.decode(declared)
            except (LookupError, UnicodeDecodeError):
                pass
        bad = data[problem.start]
        raise Unreadable(
            f"not UTF-8 text (invalid byte 0x{bad:02x} at offset {problem.start})"
        ) from problem


def _wide_encoding(data: bytes) -> str | None:
    """The wide encoding ("UTF-16", "UTF-32") whose byte order mark starts ``data``, if any."""
    # UTF-32's little-endian mark starts with UTF-16's: the longer marks are tried first.
    for mark, encoding in _WIDE_BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return encoding
    return None


def _looks_like_html(text: str) -> bool:
    head = text[:_SNIFF_CHARS]
    return head.lstrip().startswith("<") or bool(_HTML_SNIFF_RE.search(head))


def _read_jsonl(
    handle: IO[bytes], origin: str, max_bytes: int
) -> Iterator[RawInput | InputFailure]:
    """One record per non-blank line; a bad line is reported and the next one is read.

    After :data:`MAX_LINES_WITHOUT_A_RECORD` blank or bad lines in a row the rest of the file
    is left unread, with one failure saying so.
    """
    records = idle_lines = line_number = 0
    while True:
        line_number += 1
        line_origin = f"{origin}:{line_number}"
        if idle_lines >= MAX_LINES_WITHOUT_A_RECORD:
            reason = (
                f"{MAX_LINES_WITHOUT_A_RECORD} lines in a row hold no JSON record (blank or "
                "unreadable); the rest of the file is not read"
            )
            yield InputFailure(line_origin, f"{line_origin}: {reason}", "failed")
            return
        try:
            line = _read_line(handle, max_bytes)
        except (gzip.BadGzipFile, EOFError, zlib.error, OSError) as problem:
            yield InputFailure(
                line_origin,
                f"{line_origin}: corrupt gzip data ({problem or 'truncated'})",
                "failed",
            )
            return
        if line is None:
            break
        wide = _wide_encoding(line) if line_number == 1 else None
        if wide:
            reason = f"JSON Lines must be UTF-8, this file is {wide} (iconv -f {wide} -t UTF-8)"
            yield InputFailure(origin, f"{origin}: {reason}", "failed")
            return
        idle_lines += 1
        if line is _OVERSIZED:
            records += 1
            yield InputFailure(
                line_origin,
                f"{line_origin}: line larger than the {max_bytes}-byte limit (max_input_bytes)",
                "failed",
            )
            continue
        if not line.strip():
            continue
        records += 1
        try:
            item = _record_from_line(line, line_origin)
        except Unreadable as problem:
            yield InputFailure(line_origin, f"{line_origin}: {problem}", problem.kind)
            continue
        idle_lines = 0
        yield item
    if not records:
        yield InputFailure(origin, f"{origin}: empty file (no JSON lines)", "skipped")


def _read_line(handle: IO[bytes], max_bytes: int) -> bytes | None:
    """The next line without its newline; ``None`` at the end; ``_OVERSIZED`` if too long.

    An oversized line is consumed in chunks and dropped, so a single huge record cannot
    exhaust memory.
    """
    line = handle.readline(max_bytes + 1)
    if not line:
        return None
    if line.endswith(b"\n"):
        return line[:-1]
    if len(line) <= max_bytes:
        return line  # last line of the file, without a newline
    del line
    while True:
        chunk = handle.readline(_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return _OVERSIZED


def _record_from_line(line: bytes, origin: str) -> RawInput:
    if b"\x00" in line:
        raise Unreadable("binary data, not a JSON line (NUL byte)")
    try:
        text = line.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        bad, column = line[problem.start], problem.start + 1
        raise Unreadable(
            f"not UTF-8 text (invalid byte 0x{bad:02x} at column {column})"
        ) from problem
    try:
        record: Any = json.loads(text)
    except json.JSONDecodeError as problem:
        raise Unreadable(f"not JSON ({problem.msg} at column {problem.colno})") from problem
    return _record_from_object(record, origin)


def _record_from_object(record: Any, origin: str) -> RawInput:
    if not isinstance(record, dict):
        raise Unreadable(f"expected a JSON object, found {_json_type(record)}")
    record_id = record.get("id")
    if isinstance(record_id, bool) or not isinstance(record_id, str | int | type(None)):
        raise Unreadable(f"field 'id' must be a string, found {_json_type(record_id)}")
    for name in _STRING_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise Unreadable(f"field {name!r} must be a string, found {_json_type(value)}")
    if not record.get("text") and not record.get("html"):
        raise Unreadable("expected a non-empty 'text' or 'html' field, found neither")
    return RawInput(
        origin=origin,
        id=None if record_id is None else str(record_id),
        text=record.get("text") or None,
        html=None if record.get("text") else record.get("html"),
        published=record.get("published"),
        title=record.get("title"),
        url=record.get("url"),
        source=record.get("source"),
    )


def _json_type(value: Any) -> str:
    names = {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)
