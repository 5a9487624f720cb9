"""The ``forewarn_events`` component: PLOVER event mentions from the dependency parse.

A mention is found where a verb ("attacked", "called up") or a noun ("the mobilization",
"an airstrike") has a sense in the event lexicon. Its roles come from the syntax:

- actor: the subject; the ``by`` agent of a passive; the subject of the governing verb for
  a controlled infinitive ("tried to attack"); the object of an object-control verb
  ("urged Russia to withdraw"); the noun a relative clause modifies ("Russia, which keeps
  troops"); the possessor or nationality adjective of a nominal trigger ("Russia's attack",
  "a Russian strike").
- recipient: the direct object or dative; the passive subject; a target preposition
  ("against", "on", "with" ...) on the verb or inside its object ("imposed sanctions on
  Iran"); the object of ``accuse X of ...`` becomes the actor of what X is accused of.
- modality: hypothetical under modals and conditionals, intended under verbs of planning
  and promising or a future auxiliary, denied under a verb of denial.
- date and place: the DATE entity and the locative phrase that belong to the event's own
  clause (not to an embedded one).

The component leaves tokens and spans; resolution against the article's date and the
gazetteers happens when the Document is assembled (the date is not known inside spaCy).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from forewarn.data import load_json
from forewarn.extraction.event_dates import event_date
from forewarn.extraction.event_place import event_place
from forewarn.extraction.headlines import is_headline, is_headline_passive
from forewarn.extraction.lexicon import EventLexicon, EventSense
from forewarn.extraction.syntax import (
    SUBJECT_DEPS,
    clause_tokens,
    conjuncts_of,
    doc_text,
    is_participle,
    object_control_verbs,
    resolve_relative,
)
from forewarn.extraction.word_lists import event_rule_words, json_words
from forewarn.gazetteer.actor_ruler import actor_spans
from forewarn.gazetteer.places import PlaceGazetteer

__all__ = ["EventMention", "find_event_mentions"]

# Dependents through which a verb restates its governor's event rather than adding one.
_RESTATING_DEPS = frozenset({"xcomp", "advcl", "pcomp", "dobj", "nsubj"})
# How far up the tree modality and negation are looked for: beyond a few hops the
# governing word belongs to another statement.
_MAX_GOVERNOR_HOPS = 4
# "three were killed when artillery hit the city", "... as drones struck", "... after a
# missile hit": a subordinate clause telling how the violence came about.
_CAUSE_MARKERS = frozenset({"when", "as", "after"})
_VIOLENT_TYPES = frozenset({"ASSAULT", "COERCE"})


def _recoding(key: str) -> dict[str, str]:
    """An event-type recoding table of ``event_rules.json`` (``intended_recoding``: a promise
    of cooperation is AGREE; ``refused_recoding``)."""
    return load_json("event_rules.json")[key]


@dataclass(slots=True)
class EventMention:
    """One event as found in the parse, before resolution."""

    trigger: Token
    sense: EventSense
    actors: list[Token] = field(default_factory=list)
    recipients: list[Token] = field(default_factory=list)
    negated: bool = False
    modality: str = "asserted"
    date: Span | None = None
    place: Span | None = None
    nominal: bool = False
    mode: str | None = None
    # the clause that tells how a violence without a doer came about ("were killed when
    # Russian artillery hit Kharkiv"): where its doer, place, date and means come from
    cause: Token | None = None
    # done in secret or under a stated cover ("under the guise of drills"), and that cover
    covert: bool = False
    cover: Span | None = None

    @property
    def sentence(self) -> Span:
        return self.trigger.sent


def _can_be_actor(token: Token) -> bool:
    """Dates and numbers fill argument slots ("met on March 3") but are never actors."""
    return token.ent_type_ not in event_rule_words("non_actor_entities")


def _cover_story(trigger: Token) -> tuple[bool, Span | None]:
    """(covert, the stated cover) of an event: "quietly calling up reservists under the
    guise of drills", "under the pretext of exercises", "troops disguised as humanitarian
    convoys". Reported speech inside the event's clause is not searched."""
    covert = False
    for token in _own_subtree(trigger):
        if token.lower_ in event_rule_words("covert_adverbs") and token.head == trigger:
            covert = True
        cover = _stated_cover(token)
        if cover is not None:
            return True, cover
    return covert, None


