"""Main text, headline and publication date of an HTML news page.

Body text comes from trafilatura, set up for a deterministic run (no timeout signal, no
cross-document deduplication cache, no comments or tables). Title and date come from the
page's own metadata, in cascades:

- title: every place a page states its headline -- the ``<h1>``, the JSON-LD ``headline`` of
  the article object, ``og:title``, and ``<title>`` with trailing " | Section | Site Name"
  segments removed -- votes; the wording most places agree on wins, ties going to the order
  just given (the headline readers see first). When an editor's shortened form of the
  winner is given as ``og:title`` (same words, some left out), it is the headline. A live
  blog (JSON-LD ``LiveBlogPosting``) takes its ``og:title``: its other headlines are the
  blog's standing title ("UK riots LIVE: ..."). ``twitter:title`` and then trafilatura's
  title are fallbacks.
- date: JSON-LD ``datePublished`` of the article object, then publication ``<meta>`` tags,
  then htmldate's search of the page (original date, not the last modification).
"""

from __future__ import annotations

import html as html_entities
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import trafilatura
from htmldate import find_date
from lxml import html as lxml_html
from lxml.etree import ParserError
from trafilatura.settings import use_config

from forewarn.ingest.boilerplate import load_boilerplate

__all__ = ["HtmlPage", "extract_html", "normalise_title", "site_from_url"]

# JSON-LD object types that describe the article itself (not its images, author or site).
_ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "blogposting",
        "liveblogposting",
        "report",
        "scholarlyarticle",
        "techarticle",
        "socialmediaposting",
    }
)
# The page object: its headline or date is used only when no article object states one
# (its "name" is often the SEO title, so only "headline" is read from it).
_PAGE_TYPES = frozenset({"webpage", "itempage", "collectionpage"})
# <meta> names and properties that state the original publication time, most specific first.
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "pubdate",
    "dc.date.issued",
    "dc.date",
    "sailthru.date",
    "parsely-pub-date",
    "date",
)
# Separators between a headline and the site name in <title> / og:title.
_TITLE_SEPARATOR_RE = re.compile(r"\s+[|\-–—:*•·»]{1,2}\s+")
# Headline candidates longer than this are page summaries, not titles.
_MAX_TITLE_CHARS = 300
# How much each place's agreement counts; ties are broken by this order too.
_TITLE_SOURCES = ("h1", "jsonld", "og", "title", "twitter")
# twitter:title is nearly always a copy of og:title: it decides only when nothing else speaks.
_TITLE_WEIGHTS = {"jsonld": 1.0, "h1": 1.0, "og": 1.0, "title": 1.0, "twitter": 0.0}
# A shortened headline keeps at least this share of the long one's words ("...at Cobham"
# for "...at Cobham in battling win over Tottenham"); shorter fragments are not headlines.
MIN_CONDENSED_SHARE = 0.5
# Only og:title is taken in its shortened form: it is the editor's share headline, while a
# shorter JSON-LD headline or <title> is usually cut to a search engine's length limit.
_CONDENSED_SOURCES = frozenset({"og"})
_TITLE_WORD_RE = re.compile(r"[^\W_]+")
_BYLINE_SEGMENT_RE = re.compile(r"by\s+\S.*", re.IGNORECASE)
_ISO_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# A numeric character reference, decimal or hex, its semicolon optional (as browsers read it).
_CHARACTER_REFERENCE_RE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")
# Characters XML cannot hold: one reference to any of them makes the parsers behind
# trafilatura give up on the whole page. Vertical tab and form feed (pasted from word
# processors) separate words; the others are noise.
_SPACING_CONTROLS = frozenset({0x0B, 0x0C})
_DROPPED_CONTROLS = (frozenset(range(0x20)) - {0x09, 0x0A, 0x0D}) | {0x7F, 0xFFFE, 0xFFFF}
_QUOTES = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "\u00a0": " ",
    }
)


@dataclass(slots=True)
class HtmlPage:
    """What a page yields: body text (``""`` when none found), and metadata if stated."""

    text: str
    title: str | None
    published: str | None
    site_name: str | None


def _trafilatura_config() -> Any:
    config = use_config()
    # A timeout uses SIGALRM: not deterministic, and fails outside the main thread (Ray).
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


_CONFIG = _trafilatura_config()


