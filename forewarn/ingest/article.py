"""From a :class:`RawInput` to a clean :class:`~forewarn.records.Article`.

``Article.text`` is the exact string every downstream offset indexes, so it is built once,
here: page furniture removed, the headline moved to ``Article.title``, paragraphs joined by
a blank line (plain text) or trafilatura's line breaks (HTML).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import date, datetime

from forewarn.errors import InputError
from forewarn.ingest.boilerplate import (
    Boilerplate,
    filter_furniture,
    is_furniture,
    load_boilerplate,
)
from forewarn.ingest.html import extract_html, normalise_title, site_from_url
from forewarn.ingest.inputs import InputWarning, RawInput
from forewarn.ingest.language import check_english
from forewarn.records import Article

__all__ = [
    "MAX_TITLE_WORDS",
    "MAX_WRAP_WIDTH",
    "MIN_WRAP_BREAKS",
    "clean_text",
    "content_id",
    "detect_title",
    "drop_unreadable_date",
    "prepare_article",
    "to_iso_date",
]

# Headlines run 5-20 words; a first line longer than this is the lead paragraph.
MAX_TITLE_WORDS = 25
# A line is title-cased when at least this share of its longer words are capitalised.
TITLE_CASE_SHARE = 0.6
# Words this short ("of", "the", "in") stay lowercase in title case and are not counted.
TITLE_CASE_MIN_WORD_LENGTH = 4

_ISO_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_WORD_RE = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_PARAGRAPH_BREAK_RE = re.compile(r"\n\s*\n")
# A hard-wrapped line continues when it does not end a sentence and the next starts lowercase.
_CONTINUES_RE = re.compile(r"[^.!?:;\"'”’)\]]$")
_SENTENCE_END_RE = re.compile(r"[.!?][\"'”’)\]]*$")
_LIST_ITEM_RE = re.compile(r"(?:[-*•]|\d{1,2}[.)])\s")

# Hard-wrapped text (e-mail, wire copy, plain-text archives) is broken at a fixed width, 72 to
# 80 columns as a rule; a text with a longer line is not hard-wrapped.
MAX_WRAP_WIDTH = 100
# Breaks that can only be wraps (mid-sentence, before a word that would not have fitted on the
# line) it takes to call a text hard-wrapped: one may be a headline run into its lead.
MIN_WRAP_BREAKS = 2


def prepare_article(
    raw: RawInput, published: str | date | None = None, *, check_language: bool = True
) -> Article:
    """Clean ``raw`` into an :class:`Article`; raise :class:`InputError` when nothing is left.

    Raises :class:`~forewarn.errors.NotEnglishError` for non-English text (unless
    ``check_language`` is off, as in the extraction scorer). Publication date priority: the
    ``published`` argument, then ``raw.published``, then the date stated in the HTML.
    """
    page_date = None
    source = raw.source
    title = raw.title.strip() if raw.title and raw.title.strip() else None
    if raw.text is not None:
        text, detected = clean_text(raw.text, known_title=title)
        title = title or detected
    else:
        page = extract_html(raw.html or "", url=raw.url)
        text = "\n".join(_strip_lines(filter_furniture(page.text.splitlines())))
        text = _drop_leading_title(text, title or page.title)
        title = title or page.title
        page_date = page.published
        source = source or site_from_url(raw.url) or page.site_name
    if not text.strip():
        raise InputError(f"{raw.origin}: no article text left after removing page furniture")
    if check_language:
        check_english(text, raw.origin)
    return Article(
        id=raw.id or content_id(text),
        title=title,
        published=(
            to_iso_date(published, raw.origin)
            if published
            else to_iso_date(raw.published, raw.origin)
            if raw.published
            else page_date
        ),
        text=text,
        url=raw.url,
        source=source,
        language="en",
    )


def content_id(text: str) -> str:
    """A stable id from the text: "sha1:" and 16 hex digits of its whitespace-normalised form."""
    digest = hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()
    return f"sha1:{digest[:16]}"


def to_iso_date(value: str | date, origin: str) -> str:
    """``YYYY-MM-DD`` from a date, an ISO date or an ISO datetime (date part as written)."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    match = _ISO_DATE_RE.match(value.strip())
    if match:
        try:
            return date(*(int(part) for part in match.groups())).isoformat()
        except ValueError:
            pass
    raise InputError(
        f"{origin}: published date {value!r} is not a date "
        "(expected YYYY-MM-DD or an ISO 8601 datetime)"
    )


def drop_unreadable_date(raw: RawInput) -> tuple[RawInput, InputWarning | None]:
    """``raw`` without its ``published`` when that is no date, and the warning saying so.

    A feed writing its dates another way ("13/03/2025") should not cost its articles: each is
    kept undated (relative dates in its text stay unresolved) and the warning names the input.
    """
    if not raw.published:
        return raw, None
    try:
        to_iso_date(raw.published, raw.origin)
    except InputError as problem:
        warning = InputWarning(raw.origin, f"{problem}; the article is kept without a date")
        return replace(raw, published=None), warning
    return raw, None


