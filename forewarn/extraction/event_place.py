"""Where an event happened: the place mention that belongs to its trigger.

The event's own clause is read first, so that "Lavrov, in Geneva, said Russia attacked Kyiv"
does not place the attack in Geneva. Where the clause says nothing, the place is inherited,
in this order (first found wins):

1. the event's own clause: a locative phrase ("in Haifa", "near the town of Souran", "at a
   bar in southern Italy"); a nominal trigger ("staged a protest") also reads its governing
   verb's clause;
2. the place the event was done to: a direct object or passive subject that is a town or
   region ("shelled Kharkiv", "Kosovo is patrolled"), or the place after "on", "into",
   "over" ("an attack on Alhoula area"), or a nominal trigger's "of" ("the shelling of
   Kharkiv"); not countries ("sanctioned Iran") and not metonyms ("criticised Moscow");
3. the clauses the event's clause hangs from through a participle, a purpose clause or a
   coordination ("stormed Jenin, killing two": the killing happened in Jenin);
4. the sentence's frame: a fronted adjunct before the main clause ("In Hilla, a civilian was
   killed");
5. last resorts: any place the gazetteer knows in a locative phrase of the sentence, then any
   town or region the model named in it ("pickets in front of the Ivanovo administration"),
   then where the sentence's residents or villagers live ("residents of Baimovo
   (Bashkortostan) gathered in their village"), then a bracketed address the parse hung
   elsewhere ("the staff of Al Thawrah Hospital (Salh, Taizz)"); in a headline, a place
   named as a modifier ("Kiev clashes") and the territory of its trailing source ("... - DPR
   command"); then the fronted place of
   the paragraph's nearest earlier sentence ("On 4 May 2020, in Merida, residents protested.
   A man was shot dead."). A new paragraph starts a new story.

A locative phrase inside what the event is against or for ("protested in Moscow against the
war in Ukraine", "a rally in support of the referendums in Donetsk") is not its setting.
Inheritance stops at reported speech (a ``ccomp`` or ``parataxis``): what someone said
happened is not set where they said it.

What counts as a place mention is :mod:`forewarn.extraction.place_mentions`'s business. Among
a step's candidates the first, most specific one wins ("the village of Sousan in northern
Aleppo": Sousan); a village the gazetteer lacks is then placed by the nearest place it knows
(``nearest_known_place``).
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from forewarn.english import PLACE_LABELS
from forewarn.extraction.clauses import (
    frame_end,
    frame_limit,
    governors,
    is_reported,
    predicate_of,
    sentence_start,
)
from forewarn.extraction.headlines import is_headline
from forewarn.extraction.place_mentions import (
    MAX_BRACKET_TOKENS,
    PlaceCandidate,
    as_place,
    places_in,
)
from forewarn.extraction.syntax import clause_tokens, entities_within, entity_of
from forewarn.extraction.word_lists import event_rule_words, setting_words
from forewarn.gazetteer.places import PlaceGazetteer

__all__ = ["event_place", "nearest_known_place"]


# How a name modifies a noun: "Kiev clashes", "Ukraine's army", "the Donetsk region".
_MODIFIER_DEPS = frozenset({"compound", "poss", "nmod", "amod"})
# What sets a headline's trailing source apart (:func:`forewarn.nlp.mark_paragraph_starts`).
_SOURCE_MARKS = frozenset({":", "-", "–", "—", "--"})
# Who acts and is acted on, not where: "Cameron demands Russia cease support".
_PARTICIPANT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})


@cache
def _locative_prepositions() -> frozenset[str]:
    """Prepositions that may introduce where an event happened."""
    return event_rule_words("locative_prepositions") | setting_words("extra_locative_prepositions")


@cache
def _setting_prepositions() -> frozenset[str]:
    """Locative prepositions firm enough for the sentence-wide fallback: "workers from Kyiv",
    "a bill passed by Ankara", "a row over Crimea" do not say where the event happened."""
    return _locative_prepositions() - setting_words("loose_prepositions")


def _default_places() -> PlaceGazetteer:
    """The package's own gazetteer, for callers that bring none (the evaluation)."""
    return PlaceGazetteer.load()


def _depth(token: Token, predicate: Token) -> int:
    depth = 0
    while token != predicate and token.head != token:
        token, depth = token.head, depth + 1
    return depth


def _inside_content(token: Token, predicate: Token) -> bool:
    """ "protested in Moscow against the invasion in Ukraine": a place inside what the event
    is against or for belongs to that, not to the event."""
    node = token.head
    while node != predicate and node.head != node:
        if _is_content_prep(node):
            return True
        node = node.head
    return False


