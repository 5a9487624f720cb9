"""The README's example is real output: regenerate it with `python tools/update_readme.py`.

The commands run in this process (the model is already loaded); the tool itself runs them as
real processes."""

from __future__ import annotations

import contextlib
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_example_is_current():
    spec = importlib.util.spec_from_file_location(
        "update_readme", ROOT / "tools" / "update_readme.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert module.BEGIN in readme and module.END in readme
    rendered = module.render(readme, run=in_process)
    assert rendered == readme, "README example drifted: run tools/update_readme.py"


def in_process(args: list[str]) -> str:
    from typer.testing import CliRunner

    from forewarn.cli import app

    # from the repository: the example's path is relative to it, as in the README
    with contextlib.chdir(ROOT):
        result = CliRunner().invoke(app, args, env={"COLUMNS": "160"}, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout
