"""`forewarn eval events`: PLOVER event types, quad classes and actors on gold sentences.

Gold: events_sentences.dev.jsonl (see ../shared/eval/README.md). Each row is one sentence;
the prediction for a sentence is its most confident event (none: "no event", which is the
quad class "statement").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from forewarn.evaluation.folds import split_folds
from forewarn.evaluation.gold import read_gold
from forewarn.extractor import Extractor
from forewarn.ontology import quad_classes
from forewarn.records import Actor, Article, Document, Event

__all__ = ["score_events"]

NO_EVENT = "none"
STATEMENT = "statement"


def _top_event(document: Document) -> Event | None:
    asserted = [e for e in document.events if not e.negated]
    pool = asserted or document.events
    return max(pool, key=lambda e: e.confidence, default=None)


def _content_words(text: str) -> set[str]:
    words = {w.strip(".,'\"()").lower() for w in text.split()}
    return {w for w in words if w and w not in STOP_WORDS and w.isalnum()}


def _matches(gold_text: str, actors: list[Actor]) -> bool:
    gold = _content_words(gold_text)
    return any(gold & _content_words(a.text) for a in actors)


def _spans_in_text(row: dict[str, Any], fields: tuple[str, ...]) -> bool:
    """Whether the gold spans occur in the sentence (whitespace aside).

    Most ConfliBERT rows of the development file carry actor spans of another sentence
    (1,048 of 1,063): they cannot be scored and are counted as misaligned instead.
    """
    text = "".join(row["text"].lower().split())
    return all("".join(span.lower().split()) in text for f in fields for span in row.get(f) or [])


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


class _RoleScore:
    """Gold spans found (recall) and predicted actors that match a gold span (precision)."""

    def __init__(self) -> None:
        self.gold = self.found = self.predicted = self.correct = self.rows = 0

    def add(self, gold_spans: list[str], predicted: list[Actor]) -> None:
        self.rows += 1
        self.gold += len(gold_spans)
        self.found += sum(_matches(g, predicted) for g in gold_spans)
        self.predicted += len(predicted)
        self.correct += sum(any(_matches(g, [p]) for g in gold_spans) for p in predicted)

    def f1(self) -> float:
        precision = self.correct / self.predicted if self.predicted else 0.0
        recall = self.found / self.gold if self.gold else 0.0
        return (
            round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
        )


def score_events(gold_path: Path, extractor: Extractor, limit: int | None = None) -> dict[str, Any]:
    """The metrics over the whole file, and on each of its :func:`split_folds` folds."""
    rows = read_gold(gold_path, limit)
    articles = (Article(id=row["id"], title=None, published=None, text=row["text"]) for row in rows)
    scored = list(zip(rows, extractor.extract_many(articles), strict=True))
    metrics = _metrics(scored, with_confusion=True)
    metrics["folds"] = {
        str(number): _metrics(fold)
        for number, fold in enumerate(split_folds(scored, [str(row["id"]) for row in rows]))
    }
    return metrics


def _metrics(
    scored: list[tuple[dict[str, Any], Document]], with_confusion: bool = False
) -> dict[str, Any]:
    type_counts: Counter[str] = Counter()
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    quad_total = quad_correct = 0
    quad_pairs: list[tuple[str, str]] = []
    actors, recipients = _RoleScore(), _RoleScore()
    misaligned = 0
    for row, document in scored:
        top = _top_event(document)
        predicted = top.event_type if top else NO_EVENT
        if "event_type" in row:
            gold = row["event_type"] or NO_EVENT
            confusion[gold][predicted] += 1
            type_counts["rows"] += 1
            type_counts["correct"] += predicted == gold
            if gold != NO_EVENT and predicted == gold:
                type_counts["tp"] += 1
            else:
                type_counts["fp"] += predicted != NO_EVENT
                type_counts["fn"] += gold != NO_EVENT
            # every asserted event a user gets, not only the top one
            asserted = [e for e in document.events if not e.negated]
            type_counts["all_events"] += len(asserted)
            type_counts["all_events_right"] += sum(e.event_type == gold for e in asserted)
        if "quad_class" in row:
            gold_quad = row["quad_class"]
            allowed = quad_classes(predicted) if top else frozenset({STATEMENT})
            hit = gold_quad in allowed
            quad_total += 1
            quad_correct += hit
            quad_pairs.append((gold_quad, gold_quad if hit else sorted(allowed)[0]))
        if row.get("actor_text"):
            if not _spans_in_text(row, ("actor_text", "recipient_text")):
                misaligned += 1
                continue
            actors.add(row.get("actor_text") or [], top.actor if top else [])
            recipients.add(row.get("recipient_text") or [], top.recipient if top else [])
    metrics: dict[str, Any] = {
        "sentences": len(scored),
        "event_type_rows": type_counts["rows"],
        "event_type": _prf(type_counts["tp"], type_counts["fp"], type_counts["fn"]),
        "event_type_f1": _prf(type_counts["tp"], type_counts["fp"], type_counts["fn"])["f1"],
        "all_events_precision": round(
            type_counts["all_events_right"] / type_counts["all_events"], 4
        )
        if type_counts["all_events"]
        else None,
        "top1_accuracy": round(type_counts["correct"] / type_counts["rows"], 4)
        if type_counts["rows"]
        else None,
        "quad_rows": quad_total,
        "quad_accuracy": round(quad_correct / quad_total, 4) if quad_total else None,
        "quad_macro_f1": _macro_f1(quad_pairs),
        "actor_rows": actors.rows,
        "actor_rows_misaligned": misaligned,
        "actor_f1": actors.f1(),
        "recipient_f1": recipients.f1(),
    }
    if with_confusion:
        metrics["confusion"] = {gold: dict(row) for gold, row in sorted(confusion.items())}
    return metrics


def _macro_f1(pairs: list[tuple[str, str]]) -> float | None:
    if not pairs:
        return None
    labels = sorted({g for g, _ in pairs} | {p for _, p in pairs})
    scores = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in pairs)
        fp = sum(g != label and p == label for g, p in pairs)
        fn = sum(g == label and p != label for g, p in pairs)
        scores.append(_prf(tp, fp, fn)["f1"])
    return round(sum(scores) / len(scores), 4)
