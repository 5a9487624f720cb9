"""The event-trigger lexicon: which PLOVER event type, mode and context a predicate expresses.

Three data files (provenance in ``forewarn/data/README.md``):

- ``event_verbs.jsonl``: the PETRARCH CAMEO verb dictionary reduced by
  ``tools/build_lexicon.py`` to what a dependency parse can check (verb lemma plus an
  optional particle, direct-object lemma, or preposition and its object), recoded to PLOVER.
- ``event_verbs_manual.jsonl``: hand-reviewed news verbs, loaded after the generated file;
  an entry with the same pattern replaces the generated one. ``event_type: null`` means "not
  an event" (``say``; ``deny the allegations`` is a claim, not a rejection), ``light: true``
  marks a support verb whose object carries the event ("launch an attack", "hold a rally").
- ``event_nouns.jsonl``: nominal triggers, optionally restricted by a modifier ("air strike",
  "hunger strike") or by a cue word in the sentence (a strike by *workers* is a PROTEST).
- ``event_modes.jsonl``: means and weapons -> mode ("Shahed drones" -> ``drone``).

Matching a verb, most specific first: the more of particle / object / preposition (+ its
object) / controlled verb a pattern requires and finds, the higher its ``specificity``; a
light verb's object sense counts as an object match. ``"xcomp": "*"`` accepts any controlled
verb ("threatened to shell" is the threat), ``intransitive`` only a verb without a direct
object ("returned to Kabul" is travel, "returned the paintings to Peru" is not). ``subject``
requires a subject lemma ("protesters gathered", "dozens of protesters gathered") and
``purpose`` a purpose clause's verb ("gathered to demand"); each narrows like an object. At equal
specificity a hand-written pattern beats a light verb's object sense, which beats a generated
CAMEO row. Object and noun lookups also try a hyphenated compound spelt solid
("cease-fire" finds "ceasefire"). The best "not an event" match hides
every sense that is not more specific than it. A phrasal verb ("back down") whose particle no
pattern mentions has no bare sense: the particle changes the meaning. A verb the lemmatiser
got wrong ("staged" -> "stag") is also looked up by its stem ("stage").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Token

from forewarn.data import load_jsonl
from forewarn.english import DATE_LABELS
from forewarn.extraction.syntax import is_participle

__all__ = ["EventLexicon", "EventSense"]

# ``"xcomp": "*"``: any controlled verb. "threatened to shell", "refused to lift", "urged X to
# withdraw": the governing verb is the event and the controlled verb its content (PLOVER codes
# the threat, refusal or demand), so the frame outranks the bare verb and its complement.
ANY_XCOMP = "*"
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd"})
PREP_DEPS = frozenset({"prep", "agent", "dative"})
# Noun dependents that narrow a nominal trigger: "air strike", "hunger strike".
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})

# Specificity (see _specificity): an object or a controlled verb narrows the sense more than a
# particle or a bare preposition does ("hold talks" vs "hold"); a light verb's object is an
# object match.
LIGHT_VERB_SPECIFICITY = 3
# Tie-break between candidate senses of equal specificity (lower wins): hand-written pattern,
# then a light verb's object sense (the noun lexicon is reviewed), then generated CAMEO rows.
_MANUAL_RANK, _LIGHT_RANK, _GENERATED_RANK = 0, 1, 2
_MEANS_TYPES = frozenset({"ASSAULT", "COERCE"})


@dataclass(frozen=True, slots=True)
class EventSense:
    """One reading of a trigger as a PLOVER event.

    ``reversed_roles``: the subject is the recipient, not the actor (CAMEO's ``[:code]``
    patterns: "X faced criticism", "X received aid").
    """

    event_type: str
    mode: str | None
    context: tuple[str, ...]
    cameo: str | None
    pattern: str
    specificity: int
    reversed_roles: bool = False


@dataclass(frozen=True, slots=True)
class _VerbPattern:
    lemma: str
    particle: str | None
    object: str | None
    prep: str | None
    pobj: str | None
    xcomp: str | None
    sense: EventSense | None  # None: "not an event"
    light: bool
    manual: bool
    intransitive: bool = False  # only without a direct object: "returned to Kabul"
    subject: str | None = None  # "protesters gathered"
    purpose: str | None = None  # "gathered to demand"

    @property
    def key(self) -> tuple[str | None, ...]:
        return (self.lemma, self.particle, self.object, self.prep, self.pobj, self.xcomp,
                "light" if self.light else "",
                "intransitive" if self.intransitive else "",
                self.subject, self.purpose)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _NounPattern:
    modifier: str | None
    cues: frozenset[str]
    sense: EventSense


def _describe(row: dict[str, Any]) -> str:
    parts = [row["lemma"]]
    if row.get("particle"):
        parts.append(row["particle"])
    if row.get("object"):
        parts.append(f"+dobj:{row['object']}")
    if row.get("prep"):
        parts.append(f"{row['prep']}:{row['pobj']}" if row.get("pobj") else row["prep"])
    if row.get("xcomp"):
        parts.append(f"to-{row['xcomp']}")
    if row.get("purpose"):
        parts.append(f"(in order) to-{row['purpose']}")
    if row.get("subject"):
        parts.insert(0, f"{row['subject']}:nsubj")
    return " ".join(parts)


def _specificity(row: Any) -> int:
    get = row.get if isinstance(row, dict) else lambda field: getattr(row, field)
    return (1 + (get("particle") is not None) + 2 * (get("object") is not None)
            + (get("prep") is not None) + (get("pobj") is not None)
            + 2 * (get("xcomp") is not None) + 2 * (get("subject") is not None)
            + 2 * (get("purpose") is not None))  # fmt: skip


def _verb_pattern(row: dict[str, Any], manual: bool) -> _VerbPattern:
    specificity = _specificity(row)
    sense = None
    if row.get("event_type"):
        sense = EventSense(
            event_type=row["event_type"],
            mode=row.get("mode"),
            context=tuple(row.get("context") or ()),
            cameo=row.get("cameo"),
            pattern=_describe(row),
            specificity=specificity,
            reversed_roles=bool(row.get("reversed_roles")),
        )
    return _VerbPattern(
        lemma=row["lemma"],
        particle=row.get("particle"),
        object=row.get("object"),
        prep=row.get("prep"),
        pobj=row.get("pobj"),
        xcomp=row.get("xcomp"),
        sense=sense,
        light=bool(row.get("light")),
        manual=manual,
        intransitive=bool(row.get("intransitive")),
        subject=row.get("subject"),
        purpose=row.get("purpose"),
    )


def _singular_forms(word: str) -> set[str]:
    forms = {word}
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        forms.add(word[:-1])
        if word.endswith("es"):
            forms.add(word[:-2])
    return forms


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


class EventLexicon:
    """Verb, noun and mode lookups over the lexicon data files (load once, share freely)."""

    def __init__(
        self,
        verbs: dict[str, list[_VerbPattern]],
        nouns: dict[str, list[_NounPattern]],
        modes: list[tuple[str, str, list[tuple[str, ...]]]],
    ) -> None:
        self._verbs = verbs
        self._nouns = nouns
        self._modes = modes

    @classmethod
    def load(cls) -> EventLexicon:
        """The packaged lexicon (cached: every caller shares one instance)."""
        return _load_lexicon()

    # ------------------------------------------------------------------- verbs

    def verb_senses(self, verb: Token) -> list[EventSense]:
        """The event senses of ``verb`` in its parse, best first; [] when it is no trigger."""
        patterns: list[_VerbPattern] = []
        for form in _verb_forms(verb):
            patterns = self._verbs.get(form, [])
            if patterns:
                break
        if not patterns:
            return []
        particles, preps, objects, xcomps = _verb_features(verb)
        subjects, purposes = _subjects_and_purposes(verb)
        true_particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
        # Only a verb the lexicon knows as phrasal loses its bare sense to an unknown particle:
        # the parser also tags "up" in "kidnapped up to 16 people" as a particle.
        phrasal = any(p.particle for p in patterns)
        # (specificity, rank, sense); at equal specificity a hand-written pattern that names
        # the object ("lodge a protest" -> ACCUSE) beats the light-verb reading of the same
        # object (protest -> PROTEST), which beats CAMEO's unreviewed object patterns.
        candidates: list[tuple[int, int, EventSense | None]] = []
        for pattern in patterns:
            if pattern.particle and pattern.particle not in particles | set(preps):
                continue
            if true_particles and phrasal and not pattern.particle and not pattern.light:
                continue  # "back down" is not "back"
            if pattern.light:
                for obj in objects.values():
                    for sense in self.noun_senses(obj):
                        # ranked as hand-written: the noun lexicon is reviewed, CAMEO's
                        # object patterns often are not ("launch an attack" -> 111)
                        candidates.append(
                            (LIGHT_VERB_SPECIFICITY, _LIGHT_RANK, _light(pattern, sense))
                        )
                continue
            if pattern.prep and pattern.prep not in preps:
                continue
            if pattern.pobj and pattern.pobj not in preps.get(pattern.prep or "", ()):
                continue
            if pattern.object and pattern.object not in objects:
                continue
            if pattern.xcomp and not (
                pattern.xcomp == ANY_XCOMP and xcomps or pattern.xcomp in xcomps
            ):
                continue
            if pattern.intransitive and objects:
                continue
            if pattern.subject and pattern.subject not in subjects:
                continue
            if pattern.purpose and pattern.purpose not in purposes:
                continue
            rank = _MANUAL_RANK if pattern.manual else _GENERATED_RANK
            candidates.append((_specificity(pattern), rank, pattern.sense))
        candidates.sort(key=lambda c: (-c[0], c[1]))
        senses: list[EventSense] = []
        for *_rank, ranked_sense in candidates:
            if ranked_sense is None:
                break
            if ranked_sense not in senses:
                senses.append(ranked_sense)
        return senses

    # ------------------------------------------------------------------- nouns

    def noun_senses(self, noun: Token) -> list[EventSense]:
        """The event senses of a nominal trigger ("the airstrike", "talks"), best first."""
        patterns: list[_NounPattern] = []
        for form in _noun_forms(noun):
            patterns = self._nouns.get(form, [])
            if patterns:
                break
        if not patterns:
            return []
        modifiers = {c.lemma_.lower() for c in noun.children if c.dep_ in MODIFIER_DEPS}
        if noun.i >= 2 and noun.doc[noun.i - 1].text == "-":
            modifiers.add(noun.doc[noun.i - 2].lower_)
        sentence: set[str] | None = None
        matched: list[tuple[int, EventSense]] = []
        for pattern in patterns:
            if pattern.modifier:
                if pattern.modifier in modifiers:
                    matched.append((3, pattern.sense))
            elif pattern.cues:
                if sentence is None:
                    sentence = {t.lemma_.lower() for t in noun.sent}
                if pattern.cues & sentence:
                    matched.append((2, pattern.sense))
            else:
                matched.append((1, pattern.sense))
        matched.sort(key=lambda m: -m[0])
        return [sense for _s, sense in matched]

    # ------------------------------------------------------------------- modes

    def mode_for(self, tokens: Iterable[Token] | str, event_type: str | None = None) -> str | None:
        """The PLOVER mode the means or weapons in a phrase imply, or None.

        ``event_type`` restricts the answer to that type's modes ("tanks" are
        ``heavy-weapons`` in an ASSAULT but ``weapons`` in a MOBILIZE). Without it only the
        means of force are looked at (ASSAULT, then COERCE): the MOBILIZE, PROTEST and
        CONSULT groups name actors and forums ("troops", "protesters", "summit") that occur
        around any event.
        """
        if isinstance(tokens, str):
            forms = [_singular_forms(w) for w in _words(tokens)]
        else:
            forms = []
            for token in tokens:
                for index, word in enumerate(_words(token.text)):
                    found = _singular_forms(word)
                    if index == 0:
                        found.add(token.lemma_.lower())
                    forms.append(found)
        if not forms:
            return None
        present = set().union(*forms)
        for group_type, mode, terms in self._modes:
            if group_type != event_type and (
                event_type is not None or group_type not in _MEANS_TYPES
            ):
                continue
            for term in terms:
                if present.issuperset(term) and _contains(forms, term):
                    return mode
        return None


def _contains(forms: list[set[str]], term: tuple[str, ...]) -> bool:
    size = len(term)
    for start in range(len(forms) - size + 1):
        if all(term[k] in forms[start + k] for k in range(size)):
            return True
    return False


def _light(pattern: _VerbPattern, sense: EventSense) -> EventSense:
    return EventSense(
        event_type=sense.event_type,
        mode=sense.mode,
        context=sense.context,
        cameo=sense.cameo,
        pattern=f"{pattern.lemma}{' ' + pattern.particle if pattern.particle else ''} "
        f"+ {sense.pattern} (light verb)",
        specificity=LIGHT_VERB_SPECIFICITY,
        reversed_roles=sense.reversed_roles,
    )


def _verb_features(
    verb: Token,
) -> tuple[set[str], dict[str, set[str]], dict[str, Token], set[str]]:
    """Particles, prepositions -> their objects, object lemma -> token, controlled verbs."""
    particles: set[str] = set()
    preps: dict[str, set[str]] = {}
    objects: dict[str, Token] = {}
    xcomps: set[str] = set()
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    for child in verb.children:
        dep = child.dep_
        if dep == "prt":
            particles.add(child.lower_)
        elif dep in PREP_DEPS:
            if any(g.dep_ == "pobj" and g.ent_type_ in DATE_LABELS for g in child.children):
                continue  # "called Lavrov on Nov. 2" is not "call on"
            pobjs = preps.setdefault(child.lower_, set())
            for grandchild in child.children:
                if grandchild.dep_ in ("pobj", "pcomp"):
                    pobjs.add(grandchild.lemma_.lower())
                    pobjs.update(c.lemma_.lower() for c in grandchild.conjuncts)
        elif dep == "advmod" and child.lower_ in ("back", "out", "down", "up", "off", "away"):
            particles.add(child.lower_)
        elif dep in OBJECT_DEPS or (passive and dep == "nsubjpass"):
            for obj in (child, *child.conjuncts):
                for form in _compound_forms(obj):
                    objects.setdefault(form, obj)
        elif dep == "xcomp":
            xcomps.add(child.lemma_.lower())
    if verb.dep_ == "acl" and is_participle(verb):
        # "helicopter downed in the east": the noun a participle modifies is its object
        for form in _compound_forms(verb.head):
            objects.setdefault(form, verb.head)
    return particles, preps, objects, xcomps


def _subjects_and_purposes(verb: Token) -> tuple[set[str], set[str]]:
    """Subject lemmas ("protesters gathered", "dozens of protesters") and purpose-clause
    verbs ("gathered to demand", "gathered in a square to oppose and to denounce")."""
    subjects: set[str] = set()
    purposes: set[str] = set()
    for child in verb.children:
        if child.dep_ == "nsubj":
            for subject in (child, *child.conjuncts):
                subjects.add(subject.lemma_.lower())
                # "hundreds of protesters", "a group of activists": who they are
                for prep in subject.children:
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        subjects.update(g.lemma_.lower() for g in prep.children if g.dep_ == "pobj")
        elif child.dep_ in ("advcl", "xcomp") and any(
            g.dep_ == "aux" and g.lower_ == "to" for g in child.children
        ):
            purposes.update(c.lemma_.lower() for c in (child, *child.conjuncts))
    return subjects, purposes


def _verb_forms(verb: Token) -> list[str]:
    """Lookup keys for a verb: its lemma, its form, then the stem a lemmatiser missed
    ("staged" -> "stag" in the small model; "stage" is the verb)."""
    lemma, word = verb.lemma_.lower(), verb.lower_
    forms = [lemma, word]
    if word.endswith("ed") and len(word) > 4:
        forms.extend((word[:-1], word[:-2]))
    elif word.endswith("ing") and len(word) > 5:
        forms.extend((word[:-3] + "e", word[:-3]))
    return forms


def _compound_forms(noun: Token) -> list[str]:
    """The noun's lemma, then its hyphenated compound spelt solid ("cease-fire" -> "ceasefire").

    News copy spells the same compound both ways; the lexicon lists the solid spelling once.
    """
    forms = [noun.lemma_.lower()]
    doc = noun.doc
    if noun.i >= 2 and doc[noun.i - 1].text == "-":
        forms.append(f"{doc[noun.i - 2].lower_}{noun.lemma_.lower()}")
    return forms


def _noun_forms(noun: Token) -> list[str]:
    """Lookup keys for a noun, hyphenated compounds first ("call-up", "counter-offensive")."""
    forms: list[str] = []
    doc = noun.doc
    if noun.i + 2 < len(doc) and doc[noun.i + 1].text == "-":
        forms.append(f"{noun.lower_}-{doc[noun.i + 2].lemma_.lower()}")  # "call-ups"
    if noun.i >= 2 and doc[noun.i - 1].text == "-":
        forms.append(f"{doc[noun.i - 2].lower_}-{noun.lower_}")
        forms.append(f"{doc[noun.i - 2].lower_}{noun.lemma_.lower()}")  # "cease-fire"
    forms.extend((noun.lemma_.lower(), noun.lower_))
    return forms


@cache
def _load_lexicon() -> EventLexicon:
    merged: dict[tuple[str | None, ...], _VerbPattern] = {}
    for name, manual in (("event_verbs.jsonl", False), ("event_verbs_manual.jsonl", True)):
        for row in load_jsonl(name):
            pattern = _verb_pattern(row, manual)
            merged[pattern.key] = pattern  # the manual file comes second and wins
    verbs: dict[str, list[_VerbPattern]] = {}
    for pattern in merged.values():
        verbs.setdefault(pattern.lemma, []).append(pattern)

    nouns: dict[str, list[_NounPattern]] = {}
    for row in load_jsonl("event_nouns.jsonl"):
        sense = EventSense(
            event_type=row["event_type"],
            mode=row.get("mode"),
            context=tuple(row.get("context") or ()),
            cameo=row.get("cameo"),
            pattern=" ".join(filter(None, (row.get("modifier"), row["lemma"]))) + " (noun)",
            specificity=1 + bool(row.get("modifier")) * 2 + bool(row.get("cues")),
        )
        nouns.setdefault(row["lemma"], []).append(
            _NounPattern(row.get("modifier"), frozenset(row.get("cues") or ()), sense)
        )

    modes = []
    for row in load_jsonl("event_modes.jsonl"):
        terms = sorted((tuple(_words(t)) for t in row["terms"]), key=len, reverse=True)
        modes.append((row["event_type"], row["mode"], terms))
    return EventLexicon(verbs, nouns, modes)
