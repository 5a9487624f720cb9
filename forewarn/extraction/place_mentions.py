"""Which words of a sentence name a place, and the address they are written with.

A place is a GPE, LOC or FAC entity, or a name the place gazetteer knows that the model
labelled otherwise ("Hilla" as PERSON, "Buinaksk" as ORG) and the actor ruler did not
recognise as a person, group, institution or organisation. "The city of Nablus", "Okha
village", "Kandahar province" are read as place noun phrases, which the gazetteer reduces to
their names. A place in a larger place is read as one address ("Hyde Park in Novosibirsk",
"Zamora, Michoacan", "Makarovo (Bashkortostan)"), so the larger place says which namesake is
meant.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from forewarn.english import DATE_LABELS, PLACE_LABELS
from forewarn.extraction.syntax import entity_of
from forewarn.extraction.word_lists import setting_words
from forewarn.gazetteer.actor_ruler import actor_label_over
from forewarn.gazetteer.places import PlaceGazetteer

__all__ = [
    "MAX_BRACKET_TOKENS",
    "PlaceCandidate",
    "as_place",
    "may_name_town",
    "places_in",
]

# Actor-ruler labels that make a span an actor, never a place.
_ACTOR_ONLY = frozenset({"PERSON", "GROUP", "INSTITUTION", "IGO", "MEDIA"})
# "Al Jufayra neighbourhood of Al Khawkhah city (Al Hudaydah)": three levels are common,
# more are a list of places rather than one place's address.
_MAX_QUALIFIER_DEPTH = 4
# "(Titao, Loroum)", "(Qaatabah, Ad Dali)": a bracketed address is a few names long.
MAX_BRACKET_TOKENS = 12


def _actor_label(doc_span: Span) -> str | None:
    """The actor gazetteer's label for a span it matched; model entities it only copied
    (no id: "Hilla" tagged PERSON) are left to the place gazetteer."""
    return actor_label_over(doc_span.doc, doc_span.start, doc_span.end)


def _proper_phrase(token: Token) -> Span:
    """A proper noun with its compound and flat parts ("Ain er Roummaneh"), not the names
    its own qualifiers carry ("Santa" of "Barangay Tagapo, Santa Rosa", "al" of "Tal Tamer in
    al-Hasakeh")."""
    parts, stack = [token], [token]
    while stack:
        linked = [
            c for c in stack.pop().children if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"
        ]
        parts += linked
        stack += linked
    start, end = min(t.i for t in parts), max(t.i for t in parts) + 1
    return token.doc[start:end]


class PlaceCandidate:
    """A place mention with whether the gazetteer can place it."""

    __slots__ = ("span", "resolved")

    def __init__(self, span: Span, resolved: bool) -> None:
        self.span, self.resolved = span, resolved


def as_place(token: Token, places: PlaceGazetteer, strict: bool) -> PlaceCandidate | None:
    """The place ``token`` names, if it names one. ``strict``: no countries, no metonyms."""
    ent = entity_of(token, same_sentence=True)
    if ent is not None and ent.label_ in DATE_LABELS | {"CARDINAL", "ORDINAL", "QUANTITY"}:
        return None
    span = ent if ent is not None else (_proper_phrase(token) if token.pos_ == "PROPN" else None)
    if span is None and _capitalised_noun_after_in(token):
        span = token.doc[token.i : token.i + 1]
    if span is None:
        return None
    named_place = ent is not None and ent.label_ in PLACE_LABELS
    if not named_place and any(c.dep_ == "det" for c in token.children):
        return None  # "at the Bank": a town is not "the" anything; an institution is
    label = _actor_label(span)
    if label in _ACTOR_ONLY or (strict and label in ("METONYM", "COUNTRY")):
        return None
    if label == "METONYM" and not named_place and token.dep_ != "pobj":
        # "pressure Tiraspol": a government's seat; after a preposition ("grounds near
        # Tiraspol") the same name is a place again
        return None
    place = places.resolve(span.text)
    if place is None and not named_place and token.pos_ == "PROPN":
        # the small model runs a town into its neighbours ("Kharkiv with Shahed-136" as ORG)
        span = _proper_phrase(token)
        place = places.resolve(span.text)
    if place is not None and places.is_town(place) and not may_name_town(token):
        place = None
    if strict and place is not None and place.admin1 is None and place.geonameid is not None:
        return None  # a country as target: "sanctioned Iran" did not happen in Iran
    if place is not None:
        return PlaceCandidate(span, True)
    if ent is not None and ent.label_ in PLACE_LABELS:
        return PlaceCandidate(span, False)
    if token.pos_ == "PROPN" and label is None:
        # "Gordi (Mamprugo Moaduri, North East)": a village the model left unlabelled, placed
        # by its written address
        qualified = _with_written_qualifier(span, places)
        if qualified is not span:
            return PlaceCandidate(qualified, True)
    return None


def _capitalised_noun_after_in(token: Token) -> bool:
    """ "killed in Ukraine's Donetsk", "killed in shelling of Donetsk" with Donetsk tagged a
    common noun: a capitalised word inside a sentence, after "in", "near" or "outside" or as
    the "of" of a happening's noun, may be a town the tagger missed (the gazetteer decides)."""
    return (
        token.pos_ == "NOUN"
        and token.is_title
        and not token.is_sent_start
        and (may_name_town(token) or _of_a_happening(token))
    )


def _of_a_happening(token: Token) -> bool:
    """ "the shelling of Donetsk": the object of a verbal noun's "of"."""
    head = token.head
    return (
        token.dep_ == "pobj"
        and head.lower_ == "of"
        and head.head.pos_ == "NOUN"
        and head.head.lower_.endswith("ing")
    )


def _qualifiers(token: Token) -> Iterator[Token]:
    """What a place name is placed in: "Zamora, Michoacan", "Makarovo (Bashkortostan)",
    "Al Jufayra neighbourhood of Al Khawkhah city"."""
    for child in token.children:
        if child.dep_ == "appos":
            yield child
        elif child.dep_ == "prep" and child.lower_ == "of":
            yield from (g for g in child.children if g.dep_ == "pobj")


def may_name_town(token: Token) -> bool:
    """Whether a small town's reading of ``token``'s name stands: the model called it a place,
    or it is what "in", "near" or "outside" introduces ("protested in Ust-Barguzin", tagged
    ORG). Anywhere else the name is more likely a person's or a group's: villages share them."""
    if token.ent_type_ in PLACE_LABELS:
        return True
    return token.dep_ == "pobj" and token.head.lower_ in setting_words("town_prepositions")


def _is_address_part(child: Token, token: Token) -> bool:
    """ "Makarovo (Bashkortostan)" (appos) or "Zapopan, Jalisco" (parsed as a two-item
    coordination: no "and", no third item, which would make it a list of places)."""
    if child.dep_ == "appos":
        return True
    return (
        child.dep_ == "conj"
        and not any(c.dep_ in ("cc", "conj") for c in child.children)
        and not any(c.dep_ == "cc" for c in token.children)
    )


def _with_qualifier(span: Span, token: Token, places: PlaceGazetteer) -> Span:
    """The name with a comma or bracket qualifier the gazetteer reads as its context."""
    for child in token.children:
        if _is_address_part(child, token) and child.i > span.end - 1:
            between = span.doc[span.end : child.left_edge.i]
            if between.text.strip() in (",", "(") and as_place(child, places, strict=False):
                end = child.right_edge.i + 1
                if end < len(span.doc) and span.doc[end].text == ")":
                    end += 1
                return span.doc[span.start : end]
        if child.dep_ == "prep" and child.lower_ == "in" and child.i == span.end:
            # "Mansura in Ar-Raqqa", "Hyde Park in Novosibirsk": the larger place says which
            # of the name's namesakes is meant
            inner = next((g for g in child.children if g.dep_ == "pobj"), None)
            found = as_place(inner, places, strict=False) if inner is not None else None
            if found is not None and found.resolved:
                return span.doc[span.start : _word_end(found.span)]
    return _with_written_qualifier(span, places)


def _word_end(span: Span) -> int:
    """Where the span's last word ends: "al-Hasakeh" is three tokens, and the model's
    entity may stop at the first."""
    doc, end = span.doc, span.end
    while (
        end < len(doc)
        and not doc[end - 1].whitespace_
        and "-" in (doc[end].text, doc[end - 1].text)
    ):
        end += 1
    return end


def _with_written_qualifier(span: Span, places: PlaceGazetteer) -> Span:
    """ "in Musa Khel district, Khost", "Safala (Abala, Tillabery)" when the parser hung the
    qualifier elsewhere: a place entity right after a comma or bracket that the gazetteer
    places and the name alone it cannot."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text not in (",", "("):
        return span
    qualifier = entity_of(doc[span.end + 1], same_sentence=True)
    bracketed = doc[span.end].text == "(" and doc[span.end + 1].pos_ == "PROPN"
    if not bracketed and (qualifier is None or qualifier.label_ not in PLACE_LABELS):
        # a bracket of names is an address whatever the model labelled its words ("Daiqah
        # area (Al Mahfad, Abyan)" with "Al Mahfad" as PERSON); a comma needs a place entity
        return span
    end = qualifier.end if qualifier is not None else span.end + 2
    if doc[span.end].text == "(":
        while end < len(doc) and doc[end].text != ")" and end - span.end < MAX_BRACKET_TOKENS:
            end += 1
        end = min(end + 1, len(doc))
    qualified = doc[span.start : end]
    address = places.resolve(qualified.text)
    if address is None:
        return span
    alone = places.resolve(span.text)
    if alone is None:
        return qualified
    # A name the gazetteer knows keeps its qualifier only when the qualifier picks another of
    # its namesakes ("Foca, Bosnia and Herzegovina", "Rafah (Rafah, North Sinai)"), never when
    # the qualifier would stand in for it ("In Kharkiv, Russia launched ...").
    namesake = places.resolve(span.text, country_hint=address.country)
    if namesake is not None and namesake.geonameid == address.geonameid != alone.geonameid:
        return qualified
    return span


def _place_noun_phrase(noun: Token, places: PlaceGazetteer) -> PlaceCandidate | None:
    """ "the West Bank city of Nablus", "the Kafr Souseh area of Damascus", "Okha village":
    the whole phrase, which the gazetteer reads (see ``PlaceGazetteer.resolve``)."""
    names = [c for c in noun.children if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN"]
    start = min([c.left_edge.i for c in names] + [noun.i])
    end = noun.i + 1
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == end:
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                name = entity_of(objects[0], same_sentence=True) or _proper_phrase(objects[0])
                if objects[0].pos_ == "PROPN" or objects[0].ent_type_:
                    names.append(objects[0])
                    end = max(end, name.end)
    if not names:
        return None  # "in the area", "in the city": no name to place
    span = noun.doc[start:end]
    if _actor_label(span) in _ACTOR_ONLY:
        return None
    span = _with_qualifier(span, noun.doc[end - 1] if end - 1 > noun.i else noun, places)
    return PlaceCandidate(span, places.resolve(span.text) is not None)


def places_in(
    obj: Token, places: PlaceGazetteer, strict: bool, depth: int = 0
) -> Iterator[PlaceCandidate]:
    """Places a prepositional object or an object names: itself, or what a place noun names.

    "the city of Nablus", "the town of Buinaksk", "Okha village, Ovia local government area
    of Edo State": the name first, then the larger units it is placed in.
    """
    if depth > _MAX_QUALIFIER_DEPTH:
        return
    for token in (obj, *obj.conjuncts):
        if _is_place_noun(token):
            phrase = _place_noun_phrase(token, places)
            if phrase is not None:
                yield phrase
                # "Zadran (Girda Chiri) district, Paktia": a district the gazetteer does not
                # know is still in the province it is placed in
                for qualifier in _qualifiers(token):
                    yield from places_in(qualifier, places, strict, depth + 1)
            else:
                # "in a neighbourhood on the outskirts of Volgograd": no name of its own,
                # placed by what follows
                yield from _nested_places(token, places, strict, depth)
            continue
        candidate = as_place(token, places, strict)
        if candidate is not None:
            if not strict:
                qualified = _with_qualifier(candidate.span, token, places)
                if qualified is not candidate.span:
                    resolved = places.resolve(qualified.text) is not None
                    candidate = PlaceCandidate(qualified, resolved or candidate.resolved)
            yield candidate
        elif not (token.pos_ == "PROPN" or token.ent_type_):
            # "at a police station in Izhevsk": a site is placed by its own locative phrase;
            # "in support of the invasion of Ukraine" is no place's address
            yield from _nested_places(token, places, strict, depth)
            continue
        for qualifier in _qualifiers(token):
            yield from places_in(qualifier, places, strict, depth + 1)


def _is_place_noun(token: Token) -> bool:
    if token.ent_type_:
        return False
    place_nouns = setting_words("place_nouns")
    return token.lemma_.lower() in place_nouns or token.lower_ in place_nouns


def _nested_places(
    noun: Token, places: PlaceGazetteer, strict: bool, depth: int
) -> Iterator[PlaceCandidate]:
    """Places in the locative phrases that hang on a common noun ("a bar in southern Italy")."""
    if depth >= _MAX_QUALIFIER_DEPTH:
        return
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in setting_words("site_prepositions"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    yield from places_in(obj, places, strict, depth + 1)
