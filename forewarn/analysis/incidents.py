"""When two reports are one happening, and what the reports of a happening add up to.

Pure rules over plain records (the store's side is :mod:`forewarn.analysis.resolve`):

- :func:`report_interval`: the days a report can mean (its date and precision; an undated
  report, its publication day; an undated denial, the days just before it);
- :func:`match_score`: whether a report can be a mention of an incident, and how well it fits:
  the same PLOVER type and compatible mode, dates that overlap (a day apart only with the
  same place or story), tolls within an order of magnitude, actors
  and recipients that do not contradict each other (by gazetteer id, by country and sector,
  or by name), places the same or near (or unknown), and at least one positive sign that it
  is the same happening (a shared party or place, or the same story telling of it again);
- :func:`roll_up`: an incident's place, dates, parties, magnitudes, outlets, claimants and
  verification from its mentions and the denials that answer it.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

__all__ = [
    "DATE_SLACK_DAYS",
    "NEAR_KM",
    "IncidentView",
    "Mention",
    "Party",
    "PlaceView",
    "Rollup",
    "answers",
    "claimants_of",
    "match_score",
    "outlets_of",
    "parties_match",
    "report_interval",
    "roll_up",
]

# Reports of one happening disagree by a day (time zones, "overnight", a late wire).
DATE_SLACK_DAYS = 1
# What dates a day apart cost a match, in signs: a same-day incident comes first.
DAY_OFF_COST = 1.0
# An undated report tells of its publication day: news reports the latest (the slack above
# covers an overnight report). An undated denial answers the reports of the days before it.
UNDATED_DENIAL_DAYS = 2
# A report dated to this many days or more tells a period's tally ("over the past week").
TALLY_PERIOD_DAYS = 7
# Two precise places this close are "the same or near" (a town and its outskirts).
NEAR_KM = 50.0
# What a shared country is worth against a shared party, place or story (1 each).
WEAK_SIGN = 0.5
# A report naming no party and no place ("Five dead in fighting") can join an incident of
# its type and days: the best it can give.
BARE_SIGN = 0.25
# How many times one report's death toll may be another's and still be one happening's.
TALLY_RATIO = 5
# Tolls smaller than this are parts of a day's tally ("a militiaman killed" in "fighting
# kills five"), never a reason to part two reports.
SMALLEST_TALLY = 3
# ASSAULT modes that are the weapons of one battle: its reports may name any of them.
BATTLE_WEAPONS = frozenset({"firearms", "heavy-weapons", "explosives", "aerial", "drone"})
# Caveats of single reports, strongest first (an incident keeps the strongest of its mentions).
CAVEATS = ("unsubstantiated", "unverified")


@dataclass(frozen=True, slots=True)
class Party:
    """An actor as incidents compare them."""

    country: str | None
    sector: str | None
    gazetteer_id: str | None
    name: str

    @property
    def identified(self) -> bool:
        """Known beyond its words: a gazetteer entry, or a country."""
        return bool(self.gazetteer_id or self.country)

    @property
    def whole_country(self) -> bool:
        """The country itself ("Ukraine launches assault"): it acts through any of its organs,
        so its default sector never tells it apart from its army or its ministry."""
        return self.country is not None and self.gazetteer_id == f"country:{self.country}"

    def label(self) -> str:
        """The claimant this party is: a state's organ by country and sector, else a name."""
        if self.country:
            return f"{self.country}/{self.sector}" if self.sector else self.country
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class PlaceView:
    place_id: int
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None

    @property
    def precise(self) -> bool:
        """A town or district (it lies in a first-order division), not a country or region."""
        return self.admin1 is not None and self.lat is not None


