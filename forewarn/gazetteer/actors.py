"""Resolve actor mentions ("Russian Foreign Minister Sergei Lavrov", "the Kremlin") to Actors.

The knowledge is the package's own data (``forewarn/data/actors``, described in its README):
countries (generated) merged by id with hand-curated names, breakaway regions, IGOs, armed groups,
state institutions, media, people with dated roles, and agent nouns ("troops" -> MIL). Users add
entries with JSONL files (``--actors``) in the same formats; a user entry replaces a built-in entry
with the same id.

Which actor a noun phrase names, in order (see :meth:`ActorGazetteer.resolve`):

1. a known person anywhere in the phrase, with the role held on the article's date; a person in
   the possessive before an agent noun ("Putin's spokesman") only lends the country;
2. a named organisation (institution, IGO, group, media), longest match first;
3. a country or region (name, adjective, capital or seat) combined with an agent noun: the
   agent's sector, the territory's country ("Iraqi troops" -> IRQ MIL); without an agent noun,
   the government of that territory;
4. an agent noun alone ("protesters" -> CVL), when the noun can stand alone.

Matching works on tokens, so every alias is looked up by its lowercase token tuple: a phrase is
checked n-gram by n-gram, never by scanning the aliases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Generic, TypeVar

from forewarn.data import load_words
from forewarn.errors import ConfigError
from forewarn.gazetteer.actor_data import (
    KIND_LABELS,
    TERRITORIAL_KINDS,
    Agent,
    Entry,
    Role,
    entry_from_row,
    pluralize,
    read_builtin,
    read_user_file,
)
from forewarn.gazetteer.text import is_case_sensitive, phrase_tokens
from forewarn.records import Actor

__all__ = [
    "ActorGazetteer",
    "Agent",
    "Entry",
    "Role",
    "entry_from_row",
    "is_case_sensitive",
    "phrase_tokens",
    "pluralize",
    "read_builtin",
    "read_user_file",
]

# Resolutions remembered per gazetteer: a corpus repeats the same few thousand mentions.
RESOLVE_CACHE_SIZE = 65_536

# Words that open a noun phrase without naming anything ("his Moldovan counterpart").
_DETERMINERS_FILE = "actors/determiners.txt"
# A preposition or relative word ends the phrase's head (actors/phrase_boundaries.txt); after
# it, a territory still modifies the head through "of", "in" and "from" ("authorities in
# Transnistria"), but not through "outside", "to" and the like ("protesters outside the Russian
# embassy").
_BOUNDARIES_FILE = "actors/phrase_boundaries.txt"
_MODIFYING_BOUNDARIES = frozenset({"of", "in", "from"})
_RELATIVE_WORDS = frozenset({"who", "which", "whose", "whom", "that"})
_RELATIVE_CLAUSE = re.compile(r",?\s+(?:who|which|whose|whom|that)\b")
# "pro-Russian separatists" are not Russian.
_STANCE_PREFIXES = frozenset({"pro", "anti"})


@cache
def _leading_determiners() -> re.Pattern[str]:
    words = sorted(load_words(_DETERMINERS_FILE))
    return re.compile(r"^(?:(?:" + "|".join(words) + r")\s+)+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Form:
    """One surface form of an entry, as indexed."""

    entry: Entry
    metonym: bool
    exact: tuple[str, ...] | None  # tokens that must match with their case (short acronyms)
    needs_capital: bool  # a one-word name ("Turkey", "Chad") must be capitalised in the text
    generated: bool  # only the generated country list has it

    @property
    def rank(self) -> tuple[bool, bool, bool, int]:
        """Sort key among entries sharing a form: user entries, curated forms, names before
        metonyms, then the more specific kind; a seat of government ("Addis Ababa") means the
        territory's government before an organisation based there."""
        kind = self.entry.kind
        kind_rank = KIND_LABELS[kind][1]
        if self.metonym and kind in TERRITORIAL_KINDS:
            kind_rank = -1
        return (not self.entry.user, self.generated, self.metonym, kind_rank)


# What a match found: a named entry's form, or an agent noun.
Found = TypeVar("Found", "_Form", "Agent")


