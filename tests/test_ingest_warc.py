"""WARC crawls: each HTTP 200 HTML response is one input; damage is one failure naming the file."""

from __future__ import annotations

import gzip
import tracemalloc
from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from forewarn.ingest import InputFailure, RawInput, iter_inputs
from forewarn.pipeline import extract_inputs
from forewarn.records import Document

HARBOUR_URL = "https://news.example.org/2025/03/harbour-strike"
FLOOD_URL = "https://news.example.org/2025/03/river-flooding"

HARBOUR_TEXT = (
    "Dock workers in the port city of Halden walked off the job on Tuesday, halting the "
    "loading of grain ships for the second time this month.",
    "Union leaders said the strike would continue until the port authority agreed to review "
    "night-shift pay, which has not changed in six years.",
    "The port authority said in a statement that talks were planned for Friday.",
)
FLOOD_TEXT = (
    "Heavy rain pushed the Varna river over its banks on Sunday night, flooding low-lying "
    "streets in three villages north of the regional capital.",
    "Emergency crews moved about two hundred residents to a school gym, and officials said "
    "no injuries had been reported.",
)


def _page(title: str, paragraphs: tuple[str, ...]) -> bytes:
    body = "".join(f"<p>{paragraph}</p>\n" for paragraph in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>\n{body}</article></body></html>"
    ).encode()


def _response(
    writer: WARCWriter, url: str, body: bytes, content_type: str, status: str = "200 OK"
) -> None:
    headers = [("Content-Type", content_type), ("Content-Length", str(len(body)))]
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=http)
    )


