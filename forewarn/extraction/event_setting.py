"""When and where an event happened: the DATE and place entities that belong to its trigger.

Both look only at the event's own clause, so that "said on Tuesday that Russia attacked"
dates the saying, not the attack, and "Lavrov, in Geneva, said Russia attacked Kyiv" does
not place the attack in Geneva.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from forewarn.data import load_json
from forewarn.extraction.syntax import clause_tokens

__all__ = ["event_date", "event_place"]

_LOCATIVE_PREPS = frozenset(load_json("event_rules.json")["locative_prepositions"])
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def event_date(trigger: Token, dates: list[Span]) -> Span | None:
    """The DATE entity whose nearest predicate is the trigger (or the trigger's verb)."""
    anchors = {trigger.i}
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.head != trigger:
        anchors.add(trigger.head.i)
    for ent in dates:
        node = ent.root
        while node.head != node and node.i not in anchors and node.pos_ not in ("VERB", "AUX"):
            node = node.head
        if node.i in anchors:
            return ent
    return None


def event_place(trigger: Token, excluded: set[int]) -> Span | None:
    """A place entity under a locative preposition in the trigger's own clause."""
    doc = trigger.doc
    for token in clause_tokens(trigger):
        if token.dep_ != "prep" or token.lower_ not in _LOCATIVE_PREPS:
            continue
        for obj in token.children:
            if obj.dep_ == "pobj" and obj.ent_type_ in _PLACE_LABELS and obj.i not in excluded:
                ent = next((e for e in doc.ents if e.start <= obj.i < e.end), None)
                if ent is not None:
                    return ent
    return None