def extract_html(page: str, url: str | None = None) -> HtmlPage:
    """Extract body text, title, publication date (YYYY-MM-DD) and site name from ``page``."""
    page = _without_control_references(page)
    try:
        tree = lxml_html.fromstring(page)
    except (ParserError, ValueError):
        return HtmlPage("", None, None, None)
    # trafilatura parses its own copy: it prunes the tree it is given, and the metadata
    # cascades below need the whole page.
    # With as_dict left False, trafilatura returns its Document (or None), never a dict.
    document: Any = trafilatura.bare_extraction(
        page,
        url=url,
        config=_CONFIG,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,  # trafilatura's dedup cache is global state across documents
    )
    text = (document.text if document else None) or ""
    ld_objects = _article_jsonld(tree)
    site_name = _meta(tree, "og:site_name") or (document.sitename if document else None)
    title = _vote_title(tree, ld_objects, site_name, url) or (document.title if document else None)
    published = _published_date(tree, ld_objects) or _iso_date(document.date if document else None)
    return HtmlPage(text=text, title=title, published=published, site_name=site_name)


def _without_control_references(page: str) -> str:
    """``page`` with references to control characters (``&#11;``, ``&#x1B;``, ``&#65535;``)
    replaced: a space for a vertical tab or form feed, nothing for the others."""
    if "&#" not in page:
        return page

    def replacement(reference: re.Match[str]) -> str:
        hex_digits, digits = reference.groups()
        code = int(hex_digits, 16) if hex_digits else int(digits)
        if code in _SPACING_CONTROLS:
            return " "
        return "" if code in _DROPPED_CONTROLS else reference[0]

    return _CHARACTER_REFERENCE_RE.sub(replacement, page)


def normalise_title(title: str) -> str:
    """Comparison key for headlines: casefolded, straight quotes and dashes, single spaces."""
    key = " ".join(html_entities.unescape(title).translate(_QUOTES).split()).casefold()
    return key.rstrip(".… ").strip()