def _stated_cover(token: Token) -> Span | None:
    """The X of "under the guise of X" or "disguised as X", when ``token`` is its cue."""
    lemma = token.lemma_.lower()
    if lemma in event_rule_words("cover_nouns") and token.dep_ == "pobj":
        preposition = "of"
    elif lemma in event_rule_words("cover_verbs"):
        preposition = "as"
    else:
        return None
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == preposition:
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return token.doc[obj.left_edge.i : obj.right_edge.i + 1]
    return None


def _inside_cover(token: Token) -> bool:
    """ "disguised as humanitarian aid": the stated cover is no event of its own."""
    return any(
        ancestor.dep_ == "prep" and _stated_cover(ancestor.head) is not None
        for ancestor in token.ancestors
    )


def _own_subtree(trigger: Token) -> list[Token]:
    reported = [c for c in trigger.children if c.dep_ in ("ccomp", "parataxis")]
    skipped = {t.i for clause in reported for t in clause.subtree}
    return [t for t in trigger.subtree if t.i not in skipped]


def _unlabelled_times(doc: Doc) -> list[Span]:
    """Time words the model leaves unlabelled: "a drone attack on Odesa overnight injured
    five" happened in the night before the report (``relative_days`` of date_words.json)."""
    words = json_words("dates/date_words.json", "unlabelled_times")
    text = doc_text(doc).lower()
    if not any(word in text for word in words):
        return []  # most articles: no need to look at every token
    return [doc[t.i : t.i + 1] for t in doc if t.lower_ in words and not t.ent_type_]


def _is_non_event_phrase(token: Token) -> bool:
    """ "according to" is attribution, not the verb "accord"."""
    following = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
    return f"{token.lower_} {following}" in event_rule_words("non_event_phrases")


def _subjects(verb: Token, depth: int = 0) -> list[Token]:
    """The doers of ``verb``, following control, coordination and relative clauses."""
    if depth > _MAX_GOVERNOR_HOPS:
        return []
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if subjects:
        return [resolve_relative(c) for c in conjuncts_of(_named_subject(subjects))]
    agents = _agents(verb)
    if agents:
        return agents
    head = verb.head
    if head == verb:
        return []
    if verb.dep_ == "xcomp":
        if head.lemma_ in object_control_verbs():
            objects = [c for c in head.children if c.dep_ in ("dobj", "dative")]
            if objects:
                return conjuncts_of(objects[0])
        return _subjects(head, depth + 1)
    if verb.dep_ == "conj" or (
        verb.dep_ == "advcl"
        and (verb.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))
    ):
        # coordinated verbs share the subject, and so do a purpose infinitive ("met in
        # Brussels to discuss") and a participle clause ("rallied, demanding elections")
        return _subjects(head, depth + 1)
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        # "accused Moscow of trying to ...": the accused does what they are accused of;
        # "Russia is accused of using drones": so does the passive subject.
        governor = head.head
        for child in governor.children:
            if child.dep_ in ("dobj", "nsubjpass"):
                return conjuncts_of(child)
        return _subjects(governor, depth + 1)
    if _is_passive_modifier(verb):
        # "two soldiers killed in the east": the soldiers were killed (a "by" phrase, read
        # above, names who did it); a clause of the participle is theirs ("activists detained
        # while filming")
        return [head] if depth else []
    if verb.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN"):
        return [head]
    return []


def _is_passive_modifier(verb: Token) -> bool:
    """A past participle modifying a noun ("soldiers killed in the east", a headline's
    "Two Ukraine soldiers killed despite lull"): the noun is what was done to. One with a
    direct object (its own or a coordinated verb's: "donated and delivered $50,000"), or
    hung on the root noun of a sentence of prose (which needs a verb), is a main verb the
    parser took for a participle ("Trump called Erdogan on Wednesday")."""
    noun = verb.head
    return (
        verb.dep_ == "acl"
        and is_participle(verb)
        and noun.pos_ in ("NOUN", "PROPN")
        and not any(c.dep_ == "dobj" for v in (verb, *verb.conjuncts) for c in v.children)
        and (noun.dep_ != "ROOT" or is_headline(verb.sent))
    )


