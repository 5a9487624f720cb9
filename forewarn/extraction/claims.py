"""Attributed claims (reported speech) as a spaCy component: ``doc._.claim_mentions``.

A claim mention is one act of saying: who said it (``speaker``), the reporting verb or phrase
(``cue``), what was said (``content_start``/``content_end``), through which medium
(``channel``), with which hedges, with which stance, and when. The component reads the
dependency parse only; every word list it uses (cue verbs and their stance, channel nouns,
hedges) lives in ``forewarn/data/claims/`` and is loaded by :func:`load_claim_lexicon`.

Constructions, in the order they are tried for each cue:

1. ``according to X`` — X is the speaker, the rest of the clause is the claim. Nested inside
   another claim's content, or naming an impersonal source ("information available to us"),
   it is a hedge of the enclosing claim instead.
2. A cue verb from ``cues.jsonl``: the speaker is its subject (inherited through ``conj``,
   ``xcomp`` and participles: "..., adding that"); a relative clause ("X, who accused Y")
   has the relative pronoun as speaker and X as antecedent. The content is, in order of
   preference, the ``ccomp`` clause, the object plus its infinitive ("urged X to ..."), the
   object plus its of/for phrase ("accused X of ..."), the quoted clause the cue interrupts
   ('"...," he said') or an adjacent quotation. A content inside quotation marks that the cue
   stands outside of is widened to the whole quotation (multi-sentence quotes).
3. Pronoun and generic speakers ("he", "it", "the ministry") get ``speaker_antecedent``: the
   latest compatible speaker of an earlier claim within a few sentences, else the nearest
   compatible entity; "the ministry" prefers the latest NP whose head is "ministry".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from forewarn.extraction.claim_lexicon import (
    ClaimLexicon,
    ClaimStance,
    CueEntry,
    load_claim_lexicon,
)
from forewarn.extraction.claim_syntax import (
    MAX_QUOTE_BRIDGE,
    MIN_QUOTE_WORDS_FOR_FALLBACK,
    char_range,
    clause_without,
    content_children_span,
    find_channel,
    find_date,
    is_negated,
    paragraph_bounds,
    quote_spans,
    speaker_phrase,
    subject_of,
    trim_span,
)

__all__ = [
    "ClaimMention",
    "ClaimsComponent",
    "create_claims_component",
    "speaker_key",
]


# How far back (in sentences) an earlier claim's speaker is still the natural referent of a
# pronoun; beyond this, the nearest named entity is a better guess.
PRONOUN_SPEAKER_WINDOW = 3

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_THING_PRONOUNS = frozenset({"it"})
_PLURAL_PRONOUNS = frozenset({"they", "them"})
_GROUP_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})


@dataclass(slots=True)
class ClaimMention:
    """One attributed statement found in a parsed article (see module docstring)."""

    speaker: Span | None
    speaker_antecedent: Span | None
    cue: Span
    content_start: int
    content_end: int
    channel: str | None
    hedges: list[str]
    stance: ClaimStance
    date_span: Span | None
    negated: bool
    direct_quote: bool

    @property
    def content(self) -> str:
        return self.cue.doc.text[self.content_start : self.content_end]

    @property
    def resolved_speaker(self) -> Span | None:
        """The speaker as a name: the antecedent for pronouns and generic NPs."""
        return self.speaker_antecedent or self.speaker


def speaker_key(mention: ClaimMention) -> str | None:
    """A comparable identity for a claim's speaker ("the ministry" == its antecedent)."""
    span = mention.resolved_speaker
    if span is None:
        return None
    return span.root.lemma_.lower() if len(span) == 1 else span.text.lower()


if not Doc.has_extension("claim_mentions"):
    # None (not []) as default: a shared mutable default would leak across docs.
    Doc.set_extension("claim_mentions", default=None)


@Language.factory(
    "forewarn_claims",
    assigns=["doc._.claim_mentions"],
    requires=["token.dep", "token.lemma", "token.pos", "doc.ents", "doc.sents"],
    default_config={"lexicon_dir": None},
)
def create_claims_component(nlp: Language, name: str, lexicon_dir: str | None) -> ClaimsComponent:
    return ClaimsComponent(load_claim_lexicon(lexicon_dir))


