"""The ``forewarn`` command: a thin shell over the library, one module per command group.

Each command parses its options, calls one library function and prints the answer; the app,
the exit codes and the shared options live in :mod:`forewarn.cli.app` and
:mod:`forewarn.cli.options`. Importing a command module registers its commands, in the order
``--help`` lists them: the pipeline's (extract, ingest), the store's questions, incidents,
indicators and alerts, export, serve (and token), eval.
"""

# isort: off
from forewarn.cli.app import app
from forewarn.cli import extract, ingest, queries, incidents, monitor, export, serve, evaluate
# isort: on

__all__ = [
    "app",
    "evaluate",
    "export",
    "extract",
    "incidents",
    "ingest",
    "monitor",
    "queries",
    "serve",
]