def _cause_clause(trigger: Token) -> Token | None:
    """The verb of a "when"/"as"/"after" clause of ``trigger`` whose subject is a named side
    ("Russian artillery", "Hamas fighters"), not a happening ("when the bus overturned")."""
    for clause in trigger.children:
        if clause.dep_ != "advcl" or not any(
            c.dep_ in ("mark", "advmod") and c.lower_ in _CAUSE_MARKERS for c in clause.children
        ):
            continue
        doers = [t for t in _subjects(clause) if t.head == clause]
        if doers and all(_names_a_side(doer) for doer in doers):
            return clause
    return None


def _names_a_side(token: Token) -> bool:
    """A noun phrase an actor gazetteer or a nationality names: "Russian artillery"."""
    phrase = token.doc[token.left_edge.i : token.i + 1]
    if any(t.ent_type_ in ("NORP", "GPE", "ORG") for t in phrase):
        return True
    return any(span.start <= token.i < span.end for span in actor_spans(token.doc))


def _named_subject(subjects: list[Token]) -> Token:
    """The subject that names the doer: "Iran's ally Syria is moving troops" (parsed as two
    subjects, or as "ally" with "Syria" in apposition) is Syria's doing, not Iran's."""
    named = [s for s in subjects if s.pos_ == "PROPN"]
    subject = named[-1] if len(subjects) > 1 and named else subjects[0]
    if subject.pos_ == "NOUN":
        appositive = [c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if appositive:
            return appositive[0]
    return subject


def _agents(verb: Token) -> list[Token]:
    """The doers a passive names with "by" ("killed by rebel fire")."""
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return conjuncts_of(objects[0])
    return []


def _recipients(verb: Token) -> list[Token]:
    """Who the event is done to: objects, passive subjects, target prepositions."""
    found: list[Token] = []
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "nsubjpass", "attr"):
            found.extend(conjuncts_of(child))
    if not found and _is_passive_modifier(verb):
        # "three soldiers and a medic killed": all of them; but only the noun itself when it
        # is the second of a pair ("in Azizabad or any gunfire shot at")
        noun = verb.head
        found = [noun] if noun.dep_ == "conj" else conjuncts_of(noun)
    if not found:
        # "threatened to shell Kharkiv": the threat is aimed where the shelling would be
        complements = [c for c in verb.children if c.dep_ == "xcomp"]
        if complements:
            return _recipients(complements[0])
    found = [t for t in found if _can_be_actor(t)]
    targets = [t for t in found if t.pos_ in ("PROPN", "PRON") or t.ent_type_]
    if targets:
        return targets
    # "imposed sanctions on Iran", "launched drones against Ukraine", "met with Xi"
    for holder in (verb, *found):
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in event_rule_words("target_prepositions"):
                objects = [g for g in child.children if g.dep_ == "pobj" and _can_be_actor(g)]
                if objects:
                    return conjuncts_of(objects[0])
    return found


def _nominal_roles(noun: Token) -> tuple[list[Token], list[Token]]:
    actors: list[Token] = []
    recipients: list[Token] = []
    for child in noun.children:
        if child.dep_ == "poss" or (child.dep_ in ("amod", "compound") and child.ent_type_):
            actors.append(child)
        elif child.dep_ == "prep" and child.lower_ == "by":
            actors.extend(g for g in child.children if g.dep_ == "pobj")
        elif child.dep_ == "prep" and child.lower_ in event_rule_words("target_prepositions"):
            recipients.extend(g for g in child.children if g.dep_ == "pobj")
    return actors, recipients


def _governors(token: Token) -> list[Token]:
    """The words above ``token`` up to the nearest clause boundary of a speech act."""
    chain = []
    node = token
    for _ in range(_MAX_GOVERNOR_HOPS):
        if node.head == node:
            break
        dep = node.dep_
        node = node.head
        chain.append(node)
        if dep in ("ccomp", "advcl", "relcl", "parataxis"):
            break
    return chain


