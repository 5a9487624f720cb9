"""When and where an event happened: the DATE and place mentions that belong to its trigger.

Both look first at the event's own clause, so that "said on Tuesday that Russia attacked"
dates the saying, not the attack, and "Lavrov, in Geneva, said Russia attacked Kyiv" does
not place the attack in Geneva. Where the clause says nothing, the setting is inherited, in
this order (first found wins):

1. the event's own clause: a locative phrase ("in Haifa", "near the town of Souran", "at a
   bar in southern Italy") or, for a date, a DATE entity whose nearest predicate is the
   trigger; a nominal trigger ("staged a protest") also reads its governing verb's clause;
2. for a place, the place the event was done to: a direct object or passive subject that is
   a town or region ("shelled Kharkiv", "Kosovo is patrolled"), or the place after "on",
   "into", "over" ("an attack on Alhoula area"); not countries ("sanctioned Iran") and not
   metonyms ("criticised Moscow");
3. the clauses the event's clause hangs from through a participle, a purpose clause or a
   coordination ("stormed Jenin, killing two": the killing happened in Jenin);
4. the sentence's frame: a fronted adjunct before the main clause ("On 9 May 2020, in
   Coatzacoalcos, lawyers demonstrated"; "In Hilla, a civilian was killed"); a leading date
   is also read from the words when the parser missed the sentence's verb or cut the sentence
   at a colon;
5. last resorts: for a place, any place the gazetteer knows in a locative phrase of the
   sentence, then any town or region the model named in it ("pickets in front of the Ivanovo
   administration"), then where the sentence's residents or villagers live ("residents of
   Baimovo (Bashkortostan) gathered in their village"), then a bracketed address the parse
   hung elsewhere ("the staff of Al Thawrah Hospital (Salh, Taizz)"); then, as for a date in
   a sentence with none of its own, the fronted place or opening date of the paragraph's
   nearest earlier sentence ("On 4 May 2020, in Merida, residents protested. A man was shot
   dead."). Pluperfect background ("had been detained") inherits no date, and a new
   paragraph starts a new story.

A locative phrase inside what the event is against or for ("protested in Moscow against the
war in Ukraine", "a rally in support of the referendums in Donetsk") is not its setting. A
place in a larger place is read as one address ("Hyde Park in Novosibirsk"), so the larger
place says which namesake is meant.

Inheritance stops at reported speech (a ``ccomp`` or ``parataxis``): what someone said
happened is not set where or when they said it.

A place is a GPE, LOC or FAC entity, or a name the place gazetteer knows that the model
labelled otherwise ("Hilla" as PERSON, "Buinaksk" as ORG) and the actor ruler did not
recognise as a person, group, institution or organisation. Among a step's candidates the
first, most specific one wins ("the village of Sousan in northern Aleppo": Sousan); a
village the gazetteer lacks is then placed by the nearest place it knows
(``nearest_known_place``). "The city of Nablus", "Okha village", "Kandahar province" are
reduced to their names by the gazetteer.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from forewarn.data import load_json
from forewarn.extraction.syntax import clause_tokens
from forewarn.gazetteer.places import PlaceGazetteer

__all__ = ["event_date", "event_place", "may_name_town", "nearest_known_place"]

_SETTING = load_json("places/setting.json")
_LOCATIVE_PREPS = frozenset(load_json("event_rules.json")["locative_prepositions"]) | frozenset(
    _SETTING["extra_locative_prepositions"]
)
_TARGET_PLACE_PREPS = frozenset(_SETTING["target_place_prepositions"])
_PLACE_NOUNS = frozenset(_SETTING["place_nouns"])
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Model labels a place name is often given ("Hilla" PERSON, "Buinaksk" ORG): the gazetteer
# decides whether they are places.
_MISLABELLED = frozenset({"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"})
# Actor-ruler labels that make a span an actor, never a place.
_ACTOR_ONLY = frozenset({"PERSON", "GROUP", "INSTITUTION", "IGO", "MEDIA"})
# Dependencies through which a clause restates or extends its governor's circumstances.
_INHERITING_DEPS = frozenset({"advcl", "conj", "xcomp", "acl", "pcomp", "prep", "pobj"})
# Reported speech: its events are not set where or when they were reported.
_SPEECH_DEPS = frozenset({"ccomp", "parataxis", "csubj"})
_REPORTING_POS = frozenset({"VERB", "AUX", "NOUN", "PROPN"})
# Fronted adjuncts are short: beyond this many tokens before the subject, a sentence has
# no frame we can trust ("In the wake of ..., and after ..., ").
_MAX_FRAME_TOKENS = 25
_DATE_LABELS = frozenset({"DATE", "TIME"})
_MONTHS = frozenset(load_json("dates/date_words.json")["months"])
_LONGEST_MONTH = 31
# "On 9 May 2020, ...", "Around 27 July 2021 (as reported), ...", "On or about 3 May, ...": a
# date opening the sentence after at most this many words of preposition or hedge.
_MAX_DATE_LEAD_TOKENS = 3
# What closes a leading date adjunct before the clause it frames.
_DATE_ADJUNCT_CLOSERS = frozenset({",", "(", ":", "-", "\u2013"})
# A sentence the parser ended on anything else was cut short ("... organized by KPRF:
# Communist Party of ...") and the next one continues it.
_SENTENCE_ENDINGS = frozenset({".", "!", "?", '"', "'", "\u201d", "\u2019", ")", "]"})
# "Al Jufayra neighbourhood of Al Khawkhah city (Al Hudaydah)": three levels are common,
# more are a list of places rather than one place's address.
_MAX_QUALIFIER_DEPTH = 4
# "(Titao, Loroum)", "(Qaatabah, Ad Dali)": a bracketed address is a few names long.
_MAX_BRACKET_TOKENS = 12
# Prepositions introducing what an event is about or aimed at ("against the invasion in
# Ukraine", "for the release of prisoners in Minsk"), not where it happened.
_CONTENT_PREPS = frozenset(
    {"against", "about", "for", "regarding", "concerning", "toward", "towards", "despite", "amid"}
)
_CONTENT_PHRASE_NOUNS = frozenset(_SETTING["content_phrase_nouns"])
_INHABITANT_NOUNS = frozenset(_SETTING["inhabitant_nouns"])
# Prepositions too loose for the sentence-wide fallback: "workers from Kyiv", "a bill passed
# by Ankara", "a row over Crimea" do not say where the event happened.
_SETTING_PREPS = _LOCATIVE_PREPS - {"from", "by", "over", "between", "among", "off", "across"}
# Prepositions after which a name the model did not label may be read as a small town.
_TOWN_PREPS = frozenset({"in", "near", "outside"})
# Prepositions by which a site names where it is: "a school in Kharkiv", "a checkpoint near
# Jenin", "the outskirts of Volgograd" is read as a place noun phrase instead.
_NESTED_LOCATIVE_PREPS = frozenset({"in", "near", "at", "on", "outside", "inside", "around"})


# -- dates -----------------------------------------------------------------------------------


def _predicate_of(token: Token) -> Token:
    """The nearest verb at or above ``token`` (the sentence root when there is none)."""
    node = token
    while node.head != node and node.pos_ not in ("VERB", "AUX"):
        node = node.head
    return node


def _anchors(trigger: Token) -> set[int]:
    anchors = {trigger.i}
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.head != trigger:
        anchors.add(trigger.head.i)
        # "participated in the march on Saturday": the march's date is its verb's
        anchors.add(_predicate_of(trigger).i)
    return anchors


def _with_day(ent: Span) -> Span:
    """ "Around 7 May 2020" is often tagged "May 2020": take back the day number before it."""
    if ent.start == ent.sent.start or ent[0].lower_ not in _MONTHS:
        return ent
    previous = ent.doc[ent.start - 1]
    if previous.text.isdigit() and 1 <= int(previous.text) <= _LONGEST_MONTH:
        return ent.doc[ent.start - 1 : ent.end]
    return ent


def _date_of_clause(anchors: set[int], dates: list[Span]) -> Span | None:
    """The DATE entity whose nearest predicate (or nominal anchor) is one of ``anchors``."""
    for ent in dates:
        node = ent.root
        while node.head != node and node.i not in anchors and node.pos_ not in ("VERB", "AUX"):
            node = node.head
        if node.i in anchors:
            return _with_day(ent)
    return None


def _leading_date(start: int, end: int, dates: list[Span]) -> Span | None:
    """A date adjunct opening the text from ``start``: "On 9 May 2020, ...", "Around 27 July
    2021 (as reported), ...". Read from the words, not the parse, which often makes "On"
    the root of such a sentence or cuts it at a colon."""
    first = next((d for d in dates if start <= d.start < end), None)
    if first is None or first.start - start > _MAX_DATE_LEAD_TOKENS:
        return None
    doc = first.doc
    lead = doc[start : first.start]
    if any(t.pos_ not in ("ADP", "ADV", "CCONJ", "NUM") or t.like_num and len(t) > 2 for t in lead):
        return None
    if first.end >= len(doc) or doc[first.end].text not in _DATE_ADJUNCT_CLOSERS:
        return None
    if lead and lead[-1].like_num and first[0].lower_ in _MONTHS:
        return doc[lead[-1].i : first.end]  # "On 29 Apr 2020" tagged "Apr 2020"
    return _with_day(first)


def _sentence_start(sentence: Span) -> int:
    """Where the sentence really starts: the parser's split at a colon or a bracket is
    undone by going back over previous "sentences" that do not end like one."""
    doc, start = sentence.doc, sentence.start
    while start > 0:
        previous = doc[start - 1]
        while previous.is_space and previous.i > 0:
            if "\n" in previous.text:
                return start
            previous = doc[previous.i - 1]
        if previous.text in _SENTENCE_ENDINGS or previous.is_space:
            return start
        start = previous.sent.start
    return start


def _is_background(trigger: Token) -> bool:
    """ "had been detained since June": the pluperfect tells what happened before the frame."""
    return any(c.dep_ == "aux" and c.lower_ == "had" for c in trigger.children)


def _narrative_date(trigger: Token, dates: list[Span]) -> Span | None:
    """The date that opens the paragraph's nearest earlier dated sentence, for an event told in
    a sentence with no date of its own ("On 4 May 2020, ... . A man was shot dead ...")."""
    doc = trigger.doc
    start = _sentence_start(trigger.sent)
    while start > 0:
        previous = doc[start - 1]
        if previous.is_space and previous.text.count("\n") >= 2:
            return None  # a new paragraph starts a new story
        sentence_start = _sentence_start(previous.sent)
        inside = [d for d in dates if sentence_start <= d.start < start]
        if inside:
            return _leading_date(sentence_start, start, inside)
        start = sentence_start
    return None


def event_date(trigger: Token, dates: list[Span]) -> Span | None:
    """The DATE entity of the trigger's clause, else of a clause or sentence frame above it.

    Cascade (first found wins): the trigger's clause; the clauses it hangs from; the
    sentence's fronted adjuncts (by the parse, then by the words: "On 9 May 2020, ...", also
    across a sentence split the parser made mid-sentence); for a sentence with no date at all,
    the opening date of the paragraph's nearest earlier dated sentence. Reported speech and
    pluperfect background ("had been detained") inherit nothing.
    """
    sentence = trigger.sent
    own = [d for d in dates if sentence.start <= d.start < sentence.end]
    found = _date_of_clause(_anchors(trigger), own)
    if found is not None:
        return found
    for governor in _governors(trigger):
        found = _date_of_clause({governor.i}, own)
        if found is not None:
            return found
    if _is_reported(trigger):
        return None
    frame = _frame_end(sentence)
    for ent in own:
        if ent.end <= frame:
            return _with_day(ent)
    start = _sentence_start(sentence)
    found = _leading_date(start, sentence.end, dates)
    if found is not None or own or _is_background(trigger):
        return found
    return _narrative_date(trigger, dates)


# -- places ----------------------------------------------------------------------------------


def _default_places() -> PlaceGazetteer:
    """The package's own gazetteer, for callers that bring none (the evaluation)."""
    return PlaceGazetteer.load()


