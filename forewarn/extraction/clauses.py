"""Reading a clause's place in its sentence: its predicate, the clauses it hangs from, reported
speech, the sentence's fronted frame and where a sentence really starts.

Helpers of the event setting (:mod:`forewarn.extraction.event_dates`,
:mod:`forewarn.extraction.event_place`); they only read the parse.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

__all__ = [
    "frame_end",
    "frame_limit",
    "governors",
    "is_reported",
    "predicate_of",
    "sentence_start",
]

# Dependencies through which a clause restates or extends its governor's circumstances.
_INHERITING_DEPS = frozenset({"advcl", "conj", "xcomp", "acl", "pcomp", "prep", "pobj"})
# Reported speech: its events are not set where or when they were reported.
_SPEECH_DEPS = frozenset({"ccomp", "parataxis"})
_REPORTING_POS = frozenset({"VERB", "AUX", "NOUN", "PROPN"})
# Fronted adjuncts are short: beyond this many tokens before the subject, a sentence has
# no frame we can trust ("In the wake of ..., and after ..., ").
_MAX_FRAME_TOKENS = 25
# A sentence the parser ended on anything else was cut short ("... organized by KPRF:
# Communist Party of ...") and the next one continues it.
_SENTENCE_ENDINGS = frozenset({".", "!", "?", '"', "'", "\u201d", "\u2019", ")", "]"})


def predicate_of(token: Token) -> Token:
    """The nearest verb at or above ``token`` (the sentence root when there is none)."""
    node = token
    while node.head != node and node.pos_ not in ("VERB", "AUX"):
        node = node.head
    return node


def sentence_start(sentence: Span) -> int:
    """Where the sentence really starts: the parser's split at a colon or a bracket is
    undone by going back over previous "sentences" that do not end like one."""
    doc, start = sentence.doc, sentence.start
    while start > 0:
        previous = doc[start - 1]
        while previous.is_space and previous.i > 0:
            if "\n" in previous.text:
                return start
            previous = doc[previous.i - 1]
        if previous.text in _SENTENCE_ENDINGS or previous.is_space:
            return start
        start = previous.sent.start
    return start


def is_reported(trigger: Token) -> bool:
    """Inside a clause a verb or noun reports ("said that ...", "claims that ..."); a clause
    the parser hung on a stray word ("pro-" of "pro-Hadi forces thwarted ...") is not."""
    node = trigger
    while node.head != node:
        if node.dep_ in _SPEECH_DEPS and node.head.pos_ in _REPORTING_POS:
            return True
        node = node.head
    return False


def governors(trigger: Token) -> Iterator[Token]:
    """Predicates above the trigger whose circumstances it shares, up to reported speech."""
    node = trigger
    while node.head != node and node.dep_ in _INHERITING_DEPS | {"dobj", "nsubj", "nsubjpass"}:
        if node.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            return  # "... struck Kharkiv, and the minister urged ...": a clause of its own
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            yield node


def frame_end(sentence: Span) -> int:
    """Token index where the sentence's fronted adjuncts end (its start when it has none)."""
    root = sentence.root
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    boundary = min([s.left_edge.i for s in subjects] + [root.i])
    if boundary - sentence.start > _MAX_FRAME_TOKENS:
        return sentence.start
    return boundary


def frame_limit(sentence: Span) -> int:
    """Where the sentence's fronted adjuncts end, also when the parser did not find its verb
    ("On 6 May 2020, in Arica, firefighters protested" parsed with the comma as root): then
    everything before the first verb."""
    if sentence.root.pos_ in ("VERB", "AUX"):
        return frame_end(sentence)
    return next((t.i for t in sentence if t.pos_ in ("VERB", "AUX")), sentence.start)