def _write_crawl(path: Path, *, compress: bool) -> Path:
    """Two news pages among the records a crawler also writes: request, image, 404, redirect."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=compress)
        request = StatusAndHeaders(
            "GET /2025/03/harbour-strike HTTP/1.1",
            [("Host", "news.example.org")],
            is_http_request=True,
        )
        writer.write_record(writer.create_warc_record(HARBOUR_URL, "request", http_headers=request))
        _response(
            writer, HARBOUR_URL, _page("Dock strike halts grain ships", HARBOUR_TEXT), "text/html"
        )
        _response(
            writer,
            "https://news.example.org/logo.png",
            b"\x89PNG\r\n\x1a\n" + bytes(64),
            "image/png",
        )
        _response(
            writer,
            "https://news.example.org/missing",
            _page("Not found", ("This page does not exist.",)),
            "text/html",
            status="404 Not Found",
        )
        _response(
            writer,
            "http://news.example.org/2025/03/river-flooding",
            b"<html><body>Moved</body></html>",
            "text/html",
            status="301 Moved Permanently",
        )
        _response(
            writer,
            FLOOD_URL,
            _page("River floods three villages", FLOOD_TEXT),
            "application/xhtml+xml; charset=utf-8",
        )
    return path


def _read(*paths: Path, **options: object) -> list[RawInput | InputFailure]:
    return list(iter_inputs(list(paths), **options))  # type: ignore[arg-type]


@pytest.mark.parametrize("compressed", [True, False], ids=["warc.gz", "warc"])
def test_only_html_200_responses_become_inputs(tmp_path: Path, compressed: bool) -> None:
    name = "crawl.warc.gz" if compressed else "crawl.warc"
    path = _write_crawl(tmp_path / name, compress=compressed)
    items = _read(path, input_format="text")  # a WARC is read as a WARC whatever the format
    assert all(isinstance(item, RawInput) for item in items), items
    assert [item.url for item in items] == [HARBOUR_URL, FLOOD_URL]
    harbour, flood = items
    assert isinstance(harbour, RawInput) and isinstance(flood, RawInput)
    assert all(paragraph in (harbour.html or "") for paragraph in HARBOUR_TEXT)
    assert all(paragraph in (flood.html or "") for paragraph in FLOOD_TEXT)
    assert harbour.origin == f"{path}:{HARBOUR_URL}"
    assert harbour.text is None and harbour.id is None and harbour.published is None


def test_declared_charset_is_used(tmp_path: Path) -> None:
    path = tmp_path / "latin.warc"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        body = "<html><body><p>Café owners in Liège protested.</p></body></html>"
        _response(writer, HARBOUR_URL, body.encode("latin-1"), "text/html; charset=ISO-8859-1")
    (item,) = _read(path)
    assert isinstance(item, RawInput) and "Café owners in Liège" in (item.html or "")


def test_http_content_encoding_is_undone(tmp_path: Path) -> None:
    path = tmp_path / "encoded.warc"
    body = gzip.compress(_page("Dock strike halts grain ships", HARBOUR_TEXT))
    http = StatusAndHeaders(
        "200 OK",
        [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
        protocol="HTTP/1.1",
    )
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        writer.write_record(
            writer.create_warc_record(
                HARBOUR_URL, "response", payload=BytesIO(body), http_headers=http
            )
        )
    (item,) = _read(path)
    assert isinstance(item, RawInput) and HARBOUR_TEXT[0] in (item.html or "")


def test_whole_file_gzip_is_read_too(tmp_path: Path) -> None:
    plain = _write_crawl(tmp_path / "crawl.warc", compress=False)
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    assert [getattr(item, "url", None) for item in _read(whole)] == [HARBOUR_URL, FLOOD_URL]


def test_directory_with_warc_and_text(tmp_path: Path) -> None:
    _write_crawl(tmp_path / "crawl.warc.gz", compress=True)
    (tmp_path / "note.txt").write_text(" ".join(FLOOD_TEXT), encoding="utf-8")
    items = _read(tmp_path)
    assert all(isinstance(item, RawInput) for item in items), items
    assert [item.url for item in items] == [HARBOUR_URL, FLOOD_URL, None]
    assert items[2].origin == str(tmp_path / "note.txt")


def test_truncated_warc_gz_keeps_records_before_the_cut(tmp_path: Path) -> None:
    good = _write_crawl(tmp_path / "good.warc.gz", compress=True)
    data = good.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) // 2])
    items = _read(cut)
    *pages, failure = items
    assert pages and all(isinstance(page, RawInput) for page in pages)
    assert [page.url for page in pages] == [HARBOUR_URL]
    assert isinstance(failure, InputFailure) and failure.kind == "failed"
    assert failure.origin == str(cut) and failure.reason.startswith(f"{cut}: ")
    assert "truncated" in failure.reason and "\n" not in failure.reason


def test_truncated_plain_warc_is_a_failure_not_a_short_page(tmp_path: Path) -> None:
    good = _write_crawl(tmp_path / "good.warc", compress=False)
    data = good.read_bytes()
    end_of_flood_page = data.rindex(b"</html>")
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[:end_of_flood_page])
    items = _read(cut)
    assert [type(item) for item in items] == [RawInput, InputFailure]
    failure = items[-1]
    assert isinstance(failure, InputFailure) and failure.origin == str(cut)
    assert "cut short" in failure.reason


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "x.warc"
    path.write_text(" ".join(HARBOUR_TEXT), encoding="utf-8")
    (failure,) = _read(path)
    assert isinstance(failure, InputFailure) and failure.kind == "failed"
    assert failure.origin == str(path) and "not a WARC file" in failure.reason
    gzipped = tmp_path / "x.warc.gz"
    gzipped.write_bytes(gzip.compress(b"<html>not a crawl</html>"))
    (failure,) = _read(gzipped)
    assert isinstance(failure, InputFailure) and "not a WARC file" in failure.reason


def test_page_over_max_bytes_fails_as_an_oversized_file_does(tmp_path: Path) -> None:
    path = _write_crawl(tmp_path / "crawl.warc.gz", compress=True)
    items = _read(path, max_bytes=500)
    big = [item for item in items if isinstance(item, InputFailure)]
    assert [item.origin for item in big] == [f"{path}:{HARBOUR_URL}"]
    assert big[0].kind == "failed" and "larger than the 500-byte limit" in big[0].reason
    assert [item.url for item in items if isinstance(item, RawInput)] == [FLOOD_URL]


def test_huge_page_fails_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "huge.warc.gz"
    paragraph = f"<p>{HARBOUR_TEXT[0]}</p>\n".encode()
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        _response(writer, HARBOUR_URL, paragraph * (8_000_000 // len(paragraph)), "text/html")
        _response(writer, FLOOD_URL, _page("River floods three villages", FLOOD_TEXT), "text/html")
    tracemalloc.start()
    try:
        items = _read(path, max_bytes=100_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(items[0], InputFailure) and items[0].kind == "failed"
    assert [getattr(item, "url", None) for item in items[1:]] == [FLOOD_URL]
    assert peak < 2_000_000, peak


def test_warc_without_pages_says_so(tmp_path: Path) -> None:
    path = tmp_path / "images.warc"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        _response(writer, "https://news.example.org/logo.png", b"\x89PNG", "image/png")
    (failure,) = _read(path)
    assert isinstance(failure, InputFailure) and failure.kind == "skipped"
    assert "no HTML pages" in failure.reason


def test_extract_inputs_from_a_warc(tmp_path: Path, extractor) -> None:
    path = _write_crawl(tmp_path / "crawl.warc.gz", compress=True)
    outcomes = list(extract_inputs([path], extractor))
    documents = [outcome for outcome in outcomes if isinstance(outcome, Document)]
    assert len(documents) == 2, outcomes
    by_url = {document.article.url: document for document in documents}
    assert set(by_url) == {HARBOUR_URL, FLOOD_URL}
    assert "halting the loading of grain ships" in by_url[HARBOUR_URL].article.text
    assert "flooding low-lying streets" in by_url[FLOOD_URL].article.text
