"""Running `forewarn` in the CLI tests (imported by name: tests/cli is not a package).

:func:`run` invokes the Typer app in this process: every command shares the extractor the
session already loaded, so a command costs what its work costs, not a model load. A command
that raises fails the test with its traceback. :func:`run_entry_point` starts the installed
entry point (``python -m forewarn``) as its own process, for what only a real process shows:
exit statuses as a shell sees them, stderr without a traceback, a reader that closes the pipe.

Both answer with a ``subprocess.CompletedProcess`` (``returncode``, ``stdout``, ``stderr``),
and both unset ``FOREWARN_DB`` unless ``env`` sets it: a developer's own store never leaks in.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from typer.testing import CliRunner

from forewarn.cli import app

ROOT = Path(__file__).resolve().parents[2]
ENTRY_POINT = [sys.executable, "-m", "forewarn"]
# The worktree's package, not whichever forewarn the interpreter has installed.
PYTHONPATH = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))

_runner = CliRunner()


def run(
    *args: str | Path,
    cwd: Path = ROOT,
    env: Mapping[str, str] | None = None,
    stdin: bytes | None = None,
) -> subprocess.CompletedProcess[str]:
    """``forewarn *args`` in this process, from ``cwd``, with ``env`` set in os.environ and
    ``stdin`` as its standard input.

    Not thread-safe (the runner swaps sys.stdout): commands that must overlap in time run
    through :func:`run_entry_point`.
    """
    argv = list(map(str, args))
    with contextlib.chdir(cwd):
        # catch_exceptions=False: a command that raises fails the test with its traceback.
        result = _runner.invoke(
            app,
            argv,
            input=stdin,
            env={"FOREWARN_DB": None, **(env or {})},
            catch_exceptions=False,
        )
    assert "Traceback" not in result.stderr, result.stderr
    return subprocess.CompletedProcess(argv, result.exit_code, result.stdout, result.stderr)


def entry_point_env(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """This process's environment for a `forewarn` process: no FOREWARN_DB unless ``env``
    sets it, and the worktree's package first on the path."""
    environment = {key: value for key, value in os.environ.items() if key != "FOREWARN_DB"}
    environment["PYTHONPATH"] = PYTHONPATH
    environment.update(env or {})
    return environment


def run_entry_point(
    *args: str | Path,
    cwd: Path = ROOT,
    env: Mapping[str, str] | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """``python -m forewarn *args`` as its own process; its stderr has no traceback."""
    result = subprocess.run(
        [*ENTRY_POINT, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=entry_point_env(env),
        timeout=timeout,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result
