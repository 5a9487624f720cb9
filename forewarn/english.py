"""Closed-class English: pronouns, determiners and spaCy's entity-label groups.

These sets are grammar, not knowledge that grows (open-class word lists live under
``forewarn/data/``); they are defined once here so that the stages reading them agree.
"""

from __future__ import annotations

__all__ = [
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

PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her"})
"""Third-person singular pronouns that stand for a person."""

THING_PRONOUNS = frozenset({"it"})
"""The singular pronoun that stands for a thing, a group or an institution."""

PLURAL_PRONOUNS = frozenset({"they", "them"})
"""Third-person plural pronouns."""

RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
"""Pronouns opening a relative clause ("Russia, which keeps troops there")."""

POSSESSIVE_DETERMINERS = frozenset({"its", "his", "her", "their", "our", "my", "your"})
"""Possessive determiners ("its Telegram channel")."""

DEFINITE_DETERMINERS = frozenset({"the", "this", "that"})
"""Determiners that refer back to something already named ("the ministry", "this report")."""

NAMED_ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
"""spaCy entity labels of names that can be actors or speakers: people, organisations,
nationalities and political groups, countries and cities (as governments)."""

ORGANISED_GROUP_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})
"""spaCy entity labels that "it" can stand for: organisations, states, groups, facilities."""

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
"""spaCy entity labels of places."""

DATE_LABELS = frozenset({"DATE", "TIME"})
"""spaCy entity labels of dates and times."""
