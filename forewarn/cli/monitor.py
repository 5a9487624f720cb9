"""``forewarn indicators`` and ``forewarn alerts``: what the incidents add up to, period by
period, and the periods that break with a series' own history (docs/monitoring.md)."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from forewarn.cli.app import app, stderr_console, stdout_console, usage_error
from forewarn.cli.options import (
    CountryOption,
    DbOption,
    ListFormat,
    SinceOption,
    TypeOption,
    UntilOption,
    event_filter,
)
from forewarn.cli.queries import ask, write_csv, write_json
from forewarn.errors import ConfigError, FilterError

if TYPE_CHECKING:
    from forewarn.analysis.watch import WatchList
    from forewarn.store.query import EventFilter


class By(StrEnum):
    day = "day"
    week = "week"
    month = "month"


ByOption = Annotated[By, typer.Option("--by", help="Period of the series.")]
CountryCodeOption = Annotated[
    str | None, typer.Option(help="Actor country (ISO3), as in --dyad ACTOR:RECIPIENT.")
]
RecipientCodeOption = Annotated[str | None, typer.Option(help="Recipient country (ISO3).")]
DyadOption = Annotated[
    str | None, typer.Option(help="ACTOR:RECIPIENT countries, e.g. RUS:UKR.", show_default=False)
]
WatchOption = Annotated[
    Path | None, typer.Option("--watch", help="Watch list (TOML): series and patterns.")
]
_DYAD_RE = re.compile(r"^([A-Za-z]{3}):([A-Za-z]{3})$")


def _where(
    actor: str | None,
    recipient: str | None,
    dyad: str | None,
    event_type: list[str] | None,
    since: str | None,
    until: str | None,
    country: str | None,
) -> EventFilter:
    if dyad is not None:
        match = _DYAD_RE.match(dyad)
        if not match or actor or recipient:
            usage_error(f"--dyad {dyad!r}: expected ACTOR:RECIPIENT country codes (RUS:UKR)")
        actor, recipient = match[1].upper(), match[2].upper()
    return event_filter(actor, recipient, event_type, since, until, country)


@app.command()
def indicators(
    db: DbOption = None,
    by: ByOption = By.week,
    country: CountryOption = None,
    actor: Annotated[str | None, typer.Option(help="Actor: ISO3 code, id or name part.")] = None,
    recipient: Annotated[str | None, typer.Option(help="Recipient, as for --actor.")] = None,
    dyad: DyadOption = None,
    event_type: TypeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    watch: WatchOption = None,
    output_format: Annotated[ListFormat, typer.Option("--format")] = ListFormat.table,
) -> None:
    """Indicator series: incidents, mentions, dead, types, conflict score, per period."""
    where = _where(actor, recipient, dyad, event_type, since, until, country)
    watch_list = _watch_list(watch) if watch else None
    rows = ask(
        db,
        lambda database: _checked(
            lambda: database.indicators(where, by=by.value, watch=watch_list)
        ),
    )
    if not rows:
        stderr_console().print("no incidents match: nothing to count", highlight=False)
    if output_format is ListFormat.table:
        from forewarn.render import indicator_table

        stdout_console().print(indicator_table(rows, by.value))
    elif output_format is ListFormat.csv:
        from forewarn.listing import indicator_csv

        write_csv(*indicator_csv(rows))
    else:
        write_json(rows, output_format)


@app.command()
def alerts(
    db: DbOption = None,
    by: ByOption = By.week,
    country: CountryOption = None,
    actor: CountryCodeOption = None,
    recipient: RecipientCodeOption = None,
    dyad: DyadOption = None,
    event_type: TypeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    watch: WatchOption = None,
    output_format: Annotated[ListFormat, typer.Option("--format")] = ListFormat.table,
) -> None:
    """Escalation alerts: periods improbably high against their series' own history."""
    where = _where(actor, recipient, dyad, event_type, since, until, country)
    watch_list = _watch_list(watch) if watch else None
    found = ask(
        db,
        lambda database: _checked(lambda: database.alerts(where, by=by.value, watch=watch_list)),
    )
    if not found:
        stderr_console().print("no alerts match", highlight=False)
    if output_format is ListFormat.table:
        from forewarn.render import alert_table

        stdout_console().print(alert_table(found))
    elif output_format is ListFormat.csv:
        usage_error("--format csv: alerts are nested; use json or jsonl")
    else:
        write_json(found, output_format)


def _checked(question: Any) -> Any:
    """A bad country code found by the library is a usage error naming its flag."""
    try:
        return question()
    except FilterError as error:
        usage_error(f"--{error.field} {error}")


def _watch_list(path: Path) -> WatchList:
    from forewarn.analysis.watch import read_watch_list

    try:
        return read_watch_list(path)
    except ConfigError as error:
        usage_error(str(error))