def _modality_and_negation(trigger: Token) -> tuple[str, bool]:
    negators = event_rule_words("negators")
    hypothetical_aux = event_rule_words("hypothetical_auxiliaries")
    conditional_marks = event_rule_words("conditional_markers")
    negated = any(c.dep_ == "neg" or c.lower_ in negators for c in trigger.children)
    # "without offering details": the offer did not happen
    negated = negated or (
        trigger.dep_ == "pcomp" and trigger.head.lower_ in event_rule_words("negating_prepositions")
    )
    # "has not joined the fighting by sending troops": the means of what did not happen
    # did not happen either
    if trigger.dep_ == "pcomp" and trigger.head.lower_ in event_rule_words("means_prepositions"):
        means_of = trigger.head.head
        negated = negated or any(c.dep_ == "neg" or c.lower_ in negators for c in means_of.children)
    modality = "asserted"
    if any(c.dep_ == "aux" and c.lower_ in hypothetical_aux for c in trigger.children):
        modality = "hypothetical"
    elif any(
        c.dep_ == "aux" and c.lower_ in event_rule_words("future_auxiliaries")
        for c in trigger.children
    ):
        modality = "intended"
    if any(c.dep_ == "mark" and c.lower_ in conditional_marks for c in trigger.children):
        modality = "hypothetical"
    # "Fighting threatens the truce", "the offensive aims to": what a verb's subject is does
    # not depend on the verb's meaning (only on its auxiliaries: "fighting may resume")
    subject_of = trigger.head if trigger.dep_ == "nsubj" else None
    for governor in _governors(trigger):
        lemma = "" if governor == subject_of else governor.lemma_.lower()
        governing_aux = {c.lower_ for c in governor.children if c.dep_ == "aux"}
        if modality == "asserted" and governing_aux & hypothetical_aux:
            # "Putin may pressure Lukashenko to join the war": the joining is as
            # hypothetical as the pressure
            modality = "hypothetical"
        if lemma in event_rule_words("denial_governors"):
            return "denied", negated
        if lemma in event_rule_words("refusal_governors"):
            # "refused to lift the curfew": the lifting did not happen
            negated = True
        if lemma in event_rule_words("intent_governors") and modality == "asserted":
            modality = "intended"
            negated = negated or any(
                c.lower_ in negators for c in governor.children if c.dep_ in ("det", "neg")
            )
        elif lemma in event_rule_words("hypothetical_governors") and modality == "asserted":
            modality = "hypothetical"
        if any(c.dep_ == "mark" and c.lower_ in conditional_marks for c in governor.children):
            modality = "hypothetical"
    return modality, negated


def _happening_as_subject(subjects: list[Token], lexicon: EventLexicon) -> bool:
    """The subject is itself an event ("fighting", "the blast"), not a party that acts."""
    return bool(subjects) and all(
        s.pos_ == "NOUN" and not s.ent_type_ and lexicon.noun_senses(s) for s in subjects
    )


def _attributive_modality(noun: Token, modality: str) -> str:
    """A nominal trigger's adjective can say it has not happened: "planned talks",
    "upcoming elections" are intended, "possible strikes" hypothetical."""
    if modality != "asserted":
        return modality
    for child in noun.children:
        if child.dep_ != "amod":
            continue
        words = {child.lower_, child.lemma_.lower()}
        if words & event_rule_words("intent_governors"):
            return "intended"
        if words & event_rule_words("hypothetical_governors"):
            return "hypothetical"
    return modality


def _recoded(sense: EventSense, modality: str, negated: bool) -> EventSense:
    """PLOVER codes what was promised or refused, not what would have happened.

    "will withdraw" is CONCEDE, "promised to cooperate" AGREE, "will not accept" REJECT.
    """
    refused, intended = _recoding("refused_recoding"), _recoding("intended_recoding")
    if modality == "intended" and negated and sense.event_type in refused:
        return replace(sense, event_type=refused[sense.event_type], mode=None)
    if modality == "intended" and not negated and sense.event_type in intended:
        return replace(sense, event_type=intended[sense.event_type], mode=None)
    return sense


