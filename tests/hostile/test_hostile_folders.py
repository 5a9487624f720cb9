"""Issue 14, items 2 and 3: folder walks through link loops and unreadable folders or files.

The test runs as root in CI, where permissions do not stop a read: "cannot be read" is made
by making ``os.scandir`` or ``os.stat`` refuse one path, as the kernel would for another user.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from cli_support import run

from forewarn.ingest import InputFailure, RawInput, iter_inputs

ARTICLE = "Russian forces shelled Kharkiv on Monday, Ukrainian officials said."


def _refuse(monkeypatch, name: str, refused: Path) -> None:
    """``os.<name>(refused)`` raises PermissionError; every other call goes through."""
    real = getattr(os, name)

    def refusing(path, *args, **kwargs):
        if os.fspath(path) == str(refused):
            raise PermissionError(errno.EACCES, "Permission denied", str(refused))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, name, refusing)


def test_links_back_up_the_tree_are_not_walked_again(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    for sub in ("b", "c"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "story.txt").write_text(ARTICLE, encoding="utf-8")
        (tmp_path / sub / "up").symlink_to("..")
    (tmp_path / "loop").symlink_to(".")
    (tmp_path / "loop2").symlink_to(".")
    listed: list[str] = []
    real_scandir = os.scandir
    monkeypatch.setattr(os, "scandir", lambda path: listed.append(path) or real_scandir(path))

    walk = iter_inputs([tmp_path])
    first = next(walk)
    assert len(listed) == 1, "the walk lists folders as it goes, not all of them first"
    origins = [first.origin, *(item.origin for item in walk)]

    assert origins == [str(tmp_path / name) for name in ("a.txt", "b/story.txt", "c/story.txt")]


def test_an_unreadable_subfolder_is_one_failure_and_the_rest_is_read(tmp_path, monkeypatch):
    for name in ("a", "locked", "z"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "story.txt").write_text(ARTICLE, encoding="utf-8")
    _refuse(monkeypatch, "scandir", tmp_path / "locked")
    _refuse(monkeypatch, "listdir", tmp_path / "locked")

    items = list(iter_inputs([tmp_path]))

    assert [item.origin for item in items if isinstance(item, RawInput)] == [
        str(tmp_path / "a" / "story.txt"),
        str(tmp_path / "z" / "story.txt"),
    ]
    (failure,) = [item for item in items if isinstance(item, InputFailure)]
    assert failure.reason == f"{tmp_path / 'locked'}: cannot be read (Permission denied)"
    assert failure.kind == "failed"


def test_an_unreadable_file_on_the_command_line_is_a_failed_input(tmp_path, monkeypatch):
    readable, unreadable = tmp_path / "a.txt", tmp_path / "locked" / "b.txt"
    readable.write_text(ARTICLE, encoding="utf-8")
    unreadable.parent.mkdir()
    unreadable.write_text(ARTICLE, encoding="utf-8")
    _refuse(monkeypatch, "stat", unreadable)

    result = run("extract", unreadable, readable, "--format", "jsonl")

    assert result.returncode == 1, result.stderr
    assert f"failed: {unreadable}: cannot be read (Permission denied)" in result.stderr
    assert "extracted 1, skipped 0, failed 1" in result.stderr
    assert len(result.stdout.splitlines()) == 1
