"""Who made a claim: the speaker's name as written and what a pronoun or generic speaker
stands for.

Helpers of the claim component (:mod:`forewarn.extraction.claims`); they only read the parse
and the claim lexicon.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Span, Token

from forewarn.english import (
    DEFINITE_DETERMINERS,
    NAMED_ACTOR_LABELS,
    ORGANISED_GROUP_LABELS,
    PERSONAL_PRONOUNS,
    PLURAL_PRONOUNS,
    RELATIVE_PRONOUNS,
    THING_PRONOUNS,
)
from forewarn.extraction.claim_lexicon import ClaimLexicon
from forewarn.extraction.quotes import same_paragraph

__all__ = ["PRONOUN_SPEAKER_WINDOW", "speaker_antecedent", "speaker_phrase", "subject_of"]

# How far back (in sentences) an earlier claim's speaker is still the natural referent of a
# pronoun; beyond this, the nearest named entity is a better guess.
PRONOUN_SPEAKER_WINDOW = 3


# Dependents that do not belong to a speaker's name: "Vadim Krasnoselsky, the leader of
# the region," is Krasnoselsky; "Russia, which keeps troops there," is Russia.
_NOT_IN_NAME = frozenset({"appos", "relcl", "acl", "punct", "advmod", "parataxis", "advcl"})


def speaker_phrase(head: Token) -> Span:
    """The name ``head`` heads, as written: left modifiers, "of/in" phrases, conjuncts."""
    doc = head.doc
    if head.pos_ == "PRON":
        return doc[head.i : head.i + 1]
    start = end = head.i
    for child in sorted(head.lefts, key=lambda t: -t.i):
        if child.dep_ in _NOT_IN_NAME or child.right_edge.i != start - 1:
            break
        start = child.left_edge.i
    for child in sorted(head.rights, key=lambda t: t.i):
        if child.dep_ in _NOT_IN_NAME or child.left_edge.i != end + 1:
            break
        end = child.right_edge.i
    named = _named_appositive(head)
    if named is not None and named.left_edge.i > end:
        # "Armenia's foreign ministry spokeswoman, Ani Badalyan, said": the role and the
        # person who holds it are one speaker
        end = named.right_edge.i
    while start < head.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > head.i and (doc[end].is_punct or doc[end].is_space):
        end -= 1
    return doc[start : end + 1]


def _named_appositive(head: Token) -> Token | None:
    """The person's name in apposition to a role noun ("the spokesman, Ivan Petrov,")."""
    if head.pos_ != "NOUN":
        return None
    return next(
        (
            c
            for c in head.rights
            if c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ == "PERSON"
        ),
        None,
    )


def subject_of(cue: Token) -> tuple[Token | None, Token | None]:
    """(speaker head, antecedent head): the cue's subject, inherited up coordinations and
    participles ("..., adding that"); a relative pronoun subject yields the noun it modifies
    as antecedent."""
    node = cue
    for _ in range(4):
        subject = next(
            (c for c in node.children if c.dep_ in ("nsubj", "csubj") and same_paragraph(c, cue)),
            None,
        )
        if subject is not None:
            if subject.lower_ in RELATIVE_PRONOUNS and node.dep_ in ("relcl", "acl"):
                return subject, node.head
            return subject, None
        agent = next((c for c in node.children if c.dep_ == "agent"), None)
        if agent is not None:
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj, None
        if (
            node.dep_ in ("conj", "xcomp", "advcl")
            and node.head.i != node.i
            and same_paragraph(node.head, cue)
        ):
            node = node.head
            continue
        break
    return None, None


def speaker_antecedent(
    speaker: Span, earlier: list[Span | None], lexicon: ClaimLexicon
) -> Span | None:
    """The name a pronoun ("he", "it") or generic speaker ("the ministry") stands for.

    ``earlier`` are the resolved speakers of the claims before this one: the latest compatible
    one within :data:`PRONOUN_SPEAKER_WINDOW` sentences wins, else the nearest compatible
    entity; "the ministry" prefers the latest noun phrase whose head is "ministry".
    """
    head = speaker.root
    if head.pos_ == "PRON" and head.lower_ in PERSONAL_PRONOUNS | THING_PRONOUNS | PLURAL_PRONOUNS:
        return _pronoun_antecedent(head, earlier, lexicon)
    if _is_generic_np(speaker):
        return _generic_antecedent(speaker, earlier, lexicon)
    return None


def _pronoun_antecedent(
    pronoun: Token, earlier: list[Span | None], lexicon: ClaimLexicon
) -> Span | None:
    sent_starts = [sent.start for sent in pronoun.doc.sents]
    sent_index = bisect_right(sent_starts, pronoun.i) - 1
    for resolved in reversed(earlier):
        if resolved is None or resolved.start >= pronoun.i:
            continue
        if sent_index - (bisect_right(sent_starts, resolved.root.i) - 1) > PRONOUN_SPEAKER_WINDOW:
            break
        if _compatible(pronoun, resolved, lexicon):
            return resolved
    # No recent speaker fits: the nearest compatible entity, subjects first.
    candidates = [
        ent
        for ent in pronoun.doc.ents
        if ent.end <= pronoun.i and _compatible(pronoun, ent, lexicon)
    ]
    subjects = [ent for ent in candidates if ent.root.dep_ in ("nsubj", "nsubjpass")]
    pick = (subjects or candidates)[-1:] if candidates else []
    return speaker_phrase(pick[0].root) if pick else None


def _generic_antecedent(
    speaker: Span, earlier: list[Span | None], lexicon: ClaimLexicon
) -> Span | None:
    lemma = speaker.root.lemma_.lower()
    for token in reversed(speaker.doc[: speaker.start]):
        if token.lemma_.lower() == lemma and token.pos_ in ("NOUN", "PROPN"):
            phrase = speaker_phrase(token)
            if not _is_generic_np(phrase):
                return phrase
    bare = all(c.dep_ == "det" and c.lower_ == "the" for c in speaker.root.children)
    if lemma in lexicon.person_nouns and bare:
        # "the official" is the person quoted before; "the regional governor" or "a
        # spokesman" is somebody new
        for resolved in reversed(earlier):
            if resolved is not None and resolved.root.ent_type_ == "PERSON":
                return resolved
    return None


def _compatible(pronoun: Token, phrase: Span, lexicon: ClaimLexicon) -> bool:
    word = pronoun.lower_
    root = phrase.root
    label = root.ent_type_
    person = label == "PERSON" or root.lemma_.lower() in lexicon.person_nouns
    if word in PERSONAL_PRONOUNS:
        return person and root.tag_ not in ("NNS", "NNPS")
    if word in THING_PRONOUNS:
        return (
            not person
            and root.pos_ != "PRON"
            and root.tag_ not in ("NNS", "NNPS")
            and (label in ORGANISED_GROUP_LABELS or root.pos_ in ("NOUN", "PROPN"))
        )
    return root.tag_ in ("NNS", "NNPS") or label in ("NORP", "ORG")


def _is_generic_np(phrase: Span) -> bool:
    """ "the ministry", "the official": a definite common noun with no name in it."""
    if phrase.root.pos_ != "NOUN":
        return False
    if any(t.pos_ == "PROPN" or t.ent_type_ in NAMED_ACTOR_LABELS for t in phrase):
        return False
    return any(t.dep_ == "det" and t.lower_ in DEFINITE_DETERMINERS for t in phrase)
