"""Word lists kept as keys of JSON data files, read on first use and kept as sets.

``event_rules.json`` holds the event stage's syntax words (which prepositions name a target or
a place, which governing words make an event hypothetical, intended or denied);
``places/setting.json`` the words that say where an event happened. Each file describes its
lists in its ``_comment``.
"""

from __future__ import annotations

from functools import cache

from forewarn.data import load_json

__all__ = ["event_rule_words", "json_words", "setting_words"]


@cache
def json_words(name: str, key: str) -> frozenset[str]:
    """The list ``key`` of the JSON data file ``name``, as a set."""
    return frozenset(load_json(name)[key])


def event_rule_words(key: str) -> frozenset[str]:
    """A word list of ``event_rules.json``."""
    return json_words("event_rules.json", key)


def setting_words(key: str) -> frozenset[str]:
    """A word list of ``places/setting.json``."""
    return json_words("places/setting.json", key)
