"""Issue 14, items 8-10: exports that overwrite the store, run as formulas, break lines."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import sqlite3

import pytest
from cli_support import run
from hostile_support import HOSTILE_RECORD

from forewarn.errors import ConfigError
from forewarn.export import CAMEO_COLUMNS, write_export
from forewarn.gazetteer.actor_data import read_user_file
from forewarn.records import Actor, Article


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


# --- item 10: the CAMEO/GDELT TSV stays one row per line, one column per tab ----------------


def test_cameo_rows_stay_on_one_line_whatever_the_names_hold(extractor):
    document = extractor.extract(
        Article(id="t", title=None, published="2025-03-13", text=HOSTILE_RECORD["text"])
    )
    hostile_names = ["Evil\tName", "Two\nLines", "Carriage\rReturn", 'Quoted "Name"']
    for event, name in zip(document.events, hostile_names, strict=False):
        event.actor = [Actor(text=name, name=name, country="RUS")]
    output = io.BytesIO()

    count = write_export([document], "cameo", output)

    lines = output.getvalue().decode("utf-8").split("\n")
    assert lines.pop() == ""
    assert count == len(document.events) == len(lines) - 1 > 1
    assert all(len(line.split("\t")) == len(CAMEO_COLUMNS) for line in lines)
    names = [line.split("\t")[CAMEO_COLUMNS.index("Actor1Name")] for line in lines[1:]]
    expected = ["Evil Name", "Two Lines", "Carriage Return", 'Quoted "Name"']
    assert names == expected[: len(names)]


@pytest.mark.parametrize("name", ["Tab\tBrigade", "Line\nBrigade", "Esc\x1b[2JBrigade"])
def test_actor_file_names_with_control_characters_are_refused(tmp_path, name):
    actors = tmp_path / "actors.jsonl"
    row = {"id": "group:x", "name": "Hill Brigade", "aliases": [name], "country": "MDA"}
    actors.write_text(json.dumps(row) + "\n" + json.dumps({**row, "name": name}) + "\n")
    with pytest.raises(ConfigError, match=f"{actors}:1: .*one line"):
        read_user_file(actors)
    actors.write_text(json.dumps({**row, "aliases": []}) + "\n" + json.dumps({**row, "name": name}))
    with pytest.raises(ConfigError, match=f"{actors}:2: .*one line"):
        read_user_file(actors)
