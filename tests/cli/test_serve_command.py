"""``forewarn token`` and ``forewarn serve``: tokens made, listed and revoked from the shell;
the server as a real process, refusing a store that does not exist, never logging a token."""

from __future__ import annotations

import socket
import subprocess
import time

import httpx
from cli_support import ENTRY_POINT, entry_point_env, run


def test_tokens_are_made_listed_and_revoked(tmp_path):
    store = tmp_path / "tokens.db"
    made = run("token", "create", "crawler", "--db", store)
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    assert len(token) >= 43
    listed = run("token", "list", "--db", store)
    assert listed.stdout.startswith("crawler\t") and token not in listed.stdout
    assert run("token", "create", "crawler", "--db", store).returncode == 1
    assert run("token", "revoke", "crawler", "--db", store).returncode == 0
    assert run("token", "list", "--db", store).stdout == ""
    again = run("token", "revoke", "crawler", "--db", store)
    assert again.returncode == 1
    assert (
        again.stderr.strip() == "error: no token named 'crawler' (`forewarn token list` shows them)"
    )


def test_serve_refuses_a_store_that_does_not_exist(tmp_path):
    result = run("serve", "--db", tmp_path / "missing.db")
    assert result.returncode == 1
    assert result.stderr.startswith("error: no store at")
    assert not (tmp_path / "missing.db").exists()


def test_serve_answers_over_http_and_never_logs_a_token(tmp_path):
    store = tmp_path / "served.db"
    token = run("token", "create", "crawler", "--db", store).stdout.strip()
    port = _free_port()
    server = subprocess.Popen(
        [*ENTRY_POINT, "serve", "--db", str(store), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=entry_point_env(),
    )
    try:
        stats = _wait_for(f"http://127.0.0.1:{port}/api/stats")
        assert stats.json()["articles"] == 0
        refused = httpx.post(
            f"http://127.0.0.1:{port}/api/articles",
            content=b"[]",
            headers={"Authorization": f"Bearer {token}"},
        )
        assert refused.status_code == 422
    finally:
        server.terminate()
        log, _ = server.communicate(timeout=10)
    assert "POST /api/articles" in log  # the access log is on, and shows paths only
    assert token not in log
    assert "Traceback" not in log


def _wait_for(url: str, timeout: float = 30) -> httpx.Response:
    deadline = time.monotonic() + timeout
    while True:
        try:
            return httpx.get(url)
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_with_two_workers_answers_from_both(tmp_path):
    store = tmp_path / "served.db"
    run("token", "create", "crawler", "--db", store)
    port = _free_port()
    server = subprocess.Popen(
        [*ENTRY_POINT, "serve", "--db", str(store), "--port", str(port), "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=entry_point_env(),
    )
    try:
        assert _wait_for(f"http://127.0.0.1:{port}/api/stats").json()["articles"] == 0
        with httpx.Client() as client:
            answers = [client.get(f"http://127.0.0.1:{port}/api/events") for _ in range(20)]
        assert {answer.status_code for answer in answers} == {200}
    finally:
        server.terminate()
        log, _ = server.communicate(timeout=20)
    assert log.count("Started server process") == 2, log
    assert "Traceback" not in log
