"""``POST /api/articles``: articles into the store through the pipeline ``forewarn ingest``
runs, for a bearer token's holder.

The body is one article or a list of them, each with the fields of a JSONL input line
(``{id, text|html, published?, title?, url?, source?}``). The server fetches nothing: a
``url`` is the article's address as a record, never a page to download. The body is read
up to :data:`MAX_BODY_BYTES` and refused past it, whatever its Content-Length says.
"""

from __future__ import annotations

import json
import threading
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from forewarn.database import Database
from forewarn.records import Article
from forewarn.settings import DEFAULT_MAX_INPUT_BYTES
from forewarn.web.security import require_writer

__all__ = ["MAX_BATCH_ARTICLES", "MAX_BODY_BYTES", "router"]

# A request is one article or a small batch: the same bound as one input file of an ingest.
MAX_BODY_BYTES = DEFAULT_MAX_INPUT_BYTES
# Extraction takes a fraction of a second per article: a batch of this many answers within a
# client's usual timeout. Larger crawls belong to `forewarn ingest`.
MAX_BATCH_ARTICLES = 100

router = APIRouter()
# One ingest at a time per app: the loaded spaCy model is not shared between threads, and
# SQLite takes one writer anyway.
_ingest_lock = threading.Lock()

_BODY_EXAMPLE = {
    "id": "wire-2025-03-13-01",
    "title": "Drills near the border",
    "text": "Belarus began military drills near the Polish border on Thursday.",
    "published": "2025-03-13",
    "url": "https://example.org/news/drills",
    "source": "Example Wire",
}


@router.post(
    "/articles",
    dependencies=[Depends(require_writer)],
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"example": _BODY_EXAMPLE}},
        }
    },
)
async def post_articles(request: Request) -> dict[str, Any]:
    """Ingest one article (a JSON object) or a batch (a list of them, at most
    100); answers with the run's summary and the ids of the articles stored."""
    records = _records(await _body(request))
    database: Database = request.app.state.database
    stored: list[str] = []

    def run() -> Any:
        def keep(article: Article) -> None:
            stored.append(article.id)

        with _ingest_lock:
            return database.ingest_records(records, on_stored=keep)

    summary = await run_in_threadpool(run)
    return {
        "new": summary.new,
        "duplicate": summary.duplicate,
        "skipped": summary.skipped,
        "failed": summary.failed,
        "events": summary.events,
        "claims": summary.claims,
        "stored": stored,
        "failures": [
            {"record": failure.origin, "kind": failure.kind, "reason": failure.reason}
            for failure in summary.failures
        ],
    }


async def _body(request: Request) -> bytes:
    """The request body, refused with a 413 as soon as it passes the limit."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise _too_large()
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise _too_large()
    return bytes(body)


def _records(body: bytes) -> list[Any]:
    try:
        parsed = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as problem:
        raise HTTPException(422, f"body: not JSON ({problem})") from None
    records = parsed if isinstance(parsed, list) else [parsed]
    if not records:
        raise HTTPException(422, "body: an empty list; send an article or a list of them")
    if len(records) > MAX_BATCH_ARTICLES:
        raise HTTPException(
            422,
            f"body: {len(records)} articles; send at most {MAX_BATCH_ARTICLES} per request "
            "(or run `forewarn ingest` on a JSONL file)",
        )
    return records


def _too_large() -> HTTPException:
    return HTTPException(
        413,
        f"body larger than {MAX_BODY_BYTES} bytes: send fewer or shorter articles per "
        "request (or run `forewarn ingest` on a JSONL file)",
    )
