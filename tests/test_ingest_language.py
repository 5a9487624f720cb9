"""English or not: a function-word ratio, lenient on short texts."""

from __future__ import annotations

import pytest

from forewarn.errors import NotEnglishError
from forewarn.ingest import RawInput, check_english, is_english, prepare_article
from forewarn.ingest.language import guess_language

FRENCH = (
    "Le gouvernement a annoncé mercredi de nouvelles sanctions contre la Russie, après une "
    "réunion des ministres à Bruxelles. Selon le porte-parole, les mesures entreront en vigueur "
    "la semaine prochaine et viseront les banques du pays."
)
GERMAN = (
    "Die Bundesregierung hat am Mittwoch neue Sanktionen gegen Russland angekündigt. Nach "
    "Angaben eines Sprechers sollen die Maßnahmen in der kommenden Woche in Kraft treten."
)
SPANISH = (
    "El gobierno anunció el miércoles nuevas sanciones contra Rusia tras una reunión de los "
    "ministros en Bruselas. Según el portavoz, las medidas entrarán en vigor la próxima semana."
)
RUSSIAN = "Министерство обороны заявило в среду, что войска провели учения вблизи границы."
ENGLISH = (
    "Moldova's Ministry of Defense said on Wednesday that authorities in the breakaway region "
    "are quietly calling up reservists, presenting the call-ups as routine drills."
)


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        (FRENCH, "fr", "French"),
        (GERMAN, "de", "German"),
        (SPANISH, "es", "Spanish"),
        (RUSSIAN, "ru", "Russian"),
    ],
)
def test_other_languages_are_rejected_with_a_guess(text: str, language: str, name: str) -> None:
    assert not is_english(text)
    assert guess_language(text) == language
    with pytest.raises(NotEnglishError) as caught:
        check_english(text, "feed.jsonl:3")
    assert str(caught.value) == f"feed.jsonl:3: not English (looks like {name})"
    assert caught.value.language == language


@pytest.mark.parametrize(
    "text",
    [
        ENGLISH,
        "Russia hits Kyiv with ballistic missile, damages buildings and schools",
        "Indiana governor endorses revised GOP state budget package",
        "Iconic Jasper resort reopens after $100M revamp",
        "Ceasefire talks stall",
        "NATO summit: leaders pledge more air defence for Ukraine after overnight strikes on Lviv",
    ],
)
def test_english_including_short_headlines_is_accepted(text: str) -> None:
    assert is_english(text)
    check_english(text, "x.txt")


def test_unknown_language_is_named_another_language() -> None:
    text = "Isihluku kubulawa isaguga eMbali ngesonto eledlule kusho amaphoyisa endawo " * 3
    with pytest.raises(NotEnglishError, match=r"looks like another language"):
        check_english(text, "page.html")


def test_prepare_article_skips_non_english_naming_the_origin() -> None:
    raw = RawInput("batch.jsonl:2", "x", FRENCH, None, None, None, None, None)
    with pytest.raises(NotEnglishError, match=r"^batch.jsonl:2: not English \(looks like French\)"):
        prepare_article(raw)
