"""PLOVER magnitudes of an event: how many were killed (``dead``), wounded (``injured``) and
took part (``size``), read from the dependency parse of the event's sentence.

A number counts only when the parse ties it to a casualty word or to the event's own
participants; its words are in ``forewarn/data/magnitudes.json``.

- A *figure* is a number and the word it counts: the object of a casualty verb ("killing
  three civilians"), its passive subject ("20 people were killed", "five wounded"), the
  subject of an intransitive one ("three died"), a casualty word it quantifies ("12 dead",
  "two deaths", "three injured people", "12 people killed") or a toll ("the death toll rose
  to 12", "a death toll of 12"). Coordinated counts add up ("killed three soldiers and two
  civilians": 5).
- Dead and injured go to the violent events (:data:`violent_event_types`: ASSAULT, COERCE)
  whose trigger is the casualty word itself or governs it: its ancestors in the tree up to
  the noun a relative clause modifies ("an attack that killed five": the attack), the
  subject of the casualty verb ("an airstrike killed 12") and a ``killed in <event>``
  phrase. Other events of the sentence get nothing.
- A figure whose clause has a date of its own ("killed 3 in 2019") is background: it goes
  only to the event that casualty word triggers, and not at all when that clause modifies a
  noun ("the group, which killed 3 in 2019, attacked ...").
- A sentence with casualty figures and no event of its own ("Both victims died.", "2
  fatalities.", "The death toll rose to 12.") gives them to the nearest violent event told
  before it that has none of that kind (:func:`sentence_casualties`, applied in
  ``assemble.py``).
- Dead and injured are given only to asserted, not negated events, and a casualty verb in
  an infinitive ("tried to kill two") counts nobody.
- Several figures of one event add up ("two soldiers were killed and three civilians
  died"); a toll is a running total, used only when the event has no other figure (the
  largest toll then).
- ``size`` is the number of participants of a PROTEST or MOBILIZE event: the number that
  quantifies its subject ("thousands rallied", "2,500 interns protested"), a mobilisation's
  object when it is people ("deployed 3,000 troops", never "50 drones"), a crowd's size ("a
  crowd of 5,000") or the people of a nominal trigger ("a rally of 5,000 people").

Numbers are digits ("2,500", "1.5 million"), number words ("twenty-five") or vague
quantities with a lower-bound value (``vague_quantities``: "dozens" 24, "thousands" 2000).
Numbers inside DATE, TIME, MONEY, PERCENT, ORDINAL or QUANTITY entities (ages, dates,
sums) and numbers after an upper bound ("up to 50") are never counts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Span, Token

from forewarn.data import load_json
from forewarn.extraction.headlines import is_headline, is_headline_passive
from forewarn.extraction.syntax import conjuncts_of, entity_of, is_participle
from forewarn.extraction.word_lists import json_words

__all__ = ["Magnitudes", "event_magnitudes", "sentence_casualties", "violent_event_types"]

_DATA = "magnitudes.json"
# Dependencies through which a number belongs to the noun it counts.
_NUMBER_DEPS = frozenset({"nummod", "quantmod", "compound"})
# How a counted noun hangs from a casualty verb when it names the casualties.
_OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "oprd"})
_MODIFIER_CLAUSE_DEPS = frozenset({"relcl", "acl"})
# How a phrase reaches the verb it modifies through prepositional phrases ("killed in
# shelling since January"); a noun on the way ("the first deaths since the truce") takes the
# phrase for itself.
_PREPOSITIONAL_DEPS = frozenset({"prep", "pobj", "pcomp"})
# Past the tree's root a chain of ancestors would be the whole sentence; six hops reach a
# governing event through a participle, a conjunction and a preposition.
_MAX_HOPS = 6


@dataclass(frozen=True, slots=True)
class Magnitudes:
    """An event's counts; None where the text gives none."""

    dead: int | None = None
    injured: int | None = None
    size: int | None = None


@dataclass(frozen=True, slots=True)
class _Figure:
    kind: str  # "dead" or "injured"
    value: int
    anchor: Token  # the casualty word the number counts
    toll: bool
    background: bool


def _words(key: str) -> frozenset[str]:
    return json_words(_DATA, key)


@cache
def _numbers(key: str) -> dict[str, int]:
    table: dict[str, Any] = load_json(_DATA)[key]
    return {word: int(value) for word, value in table.items()}


def violent_event_types() -> frozenset[str]:
    """The event types dead and injured are given to (ASSAULT, COERCE)."""
    return _words("violent_event_types")


# --- numbers -------------------------------------------------------------------------------


def _is_number_word(token: Token) -> bool:
    lower = token.lower_
    return (
        token.like_num
        or lower in _numbers("number_words")
        or lower in _numbers("vague_quantities")
        or token.lemma_.lower() == "dozen"
    )