def _actor_label(doc_span: Span) -> str | None:
    """The actor gazetteer's label for a span it matched; model entities it only copied
    (no id: "Hilla" tagged PERSON) are left to the place gazetteer."""
    for span in doc_span.doc.spans.get("actors", []):
        if span.start < doc_span.end and doc_span.start < span.end and span.id_:
            return span.label_
    return None


def _entity(token: Token) -> Span | None:
    if not token.ent_type_:
        return None
    return next((e for e in token.sent.ents if e.start <= token.i < e.end), None)


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


class _Candidate:
    """A place mention with whether the gazetteer can place it."""

    __slots__ = ("span", "resolved")

    def __init__(self, span: Span, resolved: bool) -> None:
        self.span, self.resolved = span, resolved


def _as_place(token: Token, places: PlaceGazetteer, strict: bool) -> _Candidate | None:
    """The place ``token`` names, if it names one. ``strict``: no countries, no metonyms."""
    ent = _entity(token)
    if ent is not None and ent.label_ in _DATE_LABELS | {"CARDINAL", "ORDINAL", "QUANTITY"}:
        return None
    span = ent if ent is not None else (_proper_phrase(token) if token.pos_ == "PROPN" else None)
    if span is None:
        return None
    named_place = ent is not None and ent.label_ in _PLACE_LABELS
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
        return _Candidate(span, True)
    if ent is not None and ent.label_ in _PLACE_LABELS:
        return _Candidate(span, False)
    if token.pos_ == "PROPN" and label is None:
        # "Gordi (Mamprugo Moaduri, North East)": a village the model left unlabelled, placed
        # by its written address
        qualified = _with_written_qualifier(span, places)
        if qualified is not span:
            return _Candidate(qualified, True)
    return None


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
    if token.ent_type_ in _PLACE_LABELS:
        return True
    return token.dep_ == "pobj" and token.head.lower_ in _TOWN_PREPS


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
            if between.text.strip() in (",", "(") and _as_place(child, places, strict=False):
                end = child.right_edge.i + 1
                if end < len(span.doc) and span.doc[end].text == ")":
                    end += 1
                return span.doc[span.start : end]
        if child.dep_ == "prep" and child.lower_ == "in" and child.i == span.end:
            # "Mansura in Ar-Raqqa", "Hyde Park in Novosibirsk": the larger place says which
            # of the name's namesakes is meant
            inner = next((g for g in child.children if g.dep_ == "pobj"), None)
            found = _as_place(inner, places, strict=False) if inner is not None else None
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
    qualifier = _entity(doc[span.end + 1])
    bracketed = doc[span.end].text == "(" and doc[span.end + 1].pos_ == "PROPN"
    if not bracketed and (qualifier is None or qualifier.label_ not in _PLACE_LABELS):
        # a bracket of names is an address whatever the model labelled its words ("Daiqah
        # area (Al Mahfad, Abyan)" with "Al Mahfad" as PERSON); a comma needs a place entity
        return span
    end = qualifier.end if qualifier is not None else span.end + 2
    if doc[span.end].text == "(":
        while end < len(doc) and doc[end].text != ")" and end - span.end < _MAX_BRACKET_TOKENS:
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


