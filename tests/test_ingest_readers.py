"""Readers: every path yields RawInput or InputFailure naming the file; nothing raises."""

from __future__ import annotations

import gzip
import json
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forewarn.ingest import InputFailure, RawInput, iter_inputs

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
ARTICLE = "Officials in Kyiv said on Monday that talks would resume next week.\n"


def _read(*paths: Path | str, **options: object) -> list[RawInput | InputFailure]:
    return list(iter_inputs(list(paths), **options))  # type: ignore[arg-type]


def _only(items: list[RawInput | InputFailure]) -> RawInput | InputFailure:
    assert len(items) == 1, items
    return items[0]


def test_plain_text_file(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    item = _only(_read(path))
    assert isinstance(item, RawInput)
    assert item.text == ARTICLE and item.html is None and item.origin == str(path)


def test_html_by_suffix_and_by_sniffing(tmp_path: Path) -> None:
    by_suffix = tmp_path / "page.htm"
    by_suffix.write_text("Just words, no tags.", encoding="utf-8")
    sniffed = tmp_path / "page.txt"
    sniffed.write_text("  <!DOCTYPE html><html><body><p>Hi</p></body></html>", encoding="utf-8")
    items = _read(by_suffix, sniffed)
    assert all(isinstance(item, RawInput) and item.html and item.text is None for item in items)


def test_forced_text_format_keeps_markup_as_text(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text("<p>Hello</p>", encoding="utf-8")
    item = _only(_read(path, input_format="text"))
    assert isinstance(item, RawInput) and item.text == "<p>Hello</p>"


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode())
    item = _only(_read(path))
    assert isinstance(item, RawInput) and item.text == ARTICLE


def test_gzip_text_and_html(tmp_path: Path) -> None:
    text_gz = tmp_path / "a.txt.gz"
    text_gz.write_bytes(gzip.compress(ARTICLE.encode()))
    html_gz = tmp_path / "b.html.gz"
    html_gz.write_bytes(gzip.compress(b"<html><body><p>x</p></body></html>"))
    first, second = _read(text_gz, html_gz)
    assert isinstance(first, RawInput) and first.text == ARTICLE
    assert isinstance(second, RawInput) and second.html is not None


def test_jsonl_with_bad_lines_in_the_middle(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps(
            {"id": "a1", "text": ARTICLE, "published": "2025-03-13", "url": "https://x.org/1"}
        ),
        "{not json",
        "[1, 2]",
        json.dumps({"id": "a3", "title": "No body"}),
        json.dumps({"id": "a4", "text": ARTICLE, "published": 20250313}),
        "",
        json.dumps({"id": 7, "html": "<p>Body</p>", "source": "Wire"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _read(path)
    assert [type(item).__name__ for item in items] == [
        "RawInput",
        "InputFailure",
        "InputFailure",
        "InputFailure",
        "InputFailure",
        "RawInput",
    ]
    first, last = items[0], items[-1]
    assert isinstance(first, RawInput) and first.id == "a1" and first.origin == f"{path}:1"
    assert first.published == "2025-03-13" and first.url == "https://x.org/1"
    assert isinstance(last, RawInput) and last.id == "7" and last.html == "<p>Body</p>"
    reasons = [item.reason for item in items if isinstance(item, InputFailure)]
    assert reasons[0].startswith(f"{path}:2: not JSON")
    assert reasons[1] == f"{path}:3: expected a JSON object, found an array"
    assert "neither" in reasons[2] and reasons[2].startswith(f"{path}:4:")
    assert reasons[3] == f"{path}:5: field 'published' must be a string, found a number"
    assert all(item.kind == "failed" for item in items if isinstance(item, InputFailure))


def test_jsonl_gz_and_invalid_utf8_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl.gz"
    good = json.dumps({"id": "g", "text": ARTICLE}).encode()
    path.write_bytes(gzip.compress(good + b"\n" + b'{"text": "\xff"}\n' + good + b"\n"))
    items = _read(path)
    assert isinstance(items[0], RawInput) and isinstance(items[2], RawInput)
    assert isinstance(items[1], InputFailure) and items[1].reason.startswith(f"{path}:2: not UTF-8")


def test_jsonl_line_over_the_limit_fails_alone_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    huge = json.dumps({"text": "word " * 5000})
    path.write_text(huge + "\n" + json.dumps({"text": ARTICLE}) + "\n", encoding="utf-8")
    failure, record = _read(path, max_bytes=1000)
    assert isinstance(failure, InputFailure) and "larger than" in failure.reason
    assert failure.origin == f"{path}:1" and failure.kind == "failed"
    assert isinstance(record, RawInput) and record.origin == f"{path}:2"


@pytest.mark.parametrize(
    ("name", "content", "expected", "kind"),
    [
        ("empty.txt", b"", "empty file", "skipped"),
        ("blank.txt", b"  \n\n ", "empty file", "skipped"),
        (
            "binary.txt",
            b"PK\x03\x04\x00\x00data",
            "binary data, not text (NUL byte at offset 4)",
            "failed",
        ),
        (
            "latin1.txt",
            b"Caf\xe9 talks",
            "not UTF-8 text (invalid byte 0xe9 at offset 3)",
            "failed",
        ),
        ("broken.txt.gz", b"\x1f\x8b\x08\x00garbage", "corrupt gzip data", "failed"),
        ("notgzip.html.gz", b"<html>plain</html>", "corrupt gzip data", "failed"),
        ("empty.jsonl", b"\n\n", "empty file", "skipped"),
    ],
)
def test_bad_inputs_fail_with_the_file_named_and_the_next_input_is_read(
    tmp_path: Path, name: str, content: bytes, expected: str, kind: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    failure, record = _read(bad, good)
    assert isinstance(failure, InputFailure)
    assert failure.reason.startswith(f"{bad}: ") and expected in failure.reason
    assert failure.kind == kind and "\n" not in failure.reason
    assert isinstance(record, RawInput) and record.text == ARTICLE


def test_missing_file_and_empty_directory(tmp_path: Path) -> None:
    empty = tmp_path / "nothing"
    empty.mkdir()
    (empty / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    missing, no_files = _read(tmp_path / "missing.txt", empty)
    assert isinstance(missing, InputFailure)
    assert missing.reason == f"{tmp_path / 'missing.txt'}: no such file or directory"
    assert isinstance(no_files, InputFailure) and "directory has no input files" in no_files.reason


def test_directory_is_walked_recursively_in_order_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b" / "2.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": ARTICLE}) + "\n", encoding="utf-8")
    origins = [item.origin for item in _read(tmp_path)]
    assert origins == [
        str(tmp_path / "a.html"),
        str(tmp_path / "b" / "2.txt"),
        f"{tmp_path / 'c.jsonl'}:1",
    ]


def test_a_folder_walk_leaves_out_what_is_no_article_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "README.md").write_text("| col | col |\n| Russia shelled Kyiv |\n", "utf-8")
    (tmp_path / "notes.csv").write_text("actor,target\nRUS,UKR\n", encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    items = _read(tmp_path)
    assert [item.origin for item in items if isinstance(item, RawInput)] == [
        str(tmp_path / "story.txt")
    ]
    left_out = [item for item in items if isinstance(item, InputFailure)]
    assert sorted(item.origin for item in left_out) == sorted(
        str(tmp_path / name) for name in ("README.md", "notes.csv", "photo.jpg")
    )
    assert all(item.kind == "skipped" for item in left_out)
    assert all("not an article format" in item.reason for item in left_out)
    # named on its own, a file is read whatever its name
    assert isinstance(_only(_read(tmp_path / "README.md")), RawInput)


def test_html_declaring_another_charset_is_decoded_with_it(tmp_path: Path) -> None:
    path = tmp_path / "old.html"
    path.write_bytes(b'<html><head><meta charset="windows-1252"></head><body>Caf\xe9</body></html>')
    item = _only(_read(path))
    assert isinstance(item, RawInput) and "Café" in (item.html or "")


def test_fifty_megabyte_page_fails_fast_with_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    chunk = b"<p>" + b"word " * 200 + b"</p>\n"
    with path.open("wb") as handle:
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            handle.write(chunk)
    limit = 1024 * 1024
    tracemalloc.start()
    try:
        failure = _only(_read(path, max_bytes=limit))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(failure, InputFailure) and failure.kind == "failed"
    assert failure.reason == f"{path}: size larger than the {limit}-byte limit (max_input_bytes)"
    assert peak < 4 * limit  # read at most limit + 1 bytes, never the 50 MB


def test_gzip_bomb_is_refused_after_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * (20 * 1024 * 1024)))
    failure = _only(_read(path, max_bytes=100_000))
    assert isinstance(failure, InputFailure) and "decompressed size larger than" in failure.reason


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=0, max_size=300))
def test_any_unicode_text_round_trips_or_fails_cleanly(tmp_path: Path, text: str) -> None:
    path = tmp_path / "any.txt"
    path.write_bytes(text.encode("utf-8"))
    item = _only(_read(path, input_format="text"))
    if isinstance(item, RawInput):
        assert item.text == text.removeprefix("\ufeff")
    else:
        assert item.reason.startswith(f"{path}: ")
        assert not text.strip() or "\x00" in text


@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.binary(max_size=400), suffix=st.sampled_from([".txt", ".html", ".jsonl", ".txt.gz", ""])
)
def test_arbitrary_bytes_never_raise(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"blob{suffix}"
    path.write_bytes(data)
    for item in _read(path):
        assert isinstance(item, RawInput | InputFailure)
        assert item.origin.startswith(str(path))
