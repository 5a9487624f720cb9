"""forewarn's error hierarchy.

Every message names the input, what was expected and what was found, in one line, so that
the CLI can print it as is (no traceback) and the user knows what to do next.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "ExtractionError",
    "FilterError",
    "ForewarnError",
    "InputError",
    "NotEnglishError",
    "NotFoundError",
    "OutputError",
    "StoreError",
]


class ForewarnError(Exception):
    """Base class: anything forewarn raises on purpose."""


class InputError(ForewarnError):
    """An input cannot be read: missing, empty, binary, not UTF-8, too large, malformed."""


class NotEnglishError(InputError):
    """The input is readable but not English; forewarn skips it rather than guess."""

    def __init__(self, message: str, language: str | None = None) -> None:
        super().__init__(message)
        self.language = language


class ExtractionError(ForewarnError):
    """The extractor failed on an input it accepted (a bug: please report it).

    The message names the article; the error it hit is the exception's ``__cause__``.
    """

    def __init__(self, article_id: str, cause: Exception) -> None:
        super().__init__(
            f"{article_id}: extraction failed ({type(cause).__name__}: {cause}); please report it"
        )
        self.article_id = article_id


class ConfigError(ForewarnError):
    """A setting or a user data file (e.g. ``--actors``) is invalid."""


class FilterError(ForewarnError):
    """A query filter's value is invalid; ``field`` names the filter (``event_types``, ...)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(ForewarnError):
    """The store holds no record with the id asked for (an article, an incident)."""


class OutputError(ForewarnError):
    """An output (an export file, standard output) cannot be written."""


class StoreError(ForewarnError):
    """The event store cannot be opened, migrated, read or written (the message says why)."""
