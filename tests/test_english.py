"""forewarn.english: the closed-class sets the stages share."""

from __future__ import annotations

import forewarn.english as english


def test_public_surface_is_pinned():
    assert sorted(english.__all__) == sorted(
        [
            "DATE_LABELS",
            "DEFINITE_DETERMINERS",
            "NAMED_ACTOR_LABELS",
            "ORGANISED_GROUP_LABELS",
            "PERSONAL_PRONOUNS",
            "PLACE_LABELS",
            "PLURAL_PRONOUNS",
            "POSSESSIVE_DETERMINERS",
            "RELATIVE_PRONOUNS",
            "THING_PRONOUNS",
        ]
    )


def test_sets_are_frozen_and_lowercase_or_labels():
    for name in english.__all__:
        members = getattr(english, name)
        assert isinstance(members, frozenset), name
        assert all(m == m.lower() or m == m.upper() for m in members), name
