"""Issue 14, items 6 and 7 and the quoted ``**`` pattern: inputs a crawl or a feed hands over.

A blank-line bomb, UTF-16 files, a date written the European way, standard input, inputs over
the size limit, and a recursive pattern through a link loop.
"""

from __future__ import annotations

import json
import time
import zlib
from io import BytesIO
from pathlib import Path

from cli_support import run
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from forewarn.ingest import InputFailure, RawInput, iter_inputs
from forewarn.ingest.readers import MAX_LINES_WITHOUT_A_RECORD

ARTICLE = "Russian forces shelled Kharkiv on Monday, killing three civilians, officials said."
OTHER_ARTICLE = "Protesters marched in Tbilisi on Sunday against the new foreign agents law."


def _jsonl(*records: dict[str, str]) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


def _gzip_of_newlines(size: int) -> bytes:
    """``size`` bytes of newlines, gzipped (a few hundred kilobytes for 200 MB)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # wbits 31: a gzip member
    block = b"\n" * (1 << 20)
    parts = [compressor.compress(block) for _ in range(size // len(block))]
    return b"".join(parts) + compressor.flush()


def test_a_blank_line_bomb_is_one_failure_naming_the_file_and_the_run_goes_on(tmp_path):
    bomb = tmp_path / "a_bomb.jsonl.gz"
    bomb.write_bytes(_gzip_of_newlines(200 << 20))
    (tmp_path / "b_batch.jsonl").write_text(_jsonl({"id": "kept", "text": ARTICLE}))

    started = time.monotonic()
    result = run("extract", tmp_path, "--format", "jsonl")
    elapsed = time.monotonic() - started

    assert elapsed < 10, "the bomb was read line by line instead of being cut off"
    line = MAX_LINES_WITHOUT_A_RECORD + 1
    assert (
        f"failed: {bomb}:{line}: {MAX_LINES_WITHOUT_A_RECORD} lines in a row hold no JSON "
        "record (blank or unreadable); the rest of the file is not read"
    ) in result.stderr
    assert "read 2, extracted 1, skipped 0, failed 1" in result.stderr
    assert result.returncode == 1
    assert [json.loads(line)["article"]["id"] for line in result.stdout.splitlines()] == ["kept"]


def test_blank_lines_between_records_are_no_bomb(tmp_path):
    path = tmp_path / "spaced.jsonl"
    spacer = "\n" * (MAX_LINES_WITHOUT_A_RECORD - 1)
    record = _jsonl({"text": ARTICLE})
    path.write_text(record + spacer + record + spacer + record)

    items = list(iter_inputs([path]))

    assert [type(item) for item in items] == [RawInput] * 3


def test_utf16_text_and_html_with_a_byte_order_mark_are_decoded(tmp_path):
    text_file, page = tmp_path / "story.txt", tmp_path / "page.html"
    text_file.write_bytes(ARTICLE.encode("utf-16"))  # little-endian, with its mark
    html = f"<html><body><p>{ARTICLE}</p></body></html>"
    page.write_bytes(b"\xfe\xff" + html.encode("utf-16-be"))

    story, web_page = iter_inputs([text_file, page])

    assert isinstance(story, RawInput) and story.text == ARTICLE
    assert isinstance(web_page, RawInput) and web_page.html == html


def test_utf16_that_is_not_is_named_for_what_it_claims(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(b"\xff\xfe" + "Kyiv".encode("utf-16-le") + b"\x00\xdc")  # a lone surrogate

    (failure,) = iter_inputs([path])

    assert isinstance(failure, InputFailure) and failure.kind == "failed"
    assert failure.reason.startswith(
        f"{path}: not UTF-16 text, though it starts with a UTF-16 byte order mark ("
    )


def test_utf16_json_lines_are_one_failure_saying_utf16(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_bytes(_jsonl({"text": ARTICLE}, {"text": OTHER_ARTICLE}).encode("utf-16"))

    (failure,) = iter_inputs([path])

    assert isinstance(failure, InputFailure) and failure.kind == "failed"
    assert failure.reason == (
        f"{path}: JSON Lines must be UTF-8, this file is UTF-16 (iconv -f UTF-16 -t UTF-8)"
    )


def test_a_date_written_another_way_keeps_the_article_undated_with_a_warning(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        _jsonl(
            {"id": "eu-date", "text": ARTICLE, "published": "13/03/2025"},
            {"id": "iso-date", "text": OTHER_ARTICLE, "published": "2025-03-13"},
        )
    )

    result = run("extract", path, "--format", "jsonl")

    assert result.returncode == 0, result.stderr
    assert (
        f"warning: {path}:1: published date '13/03/2025' is not a date (expected YYYY-MM-DD or "
        "an ISO 8601 datetime); the article is kept without a date"
    ) in result.stderr
    assert "read 2, extracted 2, skipped 0, failed 0;" in result.stderr
    assert result.stderr.rstrip().endswith("; 1 warning")
    dates = {
        document["article"]["id"]: document["article"]["published"]
        for document in map(json.loads, result.stdout.splitlines())
    }
    assert dates == {"eu-date": None, "iso-date": "2025-03-13"}


def test_a_bad_date_is_a_warning_in_an_ingest_too(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(_jsonl({"text": ARTICLE, "published": "March the 13th"}))

    result = run("ingest", path, "--db", tmp_path / "store.db")

    assert result.returncode == 0, result.stderr
    assert f"warning: {path}:1: published date 'March the 13th' is not a date" in result.stderr
    assert "read 1, new 1, duplicate 0, skipped 0, failed 0;" in result.stderr
    assert "  warning: published date 'March the 13th' is not a date (1)" in result.stderr


def test_a_dash_reads_standard_input_as_json_lines_or_as_one_text(tmp_path):
    batch = _jsonl({"id": "one", "text": ARTICLE}, {"id": "two", "text": OTHER_ARTICLE})
    batch += "not json\n"

    as_jsonl = run("extract", "-", "--format", "jsonl", stdin=batch.encode())
    as_text = run("extract", "-", "--format", "jsonl", stdin=ARTICLE.encode())

    assert as_jsonl.returncode == 1
    assert "failed: <stdin>:3: not JSON" in as_jsonl.stderr
    ids = [json.loads(line)["article"]["id"] for line in as_jsonl.stdout.splitlines()]
    assert ids == ["one", "two"]
    assert as_text.returncode == 0, as_text.stderr
    (document,) = map(json.loads, as_text.stdout.splitlines())
    assert document["article"]["text"] == ARTICLE


def test_a_long_text_on_standard_input_is_read_whole(tmp_path):
    """Sniffing the format reads the first bytes; they are read again, not lost."""
    sentence = "The talks in Geneva ended on Friday, and the delegations said they would return."
    text = " ".join([sentence] * 100)  # longer than the part sniffed

    result = run("extract", "-", "--format", "jsonl", stdin=text.encode())

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["article"]["text"] == text


def _warc_with_a_page(path: Path, body: bytes) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        headers = [("Content-Type", "text/html"), ("Content-Length", str(len(body)))]
        http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
        record = writer.create_warc_record(
            "https://news.example.org/big", "response", payload=BytesIO(body), http_headers=http
        )
        writer.write_record(record)


def test_an_input_over_the_size_limit_fails_whether_file_line_or_crawled_page(tmp_path):
    limit = 1000
    big = f"<html><body><p>{ARTICLE * 20}</p></body></html>"
    (tmp_path / "big.html").write_text(big)
    (tmp_path / "batch.jsonl").write_text(_jsonl({"text": big}))
    _warc_with_a_page(tmp_path / "crawl.warc.gz", big.encode())

    failures = list(iter_inputs([tmp_path], max_bytes=limit))

    assert all(isinstance(failure, InputFailure) for failure in failures), failures
    assert [(failure.origin, failure.kind) for failure in failures] == [
        (f"{tmp_path / 'batch.jsonl'}:1", "failed"),
        (str(tmp_path / "big.html"), "failed"),
        (f"{tmp_path / 'crawl.warc.gz'}:https://news.example.org/big", "failed"),
    ]
    assert all(f"larger than the {limit}-byte limit" in f.reason for f in failures)


def test_a_quoted_recursive_pattern_enters_each_real_folder_once(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(ARTICLE)
    (tmp_path / "sub" / "notes.csv").write_text("not an article")
    (tmp_path / "loop").symlink_to(".")

    items = list(iter_inputs([str(tmp_path / "**" / "*.txt")]))

    assert [item.origin for item in items] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "sub" / "b.txt"),
    ]


def test_a_recursive_pattern_matching_nothing_says_so(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    pattern = str(tmp_path / "**" / "*.warc.gz")

    (failure,) = iter_inputs([pattern])

    assert isinstance(failure, InputFailure)
    assert failure.reason == f"{pattern}: no file matches this pattern"
