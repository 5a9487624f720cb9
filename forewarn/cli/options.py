"""The options several commands share, declared once, and the filter they build."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from forewarn.cli.app import usage_error
from forewarn.errors import FilterError
from forewarn.settings import DEFAULT_DB, Settings

__all__ = [
    "ActorOption",
    "ActorsOption",
    "CountryOption",
    "DbOption",
    "InputFormat",
    "InputFormatOption",
    "LimitOption",
    "ListFormat",
    "PlacesOption",
    "RawCsvOption",
    "RecipientOption",
    "SinceOption",
    "TextOption",
    "TypeOption",
    "UntilOption",
    "VerificationOption",
    "event_filter",
    "settings_for",
]


class InputFormat(StrEnum):
    auto = "auto"
    text = "text"
    html = "html"
    jsonl = "jsonl"


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="FOREWARN_DB",
        show_envvar=False,
        help="Store: a SQLite file or a database URL (default: $FOREWARN_DB, else ./forewarn.db).",
        show_default=False,
    ),
]
InputFormatOption = Annotated[InputFormat, typer.Option(help="How to read the inputs.")]
ActorsOption = Annotated[
    list[Path] | None, typer.Option("--actors", help="Extra actor gazetteer file (JSONL).")
]
PlacesOption = Annotated[
    list[Path] | None,
    typer.Option("--places", help="Extra place gazetteer file (GeoNames dump, e.g. UA.txt)."),
]
ActorOption = Annotated[
    str | None,
    typer.Option(help="Actor: ISO3 country code in capitals (RUS), gazetteer id or name part."),
]
RecipientOption = Annotated[str | None, typer.Option(help="Recipient, named as for --actor.")]
TypeOption = Annotated[
    list[str] | None, typer.Option("--type", help="PLOVER event type (repeatable).")
]
SinceOption = Annotated[
    str | None, typer.Option(help="From this date on: YYYY, YYYY-MM or YYYY-MM-DD.")
]
UntilOption = Annotated[str | None, typer.Option(help="Up to this date, inclusive.")]
CountryOption = Annotated[
    str | None, typer.Option(help="Where it happened: ISO 3166-1 alpha-3 code.")
]
VerificationOption = Annotated[
    list[str] | None,
    typer.Option(help="reported, unverified, unsubstantiated, disputed, corroborated, confirmed."),
]
TextOption = Annotated[str | None, typer.Option(help="Words in the evidence text.")]
# The largest LIMIT both SQLite and PostgreSQL take (a signed 64-bit integer): beyond it the
# driver overflows, so a larger or a negative --limit is a usage error, not a traceback.
MAX_LIMIT = 2**63 - 1
LimitOption = Annotated[
    int, typer.Option(min=0, max=MAX_LIMIT, help="At most this many rows; 0 for all.")
]
RawCsvOption = Annotated[
    bool,
    typer.Option(
        "--raw-csv",
        help="CSV: keep cells starting with = + - @ as they are (by default they get a "
        "leading ' so that a spreadsheet does not run them as formulas).",
    ),
]

# The flag that sets each field of an EventFilter, for its error messages.
_FILTER_FLAGS = {"event_types": "--type"}


def event_filter(
    actor: str | None = None,
    recipient: str | None = None,
    event_type: list[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    country: str | None = None,
    verification: list[str] | None = None,
    text: str | None = None,
):
    """The EventFilter of the query options; a bad value is a usage error naming its flag."""
    from forewarn.store.query import EventFilter

    try:
        return EventFilter.from_options(
            actor=actor,
            recipient=recipient,
            event_types=event_type or (),
            since=since,
            until=until,
            country=country,
            verification=verification or (),
            text=text,
        )
    except FilterError as error:
        usage_error(f"{_FILTER_FLAGS.get(error.field, '--' + error.field)} {error}")


def settings_for(
    actors: list[Path] | None = None,
    places: list[Path] | None = None,
    db: str | None = None,
    **others: Any,
) -> Settings:
    """The run's Settings: the gazetteer files and the store given, any other field by name."""
    return Settings(
        actor_files=tuple(actors or ()),
        place_files=tuple(places or ()),
        db=db or DEFAULT_DB,
        **others,
    )
