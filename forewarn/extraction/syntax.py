"""Dependency-tree helpers shared by the event and claim stages.

All functions take spaCy tokens from a parsed ``Doc`` and only read the tree; they encode
English clause structure (who is the subject of a controlled verb, where a noun phrase
ends), not any event knowledge.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from forewarn.english import RELATIVE_PRONOUNS
from forewarn.extraction.word_lists import event_rule_words

__all__ = [
    "CLAUSE_DEPS",
    "SUBJECT_DEPS",
    "clause_tokens",
    "conjuncts_of",
    "doc_text",
    "entities_within",
    "entity_of",
    "is_negated",
    "is_participle",
    "noun_phrase",
    "object_control_verbs",
    "resolve_relative",
]

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
# Dependents that open a clause of their own: their words belong to another predicate.
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "xcomp", "conj", "parataxis", "csubj", "acl"})
# Left-hand modifiers that belong to a noun phrase naming an actor.
_NP_LEFT_DEPS = frozenset(
    {"det", "amod", "compound", "poss", "nmod", "nummod", "case", "quantmod", "predet", "npadvmod"}
)
# Right-hand prepositions that still name the same actor ("Ministry of Defense",
# "authorities in Transnistria", "forces from Chechnya").
_NP_RIGHT_PREPS = frozenset({"of", "in", "from", "for"})


def object_control_verbs() -> frozenset[str]:
    """Lemmas whose object, not subject, is the doer of their infinitive ("urged X to ...")."""
    return event_rule_words("object_control_verbs")


def is_participle(verb: Token) -> bool:
    """A past participle: tagged so, or a past tense heading a clause that modifies a noun
    ("servicemen killed in clash" tagged VBD): a finite verb cannot modify a noun, so the
    tag, not the tree, is wrong."""
    return verb.tag_ == "VBN" or (verb.tag_ == "VBD" and verb.dep_ == "acl")


def is_negated(token: Token) -> bool:
    return any(child.dep_ == "neg" for child in token.children)


def conjuncts_of(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it ("Russia and Belarus")."""
    return [token, *token.conjuncts] if token.conjuncts else [token]


def noun_phrase(head: Token) -> Span:
    """The noun phrase of ``head`` as an actor name: left modifiers, "of/in" PPs on the right.

    Appositions, relative clauses and punctuation are left out, so "Vadim Krasnoselsky, the
    leader of the region, denied" gives "Vadim Krasnoselsky".
    """
    doc = head.doc
    start = head.i
    for child in head.lefts:
        if child.dep_ in _NP_LEFT_DEPS:
            start = min(start, child.left_edge.i)
    end = head.i + 1
    common_noun = head.pos_ == "NOUN"
    for child in head.rights:
        if child.dep_ in ("compound", "flat", "nummod"):
            end = max(end, child.right_edge.i + 1)
        elif (
            child.dep_ == "appos"
            and common_noun
            and child.pos_ == "PROPN"
            and (child.left_edge.i == end)
        ):
            # "his Moldovan counterpart Mihai Popsoi": the name belongs to the phrase
            end = max(end, noun_phrase(child).end)
        elif (
            child.dep_ == "prep"
            and child.i == end
            and (child.lower_ == "of" or (common_noun and child.lower_ in _NP_RIGHT_PREPS))
        ):
            # "Ministry of Defense"; "authorities in Transnistria" (not "Popsoi in Geneva")
            end = max(end, child.right_edge.i + 1)
        else:
            break
    while start < head.i and doc[start].is_punct:
        start += 1
    while end - 1 > head.i and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end]


def clause_tokens(predicate: Token) -> Iterator[Token]:
    """Tokens of ``predicate``'s own clause: its subtree minus embedded clauses."""
    stack = [predicate]
    while stack:
        node = stack.pop()
        yield node
        for child in node.children:
            if child.dep_ in CLAUSE_DEPS and child.pos_ in ("VERB", "AUX"):
                continue
            stack.append(child)


def resolve_relative(token: Token) -> Token:
    """A relative pronoun subject ("Russia, which keeps troops") stands for the noun it modifies."""
    if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ in ("relcl", "acl"):
        return token.head.head
    return token


if not Doc.has_extension("forewarn_text"):
    Doc.set_extension("forewarn_text", default=None)


# Token.ent_iob: 1 inside, 3 beginning (2 outside, 0 unset).
_INSIDE, _BEGIN = 1, 3


def entity_of(token: Token, same_sentence: bool = False) -> Span | None:
    """The named entity ``token`` is part of (with ``same_sentence``, only one that lies
    within the token's sentence), found from its neighbours' IOB tags: ``doc.ents`` builds a
    span for every entity of the document on each access."""
    if not token.ent_type:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob == _INSIDE:
        start -= 1
    entity = _entity_from(doc, start)
    if same_sentence:
        sentence = token.sent
        if entity.start < sentence.start or entity.end > sentence.end:
            return None
    return entity


def entities_within(span: Span) -> list[Span]:
    """``span.ents`` (the entities wholly inside ``span``) in the span's own length."""
    doc, found = span.doc, []
    for token in span:
        if token.ent_iob == _BEGIN and token.ent_type:
            entity = _entity_from(doc, token.i)
            if entity.end > span.end:
                break
            found.append(entity)
    return found


def _entity_from(doc: Doc, start: int) -> Span:
    first, end = doc[start], start + 1
    while end < len(doc) and doc[end].ent_iob == _INSIDE:
        end += 1
    return Span(doc, start, end, label=first.ent_type, kb_id=first.ent_kb_id, span_id=first.ent_id)


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once: spaCy joins every token on each access, and the claim
    rules read the text hundreds of times per article."""
    text = doc._.forewarn_text
    if text is None:
        text = doc._.forewarn_text = doc.text
    return text
