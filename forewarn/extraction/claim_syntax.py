"""Reading reported speech off the dependency tree: speakers, contents, channels, dates.

Helpers of the claim component (forewarn/extraction/claims.py); they only read the parse and
the claim lexicon.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from forewarn.extraction.claim_lexicon import ClaimLexicon
from forewarn.extraction.syntax import doc_text

__all__ = [
    "MAX_QUOTE_BRIDGE",
    "MIN_QUOTE_WORDS_FOR_FALLBACK",
    "PRONOUN_SPEAKER_WINDOW",
    "RELATIVE_PRONOUNS",
    "char_range",
    "clause_without",
    "colon_attributions",
    "content_children_span",
    "find_channel",
    "find_date",
    "is_negated",
    "paragraph_bounds",
    "quote_spans",
    "same_paragraph",
    "speaker_antecedent",
    "speaker_phrase",
    "subject_of",
    "trim_span",
]

RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# How far back (in sentences) an earlier claim's speaker is still the natural referent of a
# pronoun; beyond this, the nearest named entity is a better guess.
PRONOUN_SPEAKER_WINDOW = 3
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_THING_PRONOUNS = frozenset({"it"})
_PLURAL_PRONOUNS = frozenset({"they", "them"})
_GROUP_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})

# Dependents that do not belong to a speaker's name: "Vadim Krasnoselsky, the leader of
# the region," is Krasnoselsky; "Russia, which keeps troops there," is Russia.
_NOT_IN_NAME = frozenset({"appos", "relcl", "acl", "punct", "advmod", "parataxis", "advcl"})
_POSSESSIVES = frozenset({"its", "his", "her", "their", "our", "my", "your"})
# '"A," he said at the rally. "B."': the text between two parts of one quotation is short.
MAX_QUOTE_BRIDGE = 300
# A bare-quote fallback must not pick up scare quotes ("readiness drills").
MIN_QUOTE_WORDS_FOR_FALLBACK = 3
# Two apostrophes ('') are the quotation mark of some wire and newspaper archives (NYT).
_STRAIGHT_OR_CURLY = re.compile(r"''|[\"“”]")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation, marks included; straight quotes (" and '') pair within
    a paragraph."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for match in _STRAIGHT_OR_CURLY.finditer(text):
        char, pos = match.group(), match.start()
        if _inside_markup(text, pos):
            continue  # attribute values of leftover markup (<tweet id="...">) are no quotes
        if open_at is not None and "\n\n" in text[open_at:pos]:
            open_at = None  # unclosed quote ran to the paragraph end: drop it
        if char == "“" or (char != "”" and open_at is None):
            open_at = pos
        elif open_at is not None:
            spans.append((open_at, pos + 1))
            open_at = None
    return spans


def _inside_markup(text: str, pos: int) -> bool:
    opening = text.rfind("<", max(0, pos - 200), pos)
    return opening != -1 and text.find(">", opening, pos) == -1 and "\n" not in text[opening:pos]


def paragraph_bounds(text: str, pos: int) -> tuple[int, int]:
    """The line (news paragraph) around ``pos``: claims do not run across paragraphs."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end == -1 else end


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past whitespace, quote marks and clause punctuation.

    A quotation opened inside the span keeps its closing mark ('as "readiness drills."').
    """
    while start < end and (text[start].isspace() or text[start] in "\"“”‘',;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "\"“”’',;:.—–-"):
        end -= 1
    if len(_STRAIGHT_OR_CURLY.findall(text, start, end)) % 2:
        closing = _STRAIGHT_OR_CURLY.search(text, end, min(len(text), end + 3))
        if closing is not None:
            end = closing.end()
    return start, end


def same_paragraph(a: Token, b: Token) -> bool:
    """The parser's sentences may run across a paragraph break ('...?"\n\nSome strategists
    said ...'); a dependent on the far side of one belongs to another statement."""
    low, high = sorted((a.idx, b.idx))
    return "\n" not in doc_text(a.doc)[low:high]


def is_negated(token: Token) -> bool:
    return any(child.dep_ == "neg" for child in token.children)


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
    while start < head.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > head.i and (doc[end].is_punct or doc[end].is_space):
        end -= 1
    return doc[start : end + 1]


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
        elif child.dep_ == "advcl" and child.lemma_.lower() in ("speak", "write", "talk", "appear"):
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
    pick = (media or genres or [None])[0]
    return _channel_text(pick) if pick is not None else None


def _channel_text(token: Token) -> str:
    while token.dep_ == "compound" and token.head.i != token.i:
        token = token.head
    phrase = speaker_phrase(token)
    words = list(phrase)
    while words and words[0].lower_ in _POSSESSIVES:
        words = words[1:]
    if not words:
        return phrase.text
    return phrase.doc[words[0].i : words[-1].i + 1].text


