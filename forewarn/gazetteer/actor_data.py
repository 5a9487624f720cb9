"""The actor gazetteer's data: entries, roles and agent nouns, read from JSONL files.

Built-in files live in ``forewarn/data/actors`` (formats in its README); user files
(``--actors``) use the same formats and are validated line by line, so that a mistake is
reported as ``FILE:LINE: what is wrong; expected ...``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from forewarn.data import load_text, load_words
from forewarn.errors import ConfigError
from forewarn.gazetteer.text import phrase_tokens

__all__ = [
    "KIND_LABELS",
    "TERRITORIAL_KINDS",
    "Agent",
    "Entry",
    "Role",
    "entry_from_row",
    "pluralize",
    "read_builtin",
    "read_user_file",
]

# kind -> (span label, rank when two entries share a form: the more specific wins).
KIND_LABELS: dict[str, tuple[str, int]] = {
    "person": ("PERSON", 0),
    "institution": ("INSTITUTION", 1),
    "group": ("GROUP", 2),
    "igo": ("IGO", 3),
    "ngo": ("IGO", 3),  # international NGOs share igos.jsonl and, in spans, its label
    "media": ("MEDIA", 4),
    "region": ("REGION", 5),
    "country": ("COUNTRY", 6),
}

TERRITORIAL_KINDS = frozenset({"country", "region"})
# An id's prefix says its kind when a user entry has no "kind".
_KIND_OF_PREFIX = {
    "person": "person",
    "country": "country",
    "region": "region",
    "igo": "igo",
    "ngo": "ngo",
    "group": "group",
    "org": "institution",
    "media": "media",
}
DEFAULT_KIND = "group"
# Built-in files in load order; country_names.jsonl is merged into countries.jsonl by id.
BUILTIN_FILES = (
    "countries.jsonl",
    "regions.jsonl",
    "igos.jsonl",
    "groups.jsonl",
    "institutions.jsonl",
    "media.jsonl",
    "people.jsonl",
)
_ISO3 = re.compile(r"^[A-Z]{3}$")
_SECTOR = re.compile(r"^[A-Z]{2,5}$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_ORG_FORMAT = '{"id", "name", "aliases": [...], "country": ISO3|null, "sector": CODE|null, "kind"?}'
_PERSON_FORMAT = (
    '{"id", "name", "aliases": [...], "roles": [{"country", "sector", "title", '
    '"start": "YYYY-MM-DD"|null, "end": ...|null}]}'
)


@dataclass(frozen=True, slots=True)
class Role:
    """A post a person holds from ``start`` (inclusive) to ``end`` (exclusive; None: ongoing)."""

    country: str | None
    sector: str | None
    title: str | None = None
    start: date | None = None
    end: date | None = None

    def distance(self, day: date) -> int:
        """Days between ``day`` and this role (0 while the role is held)."""
        if self.start is not None and day < self.start:
            return (self.start - day).days
        if self.end is not None and day >= self.end:
            return (day - self.end).days + 1
        return 0


@dataclass(frozen=True, slots=True, eq=False)
class Entry:
    """A named actor: a country, region, organisation or person, and every name it goes by."""

    id: str
    kind: str
    name: str
    country: str | None
    sector: str | None
    names: tuple[str, ...] = ()  # name, aliases and adjectives
    metonyms: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    user: bool = False  # from a user file: wins when it shares a form with a built-in entry
    # Forms only the generated countries.jsonl vouches for (Phoenix spellings, GeoNames capitals):
    # they yield to a hand-curated entry with the same form ("Belgrade" is Serbia, not the old
    # Serbia and Montenegro; "Brussels" the EU).
    generated: frozenset[str] = frozenset()

    def role_on(self, day: date | None) -> Role | None:
        """The role held on ``day``, else the nearest in time; without a day, the latest."""
        if not self.roles:
            return None
        if day is None:
            return max(
                self.roles,
                key=lambda r: (r.end is None, r.end or date.min, r.start or date.min),
            )
        return min(self.roles, key=lambda r: (r.distance(day), -(r.start or date.min).toordinal()))


@dataclass(frozen=True, slots=True)
class Agent:
    """An agent noun's sector; ``generic`` nouns yield to specific ones, and nouns that are not
    ``standalone`` ("forces", "delegation") need a territory or another agent noun."""

    sector: str
    generic: bool = False
    standalone: bool = True


# -- reading the data -------------------------------------------------------------------------


def _rows(text: str, source: str) -> Iterable[tuple[int, dict[str, Any]]]:
    """(line number, object) of a JSONL text; blank, ``//`` and ``_comment`` lines skipped."""
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise ConfigError(
                f"{source}:{number}: not valid JSON ({error.msg}); "
                "expected one JSON object per line"
            ) from None
        if not isinstance(row, dict):
            raise ConfigError(
                f"{source}:{number}: found a JSON {type(row).__name__}; "
                f"expected an object such as {_ORG_FORMAT}"
            )
        if set(row) == {"_comment"}:
            continue
        yield number, row


