"""The claim component's word lists: reporting verbs with their stance, channels, hedges.

Everything comes from ``forewarn/data/claims/``; a user can point the component at another
directory with the same files (``lexicon_dir``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Literal

from forewarn.data import data_path, load_words

__all__ = [
    "ClaimLexicon",
    "ClaimStance",
    "CueEntry",
    "channel_verbs",
    "lexicon_directory",
    "load_claim_lexicon",
]

ClaimStance = Literal["assert", "deny", "accuse", "promise", "warn", "demand", "other"]


def lexicon_directory(directory: str | None) -> Traversable:
    """Where the claim word lists are read from: a user's ``directory`` with the same files,
    else the packaged ``claims/`` data."""
    return Path(directory) if directory else data_path("claims")


def channel_verbs() -> frozenset[str]:
    """Verbs whose prepositional phrases name a claim's medium ("speaking on Channel One")."""
    return load_words("claims/channel_verbs.txt")


@dataclass(frozen=True, slots=True)
class CueEntry:
    """One reporting verb: its stance and which content frames it licenses."""

    lemma: str
    stance: ClaimStance
    # speech: clause, object or quote; clause: clause or infinitive only;
    # transitive: object (+ of/for phrase) or clause; phrase: needs a particle ("call for");
    # quote: only as a quote frame ('"...," he continued').
    frame: str
    verification: bool = False
    particles: tuple[str, ...] = ()
    # with particles: also "called X Y" (object + predicate) when no particle follows
    naming: bool = False
    # belief, intention or evaluation ("think", "want", "support") rather than an act of saying:
    # a claim only with a holder, and not when it is part of another speaker's claim
    mental: bool = False


@dataclass(frozen=True, slots=True)
class ClaimLexicon:
    """Everything the claim component knows about English reporting language."""

    cues: dict[str, CueEntry]
    channel_media: frozenset[str]
    channel_genres: frozenset[str]
    audience_heads: frozenset[str]
    channel_preps: frozenset[str]
    hedge_adverbs: frozenset[str]
    hedge_sources: frozenset[str]
    backreference_nouns: frozenset[str]
    person_nouns: frozenset[str]
    contrast_marks: frozenset[str]


@lru_cache(maxsize=4)
def load_claim_lexicon(directory: str | None = None) -> ClaimLexicon:
    """Read ``cues.jsonl`` and ``lexicon.json`` from ``directory`` (default: packaged data)."""
    base = lexicon_directory(directory)
    cues: dict[str, CueEntry] = {}
    for line in base.joinpath("cues.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            cues[row["lemma"]] = CueEntry(
                lemma=row["lemma"],
                stance=row["stance"],
                frame=row["frame"],
                verification=bool(row.get("verification", False)),
                particles=tuple(row.get("particles", ())),
                naming=bool(row.get("naming", False)),
                mental=bool(row.get("mental", False)),
            )
    words = json.loads(base.joinpath("lexicon.json").read_text(encoding="utf-8"))
    return ClaimLexicon(
        cues=cues,
        **{key: frozenset(words[key]) for key in ClaimLexicon.__slots__ if key != "cues"},
    )
