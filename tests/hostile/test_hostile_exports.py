"""Issue 14, item 8: ``export -o`` must not write over the store, nor any file unasked."""

from __future__ import annotations

import hashlib
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