def site_from_url(url: str | None) -> str | None:
    """The host of ``url`` without a leading ``www.`` (the source when none is given)."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _clean(text: str | None) -> str | None:
    if not text:
        return None
    cleaned = " ".join(html_entities.unescape(text).split())
    return cleaned if 0 < len(cleaned) <= _MAX_TITLE_CHARS else None


def _meta(tree: Any, name: str) -> str | None:
    values = tree.xpath(
        "//meta[translate(@property,'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz')=$n"
        " or translate(@name,'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz')=$n"
        " or translate(@itemprop,'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz')=$n]"
        "/@content",
        n=name,
    )
    return next((value.strip() for value in values if value.strip()), None)


def _article_jsonld(tree: Any) -> list[dict[str, Any]]:
    """JSON-LD article objects in page order (``@graph`` flattened), page objects last."""
    found: list[dict[str, Any]] = []
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        found.extend(_article_objects(data))
    return sorted(found, key=lambda obj: _types(obj) <= _PAGE_TYPES)


def _types(obj: dict[str, Any]) -> set[str]:
    kinds = obj.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return {kind.casefold() for kind in kinds if isinstance(kind, str)}


def _article_objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _article_objects(item)
    elif isinstance(data, dict):
        if "@graph" in data:
            yield from _article_objects(data["@graph"])
        if _types(data) & (_ARTICLE_TYPES | _PAGE_TYPES):
            yield data


def _strip_site_suffix(title: str, site_names: list[str]) -> str:
    """Drop trailing " | Site" / " - Section" / " * by Author" segments (never the headline)."""
    keys = [_alnum(name) for name in site_names if _alnum(name)]
    sections = load_boilerplate().sections
    parts = _TITLE_SEPARATOR_RE.split(title)
    separators = _TITLE_SEPARATOR_RE.findall(title)
    while len(parts) > 1:
        last = _alnum(parts[-1])
        names_site = bool(last) and any(key in last or last in key for key in keys)
        is_label = _is_section_label(parts[-1], sections)
        if not (names_site or is_label or _BYLINE_SEGMENT_RE.fullmatch(parts[-1].strip())):
            break
        parts.pop()
        separators.pop()
    # Rebuild with the original separators: "BUDGET 3.0 | Sars gets R4bn..." keeps its bar.
    rebuilt = parts[0]
    for separator, part in zip(separators, parts[1:], strict=False):
        rebuilt += separator + part
    return rebuilt


def _is_section_label(segment: str, sections: frozenset[str]) -> bool:
    """ "Politics", "World News", "Royal News": section names, with or without "news"."""
    words = segment.casefold().split()
    return bool(words) and all(word in sections for word in words)


def _alnum(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold()).removeprefix("www").removesuffix("com")


def _title_candidates(
    tree: Any, ld_objects: list[dict[str, Any]], site_name: str | None, url: str | None
) -> Iterator[tuple[str, str]]:
    site_names = [name for name in (site_name, site_from_url(url)) if name]
    for obj in ld_objects:
        publisher = obj.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            site_names.append(publisher["name"])
    for obj in ld_objects:
        headline = obj.get("headline")
        if isinstance(headline, str) and _clean(headline):
            yield "jsonld", _clean(headline) or ""
            break
    headings = [_clean(h.text_content()) for h in tree.xpath("//h1")]
    for heading in headings:
        if heading:
            yield "h1", heading
    for source, name in (("og", "og:title"), ("twitter", "twitter:title")):
        value = _clean(_meta(tree, name))
        if value:
            yield source, _strip_site_suffix(value, site_names)
    titles = tree.xpath("//head/title/text()") or tree.xpath("//title/text()")
    value = _clean(titles[0]) if titles else None
    if value:
        yield "title", _strip_site_suffix(value, site_names)


def _vote_title(
    tree: Any, ld_objects: list[dict[str, Any]], site_name: str | None, url: str | None
) -> str | None:
    votes: dict[str, float] = {}
    first_seen: dict[str, tuple[int, str]] = {}
    voted: set[tuple[str, str]] = set()
    candidates = list(_title_candidates(tree, ld_objects, site_name, url))
    share_headline = next((text for source, text in candidates if source == "og"), None)
    if share_headline and any("liveblogposting" in _types(obj) for obj in ld_objects):
        # A live blog's <h1> and JSON-LD headline are its standing title ("UK riots LIVE:
        # ..."); the share headline names the story the page is published for.
        return share_headline
    for source, text in candidates:
        key = normalise_title(text)
        if not key or (source, key) in voted:
            continue
        voted.add((source, key))
        votes[key] = votes.get(key, 0.0) + _TITLE_WEIGHTS[source]
        rank = _TITLE_SOURCES.index(source)
        if key not in first_seen or rank < first_seen[key][0]:
            first_seen[key] = (rank, text)
    if not votes:
        return None
    best = max(votes, key=lambda key: (votes[key], -first_seen[key][0]))
    # An editor's shortened form of the winning headline (same words, some left out) is the
    # headline proper; the long form is the on-page or SEO variant.
    headline_keys = {key for source, key in voted if source in _CONDENSED_SOURCES}
    condensed = [key for key in headline_keys if _is_condensed(key, best)]
    if condensed:
        best = max(condensed, key=lambda key: (votes[key], -first_seen[key][0]))
    return first_seen[best][1]


def _is_condensed(short: str, long: str) -> bool:
    """True when ``short``'s words are a proper in-order subset of ``long``'s (most of them)."""
    short_words, long_words = _TITLE_WORD_RE.findall(short), _TITLE_WORD_RE.findall(long)
    if not short_words or len(short_words) >= len(long_words):
        return False
    if len(short_words) < MIN_CONDENSED_SHARE * len(long_words):
        return False
    remaining = iter(long_words)
    return all(word in remaining for word in short_words)


def _published_date(tree: Any, ld_objects: list[dict[str, Any]]) -> str | None:
    for obj in ld_objects:
        date = _iso_date(
            obj.get("datePublished") if isinstance(obj.get("datePublished"), str) else None
        )
        if date:
            return date
    for name in _DATE_META:
        date = _iso_date(_meta(tree, name))
        if date:
            return date
    try:
        found = find_date(tree, original_date=True, extensive_search=True, outputformat="%Y-%m-%d")
    except (ValueError, TypeError):
        found = None
    return _iso_date(found)


def _iso_date(value: str | None) -> str | None:
    """The date part of an ISO 8601 date or datetime, as written (no zone conversion)."""
    if not value:
        return None
    match = _ISO_DATE_RE.match(value.strip())
    if not match:
        return None
    year, month, day = (int(group) for group in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31 and year >= 1900):
        return None
    return match.group(0)
