"""How actor names and article phrases are compared: tokens, apostrophes and accents folded."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["MAX_CASE_SENSITIVE_LETTERS", "is_case_sensitive", "normalize", "phrase_tokens"]

# All-capital aliases this short ("US", "IS", "AP", "RAW") are ordinary words in lowercase, so
# they match only with their exact capitals. Longer ones ("NATO") also match "Nato".
MAX_CASE_SENSITIVE_LETTERS = 3

_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})


def normalize(text: str) -> str:
    text = text.translate(_APOSTROPHES)
    if not text.isascii():
        text = "".join(
            ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
        )
    return text


def phrase_tokens(text: str) -> list[str]:
    """The tokens aliases and phrases are compared by: words and single punctuation marks."""
    return _TOKEN.findall(normalize(text))


def is_case_sensitive(surface: str) -> bool:
    """Whether an alias only matches with its own capitals (short acronyms such as "US")."""
    letters = [ch for ch in surface if ch.isalpha()]
    return bool(letters) and len(letters) <= MAX_CASE_SENSITIVE_LETTERS and surface.isupper()