def _is_newsroom_step(trigger: Token) -> bool:
    """ "contacted the authorities for comment": the outlet's reporting, not politics."""
    newsroom_objects = event_rule_words("newsroom_objects")
    return any(t.lemma_.lower() in newsroom_objects for t in clause_tokens(trigger) if t != trigger)


def _covering_verb(noun: Token, verb_types: dict[int, str], noun_type: str) -> int | None:
    """The verb trigger a nominal trigger of its type restates, if any: the verb it depends
    on ("launched an attack"), or a verb that restates it in a reduced or full relative
    clause ("Israeli airstrikes killed 20 people", parsed as the noun's ``acl``; "an attack
    that killed 20"): one happening, one event.

    A noun of another type is an event of its own: "promised joint deployments" is a
    promise (AGREE) and an intended deployment (MOBILIZE).
    """
    node = noun
    for _ in range(2):
        if node.head == node:
            break
        node = node.head
        if node.i in verb_types:
            return node.i if verb_types[node.i] == noun_type else None
    for child in noun.children:
        if child.dep_ in ("acl", "relcl") and verb_types.get(child.i) == noun_type:
            return child.i
    return None


def _mention(
    trigger: Token,
    sense: EventSense,
    actors: list[Token],
    recipients: list[Token],
    status: tuple[str, bool],
    dates: list[Span],
    nominal: bool = False,
) -> EventMention:
    modality, negated = status
    return EventMention(
        trigger=trigger,
        sense=_recoded(sense, modality, negated),
        actors=actors,
        recipients=recipients,
        modality=modality,
        negated=negated,
        date=event_date(trigger, dates),
        nominal=nominal,
    )


def find_event_mentions(
    doc: Doc, lexicon: EventLexicon, places: PlaceGazetteer | None = None
) -> list[EventMention]:
    """The event mentions of a parsed doc; ``places`` decides which names are places (by
    default the package's gazetteer, without the user's GeoNames files)."""
    mentions: list[EventMention] = []
    dates = [e for e in doc.ents if e.label_ in ("DATE", "TIME")] + _unlabelled_times(doc)
    verb_types: dict[int, str] = {}
    # the nominal trigger each verb trigger absorbed ("airstrikes" of "airstrikes killed")
    restated_by: dict[int, tuple[Token, EventSense]] = {}
    # "could not independently verify the report" is the outlet's caveat, not an event
    caveats = [
        (cue.start, cue.end)
        for cue in doc._.verification_cues or []
        if cue.kind in ("unverified", "unsubstantiated")
    ]
    for token in doc:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        if _is_non_event_phrase(token) or any(a <= token.idx < b for a, b in caveats):
            continue
        senses = lexicon.verb_senses(token)
        if not senses or _is_newsroom_step(token):
            continue
        actors, recipients = _subjects(token), _recipients(token)
        if senses[0].event_type == "THREATEN" and _happening_as_subject(actors, lexicon):
            # "skirmishes threaten the truce": a danger, not a party's threat
            continue
        verb_types[token.i] = senses[0].event_type
        modality, negated = _modality_and_negation(token)
        cause = None
        if not actors and senses[0].event_type in _VIOLENT_TYPES:
            cause = _cause_clause(token)
            actors = _subjects(cause) if cause is not None else []
        if senses[0].reversed_roles:
            # "X faced criticism from Y", "X received aid": the subject is on the receiving end
            actors, recipients = recipients, actors
        elif is_headline_passive(token):
            # "Two soldiers killed in east by rebel fire": the soldiers were killed
            actors, recipients = _agents(token), actors
        elif not actors and senses[0].event_type in event_rule_words("self_directed_types"):
            # "the region's forces are being mobilised": the passive subject is the side
            # that mobilises, not a target
            actors = [c for c in token.children if c.dep_ == "nsubjpass"]
            recipients = [r for r in recipients if r not in actors]
        mention = _mention(token, senses[0], actors, recipients, (modality, negated), dates)
        mention.cause = cause
        mention.covert, mention.cover = _cover_story(token)
        mentions.append(mention)
    for token in doc:
        if token.pos_ != "NOUN" and not _title_cased_noun(token):
            continue
        senses = lexicon.noun_senses(token)
        if not senses or _inside_cover(token):
            continue
        verb = _covering_verb(token, verb_types, senses[0].event_type)
        if verb is not None:
            restated_by.setdefault(verb, (token, senses[0]))
            continue
        if token.head.i in verb_types and any(c.lower_ == "the" for c in token.children):
            # "condemned the summit": a reference back to an event told before
            continue
        actors, recipients = _nominal_roles(token)
        if not actors and token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ == "VERB":
            # "the two leaders promised joint deployments": the subject's deployments
            actors = _subjects(token.head)
        modality, negated = _modality_and_negation(token)
        modality = _attributive_modality(token, modality)
        negated = negated or any(
            c.lower_ in event_rule_words("negators") for c in token.children if c.dep_ == "det"
        )
        mentions.append(
            _mention(token, senses[0], actors, recipients, (modality, negated), dates, True)
        )
    for mention in mentions:
        excluded = {t.i for t in (*mention.actors, *mention.recipients)}
        restated_noun, restated = restated_by.get(mention.trigger.i, (None, None))
        # the restated noun and the cause clause tell the rest of one happening: "a drone
        # attack on Odesa overnight injured five" happened in Odesa, overnight
        sources = [t for t in (mention.trigger, restated_noun, mention.cause) if t is not None]
        for source in sources:
            mention.place = mention.place or event_place(source, excluded, places)
            mention.date = mention.date or event_date(source, dates)
        sense = mention.sense
        clause = [t for source in sources for t in clause_tokens(source)]
        # the noun says how ("airstrikes", "shelling") where the verb only says what
        mention.mode = (
            sense.mode
            or (restated.mode if restated is not None else None)
            or lexicon.mode_for(clause, sense.event_type)
        )
    mentions.sort(key=lambda m: m.trigger.i)
    return _without_restatements(mentions)


