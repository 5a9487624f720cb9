"""Reading WARC files (web crawls): one :class:`RawInput` per HTML page that was fetched fine.

A ``.warc`` or ``.warc.gz`` file holds many records; only ``response`` records with HTTP status
200 and an HTML content type become inputs. Requests, metadata, revisits, redirects, errors and
non-HTML bodies are passed over without a report: they are crawl bookkeeping, not articles.

As in :mod:`forewarn.ingest.readers`, bad input is an outcome, not an exception: an oversized
page is a ``failed`` :class:`InputFailure`, as an oversized file is, and a damaged file
(truncated, corrupt, or not a WARC at all) ends with one ``failed`` :class:`InputFailure`
naming the file, after the pages read fine before the damage. Records are streamed, and no
page body is read past ``max_bytes + 1`` bytes, so memory stays bounded whatever the size of
the crawl.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from io import BufferedIOBase
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from forewarn.ingest.inputs import (
    InputFailure,
    RawInput,
    Unreadable,
    declared_charset,
    describe_os_error,
)

__all__ = ["is_warc_name", "read_warc"]

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_GZIP_MAGIC = b"\x1f\x8b"
_WARC_MAGIC = b"WARC/"
_CHUNK = 64 * 1024
# A reason is one short line, yet a parser's message can quote a whole binary header block.
_MAX_DETAIL_CHARS = 160


def is_warc_name(path: Path) -> bool:
    """Whether ``path`` is named as a WARC file (``.warc`` or ``.warc.gz``, any case)."""
    name = path.name.lower()
    return name.endswith(".warc") or name.endswith(".warc.gz")


def read_warc(path: Path, max_bytes: int) -> Iterator[RawInput | InputFailure]:
    """Yield a :class:`RawInput` per HTTP 200 HTML response in the WARC file at ``path``.

    Oversized pages yield a ``failed`` failure; damage ends the file with one ``failed``
    failure naming it. Never raises for a bad input.
    """
    origin = str(path)
    try:
        raw = path.open("rb")
    except OSError as problem:
        reason = describe_os_error(problem)
        yield InputFailure(origin, f"{origin}: cannot be read ({reason})", "failed")
        return
    with raw:
        try:
            stream = _open_warc(raw)
        except Unreadable as problem:
            yield InputFailure(origin, f"{origin}: {problem}", problem.kind)
            return
        except (OSError, EOFError, zlib.error) as problem:
            reason = f"corrupt gzip data ({_one_line(problem)})"
            yield InputFailure(origin, f"{origin}: {reason}", "failed")
            return
        records = ArchiveIterator(stream)
        read = pages = 0
        while True:
            try:
                record = next(records, None)
                if record is None:
                    _check_clean_end(records, stream)
                    break
                item = _item_from_record(record, path, read + 1, max_bytes)
            # warcio parses untrusted bytes and its failures are not all documented (a record
            # cut inside its headers raises AttributeError); whatever it is, the file cannot be
            # trusted past this point, and the contract is to report it, never to raise.
            except Exception as problem:
                records_read = f"{read} record{'' if read == 1 else 's'}"
                reason = f"corrupt or truncated WARC after {records_read} ({_one_line(problem)})"
                yield InputFailure(origin, f"{origin}: {reason}", "failed")
                return
            read += 1
            if item is not None:
                pages += 1
                yield item
    if not pages:
        # As for an empty JSONL file: say so, rather than let a whole crawl vanish without a word.
        reason = f"no HTML pages in the WARC ({read} records, none an HTTP 200 HTML response)"
        yield InputFailure(origin, f"{origin}: {reason}", "skipped")


class _StrictStream:
    """A read-only file wrapper that reports a truncated gzip stream as damage.

    :class:`gzip.GzipFile` raises ``EOFError`` when the data ends mid-member, but warcio takes
    an ``EOFError`` while parsing headers for the clean end of the archive, which would hide
    the truncation. Another exception type reaches :func:`read_warc` instead.
    """

    def __init__(self, handle: BufferedIOBase) -> None:
        self._handle = handle

    def read(self, size: int = -1) -> bytes:
        try:
            # read1, not read: a read that fills its size across the cut would raise and drop
            # the good bytes before it, losing the records that were read fine.
            return self._handle.read1(size)
        except EOFError as problem:
            raise Unreadable("compressed data ends mid-stream: the file was cut short") from problem

    def tell(self) -> int:
        return self._handle.tell()


def _open_warc(raw: BufferedIOBase) -> _StrictStream:
    """The file's WARC bytes, gunzipped by the stdlib when compressed (by content, not name).

    Python's gzip reads multi-member and whole-file gzip alike and raises on truncation, where
    warcio's own decompression stops quietly at the cut.
    """
    compressed = raw.read(len(_GZIP_MAGIC)) == _GZIP_MAGIC
    raw.seek(0)
    stream: BufferedIOBase = gzip.GzipFile(fileobj=raw, mode="rb") if compressed else raw
    # Checked here because warcio looks for the first line of a non-WARC file without a bound.
    head = stream.read(len(_WARC_MAGIC))
    if not head:
        raise Unreadable("empty file (no WARC records)", "skipped")
    if head != _WARC_MAGIC:
        raise Unreadable(f"not a WARC file (it should start with 'WARC/', found {head!r})")
    stream.seek(0)
    return _StrictStream(stream)


def _check_clean_end(records: ArchiveIterator, stream: _StrictStream) -> None:
    """Raise :class:`Unreadable` if the data went on past the last complete record.

    warcio takes the end of the data inside a record's headers for the clean end of the
    archive, so a file cut there would lose its last record without a word. Its ``offset`` is
    where the last complete record (and the blank lines after it) ended.
    """
    if records.offset < stream.tell():
        raise Unreadable(f"the file ends inside the headers of a record at byte {records.offset}")


def _item_from_record(
    record: ArcWarcRecord, path: Path, number: int, max_bytes: int
) -> RawInput | InputFailure | None:
    """The page in ``record``, a failure if it is too large, or ``None`` if it is no page.

    Every record is read to its end here, so that one cut short is caught as damage (warcio
    would stop quietly at the end of the file, or read on into the next record).
    """
    length = record.rec_headers.get_header("Content-Length")
    if length is None or not length.strip().isdigit():
        # Without a length the record's end is unknown: warcio would read to the end of the file.
        raise Unreadable(f"record {number} has no valid Content-Length ({length!r})")
    url = record.rec_headers.get_header("WARC-Target-URI")
    label = url or f"record {number}"
    origin = f"{path}:{label}"
    content_type = _html_content_type(record)
    body = b""
    if content_type is not None:
        # content_stream() undoes HTTP Content-Encoding (gzip, deflate), so the bound applies
        # to the page as served to a browser, not to the compressed bytes.
        body = record.content_stream().read(max_bytes + 1)
    _read_to_end(record, label)
    if content_type is None:
        return None
    if len(body) > max_bytes:
        reason = f"response body larger than the {max_bytes}-byte limit (max_input_bytes)"
        return InputFailure(origin, f"{origin}: {reason}", "failed")
    if not body.strip():
        return InputFailure(origin, f"{origin}: empty response body (no text)", "skipped")
    return RawInput(
        origin=origin,
        id=None,  # computed from the cleaned text, later, like any other input's
        text=None,
        html=_decode_body(body, _charset(content_type)),
        # WARC-Date is when the page was crawled, not when it was published: the date is left
        # to the page itself (or the caller), rather than stamp every article with the crawl day.
        published=None,
        title=None,
        url=url,
        source=None,
    )


def _html_content_type(record: ArcWarcRecord) -> str | None:
    """The HTTP Content-Type of an HTTP 200 HTML response record, else ``None``."""
    if record.rec_type != "response" or not record.http_headers:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    mime = content_type.split(";", 1)[0].strip().lower()
    return content_type if mime in _HTML_TYPES else None


def _read_to_end(record: ArcWarcRecord, label: str) -> None:
    """Consume the rest of the record in chunks; raise :class:`Unreadable` if it is cut short."""
    stream = record.raw_stream
    while stream.read(_CHUNK):
        pass
    # warcio bounds each record by its Content-Length (a LimitReader); what is left of that
    # limit when the data ends is the part of the record the file no longer holds.
    missing = getattr(stream, "limit", 0)
    if missing:
        raise Unreadable(f"record {label} is cut short, {missing} bytes missing")


def _charset(content_type: str) -> str | None:
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


def _decode_body(body: bytes, http_charset: str | None) -> str:
    """Decode with the HTTP charset, else a ``<meta>`` charset, else UTF-8 with replacement.

    A crawl holds what the web served: a mislabelled page or one with a stray bad byte is still
    worth reading, so, unlike a local file, undecodable bytes are replaced rather than refused.
    """
    for charset in (http_charset, declared_charset(body)):
        if charset:
            try:
                return body.decode(charset).removeprefix("\ufeff")
            except (LookupError, UnicodeDecodeError):
                continue
    return body.decode("utf-8-sig", errors="replace")


def _one_line(problem: Exception) -> str:
    detail = str(problem)
    if not isinstance(problem, Unreadable):
        detail = f"{type(problem).__name__}: {detail}"
    detail = " ".join(detail.split())
    if len(detail) > _MAX_DETAIL_CHARS:
        detail = detail[: _MAX_DETAIL_CHARS - 3] + "..."
    return detail
