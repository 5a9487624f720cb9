"""`forewarn eval location`: does the place attached to an event trigger match the gold span?

Gold: event_location.dev.jsonl (see ../shared/eval/README.md), one sentence per row with one
event verb (character offsets) and zero or more spans naming where it happened. Each sentence
runs through the full pipeline (entities, actor spans, events), then
:func:`forewarn.extraction.event_place.event_place` is asked about the gold verb's token,
with the event stage's actors and recipients excluded when the verb is one of its triggers.

``location_accuracy`` is the share of rows where the predicted span overlaps a gold span, or
where neither exists. Counts of the four outcomes are reported alongside.

``end_to_end_accuracy`` is what a user gets: the pipeline's own event at the gold verb (an
event mention whose trigger is the verb's token), right when it exists and its place overlaps
a gold span or neither has one. A verb the pipeline found no event at is wrong whatever the
gold place: the user has no event to place. ``events_at_verb`` counts the rows with one.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from forewarn.evaluation.folds import split_folds
from forewarn.evaluation.gold import read_gold
from forewarn.extraction.event_place import event_place
from forewarn.extraction.events import EventMention

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


def _outcome(row: dict[str, Any], doc: Doc) -> tuple[str, bool | None]:
    """The place ``event_place`` gives the gold verb against the gold spans, and whether the
    pipeline's own event at the verb is placed right (None: it has no event there)."""
    gold = [(g["start"], g["end"]) for g in row.get("locations") or []]
    verb = row["verb"]
    token = verb_token(doc, verb["start"], verb["end"])
    place = event_place(token, _excluded(token)) if token is not None else None
    mention = _mention_at(token) if token is not None else None
    if mention is None:
        return _judge(place, gold), None
    return _judge(place, gold), _judge(mention.place, gold) in ("overlap", "both_empty")


def _mention_at(token: Token) -> EventMention | None:
    return next(
        (m for m in token.doc._.event_mentions or [] if m.trigger.i == token.i),
        None,
    )


def _judge(place: Span | None, gold: list[tuple[int, int]]) -> str:
    if place is None:
        return "both_empty" if not gold else "missed"
    if not gold:
        return "spurious"
    if any(place.start_char < end and start < place.end_char for start, end in gold):
        return "overlap"
    return "wrong_span"


def _metrics(outcomes: list[tuple[str, bool | None]]) -> dict[str, Any]:
    counts = Counter(outcome for outcome, _ in outcomes)
    correct = counts["overlap"] + counts["both_empty"]
    end_to_end = sum(right is True for _, right in outcomes)
    return {
        "rows": len(outcomes),
        "location_accuracy": round(correct / len(outcomes), 4) if outcomes else None,
        "end_to_end_accuracy": round(end_to_end / len(outcomes), 4) if outcomes else None,
        "events_at_verb": sum(right is not None for _, right in outcomes),
        **{
            name: counts[name]
            for name in ("overlap", "both_empty", "missed", "spurious", "wrong_span")
        },
    }
