"""From an annotated spaCy ``Doc`` to the :class:`~forewarn.records.Document` contract.

The spaCy components leave token-level mentions (events, claims, verification cues,
actor spans). Here they are resolved against what is only known per article: the
publication date (dates, and actors' roles as of that date) and the gazetteers. Then
events are tied to the claims that carry them and inherit their verification.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from forewarn.english import DEFINITE_DETERMINERS, NAMED_ACTOR_LABELS, PERSONAL_PRONOUNS
from forewarn.extraction.dates import ResolvedDate, resolve_date
from forewarn.extraction.event_place import nearest_known_place
from forewarn.extraction.events import EventMention
from forewarn.extraction.headlines import is_headline
from forewarn.extraction.magnitudes import (
    event_magnitudes,
    sentence_casualties,
    violent_event_types,
)
from forewarn.extraction.place_mentions import may_name_town
from forewarn.extraction.syntax import noun_phrase
from forewarn.extraction.word_lists import event_rule_words
from forewarn.gazetteer.actor_ruler import actor_spans
from forewarn.gazetteer.actors import ActorGazetteer
from forewarn.gazetteer.places import PlaceGazetteer
from forewarn.records import Actor, Article, Claim, Document, Event, Place
from forewarn.records import Span as TextSpan

__all__ = ["build_document"]

_OTHER_PRONOUNS = frozenset({"it", "they", "them", "its", "their"})
_PLACE_LIKE_ACTORS = frozenset({"COUNTRY", "REGION", "METONYM"})
# Violence lands where its targets are: their country places it when the text names no
# place. Coercion does not (sanctions on Iran are not imposed in Iran; "could pressure
# Tiraspol" happens in no place).
_FORCE_TYPES = frozenset({"ASSAULT"})
# Sectors (PLOVER/CAMEO agent codes) of doers who use force in their own country: police,
# rebels, opposition and protesters, civilians, criminals.
_HOME_SECTORS = frozenset({"COP", "REB", "OPP", "CVL", "CRM"})
# Strongest wins when several cues apply to one claim. A denial by the party concerned
# outweighs "could not verify"; "without providing evidence" outweighs a denial, since
# accusations are routinely denied but the missing evidence is the claim's own property;
# confirmation by another party outweighs everything.
_VERIFICATION_ORDER = (
    "reported",
    "corroborated",
    "unverified",
    "disputed",
    "unsubstantiated",
    "confirmed",
)
_MODIFIER_CLAUSE_DEPS = frozenset({"relcl", "acl", "amod"})
_PRESENT_TAGS = frozenset({"VBZ", "VBP", "VBG"})
_UNKNOWN = ResolvedDate(date=None, precision="unknown", text="")


@dataclass(slots=True)
class _Context:
    doc: Doc
    article: Article
    published: date | None
    actors: ActorGazetteer
    places: PlaceGazetteer
    located: Counter[str] = field(default_factory=Counter)


def _published_date(article: Article) -> date | None:
    if not article.published:
        return None
    try:
        return date.fromisoformat(article.published[:10])
    except ValueError:
        return None


def _text_span(article: Article, start: int, end: int) -> TextSpan:
    return TextSpan(text=article.text[start:end], start=start, end=end)


def _antecedent(pronoun: Token) -> Span | None:
    """The nearest earlier actor mention a pronoun can stand for."""
    personal = pronoun.lower_ in PERSONAL_PRONOUNS
    for span in reversed(actor_spans(pronoun.doc)):
        if span.end > pronoun.i:
            continue
        if (span.label_ == "PERSON") == personal:
            return span
    return None


def _resolve_actor(head: Token, ctx: _Context) -> Actor | None:
    if head.lower_ in PERSONAL_PRONOUNS | _OTHER_PRONOUNS:
        antecedent = _antecedent(head)
        if antecedent is None:
            return None
        return _resolve_phrase(antecedent, antecedent.root, ctx)
    return _resolve_phrase(noun_phrase(head), head, ctx)


def _resolve_phrase(phrase: Span, head: Token, ctx: _Context) -> Actor | None:
    actor = ctx.actors.resolve(phrase.text, ctx.published)
    if actor is None and (head.ent_type_ in NAMED_ACTOR_LABELS or head.pos_ == "PROPN"):
        actor = Actor(text=phrase.text, name=phrase.text)
        if _may_be_town(head):
            # a town as target ("shelled Kharkiv") stands for its country's side; the
            # small model labels such towns ORG or PERSON, so the gazetteer decides
            place = ctx.places.resolve(phrase.text)
            if place is not None and (may_name_town(head) or not ctx.places.is_town(place)):
                actor.name, actor.country = place.name, place.country
    if actor is None or actor.country is None:
        antecedent = _anaphoric_antecedent(phrase, ctx)
        if antecedent is not None:
            # "the region's forces" after "Transnistria": read as "Transnistria forces"
            stand_in = ctx.actors.resolve(f"{antecedent.text} {head.text}", ctx.published)
            if stand_in is not None:
                stand_in.text = stand_in.name = phrase.text
                return stand_in
    return actor


def _anaphoric_antecedent(phrase: Span, ctx: _Context) -> Span | None:
    """The country or region that "the region's", "the country's" points back to."""
    # Only as a modifier of an agent ("the region's forces", "authorities of the region"):
    # a bare "the country" is too often another country than the one named last.
    definite = any(
        t.lemma_.lower() in event_rule_words("anaphoric_heads")
        and t.i != phrase.root.i
        and t.dep_ in ("poss", "pobj")
        and any(c.lower_ in DEFINITE_DETERMINERS for c in t.children if c.dep_ == "det")
        for t in phrase
    )
    if not definite:
        return None
    for span in reversed(actor_spans(ctx.doc)):
        if span.end <= phrase.start and span.label_ in _PLACE_LIKE_ACTORS:
            return span
    return None


def _resolve_actors(heads: list[Token], ctx: _Context) -> list[Actor]:
    resolved: list[Actor] = []
    for head in heads:
        actor = _resolve_actor(head, ctx)
        if actor is not None and all(actor.name != seen.name for seen in resolved):
            resolved.append(actor)
    return resolved


def _resolve_date(span: Span | None, ctx: _Context) -> ResolvedDate | None:
    if span is None:
        return None
    text = span.text
    if (
        span.start > 0
        and span.doc[span.start - 1].lower_ == "over"
        and text.lower().startswith(("last ", "past "))
    ):
        # "killed in shellings over last week": a span up to publication, as "over the
        # last week" is, not the calendar week before
        resolved = resolve_date(f"the {text}", ctx.published)
        return replace(resolved, text=text) if resolved is not None else None
    return resolve_date(text, ctx.published)


def _is_ongoing(trigger: Token) -> bool:
    """Present tense or progressive: the event holds when it is reported."""
    if trigger.tag_ in _PRESENT_TAGS:
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in trigger.children)


def _place(
    mention: EventMention, actors: list[Actor], recipients: list[Actor], ctx: _Context
) -> Place | None:
    """The place event_place found, resolved with a country to prefer for ambiguous names:
    the actors' country, else the country the article's events have been placed in so far.
    An unknown place keeps its name (see ``_village``); a text naming no place leaves the
    country of the sides (``_sides_country``)."""
    if mention.place is None:
        return _sides_country(
            mention.sense.event_type, actors, recipients, ctx
        ) or _compass_region_country(mention, ctx)
    hint = next((a.country for a in actors if a.country), None)
    if hint is None and ctx.located:
        hint = ctx.located.most_common(1)[0][0]
    place = ctx.places.resolve(mention.place.text, country_hint=hint)
    if place is None:
        place = _village(mention.place, hint, ctx) or _compass_region_country(mention, ctx)
    if place is not None and place.country:
        ctx.located[place.country] += 1
    return place


def _sides_country(
    event_type: str, actors: list[Actor], recipients: list[Actor], ctx: _Context
) -> Place | None:
    """Where violence that the text places nowhere was used, as far as its sides tell: the one
    country of those it landed on ("Seven Ukrainian soldiers killed in rebel attack"), else
    the one country of doers who act at home (police, rebels, protesters: "Ukraine police
    storm protest camp"). Armies and governments act abroad ("U.S. troops shot two
    smugglers" is not placed), and other events are not placed from their sides. A
    country's coordinates are its capital's, which would mislead: none; the text is the
    words of the side that gave the country."""
    if event_type not in _FORCE_TYPES:
        return None
    for sides in (recipients, [a for a in actors if a.sector in _HOME_SECTORS]):
        known = [side for side in sides if side.country]
        if len({side.country for side in known}) == 1:
            country = ctx.places.country(known[0].country or "")
            if country is not None:
                return replace(country, text=known[0].text, lat=None, lon=None)
    return None


def _compass_region_country(mention: EventMention, ctx: _Context) -> Place | None:
    """Violence "in the east", "in rebel east", "eastern fighting" happened in that part of
    the one country its sentence names ("Ukraine says one soldier killed in east",
    "Ukrainian soldier killed in mine blast in rebel east"), at the country's precision."""
    if mention.sense.event_type not in _FORCE_TYPES:
        return None
    sentence = mention.sentence
    direction = next(
        (
            t
            for t in sentence
            if t.dep_ in ("pobj", "amod", "compound") and ctx.places.is_direction(t.text)
        ),
        None,
    )
    if direction is None:
        return None
    named = {
        country
        for entity in sentence.ents
        # the model calls some states ORG; "pro-Russia rebels" are no Russians
        if entity.label_ in ("GPE", "NORP", "LOC", "ORG") and not _allegiance(entity)
        for country in [ctx.actors.country_of(entity.text)]
        if country
    }
    if len(named) != 1:
        return None
    country = ctx.places.country(named.pop())
    return replace(country, text=direction.text, lat=None, lon=None) if country else None


def _allegiance(entity: Span) -> bool:
    """ "pro-Russia", "anti-Kiev": a side's stance towards a country, not its nationality."""
    doc, start = entity.doc, entity.start
    words = [t.lower_ for t in doc[max(0, start - 2) : start]] + [entity[0].lower_]
    return any(w in ("pro", "anti") or w.startswith(("pro-", "anti-")) for w in words)


def _village(mention: Span, hint: str | None, ctx: _Context) -> Place | None:
    """A place the gazetteer lacks ("in Ogonki", "near Vodyane") keeps its name, placed by
    the nearest place of its sentence the gazetteer knows ("in As Sabaa (Tripoli)": Tripoli's
    division and coordinates, no geonameid of its own), else in the country of the actors
    or of the article's other places (``hint``), without coordinates."""
    text = mention.text
    near = nearest_known_place(mention, ctx.places)
    enclosing = ctx.places.resolve(near.text, country_hint=hint) if near is not None else None
    # The text's own nearby place beats the actors' country: "Turkish forces shelled Fakkeh
    # in Ar-Raqqa" happened in Syria.
    if enclosing is not None and enclosing.country:
        # a country's coordinates are its capital's: they would mislead
        located = enclosing.admin1 is not None
        return replace(
            enclosing,
            text=text,
            name=text,
            lat=enclosing.lat if located else None,
            lon=enclosing.lon if located else None,
            geonameid=None,
        )
    return Place(text=text, name=text, country=hint) if hint is not None else None


def _may_be_town(token: Token) -> bool:
    """A proper noun that is no multi-word personal name ("Kherson", not "Lloyd Austin")."""
    if token.pos_ != "PROPN":
        return False
    return token.ent_type_ != "PERSON" or not any(c.dep_ == "compound" for c in token.children)


def _cover_words(cover: Span) -> str:
    """The stated cover's words without its quotation marks: 'routine "readiness drills"'
    is the cover "routine readiness drills"."""
    return " ".join(t.text for t in cover if not t.is_quote).strip()


def _confidence(
    mention: EventMention,
    actors: list[Actor],
    recipients: list[Actor],
    *,
    in_headline: bool,
) -> float:
    score = 0.45 + 0.05 * min(mention.sense.specificity, 3)
    if actors:
        score += 0.2 if any(a.country or a.id for a in actors) else 0.1
    if recipients:
        score += 0.1
    if mention.nominal:
        score -= 0.15
    if mention.modality != "asserted":
        score -= 0.15
    if mention.trigger.dep_ in _MODIFIER_CLAUSE_DEPS:
        # "an alumnus killed in action", "journalists who were abducted": background,
        # not what the sentence reports
        score -= 0.1
    elif in_headline and mention.nominal and mention.trigger.dep_ == "pobj":
        # "Soldiers killed in Debaltseve withdrawal", "Six killed ahead of talks": a
        # headline's prepositional noun is the circumstance of what it reports (in prose it
        # is often the news itself: "an investigation into an allegation")
        score -= 0.1
    return round(max(0.05, min(score, 0.99)), 2)


def _claim_records(ctx: _Context) -> list[Claim]:
    doc, article = ctx.doc, ctx.article
    claims: list[Claim] = []
    previous: dict[str, ResolvedDate] = {}
    for index, mention in enumerate(doc._.claim_mentions or []):
        speaker_span = mention.speaker_antecedent or mention.speaker
        speaker = None
        if speaker_span is not None:
            speaker = _resolve_phrase(speaker_span, speaker_span.root, ctx) or Actor(
                text=speaker_span.text, name=speaker_span.text
            )
        when = _resolve_date(mention.date_span, ctx)
        speaker_key = speaker.id or speaker.name if speaker else None
        if when is None and speaker_key in previous:
            when = previous[speaker_key]
        if when is None and mention.cue.root.tag_ in ("VBZ", "VBP") and ctx.published:
            when = ResolvedDate(ctx.published.isoformat(), "day", mention.cue.text)
        when = when or _UNKNOWN
        if speaker_key and when.date:
            previous[speaker_key] = when
        claims.append(
            Claim(
                id=f"{article.id}#c{index + 1}",
                speaker=speaker,
                cue=mention.cue.text,
                channel=mention.channel,
                content=_text_span(article, mention.content_start, mention.content_end),
                date=when.date,
                date_precision=when.precision,
                stance=mention.stance,
                hedges=list(mention.hedges),
            )
        )
    for cue in doc._.verification_cues or []:
        for index in cue.applies_to:
            claim = claims[index]
            rank = _VERIFICATION_ORDER.index
            if rank(cue.kind) > rank(claim.verification):
                claim.verification = cue.kind
    return claims


def _claim_for(trigger: Token, ctx: _Context) -> int | None:
    """Index of the claim carrying the event: its cue, or the innermost content around it."""
    best: int | None = None
    best_width = None
    for index, mention in enumerate(ctx.doc._.claim_mentions or []):
        if mention.cue.start <= trigger.i < mention.cue.end:
            return index
        if mention.content_start <= trigger.idx < mention.content_end:
            width = mention.content_end - mention.content_start
            if best_width is None or width < best_width:
                best, best_width = index, width
    return best


def _answered_recipients(
    event: Event, mention: EventMention, events: list[Event], claims: list[Claim], ctx: _Context
) -> list[Actor]:
    """Who a rejection answers: the speakers it disputes, or the accuser of "the accusation"."""
    claim_index = _claim_for(mention.trigger, ctx)
    for cue in ctx.doc._.verification_cues or []:
        if cue.kind == "disputed" and cue.by is not None and cue.by == claim_index:
            speakers: list[Actor] = []
            for i in cue.applies_to:
                speaker = claims[i].speaker
                if speaker is not None and all(speaker.name != s.name for s in speakers):
                    speakers.append(speaker)
            return speakers
    objects = [t for t in mention.trigger.children if t.dep_ in ("dobj", "nsubjpass")]
    if any(t.lemma_.lower() in event_rule_words("answered_nouns") for t in objects):
        countries = {a.country for a in event.actor if a.country}
        for earlier in reversed(events):
            if earlier.event_type == "ACCUSE" and any(
                r.country in countries for r in earlier.recipient
            ):
                return list(earlier.actor)
    return []


def build_document(
    doc: Doc, article: Article, actors: ActorGazetteer, places: PlaceGazetteer
) -> Document:
    ctx = _Context(doc, article, _published_date(article), actors, places)
    claims = _claim_records(ctx)
    events: list[Event] = []
    headlines: set[int] = set()
    for mention in doc._.event_mentions or []:
        actor_list = _resolve_actors(mention.actors, ctx)
        recipient_list = [
            r
            for r in _resolve_actors(mention.recipients, ctx)
            if all(r.name != a.name for a in actor_list)
        ]
        claim_index = _claim_for(mention.trigger, ctx)
        claim = claims[claim_index] if claim_index is not None else None
        when = _resolve_date(mention.date, ctx)
        if when is None and _is_ongoing(mention.trigger):
            if claim is not None and claim.date:
                when = ResolvedDate(claim.date, claim.date_precision, "")
            elif ctx.published:
                when = ResolvedDate(ctx.published.isoformat(), "day", "")
        when = when or _UNKNOWN
        sentence = mention.sentence
        in_headline = is_headline(sentence)
        if in_headline:
            headlines.add(sentence.start_char)
        trigger = mention.trigger
        sense = mention.sense
        magnitudes = event_magnitudes(trigger, sense.event_type)
        if mention.modality != "asserted" or mention.negated:
            # "threatened to kill three", "did not kill anyone": nobody was
            magnitudes = replace(magnitudes, dead=None, injured=None)
        event = Event(
            id="",  # numbered once duplicates are gone
            event_type=sense.event_type,
            mode=mention.mode,
            context=list(sense.context),
            actor=actor_list,
            recipient=recipient_list,
            date=when.date,
            date_precision=when.precision,
            date_text=when.text or None,
            location=_place(mention, actor_list, recipient_list, ctx),
            negated=mention.negated,
            modality=mention.modality,
            claim_id=claim.id if claim else None,
            verification=claim.verification if claim else "reported",
            trigger=_text_span(article, trigger.idx, trigger.idx + len(trigger.text)),
            evidence=_text_span(article, sentence.start_char, sentence.end_char),
            confidence=_confidence(
                mention,
                actor_list,
                recipient_list,
                in_headline=in_headline,
            ),
            dead=magnitudes.dead,
            injured=magnitudes.injured,
            size=magnitudes.size,
            covert=mention.covert,
            cover=_cover_words(mention.cover) if mention.cover is not None else None,
        )
        if event.event_type == "REJECT" and not event.recipient:
            event.recipient = _answered_recipients(event, mention, events, claims, ctx)
        events.append(event)
    _give_unclaimed_casualties(doc, events)
    events = _one_happening_per_headline(events, headlines)
    events = _without_empty_duplicates(events)
    claims_by_id = {claim.id: claim for claim in claims}
    for number, event in enumerate(events, start=1):
        event.id = f"{article.id}#e{number}"
        if event.claim_id is not None:
            claims_by_id[event.claim_id].event_ids.append(event.id)
    return Document(article=article, events=events, claims=claims)


def _without_empty_duplicates(events: list[Event]) -> list[Event]:
    """Drop a role-less event when the same sentence has the same type with roles.

    "met ... where the two discussed" or "calling up reservists ... the call-ups": one event
    told twice, once with its participants, which takes the figures only the other gave.
    """
    with_roles: dict[tuple[int, str], Event] = {}
    for event in events:
        if event.actor or event.recipient:
            with_roles.setdefault((event.evidence.start, event.event_type), event)
    kept = []
    for event in events:
        told = with_roles.get((event.evidence.start, event.event_type))
        if event.actor or event.recipient or told is None:
            kept.append(event)
            continue
        _take_figures(told, event)
    return kept


def _take_figures(event: Event, other: Event) -> None:
    """``event`` and ``other`` tell one happening: ``event`` takes the figures only ``other``
    gave ("Four killed, 8 injured in shelling": the dead of one verb, the injured of the
    other)."""
    event.dead = event.dead if event.dead is not None else other.dead
    event.injured = event.injured if event.injured is not None else other.injured
    event.size = event.size if event.size is not None else other.size


def _one_happening_per_headline(events: list[Event], headlines: set[int]) -> list[Event]:
    """A headline tells one violent happening, in as many words as it has verbs and nouns:
    "Four killed, 8 injured in shelling by rebels" is one ASSAULT, not three. Its asserted
    ASSAULTs become the most confident of them (the first on a tie), which takes the others'
    figures, sides, place, date and mode where it has none. ``headlines``: the start offsets
    of the sentences that are headlines."""
    groups: dict[int, list[Event]] = {}
    for event in events:
        if (
            event.evidence.start in headlines
            and event.event_type == "ASSAULT"
            and event.modality == "asserted"
            and not event.negated
        ):
            groups.setdefault(event.evidence.start, []).append(event)
    absorbed: set[int] = set()
    for group in groups.values():
        told = max(group, key=lambda e: e.confidence)  # max keeps the first of equals
        for other in group:
            if other is told:
                continue
            absorbed.add(id(other))
            _take_figures(told, other)
            # Where the two readings put one party on opposite sides, the told one stands.
            named = {party.name for party in told.actor + told.recipient}
            told.actor += [a for a in other.actor if a.name not in named]
            told.recipient += [r for r in other.recipient if r.name not in named]
            told.location = told.location or other.location
            told.mode = told.mode or other.mode
            if told.date_precision == "unknown" and other.date_precision != "unknown":
                told.date, told.date_precision = other.date, other.date_precision
                told.date_text = other.date_text
    return [e for e in events if id(e) not in absorbed]


def _give_unclaimed_casualties(doc: Doc, events: list[Event]) -> None:
    """A sentence with no event of its own that counts casualties ("Both victims died.",
    "The death toll rose to 12.") tells the outcome of the nearest violent event before it:
    that event takes the counts it lacks."""
    if not any(e.event_type in violent_event_types() for e in events):
        return
    told = {e.evidence.start for e in events}
    for sentence in doc.sents:
        if sentence.start_char in told:
            continue
        counts = sentence_casualties(sentence)
        if counts.dead is None and counts.injured is None:
            continue
        earlier = [
            e
            for e in events
            if e.event_type in violent_event_types()
            and e.evidence.end <= sentence.start_char
            and e.modality == "asserted"
            and not e.negated
        ]
        if not earlier:
            continue
        nearest = max(earlier, key=lambda e: e.evidence.start)
        for event in events:
            if event.evidence.start != nearest.evidence.start:
                continue
            if event.event_type in violent_event_types() and event.dead is None:
                event.dead = counts.dead
            if event.event_type in violent_event_types() and event.injured is None:
                event.injured = counts.injured
