"""Issue 14, item 7: short English items taken for Polish, Italian, Dutch or German.

Headlines and one-line items carry few function words, and their initials ("U.S.", "E.
Congo"), name parts ("Al-") and English words spelt like foreign function words ("war",
"man") were counted as another language's. Sentences written for this test.
"""

from __future__ import annotations

import pytest

from forewarn.ingest import is_english


@pytest.mark.parametrize(
    "text",
    [
        "U.S. navy sends hospital ship to Honduras.",  # "u": Polish
        "U.S. Envoy Flies to Yemen.",
        "Rebels seize airport in E. Congo",  # "e": Italian
        "Al-Shabaab commander was killed in Somalia.",  # "al", "was": Dutch
        "Dozens dead in war-torn north",  # "war", "in": German
    ],
)
def test_short_english_items_stay_english(text):
    assert is_english(text)


@pytest.mark.parametrize(
    "text",
    [
        "Wojsko przekazało sprzęt medyczny do szpitala w Gdańsku i nie tylko.",
        "Het leger is in de stad aangekomen en de burgemeester was er niet.",
        "L'esercito è arrivato in città e il sindaco non era presente.",
        "Die Armee ist in der Stadt angekommen und der Bürgermeister war nicht da.",
        "Tentara tiba di kota itu dan wali kota tidak ada di sana.",
    ],
)
def test_short_items_in_another_language_are_still_refused(text):
    assert not is_english(text)
