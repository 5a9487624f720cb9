"""What the hostile-input tests share (imported by name, as tests/cli's helpers are)."""

from __future__ import annotations

# Text an attacker controls, as a crawl or a feed would carry it: a formula in the title, the
# id and the source, terminal escapes (clear screen, window title, colour) in the article.
HOSTILE_RECORD = {
    "id": "=1+1",
    "title": '=HYPERLINK("http://evil.example/","click")',
    "source": "@SUM(1+1)",
    "published": "2025-03-13",
    "text": (
        "Russian forces shelled Kharkiv on Monday,\x1b[2J\x1b]0;owned\x07 killing three "
        "civilians, Ukrainian officials said.\n\n"
        "-2+3 officials said the Kremlin \x1b[31mdenied\x1b[0m the accusation."
    ),
}