@dataclass(frozen=True, slots=True)
class _Match(Generic[Found]):
    start: int
    end: int
    value: Found

    @property
    def size(self) -> int:
        return self.end - self.start


class ActorGazetteer:
    """Actor names, aliases, adjectives, metonyms and agent nouns, indexed by token n-grams."""

    def __init__(self, entries: Iterable[Entry], agents: dict[tuple[str, ...], Agent]) -> None:
        self._entries: dict[str, Entry] = {}
        for entry in entries:  # later entries (user files) replace earlier ones with their id
            self._entries[entry.id] = entry
        self._agents = agents
        self._agent_span = max((len(k) for k in agents), default=0)
        self._index: dict[tuple[str, ...], list[_Form]] = {}
        self._surfaces: dict[tuple[str, ...], list[str]] = {}
        for entry in self._entries.values():
            self._index_entry(entry)
        for forms in self._index.values():
            forms.sort(key=lambda f: f.rank)
        self._span = max((len(k) for k in self._index), default=0)
        self._resolve_cached = lru_cache(maxsize=RESOLVE_CACHE_SIZE)(self._resolve)

    @classmethod
    def load(cls, extra_files: Sequence[Path | str] = ()) -> ActorGazetteer:
        """Built-in data plus user files; built once per process for each tuple of files.

        Raises ConfigError naming the file and line when a user file is malformed.
        """
        return _load(tuple(Path(p).resolve() for p in extra_files))

    # -- building -------------------------------------------------------------------------------

    def _index_entry(self, entry: Entry) -> None:
        for surface in entry.names:
            self._add_form(surface, entry, metonym=False)
        for surface in entry.metonyms:
            self._add_form(surface, entry, metonym=True)

    def _add_form(self, original: str, entry: Entry, metonym: bool) -> None:
        surface = _strip_article(original)
        tokens = phrase_tokens(surface)
        if not tokens:
            return
        key = tuple(t.lower() for t in tokens)
        surfaces = self._surfaces.setdefault(key, [])
        if surface not in surfaces:  # "Chișinău" and "Chisinau" share a key, not a spelling
            surfaces.append(surface)
        forms = self._index.setdefault(key, [])
        if any(f.entry is entry for f in forms):
            return
        exact = tuple(tokens) if is_case_sensitive(surface) else None
        needs_capital = len(tokens) == 1 and surface != surface.lower()
        forms.append(_Form(entry, metonym, exact, needs_capital, original in entry.generated))

    # -- queries --------------------------------------------------------------------------------

    def resolve(self, text: str, as_of: date | None = None) -> Actor | None:
        """The actor a noun phrase names, or None when nothing in it is an actor.

        ``as_of`` picks a person's role: the role held on that date, else the nearest in time;
        without a date, the latest role.
        """
        found = self._resolve_cached(text, as_of)  # text stays as given in the Actor
        if found is None:
            return None
        name, country, sector, actor_id = found
        return Actor(text=text, name=name, country=country, sector=sector, id=actor_id)

    def is_metonym(self, text: str) -> bool:
        """Whether the phrase is a seat of power standing for a government ("the Kremlin")."""
        tokens = phrase_tokens(text)
        determiners = load_words(_DETERMINERS_FILE)
        while tokens and tokens[0].lower() in determiners:
            tokens = tokens[1:]
        form = self._form_at(tokens, [t.lower() for t in tokens], 0, len(tokens))
        return form is not None and form.metonym

    def country_of(self, text: str) -> str | None:
        """ISO3 of the country (or a region's parent state) a phrase names, if any."""
        tokens = phrase_tokens(text)
        lowered = [t.lower() for t in tokens]
        territorial = [
            m
            for m in self._named_matches(tokens, lowered)
            if m.value.entry.kind in TERRITORIAL_KINDS and m.value.entry.country
        ]
        if not territorial:
            return None
        return max(territorial, key=lambda m: (m.size, -m.start)).value.entry.country

    def entries(self) -> Iterable[tuple[str, str, str]]:
        """(surface form, span label, id) of every name, alias, adjective and metonym.

        One triple per distinct form (the entry :meth:`resolve` would pick); agent nouns are
        left out: they are resolved from whole noun phrases.
        """
        for key, forms in self._index.items():
            form = forms[0]
            label = "METONYM" if form.metonym else KIND_LABELS[form.entry.kind][0]
            for surface in self._surfaces[key]:
                yield surface, label, form.entry.id

    def entry(self, actor_id: str) -> Entry | None:
        """The entry behind an id (for callers that want a person's roles or a region's kind)."""
        return self._entries.get(actor_id)

    # -- resolution -----------------------------------------------------------------------------

    def _form_at(self, tokens: list[str], lowered: list[str], start: int, end: int) -> _Form | None:
        forms = self._index.get(tuple(lowered[start:end]))
        if not forms:
            return None
        for form in forms:
            if form.exact is not None and tuple(tokens[start:end]) != form.exact:
                continue
            if form.needs_capital and tokens[start].islower():
                continue
            return form
        return None

    def _named_matches(self, tokens: list[str], lowered: list[str]) -> list[_Match[_Form]]:
        """Longest non-overlapping named matches, left to right."""
        found: list[_Match[_Form]] = []
        for start in range(len(tokens)):
            for end in range(min(len(tokens), start + self._span), start, -1):
                form = self._form_at(tokens, lowered, start, end)
                if form is not None:
                    found.append(_Match(start, end, form))
                    break
        return _longest_first(found)

    def _agent_matches(self, lowered: list[str]) -> list[_Match[Agent]]:
        found: list[_Match[Agent]] = []
        for start in range(len(lowered)):
            for end in range(min(len(lowered), start + self._agent_span), start, -1):
                agent = self._agents.get(tuple(lowered[start:end]))
                if agent is not None:
                    found.append(_Match(start, end, agent))
                    break
        return _longest_first(found)

    def _resolve(
        self, text: str, as_of: date | None
    ) -> tuple[str, str | None, str | None, str | None] | None:
        tokens = phrase_tokens(text)
        lowered = [t.lower() for t in tokens]
        # A relative clause is not part of the mention: "the ministry, which cited Putin".
        cut = next(
            (
                i
                for i, w in enumerate(lowered)
                if i and w in _RELATIVE_WORDS and not tokens[i].isupper()  # "the WHO"
            ),
            None,
        )
        if cut is not None:
            tokens, lowered = tokens[:cut], lowered[:cut]
            text = _RELATIVE_CLAUSE.split(text, maxsplit=1)[0]
        named = self._named_matches(tokens, lowered)
        agents = self._agent_matches(lowered)
        # An organisation alias that is also an agent noun ("Security Council", "Congress")
        # is that agent when a territory says whose it is ("Russia's Security Council").
        if any(m.value.entry.kind in TERRITORIAL_KINDS for m in named):
            agent_spans = {(m.start, m.end) for m in agents}
            named = [
                m
                for m in named
                if (m.start, m.end) not in agent_spans
                or m.value.entry.kind in TERRITORIAL_KINDS | {"person"}
            ]
        # Elsewhere a name owns its words: "United States" holds no agent "states".
        in_names = {i for m in named for i in range(m.start, m.end)}
        agents = [m for m in agents if in_names.isdisjoint(range(m.start, m.end))]
        zones = _zones(lowered, [*named, *agents])

        people = [m for m in named if m.value.entry.kind == "person"]
        lenders: list[_Match[_Form]] = []  # possessive persons that only lend their country
        if people:
            own = [m for m in people if not (_possessive(lowered, m.end) and _after(agents, m))]
            if own:
                best = max(own, key=lambda m: (m.size, m.start))
                return _person(best.value.entry, as_of)
            lenders = people

        organisations = [
            m
            for m in named
            if m.value.entry.kind not in TERRITORIAL_KINDS | {"person"}
            and zones[m.start] != _OUTSIDE
        ]
        if organisations:
            best = min(organisations, key=lambda m: (zones[m.start], -m.size, m.start))
            entry = best.value.entry
            return entry.name, entry.country, entry.sector, entry.id

        territories = [
            m
            for m in named
            if m.value.entry.kind in TERRITORIAL_KINDS
            and zones[m.start] != _OUTSIDE
            and not _stance_prefixed(lowered, m.start)
        ]
        territory = min(territories, key=lambda m: (zones[m.start], -m.size, m.start), default=None)
        country = territory.value.entry.country if territory else None
        if territory is None and lenders:
            country = _person(lenders[0].value.entry, as_of)[1]
        modified = territory is not None or bool(lenders)

        agent = _head_agent(agents, zones, modified)
        if agent is not None:
            return _strip_determiners(text), country, agent.sector, None
        if territory is not None:
            entry = territory.value.entry
            return entry.name, entry.country, entry.sector or "GOV", entry.id
        return None


