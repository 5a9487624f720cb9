"""`python -m forewarn` runs the CLI."""

from forewarn.cli import app

app(prog_name="forewarn")