@dataclass(slots=True)
class Mention:
    """One stored event as incident resolution sees it, with its article and claim."""

    event_id: int
    event_type: str
    mode: str | None
    start: date
    end: date
    actors: tuple[Party, ...]
    recipients: tuple[Party, ...]
    place: PlaceView | None
    article_key: str
    outlet: str | None
    syndicate_id: int | None
    published: str | None
    claim_id: int | None
    speaker: Party | None
    verification: str
    dead: int | None = None
    injured: int | None = None
    size: int | None = None

    @property
    def claimant(self) -> str:
        """Who asserts it: the claim's speaker, else the outlet in its own voice."""
        if self.speaker is not None:
            return self.speaker.label()
        return f"outlet:{self.outlet or 'unknown'}"

    @property
    def independent_source(self) -> str:
        """Copies of one syndicated story are one source, whatever outlet shows them."""
        if self.syndicate_id is not None:
            return f"story:{self.syndicate_id}"
        return f"outlet:{self.outlet or self.article_key}"


@dataclass(slots=True)
class IncidentView:
    """What a new report is matched against: the incident's type, dates, parties, place."""

    incident_id: int
    event_type: str
    mode: str | None
    start: date
    end: date
    actors: tuple[Party, ...]
    recipients: tuple[Party, ...]
    place: PlaceView | None
    # The stories (near-duplicate groups of articles) its mentions come from.
    stories: frozenset[int] = frozenset()
    dead: int | None = None


@dataclass(slots=True)
class Rollup:
    """An incident as its mentions and denials establish it."""

    mode: str | None
    start: date
    end: date
    actors: tuple[Party, ...]
    recipients: tuple[Party, ...]
    place: PlaceView | None
    dead: int | None
    injured: int | None
    size: int | None
    verification: str
    reason: str
    because_event: int | None = None
    because_claim: int | None = None
    changed_at: str | None = None  # the publication date of the report that decided it
    outlets: list[str] = field(default_factory=list)
    claimants: list[str] = field(default_factory=list)


def report_interval(
    when: str | None, precision: str, published: str | None, denial: bool = False
) -> tuple[date, date] | None:
    """The first and last day a report's date (or a ``denial``'s) can mean; None when
    nothing dates it."""
    if when:
        try:
            if precision == "day":
                day = date.fromisoformat(when)
                return day, day
            if precision == "week":
                monday = date.fromisoformat(when)
                return monday, monday + timedelta(days=6)
            if len(when) == 7:  # a month
                first = date.fromisoformat(f"{when}-01")
                following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
                return first, following - timedelta(days=1)
            if len(when) == 4:  # a year
                return date(int(when), 1, 1), date(int(when), 12, 31)
            day = date.fromisoformat(when)
            return day, day
        except ValueError:
            pass
    if published:
        try:
            day = date.fromisoformat(published[:10])
        except ValueError:
            return None
        return day - timedelta(days=UNDATED_DENIAL_DAYS if denial else 0), day
    return None


def parties_match(first: Party, second: Party) -> bool:
    """The same actor: one gazetteer entry, one country's same (or unstated) sector, one name."""
    if first.gazetteer_id and first.gazetteer_id == second.gazetteer_id:
        return True
    if first.country and second.country:
        if first.country != second.country:
            return False
        if first.whole_country or second.whole_country:
            return True
        return not (first.sector and second.sector and first.sector != second.sector)
    return first.name.lower() == second.name.lower()


def _sides_agree(ours: tuple[Party, ...], theirs: tuple[Party, ...]) -> bool | None:
    """True when the sides share a party; False when both name identified parties (a
    gazetteer entry or a country) and share none; None when there is nothing to compare.

    Unidentified groups ("protesters", "3 assailants", "rebel-held towns") are words, not
    identities: two reports name one crowd differently, so they never contradict.
    """
    if any(parties_match(a, b) for a in ours for b in theirs):
        return True
    identified = [p for p in ours if p.identified], [p for p in theirs if p.identified]
    if identified[0] and identified[1]:
        return False
    return None


def _distance_km(first: PlaceView, second: PlaceView) -> float:
    assert first.lat is not None and first.lon is not None
    assert second.lat is not None and second.lon is not None
    lat1, lon1, lat2, lon2 = map(math.radians, (first.lat, first.lon, second.lat, second.lon))
    haversine = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, haversine)))


def _places_agree(ours: PlaceView | None, theirs: PlaceView | None) -> bool | None:
    """True: the same or a near precise place; False: apart; None: too vague to tell."""
    if ours is None or theirs is None:
        return None
    if ours.place_id == theirs.place_id:
        return True
    if ours.country and theirs.country and ours.country != theirs.country:
        return False
    if ours.precise and theirs.precise:
        return _distance_km(ours, theirs) <= NEAR_KM
    return None  # a country or region against a town in it: compatible, no evidence