def _bounded_above(first: Token) -> bool:
    """ "up to 50", "fewer than 10": a limit, not a count."""
    doc = first.doc
    before = " ".join(t.lower_ for t in doc[max(first.i - 3, first.sent.start) : first.i])
    return any(before == bound or before.endswith(" " + bound) for bound in _words("bound_words"))


def _token_value(token: Token) -> float | None:
    text = token.lower_.replace(",", "")
    try:
        return float(text)
    except ValueError:
        pass
    if "-" in text:  # "twenty-five" kept as one token
        parts = [_numbers("number_words").get(p) for p in text.split("-")]
        known = [p for p in parts if p is not None]
        return float(sum(known)) if len(known) == len(parts) else None
    value = _numbers("number_words").get(text)
    return float(value) if value is not None else None


def _in_non_figure_entity(token: Token) -> bool:
    """Inside an age, a date, a sum: not a count of people. A spelled-out number that is a
    DATE on its own ("Forty killed in fighting", the model's "the forties") is still one."""
    if token.ent_type_ not in _words("non_figure_entities"):
        return False
    entity = entity_of(token)
    return not (
        token.ent_type_ == "DATE"
        and entity is not None
        and len(entity) == 1
        and token.lower_ in _numbers("number_words")
    )


def number_value(token: Token) -> int | None:
    """The count a number token stands for (with its compound parts), or None."""
    if not _is_number_word(token) or _in_non_figure_entity(token):
        return None
    parts = sorted(
        [t for t in token.children if t.dep_ in _NUMBER_DEPS and _is_number_word(t)] + [token],
        key=lambda t: t.i,
    )
    if _bounded_above(parts[0]) or any(
        c.dep_ in _NUMBER_DEPS and c.lower_ in ("up", "under") for c in token.children
    ):
        return None
    vague = _vague_value(token)
    if vague is not None:
        return vague
    total, current = 0.0, 0.0
    for part in parts:
        value = _token_value(part)
        if value is None:
            return None
        multiplier = _numbers("multipliers").get(part.lower_)
        if multiplier is not None and part is not parts[0]:
            current = (current or 1.0) * multiplier
            if multiplier >= 1000:
                total, current = total + current, 0.0
        else:
            current += value
    count = total + current
    return int(count) if count >= 1 and count == int(count) else None


def _vague_value(token: Token) -> int | None:
    """ "dozens", "a dozen", "tens of thousands": the documented lower-bound value."""
    table = _numbers("vague_quantities")
    lower = token.lower_
    if lower == "dozen" and any(c.lower_ in ("a", "one") for c in token.children):
        return table["a dozen"]
    if lower not in table:
        return None
    scale = [c.lower_ for c in token.children if c.dep_ == "quantmod" and c.i < token.i]
    phrase = " ".join([*scale, lower]) if scale else lower
    if phrase.startswith(("tens of", "hundreds of")):
        phrase = phrase.split(" ")[0] + " of " + lower
    return table.get(phrase, table[lower])


def _count_of(noun: Token) -> int | None:
    """The number counting ``noun``: the noun itself ("five were killed", "thousands"),
    its numeric modifier ("three civilians") or "N of" before it ("dozens of protesters").
    Nouns that are no people ("15 livestock", "9 May", "3 years") have none."""
    if _in_non_figure_entity(noun) or noun.lemma_.lower() in _words("uncounted_nouns"):
        return None
    own = number_value(noun)
    if own is not None:
        return own
    for child in noun.children:
        if child.dep_ in _NUMBER_DEPS:
            value = number_value(child)
            if value is not None:
                return value
    for name in noun.children:
        # "Four Ukraine soldiers": the parser hangs the number on the name before the noun
        if name.dep_ == "compound" and name.pos_ == "PROPN" and name.i < noun.i:
            leading = [c for c in name.children if c.dep_ in _NUMBER_DEPS and c.i < name.i]
            value = number_value(leading[0]) if leading else None
            if value is not None:
                return value
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ != "prep":
        return number_value(noun.head.head)
    return None


def _casualty_count(noun: Token) -> int | None:
    """A casualty's count: a number, else one named person ("a man", "another", "him") or
    "both"; collective nouns ("a family", "a group") have none."""
    count = _count_of(noun)
    if count is not None:
        return count
    lower, lemma = noun.lower_, noun.lemma_.lower()
    if lower in _words("singular_pronouns"):
        return 1
    if lower in _words("headline_person_nouns") and is_headline(noun.sent):
        return 1  # "Civilian killed as shell hits hospital": a headline drops the "a"
    if lemma in _words("collective_nouns") or lemma in _words("uncounted_nouns"):
        return None
    if _in_non_figure_entity(noun) or noun.pos_ not in ("NOUN", "PRON"):
        return None
    determiners = _numbers("determiner_counts")
    if lower in determiners:  # "killed one and injured another"
        return determiners[lower]
    plural = noun.tag_ == "NNS"
    for child in noun.children:
        if child.dep_ in ("det", "predet") and child.lower_ in determiners:
            if plural == (determiners[child.lower_] > 1):
                return determiners[child.lower_]
        elif (
            child.dep_ in ("det", "poss")
            and not plural
            and determiners
            and child.lower_ not in _words("non_count_determiners")
        ):
            return 1  # "the father", "his wife": one person; not "no", "every", "some" ...
    return None


