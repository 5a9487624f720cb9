"""What a claim says and how it was said: its content span, channel and date.

Helpers of the claim component (:mod:`forewarn.extraction.claims`); they only read the parse
and the claim lexicon. Content spans are character offsets into the article's text.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from forewarn.english import POSSESSIVE_DETERMINERS
from forewarn.extraction.claim_lexicon import ClaimLexicon, channel_verbs
from forewarn.extraction.claim_speakers import speaker_phrase
from forewarn.extraction.quotes import paragraph_bounds, same_paragraph, trim_span
from forewarn.extraction.syntax import doc_text, entity_of, is_negated

__all__ = [
    "char_range",
    "clause_without",
    "content_children_span",
    "content_root_children",
    "find_channel",
    "find_date",
    "naming_content",
    "sentence_without",
    "strip_fronted_hedge",
    "under_inability",
]


def char_range(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    if last < first:
        return None
    # ", without offering details" closing the span is the reporter's remark on the manner
    # of the claim (a verification cue), not part of what was said.
    for token in doc[first + 1 : last + 1]:
        if token.lower_ == "without" and token.right_edge.i >= last and doc[token.i - 1].is_punct:
            last = token.i - 1
            break
    start, end = trim_span(doc_text(doc), doc[first].idx, doc[last].idx + len(doc[last]))
    return (start, end) if end > start else None


def _clause_range(head: Token, lexicon: ClaimLexicon) -> tuple[int, int] | None:
    """A complement clause without its "that" and without a trailing "although ..."."""
    doc = head.doc
    first, last = head.left_edge.i, head.right_edge.i
    if doc[first].dep_ == "mark" and doc[first].lower_ in ("that", "if"):
        first += 1
    for child in head.rights:
        marks = {c.lower_ for c in child.children if c.dep_ == "mark"}
        if child.dep_ == "advcl" and marks & lexicon.contrast_marks:
            last = child.left_edge.i - 1
            break
    return char_range(doc, first, last)


def content_children_span(
    cue: Token, frame: str, particle: Token | None, lexicon: ClaimLexicon
) -> tuple[int, int] | None:
    """What the cue reports, from its dependents (see the module docstring for the order)."""
    doc = cue.doc
    if frame == "quote":
        return None
    children = [c for c in cue.children if same_paragraph(c, cue)]
    xcomp = next(
        (c for c in children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") and c.i > cue.i),
        None,
    )
    if particle is not None and particle.dep_ != "prt":  # "pointed out that": plain clause
        objects = [c for c in particle.children if c.dep_ in ("pobj", "pcomp")]
        if not objects:
            return None
        last = max([o.right_edge.i for o in objects] + ([xcomp.right_edge.i] if xcomp else []))
        return char_range(doc, particle.i + 1, last)
    ccomp = next((c for c in children if c.dep_ == "ccomp"), None)
    if ccomp is None:
        ccomp = _misattached_clause(cue) or _unmarked_advcl(cue, children)
    if ccomp is not None:
        return _clause_range(ccomp, lexicon)
    obj = next((c for c in children if c.dep_ in ("dobj", "dative") and c.i > cue.i), None)
    if xcomp is not None:
        first = obj.left_edge.i if obj is not None and obj.i < xcomp.i else xcomp.left_edge.i
        return char_range(doc, first, xcomp.right_edge.i)
    if frame == "clause":
        return _inverted_clause(cue)
    if obj is not None and cue.lemma_.lower() != "tell":
        last = obj.right_edge.i
        for child in children:
            if (
                child.dep_ == "prep"
                and child.lower_ in ("of", "for", "over", "about")
                and (child.i > obj.i)
            ):
                last = max(last, child.right_edge.i)
        return char_range(doc, obj.left_edge.i, last)
    return _inverted_clause(cue)


def _misattached_clause(cue: Token) -> Token | None:
    """ "wrote in a Facebook update that power was restored": the parser hangs the that-clause
    on the channel noun; a clause with the mark "that" there is still what was said."""
    for prep in cue.children:
        if prep.dep_ != "prep":
            continue
        for noun in prep.subtree:
            for child in noun.children:
                if child.dep_ in ("acl", "relcl") and any(
                    m.dep_ == "mark" and m.lower_ == "that" and m.i == child.left_edge.i
                    for m in child.children
                ):
                    return child
    return None


def _unmarked_advcl(cue: Token, children: list[Token]) -> Token | None:
    """ "said after the convention he would not accept ...": a fronted phrase makes the parser
    read the reported clause as an adverbial one; without a subordinator it is still what
    was said."""
    for child in children:
        if child.dep_ != "advcl" or child.i < cue.i or child.pos_ not in ("VERB", "AUX"):
            continue
        has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
        subordinated = any(
            c.dep_ == "mark" or (c.tag_ == "WRB" and c.i < child.i) for c in child.children
        )
        if has_subject and not subordinated:
            return child
    return None


def _inverted_clause(cue: Token) -> tuple[int, int] | None:
    """'"We will respond," the minister said' and 'Trump, Sexton said, has created ...':
    the cue hangs off the clause it reports."""
    if cue.dep_ not in ("parataxis", "advcl", "conj", "ccomp") or cue.head.i == cue.i:
        return None
    head = cue.head
    doc = cue.doc
    if not same_paragraph(head, cue):
        return None
    if cue.dep_ in ("advcl", "conj", "ccomp") and (
        cue.head.i > cue.i or not any(t.is_quote for t in head.subtree)
    ):
        return None
    quoted = any(t.is_quote for t in head.subtree)
    # Without a quotation, only a cue that closes its sentence ("..., he said.") or sits
    # between commas inside it is a reporting inversion.
    closing = all(t.is_punct or t.is_space for t in doc[cue.right_edge.i + 1 : cue.sent.end])
    # The parser often hangs the opening comma on the cue itself: "The risk, he said, is ...".
    commas = doc[cue.left_edge.i].is_punct or (
        cue.left_edge.i > 0 and doc[cue.left_edge.i - 1].is_punct
    )
    if not quoted and not (closing or commas):
        return None
    first, last = head.left_edge.i, head.right_edge.i
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if cue.right_edge.i >= last:
        last = cue.left_edge.i - 1
    elif cue.left_edge.i <= first:
        first = cue.right_edge.i + 1
    return char_range(doc, first, last)


def clause_without(head: Token, phrase: Span) -> tuple[int, int] | None:
    """The clause of ``head`` minus a fronted or final phrase ("..., according to X")."""
    doc = head.doc
    first, last = head.left_edge.i, head.right_edge.i
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    while first < last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    if phrase.start <= first + 1:
        first = phrase.end
    elif phrase.end >= last:
        last = phrase.start - 1
    return char_range(doc, first, last)


def find_channel(cue: Token, lexicon: ClaimLexicon, content: tuple[int, int]) -> str | None:
    """The medium of the claim: "on its Telegram channel", "told reporters", "in an interview"."""
    places: list[Token] = []
    for child in cue.children:
        if content[0] <= child.idx < content[1]:
            continue
        if child.dep_ == "prep" and child.lower_ in lexicon.channel_preps:
            places.append(child)
        elif (
            child.dep_ in ("dobj", "dative")
            and cue.lemma_.lower() == "tell"
            and (child.lemma_.lower() in lexicon.audience_heads or child.ent_type_ == "ORG")
        ):
            return _channel_text(child)
        elif child.dep_ == "advcl" and child.lemma_.lower() in channel_verbs():
            places.extend(c for c in child.children if c.dep_ == "prep")
    media: list[Token] = []
    genres: list[Token] = []
    for place in places:
        for token in place.subtree:
            if token.pos_ not in ("NOUN", "PROPN"):
                continue
            word = token.lemma_.lower()
            if word in lexicon.channel_media or token.lower_ in lexicon.channel_media:
                media.append(token)
            elif word in lexicon.channel_genres:
                genres.append(token)
    picks = media or genres
    return _channel_text(picks[0]) if picks else None


def _channel_text(token: Token) -> str:
    while token.dep_ == "compound" and token.head.i != token.i:
        token = token.head
    phrase = speaker_phrase(token)
    words = list(phrase)
    while words and words[0].lower_ in POSSESSIVE_DETERMINERS:
        words = words[1:]
    if not words:
        return phrase.text
    return phrase.doc[words[0].i : words[-1].i + 1].text


def find_date(cue: Token, content: tuple[int, int], lexicon: ClaimLexicon) -> Span | None:
    """A DATE entity attached to the cue ("said on Wednesday", "last week accused"), else
    one inside the phrase of the claim's channel ("in an interview with state television on
    Sunday, the minister said"): the interview's day is the saying's."""
    channel_phrases: list[Token] = []
    for child in cue.children:
        if content[0] <= child.idx < content[1]:
            continue
        heads = [child]
        if child.dep_ == "prep":
            heads = [c for c in child.children if c.dep_ == "pobj"]
            if child.lower_ in lexicon.channel_preps:
                channel_phrases.extend(heads)
        elif child.dep_ not in ("npadvmod", "tmod", "advmod", "obl"):
            continue
        for token in heads:
            if token.ent_type_ == "DATE":
                return entity_of(token)
    for noun in channel_phrases:
        if noun.lemma_.lower() not in lexicon.channel_genres | lexicon.channel_media:
            continue
        for token in noun.subtree:
            if token.ent_type_ == "DATE" and token.dep_ == "pobj":
                return entity_of(token)
    return None


