"""The PLOVER ontology: event types, modes, contexts, quad classes and the CAMEO crosswalk.

Everything here is read from ``forewarn/data/plover.json`` and ``cameo_plover.tsv``, which
``tools/build_lexicon.py`` converts from the PLOVER manual, the PLOVER codebook and the
CAMEO2PLOVER table (provenance in ``forewarn/data/README.md``).

Choices the sources leave open, documented once here:

- ``modes_for`` is the union of the manual's mode tables and the codebook's modes. The
  codebook (2025) splits the manual's ASSAULT ``targeted`` into ``assassinate``, ``execute``
  and ``massacre`` and keeps ``cleansing``; both spellings are valid PLOVER.
- ``QUAD_CLASS`` is the manual's "Quad category" for each type. ``quad_classes`` adds what
  the eval README's scoring mapping also accepts: CONCEDE may be material cooperation, a
  REQUEST that is an appeal may be scored "statement", SANCTION may be verbal conflict.
- ``cameo_to_plover`` maps CAMEO 02x (appeals) to REQUEST, which the 2021 table leaves out,
  and codes 163 (sanctions, embargoes) as SANCTION ``discontinue`` as the manual says.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from forewarn.data import load_json, load_tsv

__all__ = [
    "CONTEXTS",
    "PLOVER_TYPES",
    "QUAD_CLASS",
    "QUAD_CLASSES",
    "PloverCoding",
    "cameo_codes",
    "cameo_label",
    "cameo_to_plover",
    "goldstein",
    "is_event_type",
    "mode_definition",
    "modes_for",
    "quad_classes",
    "type_definition",
]

QUAD_CLASSES = (
    "statement",
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
)


@cache
def _plover() -> dict[str, Any]:
    return load_json("plover.json")


# Tables of plover.json, built on first use rather than at import (``__getattr__``).
PLOVER_TYPES: tuple[str, ...]  # in PLOVER order
CONTEXTS: frozenset[str]
QUAD_CLASS: dict[str, str]  # type -> the manual's quad category
_PLOVER_TABLES: dict[str, Callable[[dict[str, Any]], Any]] = {
    "PLOVER_TYPES": lambda plover: tuple(plover["types"]),
    "CONTEXTS": lambda plover: frozenset(plover["contexts"]),
    "QUAD_CLASS": lambda plover: {name: t["quad_class"] for name, t in plover["types"].items()},
}


def __getattr__(name: str) -> Any:
    if name not in _PLOVER_TABLES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    # kept as a module global: later lookups no longer come here
    value = globals()[name] = _PLOVER_TABLES[name](_plover())
    return value


@dataclass(frozen=True, slots=True)
class PloverCoding:
    """A PLOVER event coding: what (type), how (mode), why (context)."""

    event_type: str
    mode: str | None
    context: tuple[str, ...]


def is_event_type(name: str) -> bool:
    return name in _plover()["types"]


def _type(event_type: str) -> dict[str, Any]:
    try:
        return _plover()["types"][event_type]
    except KeyError:
        raise ValueError(
            f"unknown PLOVER event type {event_type!r}: "
            f"expected one of {', '.join(_plover()['types'])}"
        ) from None


def modes_for(event_type: str) -> frozenset[str]:
    """The modes PLOVER defines for ``event_type`` (empty for types without modes)."""
    return frozenset(_type(event_type)["modes"])


def type_definition(event_type: str) -> str:
    return _type(event_type)["definition"]


def mode_definition(event_type: str, mode: str) -> str | None:
    entry = _type(event_type)["modes"].get(mode)
    return entry["definition"] if entry else None


def quad_classes(event_type: str) -> frozenset[str]:
    """Every quad class the scoring mapping allows for ``event_type`` (lenient scoring)."""
    return frozenset(_type(event_type)["quad_classes"])


def goldstein(event_type: str, mode: str | None = None) -> float | None:
    """The manual's PLOVER conflict-cooperation score (-10..+10) of a type or type+mode.

    A mode the score table does not list falls back to its type's score.
    """
    entry = _type(event_type)
    if mode is not None:
        mode_entry = entry["modes"].get(mode)
        if mode_entry and mode_entry.get("goldstein") is not None:
            return float(mode_entry["goldstein"])
    score = entry.get("goldstein")
    return None if score is None else float(score)


# --------------------------------------------------------------------------- CAMEO


@cache
def _crosswalk() -> dict[str, dict[str, str]]:
    """CAMEO code -> its row of ``cameo_plover.tsv`` (fields named by the header), in file
    order."""
    header, *rows = load_tsv("cameo_plover.tsv")
    return {row[0]: dict(zip(header, row, strict=True)) for row in rows}


def cameo_codes() -> tuple[str, ...]:
    """Every CAMEO code the crosswalk has a row for, roots ("02") included, in file order."""
    return tuple(_crosswalk())


def _normalise_code(cameo_code: str) -> str:
    return str(cameo_code).strip().split(":")[0].lstrip(":")


def cameo_to_plover(cameo_code: str) -> PloverCoding | None:
    """The PLOVER coding of a CAMEO event code, or None when PLOVER has no event for it.

    A code without its own row falls back to its parent ("0234" -> "023" -> "02"); CAMEO
    01x (public statements) and unknown roots give None.
    """
    code = _normalise_code(cameo_code)
    table = _crosswalk()
    while code:
        row = table.get(code)
        if row is not None:
            context = tuple(c for c in row["context"].split(";") if c)
            return PloverCoding(row["event_type"], row["mode"] or None, context)
        if len(code) <= 2:
            return None
        code = code[:-1]
    return None


def cameo_label(cameo_code: str) -> str | None:
    """The CAMEO label of a code ("173" -> "Arrest, detain, or charge with legal action")."""
    code = _normalise_code(cameo_code)
    label = _plover()["cameo_labels"].get(code)
    if label:
        return label
    row = _crosswalk().get(code)
    return row["label"] if row and row["label"] else None
