"""Verification cues as a spaCy component: ``doc._.verification_cues``.

Runs after ``forewarn_claims`` and says which claim mentions the article itself qualifies.
The word lists live in ``forewarn/data/claims/verification.json`` and ``synonyms.json``.

Rules (each general; none names a party):

- **unverified** — a verification verb (verify, confirm, corroborate, ...) under negation or
  inability: "could not independently confirm", "was unable to verify", "has not been able to
  confirm", "could not be verified"; also "unverified/unconfirmed <noun>". It applies to the
  claims of the same sentence that do not contain it, and — when its object refers back ("the
  claims", "the report", "it") or the sentence holds no claim — to the most recent earlier
  claims of one other speaker: the latest claim before the cue not made by the verifier, plus
  that speaker's claims in the preceding :data:`BACKREFERENCE_WINDOW` sentences.
- **unsubstantiated** — "without providing/offering evidence/details/proof", "without
  evidence", "offered no evidence", "unsubstantiated/baseless <noun>". It applies to the claim
  whose cue governs the phrase (same clause), else to the nearest claim of the sentence.
- **disputed** — a later claim with stance ``deny`` by another speaker applies to earlier
  claims that concern the denier (a content word of the denier's noun phrase or apposition,
  e.g. its region, occurs in the claim) or share a content word or synonym with the denial
  ("mobilization" ~ "calling up reservists"); a denial of a back-reference noun ("rejected the
  accusation") applies to the latest earlier claim of another speaker, accusations first.
  ``by`` is the denial's index.
- **confirmed** / **corroborated** — a non-negated confirm/verify (corroborate) claim by a
  speaker other than the original one, linked back like a denial.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from spacy.language import Language
from spacy.tokens import Doc, Token

from forewarn.extraction.claim_lexicon import lexicon_directory, load_claim_lexicon
from forewarn.extraction.claims import ClaimMention, speaker_key
from forewarn.extraction.syntax import is_negated

__all__ = [
    "BACKREFERENCE_WINDOW",
    "VerificationComponent",
    "VerificationCue",
    "VerificationKind",
    "VerificationLexicon",
    "create_verification_component",
    "load_verification_lexicon",
]

VerificationKind = Literal["unverified", "unsubstantiated", "disputed", "confirmed", "corroborated"]

# A could-not-verify remark or a denial refers back over about a paragraph of news prose.
BACKREFERENCE_WINDOW = 3
# Denials answer claims made earlier in the same story, rarely more than a few paragraphs up.
DENIAL_WINDOW = 12


@dataclass(slots=True)
class VerificationCue:
    """Words in the article that qualify one or more claim mentions."""

    kind: VerificationKind
    start: int
    end: int
    applies_to: list[int]
    by: int | None = None


@dataclass(frozen=True, slots=True)
class VerificationLexicon:
    verify_verbs: frozenset[str]
    inability_adjectives: frozenset[str]
    support_verbs: frozenset[str]
    evidence_nouns: frozenset[str]
    unverified_adjectives: frozenset[str]
    unsubstantiated_adjectives: frozenset[str]
    backreference_nouns: frozenset[str]
    synonym_of: dict[str, str]
    stop_content: frozenset[str]


@lru_cache(maxsize=4)
def load_verification_lexicon(directory: str | None = None) -> VerificationLexicon:
    """Read ``verification.json`` and ``synonyms.json`` (default: packaged data)."""
    base = lexicon_directory(directory)
    words = json.loads(base.joinpath("verification.json").read_text(encoding="utf-8"))
    synonyms = json.loads(base.joinpath("synonyms.json").read_text(encoding="utf-8"))
    synonym_of = {
        word: group[0] for group in synonyms["groups"] for word in group
    }  # each word stands for its group's first member
    return VerificationLexicon(
        **{key: frozenset(words[key]) for key in words if not key.startswith("_")},
        backreference_nouns=load_claim_lexicon(directory).backreference_nouns,
        synonym_of=synonym_of,
        stop_content=frozenset(synonyms["stop_content"]),
    )


if not Doc.has_extension("verification_cues"):
    Doc.set_extension("verification_cues", default=None)


@Language.factory(
    "forewarn_verification",
    assigns=["doc._.verification_cues"],
    requires=["doc._.claim_mentions"],
    default_config={"lexicon_dir": None},
)
def create_verification_component(
    nlp: Language, name: str, lexicon_dir: str | None
) -> VerificationComponent:
    return VerificationComponent(load_verification_lexicon(lexicon_dir))


class VerificationComponent:
    def __init__(self, lexicon: VerificationLexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[ClaimMention] = doc._.claim_mentions or []
        sent_starts = [sent.start_char for sent in doc.sents]
        context = _Context(doc, mentions, sent_starts, self.lexicon)
        cues: list[VerificationCue] = []
        for token in doc:
            lemma = token.lemma_.lower()
            if lemma in self.lexicon.verify_verbs and token.pos_ == "VERB":
                cue = context.unverified(token)
            elif token.lower_ == "without" or (
                lemma in self.lexicon.support_verbs and token.pos_ == "VERB"
            ):
                cue = context.unsubstantiated(token)
            elif token.pos_ == "ADJ" and token.dep_ == "amod":
                cue = context.adjective(token)
            else:
                continue
            if cue is not None and cue.applies_to:
                cues.append(cue)
        cues.extend(context.denials_and_confirmations())
        cues.sort(key=lambda c: (c.start, c.kind))
        doc._.verification_cues = cues
        return doc


class _Context:
    """One document's claims with the lookups the rules share."""

    def __init__(
        self,
        doc: Doc,
        mentions: list[ClaimMention],
        sent_starts: list[int],
        lexicon: VerificationLexicon,
    ) -> None:
        self.doc = doc
        self.mentions = mentions
        self.sent_starts = sent_starts
        self.lexicon = lexicon

    def sentence_of(self, char: int) -> int:
        return bisect_right(self.sent_starts, char) - 1

    # -- unverified -----------------------------------------------------------------------

    def unverified(self, verb: Token) -> VerificationCue | None:
        words = [verb, *(c for c in verb.lefts if c.dep_ in ("aux", "auxpass", "neg", "advmod"))]
        negated = is_negated(verb)
        head = verb.head
        if verb.dep_ == "xcomp" and head.lower_ in self.lexicon.inability_adjectives:
            negated = (
                negated or head.lower_ == "unable" or is_negated(head) or (is_negated(head.head))
            )
            words += [head, *(c for c in head.lefts if c.dep_ in ("aux", "neg"))]
            if head.head.i != head.i:
                words += [head.head, *(c for c in head.head.lefts if c.dep_ in ("aux", "neg"))]
        if not negated:
            return None
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        start = min(t.idx for t in words)
        end = verb.idx + len(verb)
        subject = next((c for c in (*verb.children, *head.children) if c.dep_ == "nsubj"), None)
        verifier = subject.text.lower() if subject is not None else None
        refers_back = any(self._refers_back(o) for o in objects) or not objects
        return VerificationCue(
            kind="unverified",
            start=start,
            end=end,
            applies_to=self._targets(verb, verifier, refers_back),
        )

    def _refers_back(self, noun: Token) -> bool:
        return noun.lemma_.lower() in self.lexicon.backreference_nouns or noun.lower_ in (
            "it",
            "this",
            "that",
            "these",
            "them",
        )

    def _targets(self, token: Token, verifier: str | None, refers_back: bool) -> list[int]:
        """Claims of the cue's sentence, plus (when referring back) the latest speaker's."""
        sentence = self.sentence_of(token.idx)
        here = [
            i
            for i, m in enumerate(self.mentions)
            if self.sentence_of(m.cue.start_char) == sentence
            and not m.content_start <= token.idx < m.content_end
        ]
        if here and not refers_back:
            return here
        return sorted(set(here) | set(self._latest_other_speaker(token.idx, verifier)))

    def _latest_other_speaker(self, char: int, excluded: str | None) -> list[int]:
        sentence = self.sentence_of(char)
        earlier = [
            i
            for i, m in enumerate(self.mentions)
            if m.cue.start_char < char
            and self.sentence_of(m.cue.start_char) < sentence
            and speaker_key(m) != excluded
            and excluded not in (m.speaker.text.lower() if m.speaker else "",)
        ]
        if not earlier:
            return []
        latest = earlier[-1]
        key = speaker_key(self.mentions[latest])
        first_sentence = self.sentence_of(self.mentions[latest].cue.start_char)
        chosen = []
        for i in reversed(earlier):
            mention = self.mentions[i]
            at = self.sentence_of(mention.cue.start_char)
            if first_sentence - at > BACKREFERENCE_WINDOW:
                break
            if speaker_key(mention) == key:
                chosen.append(i)
                first_sentence = at
        return sorted(chosen)

    # -- unsubstantiated ------------------------------------------------------------------

    def unsubstantiated(self, token: Token) -> VerificationCue | None:
        evidence = self.lexicon.evidence_nouns
        if token.lower_ == "without":
            objects = [c for c in token.children if c.dep_ in ("pobj", "pcomp")]
            found = any(o.lemma_.lower() in evidence for o in objects) or any(
                o.lemma_.lower() in self.lexicon.support_verbs
                and any(c.lemma_.lower() in evidence for c in o.children if c.dep_ == "dobj")
                for o in objects
            )
            anchor = token
        else:
            # "offered no evidence", "did not provide any details"
            dobj = next((c for c in token.children if c.dep_ == "dobj"), None)
            found = (
                dobj is not None
                and dobj.lemma_.lower() in evidence
                and (is_negated(token) or any(c.lower_ == "no" for c in dobj.children))
            )
            anchor = token
        if not found:
            return None
        end_token = anchor.right_edge if anchor.lower_ == "without" else anchor
        if anchor.lower_ != "without":
            words = [anchor, *(c for c in anchor.children if c.dep_ in ("dobj", "neg", "aux"))]
            start = min(t.left_edge.idx if t.dep_ == "dobj" else t.idx for t in words)
            end = max(t.right_edge.idx + len(t.right_edge) for t in words)
        else:
            start, end = anchor.idx, end_token.idx + len(end_token)
        # "He offered no evidence." in a sentence of its own qualifies the latest claim.
        targets = self._governing(anchor) or self._latest_other_speaker(anchor.idx, None)[-1:]
        return VerificationCue(kind="unsubstantiated", start=start, end=end, applies_to=targets)

    def _governing(self, token: Token) -> list[int]:
        """The claim whose cue governs ``token``, else the sentence's nearest earlier claim."""
        by_root = {m.cue.root.i: i for i, m in enumerate(self.mentions)}
        node = token
        for _ in range(12):
            if node.i in by_root:
                return [by_root[node.i]]
            if node.head.i == node.i:
                break
            node = node.head
        sentence = self.sentence_of(token.idx)
        same = [
            i
            for i, m in enumerate(self.mentions)
            if self.sentence_of(m.cue.start_char) == sentence and m.cue.start_char < token.idx
        ]
        return same[-1:]

    def adjective(self, token: Token) -> VerificationCue | None:
        word = token.lower_
        if word in self.lexicon.unverified_adjectives:
            kind: VerificationKind = "unverified"
        elif word in self.lexicon.unsubstantiated_adjectives:
            kind = "unsubstantiated"
        else:
            return None
        targets = self._governing(token) or self._latest_other_speaker(token.idx, None)
        return VerificationCue(
            kind=kind, start=token.idx, end=token.idx + len(token), applies_to=targets
        )

    # -- disputed / confirmed ---------------------------------------------------------------

    def denials_and_confirmations(self) -> list[VerificationCue]:
        cues = []
        for index, mention in enumerate(self.mentions):
            lemma = mention.cue.root.lemma_.lower()
            if mention.stance == "deny" and not mention.negated:
                kind: VerificationKind = "disputed"
            elif lemma in self.lexicon.verify_verbs and not mention.negated:
                kind = "corroborated" if lemma == "corroborate" else "confirmed"
            else:
                continue
            targets = self._answered(index)
            if targets:
                cues.append(
                    VerificationCue(
                        kind=kind,
                        start=mention.cue.start_char,
                        end=mention.cue.end_char,
                        applies_to=targets,
                        by=index if kind == "disputed" else None,
                    )
                )
        return cues

    def _answered(self, index: int) -> list[int]:
        """Earlier claims of other speakers that the claim at ``index`` answers."""
        answer = self.mentions[index]
        key = speaker_key(answer)
        here = self.sentence_of(answer.cue.start_char)
        candidates = [
            i
            for i, m in enumerate(self.mentions[:index])
            if speaker_key(m) != key
            and m.stance != "deny"
            and here - self.sentence_of(m.cue.start_char) <= DENIAL_WINDOW
        ]
        content = self.doc.char_span(
            answer.content_start, answer.content_end, alignment_mode="expand"
        )
        if content is not None and self._refers_back(content.root):
            wanted = "accuse" if content.root.lemma_.lower() in ("accusation", "charge") else None
            preferred = [i for i in candidates if wanted and self.mentions[i].stance == wanted]
            return (preferred or candidates)[-1:]
        answer_terms = self._terms(answer.content_start, answer.content_end)
        party_terms = self._party_terms(answer)
        return [
            i
            for i in candidates
            if self._terms(self.mentions[i].content_start, self.mentions[i].content_end)
            & (answer_terms | party_terms)
        ]

    def _terms(self, start: int, end: int) -> set[str]:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return self._words(span) if span is not None else set()

    def _party_terms(self, mention: ClaimMention) -> set[str]:
        """Content words naming the speaker and its apposition ("leader of the region")."""
        terms: set[str] = set()
        for span in (mention.speaker, mention.speaker_antecedent):
            if span is not None:
                terms |= self._words(span.root.subtree)
        return terms

    def _words(self, tokens) -> set[str]:
        words = set()
        for token in tokens:
            if (
                token.is_stop
                or not token.is_alpha
                or token.pos_
                not in (
                    "NOUN",
                    "PROPN",
                    "VERB",
                    "ADJ",
                )
            ):
                continue
            lemma = token.lemma_.lower()
            particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
            if particle and f"{lemma} {particle}" in self.lexicon.synonym_of:
                lemma = f"{lemma} {particle}"
            if lemma in self.lexicon.stop_content or token.lemma_.lower() in ("say", "be"):
                continue
            words.add(self.lexicon.synonym_of.get(lemma, lemma))
        return words
