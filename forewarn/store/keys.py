"""When two inputs are the same article: the same normalised URL, or the same normalised text
published the same day.

A crawl meets one story under many URLs (tracking parameters, ``http`` and ``https``, a
trailing slash, ``#comments``) and one URL under many encodings; the text hash catches the
syndicated copy whose URL differs.
"""

from __future__ import annotations

import hashlib
from typing import NamedTuple
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from forewarn.records import Article

__all__ = ["ArticleKeys", "article_keys", "normalise_url", "outlet_of", "text_hash"]

# Query parameters that track a reader, never select content.
_TRACKING_PREFIXES = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid", "at_")


def normalise_url(url: str | None) -> str | None:
    """Scheme-less, lower-cased host without ``www.``, no fragment, tracking or trailing slash."""
    if not url or not url.strip():
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        # A malformed port or IPv6 host: the URL as written is its own key, not a crash.
        return url.strip()
    if not parts.netloc:
        return url.strip()
    host = (parts.hostname or "").removeprefix("www.")
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    query = urlencode(
        sorted(
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not key.lower().startswith(_TRACKING_PREFIXES)
        )
    )
    return urlunsplit(("", host, parts.path.rstrip("/"), query, "")).removeprefix("//")


def text_hash(text: str, published: str | None = None) -> str:
    """SHA-256 of the text with case and whitespace normalised, and of its publication day
    when it has one: the same words published on another day are another report (a wire's
    "One militiaman killed in shelling - DPR command" recurs week after week), while a copy
    the same day is the same article."""
    normalised = " ".join(text.lower().split())
    if published:
        normalised = f"{published[:10]}\n{normalised}"
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


class ArticleKeys(NamedTuple):
    """Either key equal means the same article."""

    url_key: str | None  # SHA-256 of the normalised URL: fixed width, whatever the URL's length
    text_hash: str


def article_keys(article: Article) -> ArticleKeys:
    url = normalise_url(article.url)
    url_key = hashlib.sha256(url.encode("utf-8")).hexdigest() if url is not None else None
    return ArticleKeys(url_key, text_hash(article.text, article.published))


def outlet_of(article: Article) -> str | None:
    """Who published the article: its ``source``, else its URL's host without ``www.``."""
    if article.source and article.source.strip():
        return article.source.strip()
    try:
        host = urlsplit((article.url or "").strip()).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None
