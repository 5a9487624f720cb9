"""How the dashboard's pages are rendered: one Jinja2 environment, autoescaped, and the few
filters its templates need to link records to each other.

Every piece of article-derived text reaches the page through an autoescaped ``{{ }}``;
nothing here marks text safe.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args
from urllib.parse import quote, urlsplit

import jinja2
from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

from forewarn import ontology
from forewarn.records import Verification
from forewarn.web.charts import series_label, series_url
from forewarn.web.highlight import local_id

__all__ = ["article_url", "render", "safe_href"]

TEMPLATES = Path(__file__).parent / "templates"


def article_url(article_id: str, anchor: str | None = None) -> str:
    """The article page of ``article_id``; with ``anchor`` (``e1``, ``c2``), one record in it."""
    url = f"/articles/{quote(article_id, safe='')}"
    return f"{url}#{anchor}" if anchor else url


def record_url(record_id: str) -> str:
    """The place in its article of an event or claim ``<article id>#e1``."""
    article_id, _, local_id = record_id.rpartition("#")
    return article_url(article_id, local_id) if article_id else article_url(record_id)


def claim_url(claim_id: str) -> str:
    """The claim's card with its thread of supporting and contradicting claims."""
    return f"/claims/{quote(claim_id, safe='')}"


def safe_href(url: str | None) -> str | None:
    """``url`` when it is an http(s) link, else None: an article's own URL comes from its
    input, and a ``javascript:`` one must never become a link."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in {"http", "https"} else None


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(
        article_url=article_url,
        record_url=record_url,
        local_id=local_id,
        claim_url=claim_url,
        safe_href=safe_href,
        series_label=series_label,
        series_url=series_url,
    )
    # The filter form's choices.
    environment.globals.update(
        event_types=ontology.PLOVER_TYPES, verifications=get_args(Verification)
    )
    return environment


_templates = Jinja2Templates(env=_environment())


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> Response:
    """The page ``template`` with ``context`` (the app's middleware adds the security
    headers: :mod:`forewarn.web.security`)."""
    return _templates.TemplateResponse(request, template, context, status_code=status_code)
