"""What every input reader yields and shares: the records, the reason a file is refused, and
the charset a page declares.

:mod:`forewarn.ingest.readers` (files, gzip, JSON Lines) and :mod:`forewarn.ingest.warc` (web
crawls) both build on this module, so neither imports the other's internals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "InputFailure",
    "InputWarning",
    "RawInput",
    "Unreadable",
    "declared_charset",
    "describe_os_error",
]

# A declared charset is looked for in the first bytes of a page, where <meta charset> must be.
_CHARSET_SNIFF_BYTES = 2048
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


@dataclass(slots=True)
class RawInput:
    """One article as read, before cleaning."""

    origin: str
    id: str | None
    text: str | None
    html: str | None
    published: str | None
    title: str | None
    url: str | None
    source: str | None


@dataclass(slots=True)
class InputFailure:
    """An input that produced no article, with a one-line reason naming it."""

    origin: str
    reason: str
    kind: Literal["skipped", "failed"]


@dataclass(slots=True)
class InputWarning:
    """Something wrong with an input that was read all the same, in one line naming it."""

    origin: str
    reason: str


class Unreadable(Exception):
    """A file or line cannot be used; the message is the reason after the origin.

    Raised inside the readers and turned into an :class:`InputFailure` before it reaches a
    caller: bad input is an outcome, never an exception.
    """

    def __init__(self, message: str, kind: Literal["skipped", "failed"] = "failed") -> None:
        super().__init__(message)
        self.kind = kind


def declared_charset(data: bytes) -> str | None:
    """The charset a page's ``<meta>`` tag declares, when it is not UTF-8."""
    match = _CHARSET_RE.search(data[:_CHARSET_SNIFF_BYTES])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    return None if name in {"utf-8", "utf8"} else name


def describe_os_error(problem: OSError) -> str:
    return problem.strerror or problem.__class__.__name__