def _place_noun_phrase(noun: Token, places: PlaceGazetteer) -> _Candidate | None:
    """ "the West Bank city of Nablus", "the Kafr Souseh area of Damascus", "Okha village":
    the whole phrase, which the gazetteer reads (see ``PlaceGazetteer.resolve``)."""
    names = [c for c in noun.children if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN"]
    start = min([c.left_edge.i for c in names] + [noun.i])
    end = noun.i + 1
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == end:
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                name = _entity(objects[0]) or _proper_phrase(objects[0])
                if objects[0].pos_ == "PROPN" or objects[0].ent_type_:
                    names.append(objects[0])
                    end = max(end, name.end)
    if not names:
        return None  # "in the area", "in the city": no name to place
    span = noun.doc[start:end]
    if _actor_label(span) in _ACTOR_ONLY:
        return None
    span = _with_qualifier(span, noun.doc[end - 1] if end - 1 > noun.i else noun, places)
    return _Candidate(span, places.resolve(span.text) is not None)


def _places_in(
    obj: Token, places: PlaceGazetteer, strict: bool, depth: int = 0
) -> Iterator[_Candidate]:
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
                    yield from _places_in(qualifier, places, strict, depth + 1)
            else:
                # "in a neighbourhood on the outskirts of Volgograd": no name of its own,
                # placed by what follows
                yield from _nested_places(token, places, strict, depth)
            continue
        candidate = _as_place(token, places, strict)
        if candidate is not None:
            if not strict:
                qualified = _with_qualifier(candidate.span, token, places)
                if qualified is not candidate.span:
                    resolved = places.resolve(qualified.text) is not None
                    candidate = _Candidate(qualified, resolved or candidate.resolved)
            yield candidate
        elif not (token.pos_ == "PROPN" or token.ent_type_):
            # "at a police station in Izhevsk": a site is placed by its own locative phrase;
            # "in support of the invasion of Ukraine" is no place's address
            yield from _nested_places(token, places, strict, depth)
            continue
        for qualifier in _qualifiers(token):
            yield from _places_in(qualifier, places, strict, depth + 1)


def _is_place_noun(token: Token) -> bool:
    if token.ent_type_:
        return False
    return token.lemma_.lower() in _PLACE_NOUNS or token.lower_ in _PLACE_NOUNS


def _nested_places(
    noun: Token, places: PlaceGazetteer, strict: bool, depth: int
) -> Iterator[_Candidate]:
    """Places in the locative phrases that hang on a common noun ("a bar in southern Italy")."""
    if depth >= _MAX_QUALIFIER_DEPTH:
        return
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in _NESTED_LOCATIVE_PREPS:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    yield from _places_in(obj, places, strict, depth + 1)


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
    if token.lower_ in _CONTENT_PREPS:
        return True
    return token.lower_ == "in" and any(
        c.dep_ == "pobj" and c.lemma_.lower() in _CONTENT_PHRASE_NOUNS for c in token.children
    )


def _clause_places(
    predicate: Token, excluded: set[int], places: PlaceGazetteer
) -> list[_Candidate]:
    """Locative phrases in the predicate's own clause, in reading order."""
    found = []
    # Phrases on the predicate itself first: "negotiators from Ukraine met in Istanbul".
    for token in sorted(clause_tokens(predicate), key=lambda t: (_depth(t, predicate), t.i)):
        if token.dep_ != "prep" or token.lower_ not in _LOCATIVE_PREPS:
            continue
        if _inside_content(token, predicate):
            continue
        for obj in token.children:
            if obj.dep_ == "pobj" and obj.i not in excluded:
                found.extend(_places_in(obj, places, strict=False))
    return found


def _target_places(trigger: Token, places: PlaceGazetteer) -> list[_Candidate]:
    """The town or region the event was done to ("shelled Kharkiv", "attack on Alhoula")."""
    found = []
    for child in trigger.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            found.extend(_places_in(child, places, strict=True))
        elif child.dep_ == "prep" and child.lower_ in _TARGET_PLACE_PREPS:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found.extend(_places_in(obj, places, strict=True))
    return found


def _is_reported(trigger: Token) -> bool:
    """Inside a clause a verb or noun reports ("said that ...", "claims that ..."); a clause
    the parser hung on a stray word ("pro-" of "pro-Hadi forces thwarted ...") is not."""
    node = trigger
    while node.head != node:
        if node.dep_ in _SPEECH_DEPS and node.head.pos_ in _REPORTING_POS:
            return True
        node = node.head
    return False


def _governors(trigger: Token) -> Iterator[Token]:
    """Predicates above the trigger whose circumstances it shares, up to reported speech."""
    node = trigger
    while node.head != node and node.dep_ in _INHERITING_DEPS | {"dobj", "nsubj", "nsubjpass"}:
        if node.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            return  # "... struck Kharkiv, and the minister urged ...": a clause of its own
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            yield node


def _frame_end(sentence: Span) -> int:
    """Token index where the sentence's fronted adjuncts end (its start when it has none)."""
    root = sentence.root
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    boundary = min([s.left_edge.i for s in subjects] + [root.i])
    if boundary - sentence.start > _MAX_FRAME_TOKENS:
        return sentence.start
    return boundary


def _frame_limit(sentence: Span) -> int:
    """Where the sentence's fronted adjuncts end, also when the parser did not find its verb
    ("On 6 May 2020, in Arica, firefighters protested" parsed with the comma as root): then
    everything before the first verb."""
    if sentence.root.pos_ in ("VERB", "AUX"):
        return _frame_end(sentence)
    return next((t.i for t in sentence if t.pos_ in ("VERB", "AUX")), sentence.start)


def _frame_places(trigger: Token, excluded: set[int], places: PlaceGazetteer) -> list[_Candidate]:
    sentence = trigger.sent
    end = _frame_end(sentence)
    found = []
    root = sentence.root
    for token in sentence.doc[sentence.start : end]:
        # a fronted adjunct hangs on the main verb; a fronted quote ("X struck Kharkiv,
        # the governor said") is a clause of its own, not the sentence's frame
        if token.dep_ == "prep" and token.lower_ in _LOCATIVE_PREPS and token.head == root:
            for obj in token.children:
                if obj.dep_ == "pobj" and obj.i not in excluded:
                    found.extend(_places_in(obj, places, strict=False))
    return found


def _places_between(span: Span, excluded: set[int], places: PlaceGazetteer) -> list[_Candidate]:
    """Places the gazetteer knows in any locative phrase of ``span`` outside reported
    speech, in reading order."""
    found = []
    for token in span:
        # a preposition the parser made the root ("On 29 April 2020, in Tlaltizapan, ...")
        # still introduces a place
        if token.dep_ not in ("prep", "ROOT") or token.lower_ not in _SETTING_PREPS:
            continue
        if _is_reported(token):
            continue
        for obj in token.children:
            if obj.dep_ == "pobj" and obj.i not in excluded:
                found.extend(c for c in _places_in(obj, places, strict=False) if c.resolved)
        # "rallied in Thessaloniki demanding ...", parsed with the name hung on the participle:
        # a known name right after the preposition is its object whatever the parse says
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if (
            following is not None
            and following.dep_ != "pobj"
            and following.i not in excluded
            and following.pos_ == "PROPN"
        ):
            candidate = _as_place(following, places, strict=False)
            if candidate is not None and candidate.resolved:
                found.append(candidate)
    return found


def _named_places(span: Span, excluded: set[int], places: PlaceGazetteer) -> list[_Candidate]:
    """Towns and regions the model named anywhere in ``span`` outside reported speech, for a
    sentence that sets its event in no locative phrase: "pickets in front of the Ivanovo
    administration", "women working at a marketplace in Grozny protested" (parsed as a
    clausal subject). Countries are left out: "the high US dollar exchange rate"."""
    found = []
    for ent in span.ents:
        if ent.label_ not in _PLACE_LABELS or ent.start in excluded or _is_reported(ent.root):
            continue
        candidate = _as_place(ent.root, places, strict=False)
        if candidate is None or not candidate.resolved:
            continue
        place = places.resolve(candidate.span.text)
        if place is not None and place.admin1 is not None:  # a town or region, not a country
            found.append(candidate)
    return found


def _home_places(span: Span, places: PlaceGazetteer) -> list[_Candidate]:
    """Where the people of ``span`` live, for an event that names no other place: "residents
    of Baimovo (Bashkortostan) gathered in their village", "villagers from Kafr Qaddum"."""
    found = []
    for token in span:
        if token.lemma_.lower() not in _INHABITANT_NOUNS or _is_reported(token):
            continue
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "from"):
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        found.extend(c for c in _places_in(obj, places, strict=False) if c.resolved)
    return found


