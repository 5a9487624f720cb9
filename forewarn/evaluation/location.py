"""`forewarn eval location`: does the place attached to an event trigger match the gold span?

Gold: event_location.dev.jsonl (see ../shared/eval/README.md), one sentence per row with one
event verb (character offsets) and zero or more spans naming where it happened. Each sentence
runs through the full pipeline (entities, actor spans, events), then
:func:`forewarn.extraction.event_place.event_place` is asked about the gold verb's token,
with the event stage's actors and recipients excluded when the verb is one of its triggers.

``location_accuracy`` is the share of rows where the predicted span overlaps a gold span, or
where neither exists. Counts of the four outcomes are reported alongside.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from forewarn.evaluation.folds import split_folds
from forewarn.evaluation.gold import read_gold
from forewarn.extraction.event_place import event_place

__all__ = ["BATCH_SIZE", "score_location", "verb_token"]

# Sentences are short: larger batches than the article default keep the parser busy.
BATCH_SIZE = 256


def verb_token(doc: Doc, start: int, end: int) -> Token | None:
    """The token the gold verb's character offsets fall on (its first, for a split word)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None and len(span):
        return span.root if len(span) > 1 else span[0]
    return next((t for t in doc if t.idx <= start < t.idx + len(t.text)), None)


def _excluded(token: Token) -> set[int]:
    for mention in token.doc._.event_mentions or []:
        if mention.trigger.i == token.i:
            return {t.i for t in (*mention.actors, *mention.recipients)}
    return set()


def score_location(gold_path: Path, nlp: Language, limit: int | None = None) -> dict[str, Any]:
    """The metrics over the whole file, and on each of its :func:`split_folds` folds."""
    rows = list(read_gold(gold_path, limit))
    docs = nlp.pipe((row["text"] for row in rows), batch_size=BATCH_SIZE)
    outcomes = [_outcome(row, doc) for row, doc in zip(rows, docs, strict=True)]
    metrics = _metrics(outcomes)
    metrics["folds"] = {
        str(number): _metrics(fold)
        for number, fold in enumerate(split_folds(outcomes, [str(row["id"]) for row in rows]))
    }
    return metrics


def _outcome(row: dict[str, Any], doc: Doc) -> str:
    gold = [(g["start"], g["end"]) for g in row.get("locations") or []]
    verb = row["verb"]
    token = verb_token(doc, verb["start"], verb["end"])
    place = event_place(token, _excluded(token)) if token is not None else None
    if place is None:
        return "both_empty" if not gold else "missed"
    if not gold:
        return "spurious"
    if any(place.start_char < end and start < place.end_char for start, end in gold):
        return "overlap"
    return "wrong_span"


def _metrics(outcomes: list[str]) -> dict[str, Any]:
    counts = Counter(outcomes)
    correct = counts["overlap"] + counts["both_empty"]
    return {
        "rows": len(outcomes),
        "location_accuracy": round(correct / len(outcomes), 4) if outcomes else None,
        **{
            name: counts[name]
            for name in ("overlap", "both_empty", "missed", "spurious", "wrong_span")
        },
    }