class ClaimsComponent:
    """Finds claim mentions; stateless apart from the lexicon, so safe to share."""

    def __init__(self, lexicon: ClaimLexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        quotes = quote_spans(doc.text)
        mentions: list[ClaimMention] = []
        hedge_phrases: list[tuple[Token, str]] = []
        for token in doc:
            if _is_according_to(token):
                found = self._according_to(token, quotes, hedge_phrases)
            elif token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in self.lexicon.cues:
                if _in_long_quote(token, quotes) or (token.i and token.nbor(-1).text == "<"):
                    continue  # "I think ..." inside a quotation is the quoted speaker's rhetoric
                found = self._verb_claim(token, self.lexicon.cues[token.lemma_.lower()], quotes)
            else:
                continue
            if found is not None:
                mentions.append(found)
        mentions.sort(key=lambda m: m.cue.start_char)
        self._attach_nested_hedges(mentions, hedge_phrases)
        for index, mention in enumerate(mentions):
            mention.speaker_antecedent = self._antecedent(mention, mentions[:index])
        doc._.claim_mentions = mentions
        return doc

    # -- constructions -------------------------------------------------------------------

    def _according_to(
        self, token: Token, quotes: list[tuple[int, int]], hedges: list[tuple[Token, str]]
    ) -> ClaimMention | None:
        to = next((c for c in token.children if c.lower_ == "to"), token.nbor(1))
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None:
            return None
        pp = token.doc[token.i : max(to.right_edge.i, source.right_edge.i) + 1]
        impersonal = source.lemma_.lower() in self.lexicon.hedge_sources and not any(
            t.pos_ == "PROPN" or t.ent_type_ for t in source.subtree
        )
        hedges.append((token, pp.text))
        if impersonal:
            return None
        clause_head = token.head
        while clause_head.pos_ not in ("VERB", "AUX") and clause_head.head.i != clause_head.i:
            clause_head = clause_head.head
        content = clause_without(clause_head, pp)
        if content is None:
            return None
        start, end = _widen_to_quote(content, quotes, token)
        return ClaimMention(
            speaker=speaker_phrase(source),
            speaker_antecedent=None,
            cue=token.doc[token.i : to.i + 1],
            content_start=start,
            content_end=end,
            channel=None,
            hedges=[],
            stance="assert",
            date_span=None,
            negated=False,
            direct_quote=_inside_quote(start, end, quotes),
        )

    def _verb_claim(
        self, cue: Token, entry: CueEntry, quotes: list[tuple[int, int]]
    ) -> ClaimMention | None:
        negated = is_negated(cue)
        if entry.verification and (negated or _under_inability(cue)):
            return None  # "could not confirm the claims": a verification cue, not a claim
        cue_end = cue.i + 1
        particle = None
        if entry.particles:
            particle = next(
                (
                    c
                    for c in cue.rights
                    if c.dep_ in ("prep", "prt") and c.lower_ in entry.particles
                ),
                None,
            )
            if particle is None and not entry.naming:
                return None
            cue_end = particle.i + 1 if particle is not None else cue_end
        content = content_children_span(cue, entry.frame, particle, self.lexicon)
        stance = entry.stance
        if entry.particles and particle is None:
            content, stance = _naming(cue), "other"  # "called him a liar"
        if content is None and entry.frame in ("speech", "quote", "clause"):
            content = _quote_for(cue, quotes)
        if content is None:
            return None
        start, end = _widen_to_quote(content, quotes, cue)
        if _inside_quote(start, end, quotes):
            start, end = self._extend_quote_chain(cue, start, end, quotes)
        start, end = _strip_fronted_hedge(cue.doc, start, end, self.lexicon)
        if end <= start:
            return None
        speaker, antecedent_hint = subject_of(cue)
        hedges = [
            c.text
            for c in (*cue.children, *_content_root_children(cue, start, end))
            if c.lower_ in self.lexicon.hedge_adverbs
        ]
        mention = ClaimMention(
            speaker=speaker_phrase(speaker) if speaker is not None else None,
            speaker_antecedent=speaker_phrase(antecedent_hint) if antecedent_hint else None,
            cue=cue.doc[cue.i : cue_end],
            content_start=start,
            content_end=end,
            channel=find_channel(cue, self.lexicon, (start, end)),
            hedges=hedges,
            stance=stance,
            date_span=find_date(cue, (start, end)),
            negated=negated,
            direct_quote=_inside_quote(start, end, quotes),
        )
        return mention

    def _extend_quote_chain(
        self, cue: Token, start: int, end: int, quotes: list[tuple[int, int]]
    ) -> tuple[int, int]:
        """'"A," he said. "B."' and '"A," he said, "B."': the parts of one quotation around
        the cue are one claim, up to the paragraph end or a quote another verb introduces."""
        doc = cue.doc
        text = doc.text
        subject = next((c for c in cue.children if c.dep_ == "nsubj" and c.i > cue.i), None)
        clause_end = (subject.right_edge if subject is not None else cue).idx + len(
            subject.right_edge if subject is not None else cue
        )
        earlier = [q for q in quotes if q[1] <= cue.idx and q[1] <= start]
        if start > cue.idx and earlier:
            q_start, q_end = earlier[-1]
            between = text[q_end : cue.idx]
            if q_start >= cue.sent.start_char - 2 and len(between) < 60 and "\n" not in between:
                start = trim_span(text, q_start, q_end)[0]
        crossed_cue = cue.idx < end
        for q_start, q_end in quotes:
            if q_start < end:
                continue
            gap = text[end:q_start]
            if "\n" in gap:
                break
            if crossed_cue:
                if gap.strip(' \u00a0"“”’,.:;'):
                    break
            elif not end <= cue.idx < q_start:
                break
            elif q_start < cue.sent.end_char:
                if text[clause_end:q_start].strip(" ,:;\u00a0"):
                    continue  # a scare quote inside the attribution: "told NBC's "Today""
            elif len(gap) > MAX_QUOTE_BRIDGE:
                break
            crossed_cue = True
            closing = doc.char_span(q_end - 1, q_end, alignment_mode="expand")
            if closing is not None and any(
                t.lemma_.lower() in self.lexicon.cues and t.pos_ == "VERB" and t.idx >= q_end
                for t in closing[0].sent
            ):
                break  # '"B," she replied': the next quote is someone else's
            end = trim_span(text, q_start, q_end)[1]
        return start, end

    def _attach_nested_hedges(
        self, mentions: list[ClaimMention], hedges: list[tuple[Token, str]]
    ) -> None:
        """An "according to ..." inside a claim's content hedges that claim, not a new one."""
        for token, text in hedges:
            char = token.idx
            holders = [
                m
                for m in mentions
                if m.content_start <= char < m.content_end and m.cue.root.i != token.i
            ]
            if holders:
                # The innermost enclosing claim owns the hedge.
                owner = min(holders, key=lambda m: m.content_end - m.content_start)
                owner.hedges.append(text)
                mentions[:] = [m for m in mentions if m.cue.root.i != token.i]
            elif any(m.cue.root.i == token.i for m in mentions):
                continue
            else:
                # Impersonal "according to available information" in the outlet's voice:
                # hedge the claims of the same sentence, if any.
                for m in mentions:
                    if m.cue.sent == token.sent:
                        m.hedges.append(text)

    # -- speakers ------------------------------------------------------------------------

    def _antecedent(self, mention: ClaimMention, earlier: list[ClaimMention]) -> Span | None:
        if mention.speaker_antecedent is not None:  # relative pronoun: set by the parse
            return mention.speaker_antecedent
        speaker = mention.speaker
        if speaker is None:
            return None
        head = speaker.root
        word = head.lower_
        if head.pos_ == "PRON" and word in _PERSON_PRONOUNS | _THING_PRONOUNS | _PLURAL_PRONOUNS:
            return self._pronoun_antecedent(head, earlier)
        if _is_generic_np(speaker):
            return self._generic_antecedent(speaker, earlier)
        return None

    def _pronoun_antecedent(self, pronoun: Token, earlier: list[ClaimMention]) -> Span | None:
        sent_starts = [sent.start for sent in pronoun.doc.sents]
        sent_index = _sentence_index(sent_starts, pronoun)
        for previous in reversed(earlier):
            resolved = previous.resolved_speaker
            if resolved is None or resolved.start >= pronoun.i:
                continue
            if sent_index - _sentence_index(sent_starts, resolved.root) > PRONOUN_SPEAKER_WINDOW:
                break
            if self._compatible(pronoun, resolved):
                return resolved
        # No recent speaker fits: the nearest compatible entity, subjects first.
        candidates = [
            ent
            for ent in pronoun.doc.ents
            if ent.end <= pronoun.i and self._compatible(pronoun, ent)
        ]
        subjects = [ent for ent in candidates if ent.root.dep_ in ("nsubj", "nsubjpass")]
        pick = (subjects or candidates)[-1:] if candidates else []
        return speaker_phrase(pick[0].root) if pick else None

    def _generic_antecedent(self, speaker: Span, earlier: list[ClaimMention]) -> Span | None:
        lemma = speaker.root.lemma_.lower()
        doc = speaker.doc
        for token in reversed(doc[: speaker.start]):
            if token.lemma_.lower() == lemma and token.pos_ in ("NOUN", "PROPN"):
                phrase = speaker_phrase(token)
                if not _is_generic_np(phrase):
                    return phrase
        if lemma in self.lexicon.person_nouns:
            for previous in reversed(earlier):
                resolved = previous.resolved_speaker
                if resolved is not None and resolved.root.ent_type_ == "PERSON":
                    return resolved
        return None

    def _compatible(self, pronoun: Token, phrase: Span) -> bool:
        word = pronoun.lower_
        root = phrase.root
        label = root.ent_type_
        person = label == "PERSON" or root.lemma_.lower() in self.lexicon.person_nouns
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


# -- small helpers (token-level, no lexicon) -------------------------------------------------


def _is_according_to(token: Token) -> bool:
    return (
        token.lower_ == "according"
        and token.i + 1 < len(token.doc)
        and token.nbor(1).lower_ == "to"
    )


def _under_inability(cue: Token) -> bool:
    """ "was unable to confirm", "has not been able to verify"."""
    head = cue.head
    return (
        cue.dep_ == "xcomp"
        and head.lower_ in ("unable", "able")
        and (head.lower_ == "unable" or is_negated(head) or is_negated(head.head))
    )


def _sentence_index(sent_starts: list[int], token: Token) -> int:
    return bisect_right(sent_starts, token.i) - 1


def _is_generic_np(phrase: Span) -> bool:
    """ "the ministry", "the official": a definite common noun with no name in it."""
    if phrase.root.pos_ != "NOUN":
        return False
    if any(t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "GPE", "NORP", "PERSON") for t in phrase):
        return False
    return any(t.dep_ == "det" and t.lower_ in ("the", "this", "that") for t in phrase)