def _bracketed_addresses(span: Span, places: PlaceGazetteer) -> list[_Candidate]:
    """Addresses in brackets the parse hung on no place ("the staff of Al Thawrah Hospital
    (Salh, Taizz)", "the Qaniyah frontline (Mahliyah, Marib)"): a town or region, never an
    acronym or a country."""
    found = []
    doc = span.doc
    for opening in (t for t in span if t.text == "("):
        end = opening.i + 1
        while end < span.end and doc[end].text != ")" and end - opening.i <= _MAX_BRACKET_TOKENS:
            end += 1
        inner = doc[opening.i + 1 : end]
        if end >= span.end or doc[end].text != ")" or not inner or inner[0].pos_ != "PROPN":
            continue
        if _is_reported(inner.root) or inner.text.isupper():
            continue
        place = places.resolve(inner.text)
        if place is not None and place.admin1 is not None:
            found.append(_Candidate(inner, True))
    return found


def _best(candidates: list[_Candidate]) -> Span | None:
    return _balanced(candidates[0].span) if candidates else None


def _balanced(span: Span) -> Span:
    """The span with its last bracket closed: the parser ends an address at any of its
    words ("Lumbishi (Kalehe, Sud" of "(Kalehe, Sud-Kivu)"); an address never closed within
    a few words is dropped."""
    if sum((t.text == "(") - (t.text == ")") for t in span) <= 0:
        return span
    doc = span.doc
    for end in range(span.end, min(span.end + _MAX_BRACKET_TOKENS, len(doc))):
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
        steps.insert(1, lambda: _clause_places(_predicate_of(trigger), excluded, places))
    for step in steps:
        found = _best(step())
        if found is not None:
            return found
    for governor in _governors(trigger):
        found = _best(_clause_places(governor, excluded, places)) or _best(
            _target_places(governor, places)
        )
        if found is not None:
            return found
    if _is_reported(trigger):
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
    start = _sentence_start(trigger.sent)
    sentence = doc[start : trigger.sent.end]
    found = None
    for step in (
        lambda: _places_between(sentence, excluded, places),
        lambda: _named_places(sentence, excluded, places),
        lambda: _home_places(sentence, places),
        lambda: _bracketed_addresses(sentence, places),
    ):
        found = _best(step())
        if found is not None:
            return found
    while found is None and start > 0:
        previous = doc[start - 1]
        if previous.is_space and previous.text.count("\n") >= 2:
            return None  # a new paragraph starts a new story
        earlier = _sentence_start(previous.sent)
        frame = doc[earlier : _frame_limit(previous.sent)]
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
        candidate = _as_place(token, places, strict=False)
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
