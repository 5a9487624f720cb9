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
    rows = list(read_gold(gold_path, limit))
    counts: Counter[str] = Counter()
    docs = nlp.pipe((row["text"] for row in rows), batch_size=BATCH_SIZE)
    for row, doc in zip(rows, docs, strict=True):
        gold = [(g["start"], g["end"]) for g in row.get("locations") or []]
        verb = row["verb"]
        token = verb_token(doc, verb["start"], verb["end"])
        place = event_place(token, _excluded(token)) if token is not None else None
        counts["rows"] += 1
        if place is None:
            outcome = "both_empty" if not gold else "missed"
        elif not gold:
            outcome = "spurious"
        elif any(place.start_char < end and start < place.end_char for start, end in gold):
            outcome = "overlap"
        else:
            outcome = "wrong_span"
        counts[outcome] += 1
    correct = counts["overlap"] + counts["both_empty"]
    return {
        "rows": counts["rows"],
        "location_accuracy": round(correct / counts["rows"], 4) if counts["rows"] else None,
        "overlap": counts["overlap"],
        "both_empty": counts["both_empty"],
        "missed": counts["missed"],
        "spurious": counts["spurious"],
        "wrong_span": counts["wrong_span"],
    }