def match_score(mention: Mention, incident: IncidentView) -> float | None:
    """How well ``mention`` fits ``incident``; None when it cannot be a report of it."""
    if mention.event_type != incident.event_type:
        return None
    if _modes_differ(mention.mode, incident.mode):
        return None
    slack = timedelta(days=DATE_SLACK_DAYS)
    if mention.start > incident.end + slack or mention.end < incident.start - slack:
        return None
    if _spans_a_period(mention.start, mention.end) != _spans_a_period(incident.start, incident.end):
        # "23 civilians killed in shellings over the last week": a tally of the week's
        # happenings, not another report of one of them
        return None
    same_place = _places_agree(mention.place, incident.place)
    # One story telling of one happening twice ("shelled ... the shells hit"): a sign only,
    # never a contradiction when the story is another.
    same_story = mention.syndicate_id in incident.stories or None
    signs = [
        _sides_agree(mention.actors, incident.actors),
        _sides_agree(mention.recipients, incident.recipients),
        same_place,
        same_story,
    ]
    if False in signs or _tallies_differ(mention.dead, incident.dead):
        return None
    day_off = mention.start > incident.end or mention.end < incident.start
    if day_off and not (same_place or same_story):
        # Dates that meet only within the slack: in a war the same sides fight every day,
        # so a report a day off joins only on the same place or the same story.
        return None
    strength = float(signs.count(True))
    if not strength:
        # A weak sign: nothing contradicts, and the reports share a country (where it
        # happened, or whose parties are involved). Headlines name few parties and places.
        ours = _countries(mention.actors, mention.recipients, mention.place)
        if ours & _countries(incident.actors, incident.recipients, incident.place):
            strength = WEAK_SIGN
        elif not ours:
            strength = BARE_SIGN
        else:
            return None
    if day_off:
        strength -= DAY_OFF_COST
    width = (mention.end - mention.start).days + (incident.end - incident.start).days
    return strength - width / 1000  # ties go to the tighter dates


def _spans_a_period(start: date, end: date) -> bool:
    """Dates of a week or longer (a week's, a month's tally), not of one happening."""
    return (end - start).days >= TALLY_PERIOD_DAYS - 1


def _modes_differ(ours: str | None, theirs: str | None) -> bool:
    """Modes that tell two happenings apart: an arrest is not a deportation. One battle's
    reports name its weapons differently ("killed by gunfire", "killed in shelling")."""
    if not ours or not theirs or ours == theirs:
        return False
    return not (ours in BATTLE_WEAPONS and theirs in BATTLE_WEAPONS)


def _tallies_differ(ours: int | None, theirs: int | None) -> bool:
    """Death tolls too far apart for two reports of one happening: tallies grow and
    outlets round (35 and 40 agree, 4 and 17 may), but not by an order of magnitude."""
    if not ours or not theirs or min(ours, theirs) < SMALLEST_TALLY:
        return False
    return max(ours, theirs) > TALLY_RATIO * min(ours, theirs)


def _countries(
    actors: tuple[Party, ...], recipients: tuple[Party, ...], place: PlaceView | None
) -> set[str]:
    found = {party.country for party in actors + recipients if party.country}
    if place is not None and place.country:
        found.add(place.country)
    return found


def _best_supported(values: list[int | None]) -> int | None:
    """The figure most mentions give (ties: the larger, the later tally); never a sum."""
    counted = Counter(value for value in values if value is not None)
    if not counted:
        return None
    return max(counted, key=lambda value: (counted[value], value))


def _parties(groups: list[tuple[Party, ...]]) -> tuple[Party, ...]:
    seen: list[Party] = []
    for group in groups:
        for party in group:
            if party not in seen:
                seen.append(party)
    return tuple(seen)


def _place(mentions: list[Mention]) -> PlaceView | None:
    """The most often named place, precise places before vague ones."""
    counted = Counter(m.place for m in mentions if m.place is not None)
    if not counted:
        return None
    return max(counted, key=lambda place: (place.precise, counted[place], -place.place_id))


