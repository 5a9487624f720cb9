"""Stored text made safe for where it is written: spreadsheets, line-oriented files, terminals.

Everything forewarn stores comes from articles nobody vetted: a title, an actor's name or a
sentence can hold a spreadsheet formula, a tab or a newline, or a terminal escape sequence.
Each output passes its text through the function for its medium:

- :func:`spreadsheet_cell`: a CSV cell that starts like a formula (``=``, ``+``, ``-``, ``@``,
  tab, carriage return) gets a leading apostrophe, OWASP's advice against CSV injection: a
  spreadsheet shows it as text instead of running it;
- :func:`tsv_field`: tab, carriage return and line feed become spaces, so that a
  tab-separated file stays one record per line and one field per tab;
- :func:`terminal_text`: control characters (ESC, BEL, C1 controls...) are shown escaped
  (``\\x1b``) instead of reaching the terminal, where they could clear the screen, retitle
  the window or fake output; line breaks and tabs are kept.
"""

from __future__ import annotations

import re
from typing import TypeVar

__all__ = ["FORMULA_STARTS", "spreadsheet_cell", "terminal_text", "tsv_field"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_LINE_BREAKS = str.maketrans({"\t": " ", "\r": " ", "\n": " "})
# C0 controls but tab and line feed, DEL, C1 controls; and the bidirectional overrides that
# can make a line read backwards ("Trojan Source").
_TERMINAL_CONTROLS_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

Value = TypeVar("Value")


def spreadsheet_cell(value: Value) -> Value | str:
    """``value`` with a leading ``'`` when it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def tsv_field(value: Value) -> Value | str:
    """``value`` with tabs, carriage returns and line feeds replaced by spaces (text only)."""
    return value.translate(_LINE_BREAKS) if isinstance(value, str) else value


def terminal_text(text: str) -> str:
    """``text`` with its control characters written as escapes (``\\x1b``, ``\\u202e``)."""
    return _TERMINAL_CONTROLS_RE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    return match[0].encode("unicode_escape").decode("ascii")
