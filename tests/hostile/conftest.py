"""The hostile-input suite (issue 14) uses the CLI tests' helpers."""

from __future__ import annotations

import sys
from pathlib import Path

# tests/cli is not a package: its helpers are imported by name, as its own tests do.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cli"))
