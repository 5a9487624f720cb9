"""Is this text English? A function-word test, cheap enough to run on every input.

English prose is 40-55% function words ("the", "of", "said", "which" ...); other languages
written in Latin script share only a handful of them ("a", "in", "on"), and other scripts
none. So the share of alphabetic words found in spaCy's English stop-word list separates
English from the rest without a model. Short texts (headlines, captions) carry too few words
for the share to be reliable, so they are judged leniently: another language must fit them
clearly better, on words of its own. When a text is rejected, the same measure against
spaCy's stop-word lists of a few common languages names a likely language for the message.
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache

import pycountry
from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH_FUNCTION_WORDS

from forewarn.errors import NotEnglishError

__all__ = [
    "ENGLISH_RATIO_THRESHOLD",
    "check_english",
    "english_ratio",
    "guess_language",
    "is_english",
]

# Measured on news text: English paragraphs score 0.35-0.55, French/German/Spanish/Italian
# 0.00-0.15 (shared words like "a", "in", "an", "was"). 0.2 leaves a margin on both sides.
ENGLISH_RATIO_THRESHOLD = 0.2
# Below this many words a text is "short" (a headline, a caption, a lead): headlines drop
# function words ("Indiana governor endorses revised GOP state budget package" scores 0.0),
# so short texts are judged by SHORT_TEXT_THRESHOLD, and headline-length ones only by
# whether another language clearly fits better.
SHORT_TEXT_WORDS = 30
SHORT_TEXT_THRESHOLD = 0.08
HEADLINE_WORDS = 15
# Below this many words there is nothing to measure: accept unless the script is not Latin.
MIN_WORDS_TO_JUDGE = 6
# "Clearly fits better": another language's function words cover at least this share of a
# short text and this much more than English's (German shares "in", "an", "was" with
# English, so its English share alone can look plausible on 20 words).
OTHER_LANGUAGE_MIN_RATIO = 0.25
OTHER_LANGUAGE_MARGIN = 0.1
# ... and on at least this many different function words of its own, written in lower case:
# one shared with English's content words ("war" is German for "was", "man" is German) or a
# capitalised name part ("U.S." gives the Polish "u", "E. Ukraine" the Italian "e", "Al-Qaeda"
# the Dutch "al") is no evidence against English.
MIN_OWN_FUNCTION_WORDS = 2
# A text whose letters are mostly outside Latin script is not English, however short.
MIN_LATIN_LETTER_SHARE = 0.5
# Only the first words are measured: a verdict does not change after a few paragraphs.
MAX_WORDS_MEASURED = 2000
# A guessed language must cover at least this share of the words, else "another language".
MIN_GUESS_RATIO = 0.15

# Languages named in "looks like ..." messages: spaCy ships stop-word lists for them.
GUESS_LANGUAGES = ("fr", "de", "es", "it", "pt", "nl", "sv", "pl", "tr", "id", "ru", "uk")

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _words(text: str) -> list[str]:
    return [
        word.casefold().replace("’", "'") for word in _WORD_RE.findall(text)[:MAX_WORDS_MEASURED]
    ]


def english_ratio(text: str) -> float:
    """Share of alphabetic words that are English function words (0.0 for no words)."""
    return _ratio(_words(text), ENGLISH_FUNCTION_WORDS)


def _latin_share(text: str) -> float:
    letters = [char for char in text[: MAX_WORDS_MEASURED * 8] if char.isalpha()]
    if not letters:
        return 1.0
    # Latin script letters are all below U+0250 (Basic Latin to Latin Extended-B).
    return sum(ord(char) < 0x250 for char in letters) / len(letters)


def is_english(text: str) -> bool:
    """The verdict of :func:`check_english`, as a boolean (see the module docstring)."""
    if _latin_share(text) < MIN_LATIN_LETTER_SHARE:
        return False
    words = _words(text)
    if len(words) < MIN_WORDS_TO_JUDGE:
        return True
    english = _ratio(words, ENGLISH_FUNCTION_WORDS)
    if _fits_another_language_better(text, words, english):
        return False
    if len(words) < HEADLINE_WORDS:
        return True
    threshold = SHORT_TEXT_THRESHOLD if len(words) < SHORT_TEXT_WORDS else ENGLISH_RATIO_THRESHOLD
    return english >= threshold


def _fits_another_language_better(text: str, words: list[str], english: float) -> bool:
    written = _WORD_RE.findall(text)[:MAX_WORDS_MEASURED]
    lowercase = {word.replace("’", "'") for word in written if word.islower()}
    for code in GUESS_LANGUAGES:
        vocabulary = _stop_words(code)
        other = _ratio(words, vocabulary)
        if other <= english + OTHER_LANGUAGE_MARGIN:
            continue
        if other < OTHER_LANGUAGE_MIN_RATIO and len(words) < SHORT_TEXT_WORDS:
            continue
        if len((lowercase & vocabulary) - ENGLISH_FUNCTION_WORDS) >= MIN_OWN_FUNCTION_WORDS:
            return True
    return False


def _ratio(words: list[str], vocabulary: frozenset[str] | set[str]) -> float:
    return sum(word in vocabulary for word in words) / len(words) if words else 0.0


def check_english(text: str, origin: str) -> None:
    """Raise :class:`NotEnglishError` naming ``origin`` when ``text`` is not English."""
    if is_english(text):
        return
    code = guess_language(text)
    name = _language_name(code) if code else "another language"
    raise NotEnglishError(f"{origin}: not English (looks like {name})", language=code)


def guess_language(text: str) -> str | None:
    """ISO 639-1 code of the listed language whose function words cover most of the text."""
    words = _words(text)
    if not words:
        return None
    best_code, best_ratio = None, 0.0
    for code in GUESS_LANGUAGES:
        ratio = _ratio(words, _stop_words(code))
        if ratio > best_ratio:
            best_code, best_ratio = code, ratio
    return best_code if best_ratio >= MIN_GUESS_RATIO else None


@lru_cache(maxsize=len(GUESS_LANGUAGES))
def _stop_words(code: str) -> frozenset[str]:
    module = importlib.import_module(f"spacy.lang.{code}.stop_words")
    return frozenset(word.casefold() for word in module.STOP_WORDS)


def _language_name(code: str) -> str:
    language = pycountry.languages.get(alpha_2=code)
    return language.name if language else code
