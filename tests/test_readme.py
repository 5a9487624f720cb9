"""The README's example is real output: regenerate it with `python tools/update_readme.py`."""

from __future__ import annotations

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
    assert module.render(readme) == readme, "README example drifted: run tools/update_readme.py"