def _is_content_prep(token: Token) -> bool:
    """ "against ...", "for ...", and "in support of ...", "in response to ...": what the
    event is for or about."""
    if token.dep_ != "prep":
        return False
    if token.lower_ in setting_words("content_prepositions"):
        return True
    return token.lower_ == "in" and any(
        c.dep_ == "pobj" and c.lemma_.lower() in setting_words("content_phrase_nouns")
        for c in token.children
    )


def _clause_places(
    predicate: Token, excluded: set[int], places: PlaceGazetteer
) -> list[PlaceCandidate]:
    """Locative phrases in the predicate's own clause, in reading order."""
    found: list[PlaceCandidate] = []
    # Phrases on the predicate itself first: "negotiators from Ukraine met in Istanbul".
    for token in sorted(clause_tokens(predicate), key=lambda t: (_depth(t, predicate), t.i)):
        if token.dep_ != "prep" or token.lower_ not in _locative_prepositions():
            continue
        if _inside_content(token, predicate):
            continue
        for obj in token.children:
            if obj.dep_ == "pobj" and obj.i not in excluded:
                found.extend(places_in(obj, places, strict=False))
    return found


def _target_places(trigger: Token, places: PlaceGazetteer) -> list[PlaceCandidate]:
    """The town or region the event was done to ("shelled Kharkiv", "attack on Alhoula")."""
    found: list[PlaceCandidate] = []
    for child in trigger.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            found.extend(places_in(child, places, strict=True))
        elif child.dep_ == "prep" and (
            child.lower_ in setting_words("target_place_prepositions")
            # "the shelling of Donetsk", "the capture of Bakhmut": a happening's "of"
            or (child.lower_ == "of" and trigger.pos_ == "NOUN")
        ):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found.extend(places_in(obj, places, strict=True))
    return found


def _frame_places(
    trigger: Token, excluded: set[int], places: PlaceGazetteer
) -> list[PlaceCandidate]:
    sentence = trigger.sent
    end = frame_end(sentence)
    found: list[PlaceCandidate] = []
    root = sentence.root
    for token in sentence.doc[sentence.start : end]:
        # a fronted adjunct hangs on the main verb; a fronted quote ("X struck Kharkiv,
        # the governor said") is a clause of its own, not the sentence's frame
        if token.dep_ == "prep" and token.lower_ in _locative_prepositions() and token.head == root:
            for obj in token.children:
                if obj.dep_ == "pobj" and obj.i not in excluded:
                    found.extend(places_in(obj, places, strict=False))
    return found


def _places_between(span: Span, excluded: set[int], places: PlaceGazetteer) -> list[PlaceCandidate]:
    """Places the gazetteer knows in any locative phrase of ``span`` outside reported
    speech, in reading order."""
    found: list[PlaceCandidate] = []
    for token in span:
        # a preposition the parser made the root ("On 29 April 2020, in Tlaltizapan, ...")
        # still introduces a place
        if token.dep_ not in ("prep", "ROOT") or token.lower_ not in _setting_prepositions():
            continue
        if is_reported(token):
            continue
        for obj in token.children:
            if obj.dep_ == "pobj" and obj.i not in excluded:
                found.extend(c for c in places_in(obj, places, strict=False) if c.resolved)
        # "rallied in Thessaloniki demanding ...", parsed with the name hung on the participle:
        # a known name right after the preposition is its object whatever the parse says
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if (
            following is not None
            and following.dep_ != "pobj"
            and following.i not in excluded
            and following.pos_ == "PROPN"
        ):
            candidate = as_place(following, places, strict=False)
            if candidate is not None and candidate.resolved:
                found.append(candidate)
    return found


def _named_places(span: Span, excluded: set[int], places: PlaceGazetteer) -> list[PlaceCandidate]:
    """Towns and regions the model named anywhere in ``span`` outside reported speech, for a
    sentence that sets its event in no locative phrase: "pickets in front of the Ivanovo
    administration", "women working at a marketplace in Grozny protested" (parsed as a
    clausal subject). Countries are left out: "the high US dollar exchange rate"."""
    found: list[PlaceCandidate] = []
    for ent in entities_within(span):
        if ent.label_ not in PLACE_LABELS or ent.start in excluded or is_reported(ent.root):
            continue
        candidate = as_place(ent.root, places, strict=False)
        if candidate is None or not candidate.resolved:
            continue
        place = places.resolve(candidate.span.text)
        if place is not None and place.admin1 is not None:  # a town or region, not a country
            found.append(candidate)
    return found


