"""The Typer app, and what its commands share: exit codes, consoles, errors, progress.

Exit status: 0 when nothing failed (skipped inputs, e.g. not English, are counted in the
summary), 1 when some input failed, 2 for a usage error, 3 when every input was skipped
and nothing was extracted.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from forewarn.safe_output import terminal_text

if TYPE_CHECKING:
    from forewarn.ingest import InputFailure, InputWarning

__all__ = [
    "EXIT_ALL_SKIPPED",
    "EXIT_FAILED",
    "EXIT_USAGE",
    "app",
    "check_date",
    "fail",
    "literal",
    "print_failure",
    "print_warning",
    "progress_bar",
    "stderr_console",
    "stdout_console",
    "usage_error",
]

app = typer.Typer(
    help="forewarn: evidence-linked PLOVER events and attributed claims from the news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

PIPED_TABLE_WIDTH = 160
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_ALL_SKIPPED = 3


@app.callback()
def main() -> None:
    """forewarn reads news and writes who did what to whom, and who says so."""


def stderr_console() -> Console:
    return Console(stderr=True, soft_wrap=True)


def stdout_console() -> Console:
    """Piped output gets a fixed, readable width instead of Rich's 80-column default."""
    return Console() if sys.stdout.isatty() else Console(width=PIPED_TABLE_WIDTH)


def fail(message: str, code: int = EXIT_FAILED) -> NoReturn:
    """End the command with ``error: message`` on stderr (one line, no traceback)."""
    stderr_console().print(f"[red]error:[/red] {literal(message)}", highlight=False)
    raise typer.Exit(code)


def literal(text: str) -> str:
    """``text`` (a file name, a reason quoting input) to print as it is: no Rich markup, and
    control characters escaped instead of reaching the terminal."""
    return escape(terminal_text(text))


def usage_error(message: str) -> NoReturn:
    fail(message, EXIT_USAGE)


def check_date(option: str, value: str | None) -> None:
    if value is None:
        return
    try:
        date.fromisoformat(value)
    except ValueError:
        usage_error(f"{option} {value!r}: expected a date as YYYY-MM-DD")


def print_failure(console: Console, failure: InputFailure) -> None:
    """One input that was skipped or failed, as it happens."""
    label = "skipped" if failure.kind == "skipped" else "[red]failed[/red]"
    console.print(f"{label}: {literal(failure.reason)}", highlight=False)


def print_warning(console: Console, warning: InputWarning) -> None:
    """What is wrong with an input that is read all the same, as it happens."""
    console.print(f"[yellow]warning[/yellow]: {literal(warning.reason)}", highlight=False)


def progress_bar(console: Console, *, enabled: bool = True) -> Progress:
    """The progress bar of long commands: on a terminal only, gone when the run ends."""
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not (enabled and console.is_terminal),
    )
