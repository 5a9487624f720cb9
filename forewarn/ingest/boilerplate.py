"""Page furniture removal for plain text and extracted HTML text, line by line.

The patterns live in ``forewarn/data/boilerplate/`` (see its README). The one rule that
overrides them: a line that reads like a sentence -- at least :data:`MIN_SENTENCE_WORDS`
words and terminal punctuation -- is article text and is kept, even when it contains
"Photo" or "Share". Only the banner patterns (cookie and copyright notices, whose wording
no article uses) may remove such a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from forewarn.data import data_path, load_words

__all__ = [
    "MIN_SENTENCE_WORDS",
    "Boilerplate",
    "filter_furniture",
    "is_furniture",
    "is_sentence_like",
    "load_boilerplate",
]

# Article sentences are rarely shorter than this, menu items and credits rarely longer:
# with terminal punctuation, 8+ words is the point where a line is safer kept than dropped.
MIN_SENTENCE_WORDS = 8
# Breadcrumb segments are one to a few words ("World | Europe", "News > Ukraine war").
MAX_BREADCRUMB_SEGMENT_WORDS = 3

_DATA_FOLDER = "boilerplate"
_SECTIONS_FILE = "sections.txt"
_BANNERS_FILE = "banners.txt"

_WORD_RE = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
# Terminal punctuation, optionally followed by closing quotes or brackets.
_SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’»)\]]*$")
_BREADCRUMB_SPLIT_RE = re.compile(r"\s*[|>›»/•·]\s*")


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """Compiled furniture patterns: ``line`` patterns spare sentences, ``banner`` ones do not."""

    line_patterns: tuple[re.Pattern[str], ...]
    banner_patterns: tuple[re.Pattern[str], ...]
    sections: frozenset[str]


@lru_cache(maxsize=1)
def load_boilerplate() -> Boilerplate:
    """Load and compile every pattern file under ``forewarn/data/boilerplate/`` (cached)."""
    line_patterns: list[re.Pattern[str]] = []
    banner_patterns: list[re.Pattern[str]] = []
    sections: set[str] = set()
    for entry in sorted(data_path(_DATA_FOLDER).iterdir(), key=lambda item: item.name):
        if not entry.name.endswith(".txt"):
            continue
        # sorted: a set's order would change from run to run (a pattern's place does not
        # change what matches)
        lines = sorted(load_words(f"{_DATA_FOLDER}/{entry.name}"))
        if entry.name == _SECTIONS_FILE:
            sections.update(line.casefold() for line in lines)
            continue
        target = banner_patterns if entry.name == _BANNERS_FILE else line_patterns
        target.extend(re.compile(line, re.IGNORECASE) for line in lines)
    return Boilerplate(tuple(line_patterns), tuple(banner_patterns), frozenset(sections))


def is_sentence_like(line: str) -> bool:
    """True for a line that reads as article prose: long enough and ending a sentence."""
    stripped = line.strip()
    return (
        bool(_SENTENCE_END_RE.search(stripped))
        and len(_WORD_RE.findall(stripped)) >= MIN_SENTENCE_WORDS
    )


def is_furniture(line: str, boilerplate: Boilerplate | None = None) -> bool:
    """True when ``line`` is page furniture (menu, credit, prompt, byline, banner, breadcrumb)."""
    stripped = " ".join(line.split())
    if not stripped:
        return False
    patterns = boilerplate or load_boilerplate()
    if any(pattern.fullmatch(stripped) for pattern in patterns.banner_patterns):
        return True
    if is_sentence_like(stripped):
        return False
    if _is_section_label(stripped, patterns.sections):
        return True
    return any(pattern.fullmatch(stripped) for pattern in patterns.line_patterns)


def _is_section_label(line: str, sections: frozenset[str]) -> bool:
    """A known section name, or a breadcrumb: short capitalised segments joined by separators."""
    if line.casefold() in sections:
        return True
    segments = [segment for segment in _BREADCRUMB_SPLIT_RE.split(line) if segment]
    if len(segments) < 2:
        return False
    for segment in segments:
        words = segment.split()
        if segment.casefold() in sections:
            continue
        if len(words) > MAX_BREADCRUMB_SEGMENT_WORDS or not all(w[:1].isupper() for w in words):
            return False
        if _SENTENCE_END_RE.search(segment):
            return False
    return True


def filter_furniture(lines: list[str], boilerplate: Boilerplate | None = None) -> list[str]:
    """The lines that are not furniture, in their original order (blank lines kept)."""
    patterns = boilerplate or load_boilerplate()
    return [line for line in lines if not is_furniture(line, patterns)]
