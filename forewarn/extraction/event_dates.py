"""When an event happened: the DATE entity that belongs to its trigger.

The event's own clause is read first, so that "said on Tuesday that Russia attacked" dates
the saying, not the attack. Where the clause names no date, the date is inherited (first
found wins) from the clauses the event's clause hangs from through a participle, a purpose
clause or a coordination; from the sentence's frame, a fronted adjunct before the main clause
("On 9 May 2020, in Coatzacoalcos, lawyers demonstrated"), also read from the words when the
parser missed the sentence's verb or cut the sentence at a colon; and, for a sentence with no
date of its own, from the opening date of the paragraph's nearest earlier dated sentence ("On
4 May 2020, in Merida, residents protested. A man was shot dead."). Pluperfect background
("had been detained") inherits no date, a new paragraph starts a new story, and reported
speech (a ``ccomp`` or ``parataxis``) inherits nothing: what someone said happened is not
dated when they said it.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from forewarn.data import load_json
from forewarn.extraction.clauses import (
    frame_end,
    governors,
    is_reported,
    predicate_of,
    sentence_start,
)
from forewarn.extraction.word_lists import json_words

__all__ = ["event_date"]

_LONGEST_MONTH = 31
# "On 9 May 2020, ...", "Around 27 July 2021 (as reported), ...", "On or about 3 May, ...": a
# date opening the sentence after at most this many words of preposition or hedge.
_MAX_DATE_LEAD_TOKENS = 3
# What closes a leading date adjunct before the clause it frames.
_DATE_ADJUNCT_CLOSERS = frozenset({",", "(", ":", "-", "\u2013"})


@cache
def _month_names() -> frozenset[str]:
    return frozenset(load_json("dates/date_words.json")["months"])


def _anchors(trigger: Token) -> set[int]:
    anchors = {trigger.i}
    if trigger.lemma_.lower() in json_words("dates/date_words.json", "participation_verbs"):
        # "attended a summit held in Tashkent on March 3": taking part in a happening is
        # dated by it
        for obj in trigger.children:
            if obj.dep_ == "dobj":
                anchors.update(c.i for c in obj.children if c.dep_ in ("acl", "relcl"))
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.head != trigger:
        anchors.add(trigger.head.i)
        # "participated in the march on Saturday": the march's date is its verb's
        anchors.add(predicate_of(trigger).i)
    return anchors


def _with_day(ent: Span) -> Span:
    """ "Around 7 May 2020" is often tagged "May 2020": take back the day number before it."""
    if ent.start == ent.sent.start or ent[0].lower_ not in _month_names():
        return ent
    previous = ent.doc[ent.start - 1]
    if previous.text.isdigit() and 1 <= int(previous.text) <= _LONGEST_MONTH:
        return ent.doc[ent.start - 1 : ent.end]
    return ent


def _date_of_clause(anchors: set[int], dates: list[Span]) -> Span | None:
    """The DATE entity whose nearest predicate (or nominal anchor) is one of ``anchors``."""
    for ent in dates:
        node = ent.root
        while node.head != node and node.i not in anchors and node.pos_ not in ("VERB", "AUX"):
            node = node.head
        if node.i in anchors:
            return _with_day(ent)
    return None


def _leading_date(start: int, end: int, dates: list[Span]) -> Span | None:
    """A date adjunct opening the text from ``start``: "On 9 May 2020, ...", "Around 27 July
    2021 (as reported), ...". Read from the words, not the parse, which often makes "On"
    the root of such a sentence or cuts it at a colon."""
    first = next((d for d in dates if start <= d.start < end), None)
    if first is None or first.start - start > _MAX_DATE_LEAD_TOKENS:
        return None
    doc = first.doc
    lead = doc[start : first.start]
    if any(t.pos_ not in ("ADP", "ADV", "CCONJ", "NUM") or t.like_num and len(t) > 2 for t in lead):
        return None
    if first.end >= len(doc) or doc[first.end].text not in _DATE_ADJUNCT_CLOSERS:
        return None
    if lead and lead[-1].like_num and first[0].lower_ in _month_names():
        return doc[lead[-1].i : first.end]  # "On 29 Apr 2020" tagged "Apr 2020"
    return _with_day(first)


def _is_background(trigger: Token) -> bool:
    """ "had been detained since June": the pluperfect tells what happened before the frame."""
    return any(c.dep_ == "aux" and c.lower_ == "had" for c in trigger.children)


def _narrative_date(trigger: Token, dates: list[Span]) -> Span | None:
    """The date that opens the paragraph's nearest earlier dated sentence, for an event told in
    a sentence with no date of its own ("On 4 May 2020, ... . A man was shot dead ...")."""
    doc = trigger.doc
    start = sentence_start(trigger.sent)
    while start > 0:
        previous = doc[start - 1]
        if previous.is_space and previous.text.count("\n") >= 2:
            return None  # a new paragraph starts a new story
        earlier = sentence_start(previous.sent)
        inside = [d for d in dates if earlier <= d.start < start]
        if inside:
            return _leading_date(earlier, start, inside)
        start = earlier
    return None


def event_date(trigger: Token, dates: list[Span]) -> Span | None:
    """The DATE entity of the trigger's clause, else of a clause or sentence frame above it.

    Cascade (first found wins): the trigger's clause; the clauses it hangs from; the
    sentence's fronted adjuncts (by the parse, then by the words: "On 9 May 2020, ...", also
    across a sentence split the parser made mid-sentence); for a sentence with no date at all,
    the opening date of the paragraph's nearest earlier dated sentence. Reported speech and
    pluperfect background ("had been detained") inherit nothing.
    """
    sentence = trigger.sent
    own = [d for d in dates if sentence.start <= d.start < sentence.end]
    found = _date_of_clause(_anchors(trigger), own)
    if found is not None:
        return found
    for governor in governors(trigger):
        found = _date_of_clause({governor.i}, own)
        if found is not None:
            return found
    if is_reported(trigger):
        return None
    frame = frame_end(sentence)
    for ent in own:
        if ent.end <= frame:
            return _with_day(ent)
    start = sentence_start(sentence)
    found = _leading_date(start, sentence.end, dates)
    if found is not None or own or _is_background(trigger):
        return found
    return _narrative_date(trigger, dates)