def _title_cased_noun(token: Token) -> bool:
    """ "Shelling adds to civilian toll": a headline's capitalised common noun the tagger
    took for a name (no entity: a name would have one)."""
    return (
        token.pos_ == "PROPN" and token.is_title and not token.ent_type_ and is_headline(token.sent)
    )


def _without_restatements(mentions: list[EventMention]) -> list[EventMention]:
    """ "met to discuss", "agreed to cooperate on": one event, not two of the same type."""
    by_token = {m.trigger.i: m for m in mentions}
    kept = []
    for mention in mentions:
        trigger = mention.trigger
        governor = by_token.get(trigger.head.i)
        if (
            governor is not None
            and governor is not mention
            and trigger.dep_ in _RESTATING_DEPS
            and governor.sense.event_type == mention.sense.event_type
        ):
            continue
        kept.append(mention)
    return kept


if not Doc.has_extension("event_mentions"):
    Doc.set_extension("event_mentions", default=None)


@Language.factory(
    "forewarn_events",
    requires=["token.dep", "token.lemma", "doc.ents", "doc.spans", "doc._.verification_cues"],
    assigns=["doc._.event_mentions"],
    default_config={"place_files": []},
)
def make_event_component(nlp: Language, name: str, place_files: list[str]) -> EventComponent:
    """The component; ``place_files`` are user GeoNames files (``--places``), as for the
    place gazetteer the Document is assembled with."""
    places = PlaceGazetteer.load(tuple(Path(f) for f in place_files))
    return EventComponent(EventLexicon.load(), places)


class EventComponent:
    def __init__(self, lexicon: EventLexicon, places: PlaceGazetteer | None = None) -> None:
        self.lexicon = lexicon
        self.places = places if places is not None else PlaceGazetteer.load()

    def __call__(self, doc: Doc) -> Doc:
        doc._.event_mentions = find_event_mentions(doc, self.lexicon, self.places)
        return doc