def _home_places(span: Span, places: PlaceGazetteer) -> list[PlaceCandidate]:
    """Where the people of ``span`` live, for an event that names no other place: "residents
    of Baimovo (Bashkortostan) gathered in their village", "villagers from Kafr Qaddum"."""
    found: list[PlaceCandidate] = []
    for token in span:
        if token.lemma_.lower() not in setting_words("inhabitant_nouns") or is_reported(token):
            continue
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "from"):
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        found.extend(c for c in places_in(obj, places, strict=False) if c.resolved)
    return found


def _bracketed_addresses(span: Span, places: PlaceGazetteer) -> list[PlaceCandidate]:
    """Addresses in brackets the parse hung on no place ("the staff of Al Thawrah Hospital
    (Salh, Taizz)", "the Qaniyah frontline (Mahliyah, Marib)"): a town or region, never an
    acronym or a country."""
    found: list[PlaceCandidate] = []
    doc = span.doc
    for opening in (t for t in span if t.text == "("):
        end = opening.i + 1
        while end < span.end and doc[end].text != ")" and end - opening.i <= MAX_BRACKET_TOKENS:
            end += 1
        inner = doc[opening.i + 1 : end]
        if end >= span.end or doc[end].text != ")" or not inner or inner[0].pos_ != "PROPN":
            continue
        if is_reported(inner.root) or inner.text.isupper():
            continue
        place = places.resolve(inner.text)
        if place is not None and place.admin1 is not None:
            found.append(PlaceCandidate(inner, True))
    return found


def _modifier_places(
    span: Span, trigger: Token, excluded: set[int], places: PlaceGazetteer
) -> list[PlaceCandidate]:
    """In a headline, places named as modifiers: telegraphic text drops the prepositions
    (and the small model's parse of it hangs no place on the event): "67 killed in this
    week's Kiev clashes", "fresh battles rock east Ukraine's Donetsk", "Ukraine police storm
    protest camp". Towns and regions first, then countries, each at its own precision: a
    country named with a compass word ("eastern Ukraine") or modifying the event's own noun
    ("Ukraine fighting kills 28"). A name inside an actor counts only as its modifier
    ("Ukraine" of "Ukraine police", not "Russia" of "Russia attacked"). In prose, a name
    outside a locative phrase is rarely the setting."""
    if not is_headline(span):
        return []
    specific: list[PlaceCandidate] = []
    countries: list[PlaceCandidate] = []
    for token in span:
        if token.pos_ != "PROPN" and token.ent_type_ not in PLACE_LABELS:
            continue
        if token.i in excluded and token.dep_ not in _MODIFIER_DEPS:
            continue
        if token.dep_ in _PARTICIPANT_DEPS or _in_full_name(token) or is_reported(token):
            continue
        candidate = as_place(token, places, strict=False)
        if candidate is None or not candidate.resolved:
            continue
        place = places.resolve(candidate.span.text)
        if place is not None and place.admin1 is not None:
            specific.append(candidate)
        elif _is_country_part(candidate.span, places) or _names_the_event_noun(token, trigger):
            countries.append(candidate)
    return specific + countries


def _source_places(span: Span, places: PlaceGazetteer) -> list[PlaceCandidate]:
    """The territory of a headline's trailing source, for an event the headline places
    nowhere: a local authority reports what happened on its ground ("Shelling kills one
    militiaman - DPR command", "Two civilians killed - Donetsk city council"). Names only: a
    metonym ("- Kiev military") speaks for a whole country's war, and a nationality ("-
    Russian rights activists") says whose the speaker is, not where it reports from."""
    doc = span.doc
    if not is_headline(span) or span.end >= len(doc):
        return []
    source = doc[span.end].sent
    if source[0].text not in _SOURCE_MARKS:
        return []
    found: list[PlaceCandidate] = []
    for token in source[1:]:
        if token.pos_ != "PROPN" or is_reported(token):
            continue
        candidate = as_place(token, places, strict=False)
        if candidate is not None and candidate.resolved:
            found.append(candidate)
    return found


def _names_the_event_noun(token: Token, trigger: Token) -> bool:
    """ "Ukraine fighting kills 28": a country right before the event's own noun, modifying
    it, says where it happened; one modifying the people ("U.S. servicemen patrol") says
    whose they are."""
    return (
        trigger.pos_ == "NOUN"
        and token.head.i == trigger.i
        and token.i + 1 == trigger.i
        and token.dep_ in _MODIFIER_DEPS
    )


def _in_full_name(token: Token) -> bool:
    """ "Asma" of "Asma Alsharif": a part of a person's full name names no town."""
    entity = entity_of(token, same_sentence=True) if token.ent_type_ == "PERSON" else None
    return entity is not None and len(entity) > 1