def clean_text(text: str, known_title: str | None = None) -> tuple[str, str | None]:
    """Plain text without furniture, paragraphs joined by a blank line, and its headline.

    Each non-blank line is a paragraph unless it continues the line above: it starts lowercase
    after a line that ends mid-sentence, or the text is hard-wrapped (:func:`_wrap_width`) and
    its first word would not have fitted on the line above, unless it opens a list item or is
    a heading in capitals. A continuation is joined with a space in place of the line break,
    so that offsets into the text stay those of the text as given. The headline is detected
    only when no title is known; a known title repeated as the first line is removed.
    """
    boilerplate = load_boilerplate()
    blocks = [
        _strip_lines(block.split("\n"))
        for block in _PARAGRAPH_BREAK_RE.split(text.replace("\r\n", "\n").replace("\r", "\n"))
    ]
    width = _wrap_width(blocks)
    paragraphs: list[str] = []
    for lines in blocks:
        paragraphs.extend(_paragraphs(lines, width, boilerplate))
    title = None
    if (
        paragraphs
        and known_title
        and normalise_title(paragraphs[0]) == normalise_title(known_title)
    ):
        paragraphs.pop(0)
    elif paragraphs and not known_title and len(paragraphs) > 1 and detect_title(paragraphs[0]):
        title = paragraphs.pop(0)
    return "\n\n".join(paragraphs), title


def _wrap_width(blocks: list[list[str]]) -> int | None:
    """The width a hard-wrapped text was wrapped at (its longest line), else ``None``."""
    width = max((len(line) for lines in blocks for line in lines), default=MAX_WRAP_WIDTH + 1)
    if width > MAX_WRAP_WIDTH:
        return None
    wraps = sum(
        not _SENTENCE_END_RE.search(previous) and _may_be_wrapped(previous, line, width)
        for lines in blocks
        for previous, line in zip(lines, lines[1:], strict=False)
    )
    return width if wraps >= MIN_WRAP_BREAKS else None


def _paragraphs(lines: list[str], wrap_width: int | None, boilerplate: Boilerplate) -> list[str]:
    """A block's paragraphs: its lines, furniture left out, each joined to the one it continues."""
    paragraphs: list[str] = []
    previous = ""
    for line in lines:
        continues = bool(paragraphs) and _continues(previous, line, wrap_width)
        # Wrapping puts any words at the start of a line: a line wrapped mid-sentence ("by
        # recent gun violence.") is no byline or other furniture.
        wrapped_mid_sentence = (
            continues and wrap_width is not None and not _SENTENCE_END_RE.search(previous)
        )
        if not wrapped_mid_sentence and is_furniture(line, boilerplate):
            continue
        if continues:
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        previous = line
    return paragraphs


def _continues(previous: str, line: str, wrap_width: int | None) -> bool:
    if _CONTINUES_RE.search(previous) and line[:1].islower():
        return True
    return wrap_width is not None and _may_be_wrapped(previous, line, wrap_width)


def _may_be_wrapped(previous: str, line: str, width: int) -> bool:
    """``line``'s first word would have overflowed ``previous``, and ``line`` starts no block."""
    if _LIST_ITEM_RE.match(line) or (line.isupper() and not _SENTENCE_END_RE.search(line)):
        return False
    return len(previous) + 1 + len(line.split(maxsplit=1)[0]) > width


def detect_title(line: str) -> bool:
    """True for a headline: short, not a sentence, title-cased (or a question headline)."""
    words = _WORD_RE.findall(line)
    # A question headline ("What Is Nato and Which Countries Are in It?") is allowed; a line
    # ending like a statement sentence or mid-sentence is body text.
    if not words or len(words) > MAX_TITLE_WORDS or line.rstrip().endswith((".", ",", ";", ":")):
        return False
    long_words = [word for word in words if len(word) >= TITLE_CASE_MIN_WORD_LENGTH]
    if not long_words:
        return words[0][:1].isupper()
    capitalised = sum(word[:1].isupper() or word[:1].isdigit() for word in long_words)
    return capitalised / len(long_words) >= TITLE_CASE_SHARE


def _strip_lines(lines: list[str]) -> list[str]:
    return [line.strip() for line in lines if line.strip()]


def _drop_leading_title(text: str, title: str | None) -> str:
    """Pages often repeat the headline as the body's first line; it belongs in the title."""
    if not title:
        return text
    first, _, rest = text.partition("\n")
    return rest.lstrip("\n") if normalise_title(first) == normalise_title(title) else text