def find_date(cue: Token, content: tuple[int, int]) -> Span | None:
    """A DATE entity attached to the cue ("said on Wednesday", "last week accused")."""
    for child in cue.children:
        if content[0] <= child.idx < content[1]:
            continue
        heads = [child]
        if child.dep_ == "prep":
            heads = [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ not in ("npadvmod", "tmod", "advmod", "obl"):
            continue
        for token in heads:
            if token.ent_type_ == "DATE":
                return next(ent for ent in cue.doc.ents if ent.start <= token.i < ent.end)
    return None


# "Marco Rubio: I'm Not Interested" (headline), "KATE BOULDUAN: Why not debate?" (transcript).
_LINE_COLON = re.compile(r"^[^\S\n]*([A-Z][^:\n]{1,80}?)[^\S\n]*:[^\S\n]+(\S[^\n]*)$", re.MULTILINE)
# '"... unlike him." ― Carla Sanchez': the attribution line of a pull quote.
_DASH_SOURCE = re.compile(r"[\"”]|''")
_SOURCE_WORDS_MAX = 8


def colon_attributions(
    doc: Doc, quotes: list[tuple[int, int]]
) -> list[tuple[Span, Span, int, int]]:
    """(speaker, cue, content start, content end) of verbless attributions.

    Headlines, transcripts and pull quotes attribute without a verb: a name and a colon at
    the start of a line ("Sanders: Clinton needs to ..."), a name and a colon before a
    quotation ("Republican pollster Daron Shaw: "..."") and a dash after one ('"..." ― Name').
    The name must be one (a proper noun or a named entity, no verb) so that labels such as
    "Here's the irony:" or "3:15 a.m." are not read as speakers.
    """
    text = doc_text(doc)
    found: list[tuple[Span, Span, int, int]] = []
    for match in _LINE_COLON.finditer(text):
        source = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
        colon = doc.char_span(match.end(1), match.start(2), alignment_mode="expand")
        start, end = trim_span(text, match.start(2), match.end(2))
        if (
            source is None
            or colon is None
            or not _is_name(source, strict=True)
            or len(text[start:end].split()) < 3
            or text[start] == "@"
        ):
            continue
        cue = next((t for t in colon if t.text == ":"), None)
        if cue is not None:
            found.append((source, doc[cue.i : cue.i + 1], start, end))
    for q_start, q_end in quotes:
        before = text[max(0, q_start - 3) : q_start]
        if ":" not in before:
            continue
        colon = doc.char_span(
            max(0, q_start - 3) + before.index(":"), q_start - 1, alignment_mode="expand"
        )
        if colon is None or colon[0].text != ":" or colon[0].i == 0:
            continue
        name = doc[colon[0].i - 1]
        if name.pos_ != "PROPN" or name.ent_type_ not in ("PERSON", "ORG"):
            continue
        source = speaker_phrase(name)
        if _is_name(source) and source.start_char >= paragraph_bounds(text, q_start)[0]:
            found.append((source, colon[:1], *trim_span(text, q_start, q_end)))
    for q_start, q_end in quotes:
        after = re.match(
            r"[\s.,]*[―—–]{1,2}[^\S\n]*([A-Z][^\n]{1,60}?)[.,]?[^\S\n]*$",
            text[q_end : paragraph_bounds(text, q_end)[1]] if q_end < len(text) else "",
        )
        if after is None:
            continue
        source = doc.char_span(
            q_end + after.start(1), q_end + after.end(1), alignment_mode="expand"
        )
        dash = doc.char_span(q_end, q_end + after.start(1), alignment_mode="expand")
        cue = next((t for t in dash or () if t.text[0] in "―—–"), None)
        if source is not None and cue is not None and _is_name(source):
            found.append((source, doc[cue.i : cue.i + 1], *trim_span(text, q_start, q_end)))
    return found


def _is_name(span: Span, strict: bool = False) -> bool:
    """A person's or an organisation's name; ``strict`` (a line-initial label, which may as
    well be a section title such as "Editor's Note" or "Iowa") wants a recognised person or
    an organisation at its end."""
    words = [t for t in span if not (t.is_punct or t.is_space)]
    if not 0 < len(words) <= _SOURCE_WORDS_MAX or any(
        t.pos_ in ("VERB", "AUX", "PRON") for t in words
    ):
        return False
    if strict:
        return any(t.ent_type_ == "PERSON" for t in words) or words[-1].ent_type_ == "ORG"
    return any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP") for t in words)


# -- speakers: pronouns and generic noun phrases ---------------------------------------------


def speaker_antecedent(
    speaker: Span, earlier: list[Span | None], lexicon: ClaimLexicon
) -> Span | None:
    """The name a pronoun ("he", "it") or generic speaker ("the ministry") stands for.

    ``earlier`` are the resolved speakers of the claims before this one: the latest compatible
    one within :data:`PRONOUN_SPEAKER_WINDOW` sentences wins, else the nearest compatible
    entity; "the ministry" prefers the latest noun phrase whose head is "ministry".
    """
    head = speaker.root
    if head.pos_ == "PRON" and head.lower_ in _PERSON_PRONOUNS | _THING_PRONOUNS | _PLURAL_PRONOUNS:
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
    if word in _PERSON_PRONOUNS:
        return person and root.tag_ not in ("NNS", "NNPS")
    if word in _THING_PRONOUNS:
        return (
            not person
            and root.pos_ != "PRON"
            and root.tag_ not in ("NNS", "NNPS")
            and (label in _GROUP_LABELS or root.pos_ in ("NOUN", "PROPN"))
        )
    return root.tag_ in ("NNS", "NNPS") or label in ("NORP", "ORG")


def _is_generic_np(phrase: Span) -> bool:
    """ "the ministry", "the official": a definite common noun with no name in it."""
    if phrase.root.pos_ != "NOUN":
        return False
    if any(t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "GPE", "NORP", "PERSON") for t in phrase):
        return False
    return any(t.dep_ == "det" and t.lower_ in ("the", "this", "that") for t in phrase)