def _is_country_part(span: Span, places: PlaceGazetteer) -> bool:
    """ "eastern Ukraine", "east Ukraine": a part of a country, named by a compass word; a
    bare country modifier is the nationality of what it modifies ("U.S. troops patrol")."""
    return span.start > 0 and places.is_direction(span.doc[span.start - 1].text)


def _best(candidates: list[PlaceCandidate]) -> Span | None:
    return _balanced(candidates[0].span) if candidates else None


def _balanced(span: Span) -> Span:
    """The span with its last bracket closed: the parser ends an address at any of its
    words ("Lumbishi (Kalehe, Sud" of "(Kalehe, Sud-Kivu)"); an address never closed within
    a few words is dropped."""
    if sum((t.text == "(") - (t.text == ")") for t in span) <= 0:
        return span
    doc = span.doc
    for end in range(span.end, min(span.end + MAX_BRACKET_TOKENS, len(doc))):
        if doc[end].text == ")":
            return doc[span.start : end + 1]
    opening = max(t.i for t in span if t.text == "(")
    return doc[span.start : opening] if opening > span.start else span


def event_place(
    trigger: Token,
    excluded: set[int] | frozenset[int] = frozenset(),
    places: PlaceGazetteer | None = None,
) -> Span | None:
    """Where the event happened, as a span of the text (see the module docstring).

    ``excluded``: token indices of the event's actors and recipients, which are not its
    setting when they stand in a locative phrase's place ("Russia attacked", "told Kyiv").
    ``places``: the gazetteer that decides which names are places (the pipeline's, with the
    user's GeoNames files); by default the package's own.
    """
    places = places if places is not None else _default_places()
    excluded = set(excluded)
    steps = [
        lambda: _clause_places(trigger, excluded, places),
        lambda: _target_places(trigger, places),
    ]
    if trigger.pos_ in ("NOUN", "PROPN"):
        steps.insert(1, lambda: _clause_places(predicate_of(trigger), excluded, places))
    for step in steps:
        found = _best(step())
        if found is not None:
            return found
    for governor in governors(trigger):
        found = _best(_clause_places(governor, excluded, places)) or _best(
            _target_places(governor, places)
        )
        if found is not None:
            return found
    if is_reported(trigger):
        return None
    found = _best(_frame_places(trigger, excluded, places))
    if found is not None:
        return found
    # Last resorts, for a parse that hung the setting elsewhere ("On 6 May 2020, in Arica,
    # firefighters protested" parsed with the comma as root) and for a story's later
    # sentences, set where its first was ("In Hilla, ... . A civilian was killed."): the
    # sentence's own clues (module docstring, step 5), then the fronted place of the
    # paragraph's nearest earlier sentence that has one (a place inside its clause is that
    # event's alone).
    doc = trigger.doc
    start = sentence_start(trigger.sent)
    sentence = doc[start : trigger.sent.end]
    found = None
    for step in (
        lambda: _places_between(sentence, excluded, places),
        lambda: _named_places(sentence, excluded, places),
        lambda: _home_places(sentence, places),
        lambda: _bracketed_addresses(sentence, places),
        lambda: _modifier_places(sentence, trigger, excluded, places),
        lambda: _source_places(sentence, places),
    ):
        found = _best(step())
        if found is not None:
            return found
    while found is None and start > 0:
        previous = doc[start - 1]
        if previous.is_space and previous.text.count("\n") >= 2:
            return None  # a new paragraph starts a new story
        earlier = sentence_start(previous.sent)
        frame = doc[earlier : frame_limit(previous.sent)]
        found = _best(_places_between(frame, set(), places))
        start = earlier
    return found


def nearest_known_place(span: Span, places: PlaceGazetteer | None = None) -> Span | None:
    """The place nearest ``span`` in its sentence that the gazetteer knows, for a village it
    does not: "in Al Mawz Street in As Sabaa (Tripoli)", "in Krylatskoye in Moscow". Later
    mentions win ties: an address runs from the small place to the large one.

    ``places``: the gazetteer to ask (as for :func:`event_place`); by default the package's.
    """
    places = places if places is not None else _default_places()
    sentence = span.sent
    found: list[tuple[int, int, Span]] = []
    seen: set[int] = set()
    for token in sentence:
        if token.i in seen or not (token.ent_type_ or token.pos_ == "PROPN"):
            continue
        candidate = as_place(token, places, strict=False)
        if candidate is None or not candidate.resolved:
            continue
        near = candidate.span
        seen.update(range(near.start, near.end))
        if near.start < span.end and span.start < near.end:
            continue  # the mention itself, or part of it
        after = near.start >= span.end
        distance = near.start - span.end if after else span.start - near.end
        found.append((distance, 0 if after else 1, near))
    return min(found, key=lambda item: item[:2])[2] if found else None