def sentence_without(pp: Span) -> tuple[int, int] | None:
    """ "A won 37 percent and B 36 percent, according to the poll": an "according to" that
    opens or closes its sentence attributes the whole sentence (within its paragraph), not
    only the clause it hangs on."""
    doc = pp.doc
    sent = pp.sent
    low, high = paragraph_bounds(doc_text(doc), pp.start_char)
    words = [t for t in sent if not (t.is_punct or t.is_space) and low <= t.idx < high]
    if not words:
        return None
    if words[-1].i < pp.end and words[0].i < pp.start:
        return char_range(doc, words[0].i, pp.start - 1)
    if words[0].i >= pp.start and words[-1].i >= pp.end:
        return char_range(doc, pp.end, words[-1].i)
    return None


def under_inability(cue: Token) -> bool:
    """ "was unable to confirm", "has not been able to verify"."""
    head = cue.head
    return (
        cue.dep_ == "xcomp"
        and head.lower_ in ("unable", "able")
        and (head.lower_ == "unable" or is_negated(head) or is_negated(head.head))
    )


def content_root_children(cue: Token, start: int, end: int) -> list[Token]:
    for child in cue.children:
        if start <= child.idx < end and child.dep_ in ("ccomp", "xcomp"):
            return list(child.children)
    return []


def naming_content(cue: Token) -> tuple[int, int] | None:
    """ "called the plan a disaster": object plus its predicate noun."""
    obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
    predicate = next((c for c in cue.children if c.dep_ == "oprd"), None)
    if obj is None or predicate is None:
        return None
    return char_range(cue.doc, obj.left_edge.i, predicate.right_edge.i)


def strip_fronted_hedge(doc: Doc, start: int, end: int, lexicon: ClaimLexicon) -> tuple[int, int]:
    """ "according to information available to us, reservists are ..." -> "reservists are ..."."""
    fronted = doc_text(doc)[start:end]
    match = re.match(r"according to ([^,]{1,80}),\s*", fronted, flags=re.IGNORECASE)
    if match is None:
        return start, end
    words = re.findall(r"[a-z]+", match.group(1).lower())
    if any(
        word.rstrip("s") in lexicon.hedge_sources or word in lexicon.hedge_sources for word in words
    ):
        return trim_span(doc_text(doc), start + match.end(), end)
    return start, end
