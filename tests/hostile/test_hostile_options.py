"""Issue 14, item 12: a --limit past 64 bits was a traceback and a negative one meant "all";
a password given as a URL query parameter was printed in clear."""

from __future__ import annotations

import pytest
from cli_support import run


@pytest.mark.parametrize("command", ["events", "claims", "actors", "incidents"])
@pytest.mark.parametrize("limit", ["-1", "9223372036854775808", "99999999999999999999999"])
def test_a_limit_out_of_range_is_a_usage_error(hostile_store, command, limit):
    result = run(command, "--db", hostile_store, "--limit", limit)
    assert result.returncode == 2, (command, limit, result.stderr)
    assert "--limit" in result.stderr and result.stdout == ""


def test_the_largest_limit_is_taken(hostile_store):
    result = run("events", "--db", hostile_store, "--limit", str(2**63 - 1), "--format", "json")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://u@127.0.0.1:1/x?password=secret",
        "postgresql+psycopg://u:secret@127.0.0.1:1/x?sslmode=disable&PASSWORD=secret",
        "postgresql+psycopg://u@127.0.0.1:1/x?password=secret&x=[",
    ],
)
def test_a_password_query_parameter_is_masked(url):
    for command in (["events"], ["export", "--format", "jsonl"]):
        result = run(*command, "--db", url)
        assert result.returncode == 1, result.stderr
        assert "secret" not in result.stderr + result.stdout
        assert "***" in result.stderr


def test_a_database_forewarn_does_not_support_is_one_line_not_a_traceback(tmp_path):
    result = run("events", "--db", "mysql://someone@localhost/forewarn")
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert "unsupported database" in line and "SQLite and PostgreSQL" in line