def _content_root_children(cue: Token, start: int, end: int) -> list[Token]:
    for child in cue.children:
        if start <= child.idx < end and child.dep_ in ("ccomp", "xcomp"):
            return list(child.children)
    return []


def _quote_for(cue: Token, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The quotation a bare "he said" introduces or closes, within or next to its sentence."""
    sent = cue.sent
    lo = sent.start_char - 3
    hi = sent.end_char + 3
    best = None
    for start, end in quotes:
        if end < lo or start > hi or start <= cue.idx < end:
            continue
        distance = min(abs(cue.idx - end), abs(start - cue.idx))
        if best is None or distance < best[0]:
            best = (distance, (start, end))
    if best is None:
        return None
    start, end = best[1]
    return start + 1, end - 1


def _widen_to_quote(
    content: tuple[int, int], quotes: list[tuple[int, int]], cue: Token
) -> tuple[int, int]:
    start, end = content
    text = cue.doc.text
    paragraph = paragraph_bounds(text, cue.idx)
    start, end = max(start, paragraph[0]), min(end, paragraph[1])
    for q_start, q_end in quotes:
        if q_start <= start and end <= q_end and not q_start <= cue.idx < q_end:
            start, end = q_start + 1, q_end - 1
            break
        if start - 2 <= q_start < start and q_end < end and q_end <= cue.idx:
            end = q_end - 1  # '"...," Texas delegate X, wearing ..., said': stop at the quote
            break
    return trim_span(text, start, end)


def _in_long_quote(token: Token, quotes: list[tuple[int, int]]) -> bool:
    text = token.doc.text
    return any(
        q_start < token.idx < q_end
        and len(text[q_start:q_end].split()) >= MIN_QUOTE_WORDS_FOR_FALLBACK
        for q_start, q_end in quotes
    )


def _naming(cue: Token) -> tuple[int, int] | None:
    """ "called the plan a disaster": object plus its predicate noun."""
    obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
    predicate = next((c for c in cue.children if c.dep_ == "oprd"), None)
    if obj is None or predicate is None:
        return None
    return char_range(cue.doc, obj.left_edge.i, predicate.right_edge.i)


def _inside_quote(start: int, end: int, quotes: list[tuple[int, int]]) -> bool:
    return any(q_start < start and end < q_end for q_start, q_end in quotes)


def _strip_fronted_hedge(doc: Doc, start: int, end: int, lexicon: ClaimLexicon) -> tuple[int, int]:
    """ "according to information available to us, reservists are ..." -> "reservists are ..."."""
    match = re.match(r"according to ([^,]{1,80}),\s*", doc.text[start:end], flags=re.IGNORECASE)
    if match is None:
        return start, end
    words = re.findall(r"[a-z]+", match.group(1).lower())
    if any(
        word.rstrip("s") in lexicon.hedge_sources or word in lexicon.hedge_sources for word in words
    ):
        return trim_span(doc.text, start + match.end(), end)
    return start, end