def _summed_count(noun: Token, counter: Callable[[Token], int | None] = _count_of) -> int | None:
    """Coordinated counts add up: "three soldiers and two civilians"."""
    values = [counter(t) for t in conjuncts_of(noun)]
    known = [v for v in values if v is not None]
    return sum(known) if known else None


# --- casualty figures -----------------------------------------------------------------------


def _casualty_kind(word: Token) -> str | None:
    lemma, lower = word.lemma_.lower(), word.lower_
    if word.pos_ in ("VERB", "AUX"):
        if lemma in _words("dead_verbs"):
            return "dead"
        if lemma in _words("injured_verbs"):
            return "injured"
        if any(c.dep_ in ("oprd", "acomp", "advmod") and c.lower_ == "dead" for c in word.children):
            return "dead"  # "shot three dead", "was found dead"
        if any(
            c.dep_ == "prep" and c.lower_ == "to" and g.lemma_.lower() in _words("to_death_nouns")
            for c in word.children
            for g in c.children
        ):
            return "dead"  # "shot to death", "beaten to death"
        return None
    if lemma in _words("dead_words") or lower in _words("dead_words"):
        return "dead"
    if lemma in _words("injured_words") or lower in _words("injured_words"):
        return "injured"
    return None


def _has_own_date(word: Token) -> bool:
    for child in word.children:
        if child.ent_type_ == "DATE" and child.dep_ in ("npadvmod", "tmod"):
            return True
        if child.dep_ == "prep" and any(g.ent_type_ == "DATE" for g in child.children):
            return True
    return False


def _is_running_total(word: Token) -> bool:
    """ "200 people killed in shelling since January", "killed so far this year": a war's
    running total is no happening's dead (a monitor would count them twice). The phrase
    modifies the casualty word itself, directly or through its prepositional phrases."""
    phrases = _words("running_total_words")
    for token in word.subtree:
        if token.dep_ not in ("prep", "advmod", "npadvmod") or not _modifies(token, word):
            continue
        phrase = " ".join(t.lower_ for t in token.subtree)
        if any(phrase == p or phrase.startswith(p + " ") for p in phrases):
            return True
    return False


def _modifies(phrase: Token, word: Token) -> bool:
    """``phrase`` hangs from ``word`` (one of its ancestors) with only prepositional phrases
    between them."""
    token = phrase.head
    while token.i != word.i:
        if token.dep_ not in _PREPOSITIONAL_DEPS:
            return False
        token = token.head
    return True


def _figures(sentence: Span) -> list[_Figure]:
    found: list[_Figure] = []
    seen: set[int] = set()
    for word in sentence:
        kind = _casualty_kind(word)
        if kind is not None:
            value, toll = _verb_or_word_count(word, kind), False
        elif word.lemma_.lower() in _words("toll_nouns"):
            kind, value, toll = _toll(word)
        else:
            continue
        if kind is None or value is None or word.i in seen or _is_running_total(word):
            continue
        seen.add(word.i)
        found.append(_Figure(kind, value, word, toll, _has_own_date(word)))
    return found


def _verb_or_word_count(word: Token, kind: str) -> int | None:
    if word.pos_ in ("VERB", "AUX"):
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in word.children):
            return None  # "tried to kill two", "threatened to kill": not done
        patients = [c for c in word.children if c.dep_ in _OBJECT_DEPS]
        suffered = (
            is_participle(word)
            or word.lemma_.lower() in _words("intransitive_dead_verbs")
            or is_headline_passive(word)
        )
        if suffered:
            # "five wounded", "three died", "Five servicemen killed in fighting": the parser's
            # subject is who suffered it; of two ("20 killed, 110 wounded" parsed with both
            # as subjects of "wounded") the nearer
            subjects = [c for c in word.children if c.dep_ == "nsubj"]
            patients += sorted(subjects, key=lambda c: abs(word.i - c.i))
        if word.dep_ in _MODIFIER_CLAUSE_DEPS and is_participle(word):
            patients.append(word.head)  # "12 people killed in the attack"
        for noun in patients:
            value = _summed_count(noun, _casualty_count)
            if value is not None:
                return value
        return None
    # a casualty word itself counted ("12 dead", "two deaths") or modifying the counted
    # noun ("three injured people")
    value = _count_of(word)
    if value is None and word.dep_ == "amod":
        value = _count_of(word.head)
    return value


