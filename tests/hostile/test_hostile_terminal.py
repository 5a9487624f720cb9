"""Issue 14, item 11: stored text reached the terminal with its escape sequences (clear the
screen, retitle the window, colour) and its square brackets read as Rich markup."""

from __future__ import annotations

import json
import re

from cli_support import run

# Any control character but the line feed that ends each table line.
_RAW_CONTROL_RE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def test_tables_of_stored_records_show_control_characters_escaped(hostile_store):
    for command in ("events", "claims", "actors", "stats"):
        result = run(command, "--db", hostile_store)
        assert result.returncode == 0, (command, result.stderr)
        assert not _RAW_CONTROL_RE.search(result.stdout), command
    events = run("events", "--db", hostile_store).stdout
    assert "\\x1b[2J\\x1b]0;owned\\x07" in events.replace("\n", "").replace("│", "").replace(
        " ", ""
    )


def test_extract_tables_and_failure_lines_print_input_text_literally(tmp_path):
    story = tmp_path / "story.jsonl"
    record = {
        "title": "Markup [bold]Is[/bold] Not Applied [/red]\x1b[2J",
        "text": "Russian forces shelled Kharkiv on Monday,\x1b]0;owned\x07 killing three "
        "civilians, [blink]Ukrainian officials[/blink] said.",
    }
    story.write_text(json.dumps(record) + "\n", encoding="utf-8")
    empty = tmp_path / "[red]empty\x1b[2J.txt"
    empty.write_text("", encoding="utf-8")

    result = run("extract", story, empty)

    assert result.returncode == 0, result.stderr
    assert not _RAW_CONTROL_RE.search(result.stdout + result.stderr)
    assert "Markup [bold]Is[/bold] Not Applied [/red]\\x1b[2J" in result.stdout
    assert "blink]Ukrainian officials[/blink" in result.stdout  # the speaker, brackets kept
    assert "\\x1b]0;owned\\x07" in result.stdout.replace("\n", "").replace("│", "").replace(" ", "")
    assert f"skipped: {tmp_path}/[red]empty\\x1b[2J.txt" in result.stderr.replace("\n", "")
