"""``forewarn serve``: the JSON API and the dashboard over a store; ``forewarn token``: the
bearer tokens that let a client post articles (and read, with ``--require-token``)."""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from forewarn.cli.app import app, literal, stderr_console, stdout_console
from forewarn.cli.options import DbOption
from forewarn.cli.queries import ask
from forewarn.safe_output import terminal_text
from forewarn.settings import DEFAULT_DB

if TYPE_CHECKING:
    from fastapi import FastAPI

token_app = typer.Typer(
    help="Bearer tokens for the web API: create, list, revoke.", no_args_is_help=True
)
app.add_typer(token_app, name="token")


# How `forewarn serve --workers N` tells its worker processes what to serve: uvicorn starts
# each worker from an import string (served_app), so the options travel in the environment.
_SERVED_APP = "FOREWARN_SERVED_APP"


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on; loopback unless told otherwise.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    require_token: Annotated[
        bool,
        typer.Option("--require-token", help="Reads need a bearer token too (writes always do)."),
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Server processes. One serves an analyst easily; a busy desk wants one per "
            "core. Each holds its own store connections (and, once an article is posted to "
            "it, its own language model: about 1 GB).",
        ),
    ] = 1,
) -> None:
    """Serve the JSON API (/api, docs at /api/docs) and the dashboard over the store."""
    import uvicorn

    from forewarn.web import create_app

    label = ask(db, lambda database: database.label)  # a store that does not exist ends here
    stderr_console().print(
        f"serving {literal(label)} on http://{host}:{port} (API docs: /api/docs)",
        highlight=False,
    )
    # The access log prints method, path and status; tokens travel in a header only.
    if workers == 1:
        app_here = create_app(db or DEFAULT_DB, require_token=require_token)
        uvicorn.run(app_here, host=host, port=port)
        return
    os.environ[_SERVED_APP] = json.dumps({"db": db or DEFAULT_DB, "require_token": require_token})
    uvicorn.run(
        "forewarn.cli.serve:served_app", factory=True, workers=workers, host=host, port=port
    )


def served_app() -> FastAPI:
    """The app of one of ``forewarn serve --workers N``'s processes (uvicorn calls this)."""
    from forewarn.web import create_app

    options = json.loads(os.environ[_SERVED_APP])
    return create_app(options["db"], require_token=options["require_token"])


@token_app.command("create")
def create_token(
    name: Annotated[str, typer.Argument(help="Who or what uses the token, e.g. crawler.")],
    db: DbOption = None,
) -> None:
    """Make a token and print it: this is the only time it is shown (the store keeps a
    hash)."""
    token = ask(db, lambda database: database.create_token(name))
    stdout_console().print(token, highlight=False, soft_wrap=True)


@token_app.command("list")
def list_tokens(db: DbOption = None) -> None:
    """The tokens' names and when each was made, tab-separated (the tokens themselves are
    not stored)."""
    for row in ask(db, lambda database: database.tokens()):
        sys.stdout.write(f"{terminal_text(row['name'])}\t{row['created_at']}\n")


@token_app.command("revoke")
def revoke_token(
    name: Annotated[str, typer.Argument(help="The token's name.")], db: DbOption = None
) -> None:
    """Revoke a token: requests bearing it are refused from now on."""
    ask(db, lambda database: database.revoke_token(name))
    stderr_console().print(f"revoked {literal(name)}", highlight=False)
