"""Regenerate the README's example output from a real run (`python tools/update_readme.py`).

tests/test_readme.py runs the same command and fails when the README has drifted.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BEGIN = "<!-- example-output:begin -->"
END = "<!-- example-output:end -->"
EXAMPLE_ARGS = ["extract", "examples/reservists_article.txt", "--published", "2025-03-13"]


def run_forewarn(args: list[str]) -> str:
    """The standard output of ``forewarn ARGS`` run as a user runs it, from the repository."""
    return subprocess.run(
        [sys.executable, "-m", "forewarn", *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={"COLUMNS": "160", "PATH": ""},
    ).stdout


def example_output(run: Callable[[list[str]], str] = run_forewarn) -> str:
    """The table and a JSON excerpt (the first event) of the worked example, as ``run``
    (a real process by default) prints them."""
    table = run(EXAMPLE_ARGS)
    as_json = run([*EXAMPLE_ARGS, "--format", "json"])

    document = json.loads(as_json)
    first_event = json.dumps(document["events"][0], indent=2, ensure_ascii=False)
    command = "forewarn " + " ".join(EXAMPLE_ARGS)
    return (
        f"{BEGIN}\n```\n$ {command}\n{table.rstrip()}\n```\n\n"
        f"The first event of `{command} --format json`:\n\n```json\n{first_event}\n```\n{END}"
    )


def render(readme: str, run: Callable[[list[str]], str] = run_forewarn) -> str:
    head, _, rest = readme.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return head + example_output(run) + tail


if __name__ == "__main__":
    README.write_text(render(README.read_text(encoding="utf-8")), encoding="utf-8")