def _story_outlets(mentions: list[Mention]) -> dict[str, str]:
    """Each independent story's outlet: the outlet of its first copy among ``mentions``."""
    first_of_story: dict[str, str] = {}
    for mention in sorted(mentions, key=lambda m: (m.published or "", m.event_id)):
        first_of_story.setdefault(mention.independent_source, mention.outlet or "unknown")
    return first_of_story


def outlets_of(mentions: list[Mention]) -> list[str]:
    """The outlets that carried the incident; a syndicated story counts once."""
    return sorted(set(_story_outlets(mentions).values()))


def claimants_of(mentions: list[Mention]) -> list[str]:
    """Who asserts the incident: twenty outlets quoting one general staff are one claimant,
    and a syndicated story in its own voice is one outlet's."""
    story_outlet = _story_outlets(mentions)
    return sorted(
        {
            mention.claimant
            if mention.speaker is not None
            else f"outlet:{story_outlet[mention.independent_source]}"
            for mention in mentions
        }
    )


def roll_up(mentions: list[Mention], denials: list[Mention]) -> Rollup:
    """The incident its ``mentions`` report (non-empty), answered by ``denials``."""
    tightest = min(mentions, key=lambda m: ((m.end - m.start).days, m.start, m.event_id))
    actors = _parties([m.actors for m in mentions])
    recipients = _parties([m.recipients for m in mentions])
    modes = Counter(m.mode for m in mentions if m.mode)
    rollup = Rollup(
        mode=modes.most_common(1)[0][0] if modes else None,
        start=tightest.start,
        end=tightest.end,
        actors=actors,
        recipients=recipients,
        place=_place(mentions),
        dead=_best_supported([m.dead for m in mentions]),
        injured=_best_supported([m.injured for m in mentions]),
        size=_best_supported([m.size for m in mentions]),
        verification="reported",
        reason="reported by its outlets, with no caveat",
        outlets=outlets_of(mentions),
        claimants=claimants_of(mentions),
    )
    _verify(rollup, mentions, denials)
    return rollup


def answers(speaker: Party, incident: IncidentView | Rollup) -> bool:
    """The speaker is a party to the incident (an actor or a recipient): its denial counts."""
    return any(parties_match(speaker, party) for party in incident.actors + incident.recipients)


def _verify(rollup: Rollup, mentions: list[Mention], denials: list[Mention]) -> None:
    """disputed > confirmed > corroborated > the strongest caveat > reported."""
    for denial in sorted(denials, key=lambda d: d.event_id):
        speaker = denial.speaker
        if speaker is not None and answers(speaker, rollup):
            rollup.verification = "disputed"
            rollup.reason = f"denied by {speaker.name}, a party to it"
            _because(rollup, denial)
            return
    for mention in mentions:
        speaker = mention.speaker
        if speaker is not None and any(parties_match(speaker, a) for a in rollup.actors):
            rollup.verification = "confirmed"
            rollup.reason = f"asserted by {speaker.name}, the acting party"
            _because(rollup, mention)
            return
    sources_of: dict[str, set[str]] = {}
    for mention in mentions:
        sources_of.setdefault(mention.claimant, set()).add(mention.independent_source)
    independent = {source for sources in sources_of.values() for source in sources}
    if len(sources_of) >= 2 and len(independent) >= 2:
        rollup.verification = "corroborated"
        rollup.reason = f"asserted by {len(sources_of)} independent claimants"
        _because(rollup, max(mentions, key=lambda m: (m.published or "", m.event_id)))
        return
    for caveat in CAVEATS:
        flagged = [m for m in mentions if m.verification == caveat]
        if flagged:
            rollup.verification = caveat
            rollup.reason = f"{caveat} in its only claimant's report"
            _because(rollup, flagged[0])
            return
    _because(rollup, min(mentions, key=lambda m: (m.published or "", m.event_id)))


def _because(rollup: Rollup, report: Mention) -> None:
    rollup.because_event, rollup.because_claim = report.event_id, report.claim_id
    rollup.changed_at = report.published
