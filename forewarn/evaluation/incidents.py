"""`forewarn eval incidents`: are the reports of one happening resolved into one incident?

Gold: ucdp_ukraine_stream.dev.jsonl (see ../shared/eval/README.md): news headlines UCDP's
coders cited for their Ukraine events, each with its outlet (``source``), publication date and
the UCDP events citing it. The whole stream (rows of four words or more: some rows hold only a
place name) is replayed in publication order into a fresh store through the real pipeline;
then, over the headlines cited by exactly one UCDP event:

- ``pair_precision`` / ``pair_recall`` / ``pair_f1``: of headline pairs, those put in one
  incident against those UCDP cites for one event. A headline's incident is the incident of
  its most confident asserted event (a headline with none is alone);
- ``same_day_f1``: the same score for grouping headlines by publication day (the baseline);
- ``outlet_jaccard``: for UCDP events cited by two or more headlines, the Jaccard similarity
  of the event's outlets and the outlets of the incident holding most of its headlines.

Every metric is also given on two folds split by a stable hash of the UCDP event id (a
cluster is never cut between folds): ``fold0_pair_f1``, ``fold1_pair_f1``.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path
from typing import Any

from forewarn.evaluation.folds import fold_of
from forewarn.evaluation.gold import read_gold

__all__ = ["MIN_WORDS", "pair_scores", "readable_headlines", "score_incidents"]

MIN_WORDS = 4


def score_incidents(gold_path: Path, limit: int | None = None) -> dict[str, Any]:
    rows = readable_headlines(gold_path, limit)
    with tempfile.TemporaryDirectory(prefix="forewarn-eval-") as folder:
        incident_of, outlets_of = _replay(rows, Path(folder))
    cited_once = [row for row in rows if len(row["ucdp_events"]) == 1]
    gold = {row["id"]: row["ucdp_events"][0] for row in cited_once}
    predicted = {row["id"]: incident_of.get(row["id"], f"alone:{row['id']}") for row in cited_once}
    same_day = {row["id"]: row["published"] for row in cited_once}
    metrics: dict[str, Any] = {
        "headlines": len(rows),
        "scored_headlines": len(cited_once),
        **pair_scores(gold, predicted),
        **{
            f"same_day_{k.removeprefix('pair_')}": v for k, v in pair_scores(gold, same_day).items()
        },
        "outlet_jaccard": _outlet_jaccard(cited_once, predicted, outlets_of),
    }
    for fold in (0, 1):
        keep = {key for key, event in gold.items() if fold_of(event) == fold}
        scores = pair_scores({k: gold[k] for k in keep}, {k: predicted[k] for k in keep})
        metrics[f"fold{fold}_pair_f1"] = scores["pair_f1"]
    return metrics


def pair_scores(gold: dict[str, Any], predicted: dict[str, Any]) -> dict[str, float]:
    """Pairwise precision, recall and F1 of two clusterings of the same items."""
    gold_pairs = _pairs(gold)
    predicted_pairs = _pairs(predicted)
    agreed = len(gold_pairs & predicted_pairs)
    precision = agreed / len(predicted_pairs) if predicted_pairs else 0.0
    recall = agreed / len(gold_pairs) if gold_pairs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "pair_precision": round(precision, 4),
        "pair_recall": round(recall, 4),
        "pair_f1": round(f1, 4),
    }


def _pairs(clusters: dict[str, Any]) -> set[tuple[str, str]]:
    members: dict[Any, list[str]] = defaultdict(list)
    for item, cluster in clusters.items():
        members[cluster].append(item)
    return {
        (first, second) if first < second else (second, first)
        for group in members.values()
        for first, second in combinations(group, 2)
    }


def readable_headlines(gold_path: Path, limit: int | None) -> list[dict[str, Any]]:
    """The stream's headlines of :data:`MIN_WORDS` words or more (the rest hold only a place
    name), placeholder publication dates as None, in publication order."""
    rows = []
    for row in read_gold(gold_path, required=("id", "text", "ucdp_events")):
        if len(row["text"].split()) < MIN_WORDS:
            continue
        if (row.get("published") or "") < "1900":  # placeholder dates in the source data
            row["published"] = None
        rows.append(row)
        if limit is not None and len(rows) >= limit:
            break
    return sorted(rows, key=lambda row: (row["published"] or "", row["id"]))


def _replay(
    rows: list[dict[str, Any]], folder: Path
) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Ingest the headlines in order; each headline's incident, and each incident's outlets."""
    from forewarn.database import Database

    batch = folder / "stream.jsonl"
    with batch.open("w", encoding="utf-8") as handle:
        for row in rows:
            record = {key: row[key] for key in ("id", "text", "source")}
            if row["published"]:
                record["published"] = row["published"]
            handle.write(json.dumps(record) + "\n")
    with Database(folder / "eval.db") as db:
        db.ingest([batch])
        incidents = db.incidents(limit=None)
        confidence = {
            event.id: event.confidence
            for _, event in db.events(limit=None)
            if event.modality == "asserted" and not event.negated
        }
    incident_of: dict[str, str] = {}
    best: dict[str, float] = {}
    for incident in incidents:
        for mention in incident["mentions"]:
            score = confidence.get(mention["event_id"], 0.0)
            if score > best.get(mention["article_id"], -1.0):
                best[mention["article_id"]] = score
                incident_of[mention["article_id"]] = incident["id"]
    outlets_of = {incident["id"]: incident["outlets"] for incident in incidents}
    return incident_of, outlets_of


def _outlet_jaccard(
    rows: Iterable[dict[str, Any]], predicted: dict[str, str], outlets_of: dict[str, list[str]]
) -> float:
    headlines_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        headlines_of[row["ucdp_events"][0]].append(row)
    scores = []
    for headlines in headlines_of.values():
        if len(headlines) < 2:
            continue
        gold_outlets = {row["source"] for row in headlines}
        [(incident, _)] = Counter(predicted[row["id"]] for row in headlines).most_common(1)
        found = set(outlets_of.get(incident, []))
        scores.append(len(gold_outlets & found) / len(gold_outlets | found))
    return round(sum(scores) / len(scores), 4) if scores else 0.0