def _toll(word: Token) -> tuple[str | None, int | None, bool]:
    """ "the death toll rose to 12", "a death toll of 12", "the toll stood at 12"."""
    modifiers = {c.lemma_.lower() for c in word.children if c.dep_ in ("compound", "amod")}
    if modifiers and not modifiers & _words("dead_toll_modifiers"):
        return None, None, True
    places = [word]
    if word.dep_ in ("nsubj", "nsubjpass"):
        places.append(word.head)
    for place in places:
        for prep in place.children:
            if prep.dep_ == "prep" and prep.lower_ in ("to", "at", "of"):
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        value = _count_of(obj)
                        if value is not None:
                            return "dead", value, True
    return None, None, True


def _governing_triggers(anchor: Token) -> list[Token]:
    """The words an event triggered there would own the figure through."""
    found = [anchor]
    found += [c for c in anchor.children if c.dep_ in ("nsubj", "csubj", "agent")]
    found += [
        g for c in anchor.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
    ]
    word = anchor
    for _ in range(_MAX_HOPS):
        if word.head is word:
            break
        crossed = word.dep_ in _MODIFIER_CLAUSE_DEPS
        word = word.head
        found.append(word)
        if crossed:
            break
    return found


def _event_figures(trigger: Token) -> list[_Figure]:
    owned: list[_Figure] = []
    for figure in _figures(trigger.sent):
        if figure.background:
            if figure.anchor.dep_ in _MODIFIER_CLAUSE_DEPS or figure.anchor != trigger:
                continue
        elif trigger not in _governing_triggers(figure.anchor):
            continue
        owned.append(figure)
    return owned


def _combined(figures: list[_Figure], kind: str) -> int | None:
    counts = [f.value for f in figures if f.kind == kind and not f.toll]
    if counts:
        return sum(counts)
    tolls = [f.value for f in figures if f.kind == kind]
    return max(tolls) if tolls else None


# --- participants ---------------------------------------------------------------------------


def _size(trigger: Token, event_type: str) -> int | None:
    """The participants of a PROTEST or MOBILIZE event (see the module docstring)."""
    verb = trigger
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ in ("conj", "xcomp", "advcl") and verb.pos_ == "VERB":
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ == "acl" and event_type == "PROTEST":
        subjects = [verb.head]  # the parser's "2500 interns [who] protested"
    objects = [c for c in verb.children if c.dep_ == "dobj"] if event_type == "MOBILIZE" else []
    if verb.pos_ == "NOUN":
        objects += [
            g
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in ("of", "by")
            for g in c.children
            if g.dep_ == "pobj"
        ]
    # a protest's subject is its participants whatever it is called ("medical interns");
    # anything else must name people ("3,000 troops", never "50 drones")
    people_only = event_type != "PROTEST"
    for nouns, only_people in ((subjects, people_only), (objects, True)):
        for noun in nouns:
            value = _participants(noun, only_people)
            if value is not None:
                return value
    return None


def _is_people(noun: Token) -> bool:
    words = _words("participant_nouns")
    return noun.lemma_.lower() in words or noun.lower_ in words


def _participants(noun: Token, people_only: bool) -> int | None:
    """The number of people ``noun`` and its conjuncts count, or None."""
    if noun.lemma_.lower() in _words("crowd_nouns"):
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return _participants(obj, people_only=False)
        return None
    counts = []
    for conjunct in conjuncts_of(noun):
        value = _count_of(conjunct)
        if value is None:
            continue
        counted = conjunct
        if number_value(conjunct) is not None:
            # "thousands of protesters": the people are the "of" phrase, when there is one
            people = [g for c in conjunct.children if c.dep_ == "prep" for g in c.children]
            counted = people[0] if people else conjunct
        if people_only and not _is_people(counted):
            continue
        counts.append(value)
    return sum(counts) if counts else None


# --- the event's magnitudes -----------------------------------------------------------------


def event_magnitudes(trigger: Token, event_type: str) -> Magnitudes:
    """The dead, injured and size of the event ``trigger`` heads in its sentence."""
    size = _size(trigger, event_type) if event_type in _words("size_event_types") else None
    if event_type not in violent_event_types():
        return Magnitudes(size=size)
    figures = _event_figures(trigger)
    return Magnitudes(
        dead=_combined(figures, "dead"), injured=_combined(figures, "injured"), size=size
    )


def sentence_casualties(sentence: Span) -> Magnitudes:
    """The dead and injured a sentence states on its own ("2 fatalities.", "The death toll
    rose to 12."), for the caller to give to the event told before it."""
    figures = _figures(sentence)
    return Magnitudes(dead=_combined(figures, "dead"), injured=_combined(figures, "injured"))
