"""Reading a gold file: JSON Lines, one object a row, every failure one line naming the file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from forewarn.errors import ConfigError

__all__ = ["read_gold"]


def read_gold(
    gold_path: Path, limit: int | None = None, required: tuple[str, ...] = ()
) -> list[dict[str, Any]]:
    """The rows of ``gold_path`` (at most ``limit``; blank lines skipped), each an object with
    the ``required`` keys; anything else is a :class:`ConfigError` naming the file and line."""
    rows: list[dict[str, Any]] = []
    path = Path(gold_path)
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if limit is not None and len(rows) >= limit:
                    break
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as problem:
                    raise ConfigError(f"{path}:{number}: invalid JSON ({problem.msg})") from None
                if not isinstance(row, dict) or any(key not in row for key in required):
                    raise ConfigError(
                        f"{path}:{number}: expected a JSON object with {', '.join(required)}"
                    )
                rows.append(row)
    except OSError as problem:
        raise ConfigError(f"{path}: cannot read the gold file ({problem.strerror})") from None
    return rows
