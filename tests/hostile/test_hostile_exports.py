"""Issue 14, items 8-10: exports that overwrite the store, run as formulas, break lines."""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
import sqlite3

import pytest
from cli_support import run


@pytest.fixture
def store_copy(hostile_store, tmp_path):
    store = tmp_path / "c.db"
    shutil.copy(hostile_store, store)
    return store


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_export_refuses_to_write_over_the_store_or_its_files(store_copy, tmp_path):
    (tmp_path / "link.db").symlink_to(store_copy)
    before = _digest(store_copy)
    for target in ("c.db", "c.db-wal", "c.db-shm", "link.db", store_copy):
        result = run(
            "export", "--format", "csv", "--db", "c.db", "-o", target, "--force", cwd=tmp_path
        )
        assert result.returncode == 1, (target, result.stderr)
        assert "is the store" in result.stderr and "another file" in result.stderr
    assert _digest(store_copy) == before
    with sqlite3.connect(store_copy) as connection:
        assert connection.execute("SELECT count(*) FROM articles").fetchone() == (1,)


def test_export_replaces_an_existing_file_only_with_force(store_copy, tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("keep me\n", encoding="utf-8")

    refused = run("export", "--format", "csv", "--db", store_copy, "-o", target)
    assert refused.returncode == 1
    assert f"{target}: already exists" in refused.stderr and "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "keep me\n"

    forced = run("export", "--format", "csv", "--db", store_copy, "-o", target, "--force")
    assert forced.returncode == 0, forced.stderr
    assert target.read_text(encoding="utf-8").startswith("article_id,")


# --- item 9: CSV formula injection ----------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(
    "command",
    [["export", "--format", "csv"], ["events", "--format", "csv"], ["claims", "--format", "csv"]],
)
def test_csv_cells_that_start_like_a_formula_are_neutralised(hostile_store, command):
    safe = run(*command, "--db", hostile_store)
    raw = run(*command, "--db", hostile_store, "--raw-csv")

    assert safe.returncode == raw.returncode == 0, safe.stderr + raw.stderr
    safe_rows, raw_rows = _csv_rows(safe.stdout), _csv_rows(raw.stdout)
    assert safe_rows and len(safe_rows) == len(raw_rows)
    cells = [cell for row in safe_rows for cell in row.values() if cell]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    assert safe_rows[0]["article_id"] == "'=1+1" and raw_rows[0]["article_id"] == "=1+1"
    for safe_row, raw_row in zip(safe_rows, raw_rows, strict=True):
        for column, value in raw_row.items():
            expected = "'" + value if value.startswith(FORMULA_STARTS) else value
            assert safe_row[column] == expected, column
