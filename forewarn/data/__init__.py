"""forewarn's linguistic knowledge as data files, and the loaders that read them."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

__all__ = ["data_path", "load_json", "load_jsonl"]


def data_path(name: str):
    """A packaged data file (works from a wheel as well as from a checkout)."""
    return files(__package__).joinpath(name)


@cache
def load_json(name: str) -> Any:
    return json.loads(data_path(name).read_text(encoding="utf-8"))


def load_jsonl(name: str) -> list[dict[str, Any]]:
    """Rows of a JSON Lines data file; blank lines and ``//`` comment lines are ignored."""
    rows = []
    for line in data_path(name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("//"):
            rows.append(json.loads(line))
    return rows
