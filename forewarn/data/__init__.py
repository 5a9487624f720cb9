"""forewarn's linguistic knowledge as data files, and the one way to read them.

Every data file is a package resource read through this module, on first use and cached:
nothing reads a file at import time and no module builds a path from ``__file__``, so the
package works the same from a checkout, a wheel or a zip. Formats:

- ``.json``: one document (:func:`load_json`);
- ``.jsonl``: one object a line, ``//`` comment lines (:func:`load_jsonl`);
- ``.txt`` word lists: one entry a line, ``#`` comment lines (:func:`load_words`);
- ``.tsv``: tab-separated rows, ``#`` comment lines (:func:`load_tsv`).
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

__all__ = ["data_path", "load_json", "load_jsonl", "load_text", "load_tsv", "load_words"]


def data_path(name: str) -> Traversable:
    """A packaged data file (works from a wheel as well as from a checkout)."""
    return files(__package__).joinpath(name)


def load_text(name: str) -> str:
    """The whole text of a data file (not cached: callers cache what they build from it)."""
    return data_path(name).read_text(encoding="utf-8")


def _content_lines(name: str, comment: str) -> list[str]:
    return [
        line
        for line in load_text(name).splitlines()
        if line.strip() and not line.lstrip().startswith(comment)
    ]


@cache
def load_json(name: str) -> Any:
    return json.loads(load_text(name))


def load_jsonl(name: str) -> list[dict[str, Any]]:
    """Rows of a JSON Lines data file; blank lines and ``//`` comment lines are ignored.

    Decoded in one ``json.loads`` call over the joined rows (several times faster than line
    by line on the large lexicon files).
    """
    rows: list[dict[str, Any]] = json.loads("[" + ",".join(_content_lines(name, "//")) + "]")
    return rows


@cache
def load_words(name: str) -> frozenset[str]:
    """A word list: one entry a line (surrounding spaces dropped), ``#`` comment lines."""
    return frozenset(line.strip() for line in _content_lines(name, "#"))


def load_tsv(name: str) -> list[list[str]]:
    """The rows of a tab-separated data file, split into fields; ``#`` comment lines."""
    return [line.split("\t") for line in _content_lines(name, "#")]