_HEAD, _MODIFIER, _OUTSIDE = 0, 1, 2


def _zones(lowered: list[str], matches: Sequence[_Match[_Form] | _Match[Agent]]) -> list[int]:
    """Per token: in the head (before any preposition), in an "of/in/from" modifier, or outside."""
    inside = {i for m in matches for i in range(m.start, m.end)}
    boundaries = load_words(_BOUNDARIES_FILE)
    zones: list[int] = []
    zone = _HEAD
    for i, word in enumerate(lowered):
        if i not in inside and word in boundaries:
            zone = max(zone, _MODIFIER if word in _MODIFYING_BOUNDARIES else _OUTSIDE)
        zones.append(zone)
    return zones


def _head_agent(agents: list[_Match[Agent]], zones: list[int], modified: bool) -> Agent | None:
    """The agent noun that says what the phrase is.

    Specific nouns beat those that need a modifier ("rebel forces" are rebels), which beat
    generic role nouns ("defence ministry spokesman" is MIL); then the head zone; then the
    rightmost noun, English's head position.
    """
    candidates = [m for m in agents if zones[m.start] != _OUTSIDE]
    if not candidates:
        return None
    # A noun that cannot stand alone ("forces", "the delegation") needs a territory or another
    # agent noun to be an actor.
    if not modified and all(not m.value.standalone for m in candidates):
        return None
    best = min(
        candidates,
        key=lambda m: (m.value.generic, not m.value.standalone, zones[m.start], -m.end),
    )
    return best.value