def _invalid(where: str, what: str, expected: str) -> ConfigError:
    return ConfigError(f"{where}: {what}; expected {expected}")


# Names are written into line-oriented exports and terminal tables: no tab, line break or
# other control character in them.
_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f]")


def _text(row: dict[str, Any], key: str, where: str, required: bool = False) -> str | None:
    value = row.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip() or _CONTROL_RE.search(value):
        found = "missing" if value is None else f"{value!r}"
        raise _invalid(where, f'"{key}" is {found}', "a non-empty string on one line")
    return value.strip()


def _texts(row: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = row.get(key) or []
    if not isinstance(value, list) or not all(
        isinstance(v, str) and not _CONTROL_RE.search(v) for v in value
    ):
        raise _invalid(where, f'"{key}" is {value!r}', "a list of strings, each on one line")
    return tuple(v.strip() for v in value if v.strip())


def _code(row: dict[str, Any], key: str, where: str, pattern: re.Pattern[str]) -> str | None:
    value = row.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not pattern.match(value):
        expected = 'an ISO 3166-1 alpha-3 code such as "MDA", or null'
        if key == "sector":
            expected = 'a PLOVER/CAMEO sector code such as "GOV" or "MIL", or null'
        raise _invalid(where, f'"{key}" is {value!r}', expected)
    return value


def _date(value: Any, key: str, where: str) -> date | None:
    if value is None:
        return None
    match = _DATE.match(value) if isinstance(value, str) else None
    try:
        if match is None:
            raise ValueError
        year, month, day = (int(g) if g else 1 for g in match.groups())
        return date(year, month, day)
    except ValueError:
        raise _invalid(  # noqa: B904 - the ValueError says nothing the message does not
            where, f'role "{key}" is {value!r}', '"YYYY-MM-DD" (or YYYY-MM, YYYY) or null'
        )


def _roles(row: dict[str, Any], where: str) -> tuple[Role, ...]:
    value = row.get("roles") or []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise _invalid(where, f'"roles" is {value!r}', f"a list of role objects: {_PERSON_FORMAT}")
    roles = []
    for item in value:
        role = Role(
            _code(item, "country", where, _ISO3),
            _code(item, "sector", where, _SECTOR),
            _text(item, "title", where),
            _date(item.get("start"), "start", where),
            _date(item.get("end"), "end", where),
        )
        if role.start and role.end and role.end <= role.start:
            raise _invalid(where, f"a role ends ({role.end}) before it starts", "end after start")
        roles.append(role)
    return tuple(roles)


def entry_from_row(
    row: dict[str, Any], where: str, user: bool = False, generated: frozenset[str] = frozenset()
) -> Entry:
    """An Entry from one JSONL object (an organisation, a territory or a person)."""
    actor_id = _text(row, "id", where, required=True)
    name = _text(row, "name", where, required=True)
    assert actor_id is not None and name is not None
    kind = row.get("kind")
    if kind is None:
        prefix = actor_id.split(":", 1)[0].lower() if ":" in actor_id else ""
        kind = "person" if "roles" in row else _KIND_OF_PREFIX.get(prefix, DEFAULT_KIND)
    if kind not in KIND_LABELS:
        raise _invalid(where, f'"kind" is {kind!r}', f"one of {', '.join(KIND_LABELS)}")
    names = (name, *_texts(row, "aliases", where), *_texts(row, "adjectives", where))
    return Entry(
        id=actor_id,
        kind=kind,
        name=name,
        country=_code(row, "country", where, _ISO3),
        sector=_code(row, "sector", where, _SECTOR),
        names=tuple(dict.fromkeys(names)),
        metonyms=_texts(row, "metonyms", where),
        roles=_roles(row, where),
        user=user,
        generated=generated,
    )


def read_user_file(path: Path) -> list[Entry]:
    """Entries of a user ``--actors`` file; ConfigError names the line that is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(
            f"{path}: cannot be read ({error}); expected a UTF-8 JSONL file"
        ) from None
    return [entry_from_row(row, f"{path}:{n}", user=True) for n, row in _rows(text, str(path))]


def _builtin_rows(name: str) -> list[tuple[str, dict[str, Any]]]:
    """Rows of a packaged file, checked as a user file is: a mistake names its line."""
    source = f"forewarn/data/actors/{name}"
    return [(f"{source}:{n}", row) for n, row in _rows(load_text(f"actors/{name}"), source)]


def read_builtin() -> tuple[list[Entry], dict[tuple[str, ...], Agent]]:
    """The packaged entries (countries merged with their curated names) and agent nouns."""
    curated = {row["id"]: row for _, row in _builtin_rows("country_names.jsonl")}
    entries = []
    for name in BUILTIN_FILES:
        for where, row in _builtin_rows(name):
            generated: frozenset[str] = frozenset()
            if name == "countries.jsonl":
                row, generated = _merge_country(row, curated.get(row.get("id"), {}))
            entries.append(entry_from_row(row, where, generated=generated))
    return entries, _read_agents()


def _merge_country(
    row: dict[str, Any], extra: dict[str, Any]
) -> tuple[dict[str, Any], frozenset[str]]:
    """A generated country with its curated names, and the forms only the generator gave."""
    keys = ("aliases", "adjectives", "metonyms")
    curated = {extra.get("name"), *(f for key in keys for f in extra.get(key) or [])}
    generated = {row["name"], *(f for key in keys for f in row.get(key) or [])} - curated
    merged = dict(row)
    merged["name"] = extra.get("name") or row["name"]
    for key in ("aliases", "adjectives", "metonyms"):
        merged[key] = [*(extra.get(key) or []), *(row.get(key) or [])]
    if merged["name"] != row["name"]:
        merged["aliases"].append(row["name"])
    return merged, frozenset(generated)


def _read_agents() -> dict[tuple[str, ...], Agent]:
    rows = [row for _, row in _builtin_rows("agents.jsonl")]
    agents: dict[tuple[str, ...], Agent] = {}
    # Listed forms first, so that a generated plural never overrides a listed term.
    for plural in (False, True):
        for row in rows:
            agent = Agent(row["sector"], row.get("generic", False), row.get("standalone", True))
            for term in row["terms"]:
                form = pluralize(term) if plural else term
                agents.setdefault(tuple(t.lower() for t in phrase_tokens(form)), agent)
    return agents


def pluralize(term: str) -> str:
    """English plural of an agent term's head: "ministry of defence" -> "ministries of defence"."""
    head, sep, rest = term.partition(" of ")
    words = head.split(" ")
    word = words[-1]
    if word in load_words("actors/uncountable_nouns.txt") or word.endswith("s"):
        return term
    if word.endswith(("x", "z", "ch", "sh")):
        word += "es"
    elif word.endswith("man"):
        word = word[:-3] + "men"
    elif word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        word = word[:-1] + "ies"
    else:
        word += "s"
    return " ".join([*words[:-1], word]) + sep + rest
