"""Stable folds of a gold file, so that a rule can be checked on halves it was not tuned on.

A row's fold comes from a hash of its id, not from its position: the same row lands in the
same fold whatever the file's order or length, on every machine and every run (Python's own
``hash`` of a string changes between processes).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

__all__ = ["FOLDS", "fold_of", "split_folds"]

T = TypeVar("T")

# Two folds: each half of a dev file is large enough to show whether a rule generalises.
FOLDS = 2


def fold_of(row_id: str, folds: int = FOLDS) -> int:
    """The fold (0 .. folds-1) of a row: the first byte of the SHA-1 of its id, modulo."""
    return hashlib.sha1(row_id.encode("utf-8")).digest()[0] % folds


def split_folds(
    items: Iterable[T], ids: Sequence[str] | None = None, folds: int = FOLDS
) -> list[list[T]]:
    """``items`` in ``folds`` lists by :func:`fold_of` of their ids (``ids`` in the same order,
    else each item's ``"id"`` key), keeping their order within a fold."""
    split: list[list[T]] = [[] for _ in range(folds)]
    for index, item in enumerate(items):
        row_id = ids[index] if ids is not None else _row_id(item)
        split[fold_of(row_id, folds)].append(item)
    return split


def _row_id(item: Any) -> str:
    return str(item["id"])