def _longest_first(found: list[_Match[Found]]) -> list[_Match[Found]]:
    chosen: list[_Match[Found]] = []
    taken: set[int] = set()
    for match in sorted(found, key=lambda m: (-m.size, m.start)):
        if taken.isdisjoint(range(match.start, match.end)):
            chosen.append(match)
            taken.update(range(match.start, match.end))
    return sorted(chosen, key=lambda m: m.start)


def _possessive(lowered: list[str], end: int) -> bool:
    return end < len(lowered) and lowered[end] == "'"


def _after(agents: list[_Match[Agent]], match: _Match[_Form]) -> bool:
    return any(a.start >= match.end for a in agents)


def _stance_prefixed(lowered: list[str], start: int) -> bool:
    return start >= 2 and lowered[start - 1] == "-" and lowered[start - 2] in _STANCE_PREFIXES


def _strip_article(surface: str) -> str:
    """ "the Kremlin" is indexed as "Kremlin": found with or without its article."""
    words = surface.split(" ", 1)
    return words[1] if len(words) == 2 and words[0].lower() == "the" else surface


def _strip_determiners(text: str) -> str:
    return _leading_determiners().sub("", text.strip()) or text.strip()


def _person(entry: Entry, as_of: date | None) -> tuple[str, str | None, str | None, str | None]:
    role = entry.role_on(as_of)
    if role is None:
        return entry.name, entry.country, entry.sector, entry.id
    return entry.name, role.country, role.sector, entry.id


@lru_cache(maxsize=8)
def _load(extra_files: tuple[Path, ...]) -> ActorGazetteer:
    entries, agents = read_builtin()
    for path in extra_files:
        if not path.is_file():
            raise ConfigError(f"{path}: actor file not found; expected a JSONL file of actors")
        entries.extend(read_user_file(path))
    return ActorGazetteer(entries, agents)
