"""Headline grammar: telegraphic text drops articles, auxiliaries and prepositions.

"Two soldiers killed in east", "Ukraine police storm Kiev protest": the parser reads such
text as prose and gets roles, places and counts wrong. These tests tell the event, place and
magnitude rules when a sentence is a headline and when a verb is a passive whose "were" was
dropped.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from forewarn.extraction.word_lists import event_rule_words

__all__ = ["is_headline", "is_headline_passive"]

# Headlines run to a dozen words or so; a longer unpunctuated text is prose cut short.
HEADLINE_MAX_WORDS = 18
# A text cut mid-phrase ("clashes between the army and militants of") is a fragment.
_FRAGMENT_ENDS = frozenset({"ADP", "CCONJ", "SCONJ", "DET", "PRON", "AUX"})


def is_headline(span: Span) -> bool:
    """A headline, not a sentence of prose: short, and ending on a word without a full stop
    ("Two shot dead as Ukraine police storm Kiev protest", "Gunbattle kills four:
    separatist leader"), not on a comma or a preposition (a sentence cut short)."""
    words = [token for token in span if not token.is_space]
    return (
        0 < len(words) <= HEADLINE_MAX_WORDS
        and not words[-1].is_punct
        and words[-1].pos_ not in _FRAGMENT_ENDS
    )


def is_headline_passive(verb: Token) -> bool:
    """ "Two Ukraine soldiers killed despite lull": a headline drops the "were" of a passive.
    A past form of a verb done to someone (``headline_passive_verbs``) with a subject, no
    object and no auxiliary, in a headline, is such a passive."""
    children = [child.dep_ for child in verb.children]
    return (
        verb.tag_ in ("VBD", "VBN")
        and verb.lemma_.lower() in event_rule_words("headline_passive_verbs")
        and "nsubj" in children
        and not {"dobj", "aux", "auxpass", "nsubjpass"} & set(children)
        and is_headline(verb.sent)
    )
