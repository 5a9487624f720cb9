"""Attributed claims (reported speech) as a spaCy component: ``doc._.claim_mentions``.

A claim mention is one act of saying: who said it (``speaker``), the reporting verb or phrase
(``cue``), what was said (``content_start``/``content_end``), through which medium
(``channel``), with which hedges, with which stance, and when. The component reads the
dependency parse only; every word list it uses (cue verbs and their stance, channel nouns,
hedges) lives in ``forewarn/data/claims/`` and is loaded by :func:`load_claim_lexicon`. The
component is the recipe; the reading is done by its helper modules: ``quotes`` (quotation
marks and paragraphs), ``claim_speakers``, ``claim_content`` (content, channel, date) and
``verbless_claims``.

Constructions, in the order they are tried for each cue:

1. ``according to X`` — X is the speaker; the claim is the whole sentence when the phrase
   opens or closes it, else the rest of its clause. Nested inside another claim's content,
   or naming an impersonal source ("information available to us"), it is a hedge of the
   enclosing claim instead.
2. A cue verb from ``cues.jsonl``: the speaker is its subject (inherited through ``conj``,
   ``xcomp`` and participles: "..., adding that"); a relative clause ("X, who accused Y")
   has the relative pronoun as speaker and X as antecedent. The content is, in order of
   preference, the ``ccomp`` clause (or an unmarked clause the parser read as adverbial),
   the object plus its infinitive ("urged X to ..."), the object plus its of/for phrase
   ("accused X of ..."), the clause the cue interrupts ('"...," he said'; "The risk, he
   said, is ...") or an adjacent quotation. A content inside quotation marks that the cue
   stands outside of is widened to the whole quotation; the parts of one quotation around
   the cue ('"A," he said. "B."') are one claim; a later cue that closes the content
   (", adding that ...") ends it. Belief, intention and evaluation verbs ("think", "want",
   "support"; ``mental`` in ``cues.jsonl``) need a holder and are dropped inside another
   claim's content ("she said she wants to run" is one claim).
3. Verbless attributions: headline and transcript labels ("Sanders: Clinton needs to ..."),
   a headline's source named last ("Six soldiers killed in east: ministry", "... - DPR
   command"), a name and a colon before a quotation, a dash after a pull quote
   ('"..." ― Name').
4. Pronoun and generic speakers ("he", "it", "the ministry") get ``speaker_antecedent``: the
   latest compatible speaker of an earlier claim within a few sentences, else the nearest
   compatible entity; "the ministry" prefers the latest NP whose head is "ministry".

Dependents across a paragraph break are ignored: the parser's sentences sometimes run over
one, and a quotation mark may be ``"``, curly, or the two apostrophes of newspaper archives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from forewarn.extraction.claim_content import (
    clause_without,
    content_children_span,
    content_root_children,
    find_channel,
    find_date,
    naming_content,
    sentence_without,
    strip_fronted_hedge,
    under_inability,
)
from forewarn.extraction.claim_lexicon import (
    ClaimLexicon,
    ClaimStance,
    CueEntry,
    load_claim_lexicon,
)
from forewarn.extraction.claim_speakers import speaker_antecedent, speaker_phrase, subject_of
from forewarn.extraction.quotes import (
    MAX_QUOTE_BRIDGE,
    in_long_quote,
    inside_quote,
    paragraph_bounds,
    quote_for,
    quote_spans,
    trim_span,
    widen_to_quote,
)
from forewarn.extraction.syntax import doc_text, is_negated
from forewarn.extraction.verbless_claims import colon_attributions

__all__ = [
    "ClaimMention",
    "ClaimsComponent",
    "create_claims_component",
    "speaker_key",
]


_SENTENCE_STOP = re.compile(r"[.?!][\"”’')]*\s+")


@dataclass(slots=True)
class ClaimMention:
    """One attributed statement found in a parsed article (see module docstring)."""

    speaker: Span | None
    speaker_antecedent: Span | None
    cue: Span
    content_start: int
    content_end: int
    channel: str | None = None
    hedges: list[str] = field(default_factory=list)
    stance: ClaimStance = "assert"
    date_span: Span | None = None
    negated: bool = False
    direct_quote: bool = False

    @property
    def content(self) -> str:
        return doc_text(self.cue.doc)[self.content_start : self.content_end]

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
        quotes = quote_spans(doc_text(doc))
        mentions: list[ClaimMention] = []
        hedge_phrases: list[tuple[Token, str]] = []
        for token in doc:
            if _is_according_to(token):
                found = self._according_to(token, quotes, hedge_phrases)
            elif token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in self.lexicon.cues:
                if in_long_quote(token, quotes) or (token.i and token.nbor(-1).text == "<"):
                    continue  # "I think ..." inside a quotation is the quoted speaker's rhetoric
                found = self._verb_claim(token, self.lexicon.cues[token.lemma_.lower()], quotes)
            else:
                continue
            if found is not None:
                mentions.append(found)
        mentions.extend(self._verbless(doc, quotes, mentions))
        mentions.sort(key=lambda m: m.cue.start_char)
        mentions = self._drop_embedded_attitudes(mentions)
        self._attach_nested_hedges(mentions, hedge_phrases)
        for index, mention in enumerate(mentions):
            if mention.speaker_antecedent is None and mention.speaker is not None:
                earlier = [m.resolved_speaker for m in mentions[:index]]
                mention.speaker_antecedent = speaker_antecedent(
                    mention.speaker, earlier, self.lexicon
                )
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
        content = sentence_without(pp)
        if content is None:
            clause_head = token.head
            while clause_head.pos_ not in ("VERB", "AUX") and clause_head.head.i != clause_head.i:
                clause_head = clause_head.head
            content = clause_without(clause_head, pp)
        if content is None:
            return None
        start, end = widen_to_quote(content, quotes, token)
        return ClaimMention(
            speaker=speaker_phrase(source),
            speaker_antecedent=None,
            cue=token.doc[token.i : to.i + 1],
            content_start=start,
            content_end=end,
            direct_quote=inside_quote(start, end, quotes),
        )

    def _verb_claim(
        self, cue: Token, entry: CueEntry, quotes: list[tuple[int, int]]
    ) -> ClaimMention | None:
        negated = is_negated(cue)
        if entry.verification and (negated or under_inability(cue)):
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
            content, stance = naming_content(cue), "other"  # "called him a liar"
        if content is None and entry.frame in ("speech", "clause"):
            content = quote_for(cue, quotes)
        elif (
            content is None
            and entry.frame == "quote"
            and not any(c.dep_ in ("prep", "dobj", "xcomp", "ccomp", "advcl") for c in cue.children)
        ):
            content = quote_for(cue, quotes)  # '"...," he continued', not "continuing with"
        if content is None:
            return None
        start, end = widen_to_quote(content, quotes, cue)
        if inside_quote(start, end, quotes):
            start, end = self._extend_quote_chain(cue, start, end, quotes)
        start, end = strip_fronted_hedge(cue.doc, start, end, self.lexicon)
        end = self._cut_at_next_cue(cue, start, end, quotes)
        if end <= start:
            return None
        speaker, antecedent_hint = subject_of(cue)
        hedges = [
            c.text
            for c in (*cue.children, *content_root_children(cue, start, end))
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
            date_span=find_date(cue, (start, end), self.lexicon),
            negated=negated,
            direct_quote=inside_quote(start, end, quotes),
        )
        return mention

    def _extend_quote_chain(
        self, cue: Token, start: int, end: int, quotes: list[tuple[int, int]]
    ) -> tuple[int, int]:
        """'"A," he said. "B."' and '"A," he said, "B."': the parts of one quotation around
        the cue are one claim, up to the paragraph end or a quote another verb introduces."""
        doc = cue.doc
        text = doc_text(doc)
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
                if gap.strip(" \u00a0\"“”’',.:;"):
                    break
            elif not end <= cue.idx < q_start or len(gap) > MAX_QUOTE_BRIDGE:
                break
            else:
                bridge = self._bridge(doc, clause_end, q_start)
                if bridge == "break":
                    break
                if bridge == "skip":
                    continue
            crossed_cue = True
            closing = doc.char_span(q_end - 1, q_end, alignment_mode="expand")
            paragraph_end = paragraph_bounds(text, q_start)[1]
            if closing is not None and any(
                t.lemma_.lower() in self.lexicon.cues
                and t.pos_ == "VERB"
                and q_end <= t.idx < paragraph_end
                for t in closing[0].sent
            ):
                break  # '"B," she replied': the next quote is someone else's
            end = trim_span(text, q_start, q_end)[1]
        return start, end

    def _cut_at_next_cue(
        self, cue: Token, start: int, end: int, quotes: list[tuple[int, int]]
    ) -> int:
        """ "said X, adding that Y" / '"X," he said when asked about Y': a subjectless
        participle or clause of another cue that closes the content is a second act of
        saying (or the question answered), not part of what the first one said."""
        span = cue.doc.char_span(start, end, alignment_mode="contract")
        if span is None:
            return end
        for token in span:
            if (
                token.i <= cue.i + 1
                or token.pos_ != "VERB"
                or token.lemma_.lower() not in self.lexicon.cues
                or token.dep_ not in ("advcl", "conj")
                or any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in token.children)
                or any(q_start < token.idx < q_end for q_start, q_end in quotes)
            ):
                continue
            first = token.left_edge
            before = cue.doc[first.i - 1] if first.i > 0 else None
            if first.dep_ == "mark" or (before is not None and before.text in (",", "—", "-")):
                cut = trim_span(doc_text(cue.doc), start, first.idx)[1]
                if len(doc_text(cue.doc)[start:cut].split()) >= 2:
                    return cut
        return end

    def _bridge(self, doc: Doc, clause_end: int, q_start: int) -> str:
        """How the text between the attribution and the next quotation links them.

        "join": nothing but the rest of the attribution ('he said at a rally. "B"');
        "break": a narrative sentence ('... members. Her group is a hub for "Bernie Buses"')
        or another cue ('Eyebrows raised, he asked, "B"') introduces the quotation;
        "skip": a scare quote inside the attribution ('told NBC's "Today"').
        """
        bridge = doc_text(doc)[clause_end:q_start]
        stops = list(_SENTENCE_STOP.finditer(bridge))
        segment = bridge[stops[-1].end() :] if stops else bridge
        if not segment.strip(" ,:;\u00a0—–-"):
            return "join"
        if stops:
            return "break"
        span = doc.char_span(q_start - len(segment), q_start, alignment_mode="expand")
        if span is not None and any(
            t.pos_ == "VERB" and t.lemma_.lower() in self.lexicon.cues for t in span
        ):
            return "break"
        return "join" if segment.rstrip()[-1:] in (",", ":", "—", "–", "-") else "skip"

    def _verbless(
        self, doc: Doc, quotes: list[tuple[int, int]], found: list[ClaimMention]
    ) -> list[ClaimMention]:
        """Headline, transcript and pull-quote attributions no verb claim already covers."""
        extra: list[ClaimMention] = []
        for speaker, cue, start, end in colon_attributions(doc, quotes):
            if any(m.content_start < end and start < m.content_end for m in (*found, *extra)):
                continue
            extra.append(
                ClaimMention(
                    speaker=speaker,
                    speaker_antecedent=None,
                    cue=cue,
                    content_start=start,
                    content_end=end,
                    direct_quote=inside_quote(start, end, quotes),
                )
            )
        return extra

    def _drop_embedded_attitudes(self, mentions: list[ClaimMention]) -> list[ClaimMention]:
        """ "She said she wants to run": a belief or intention inside someone's claim is part
        of what that speaker said, not a second claim; one without a holder is no claim."""
        kept = []
        for mention in mentions:
            cue = mention.cue.root
            entry = self.lexicon.cues.get(cue.lemma_.lower())
            if entry is not None and entry.mental and cue.pos_ in ("VERB", "AUX"):
                if mention.speaker is None:
                    continue
                if any(
                    other is not mention and other.content_start <= cue.idx < other.content_end
                    for other in mentions
                ):
                    continue
            kept.append(mention)
        return kept

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


# -- small helpers (token-level, no lexicon) -------------------------------------------------


def _is_according_to(token: Token) -> bool:
    return (
        token.lower_ == "according"
        and token.i + 1 < len(token.doc)
        and token.nbor(1).lower_ == "to"
    )
