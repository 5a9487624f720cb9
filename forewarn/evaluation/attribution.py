"""Score claim attribution against PolNeAR-style gold (``attribution_articles.dev.jsonl``).

Each gold row is ``{id, text, attributions: [{source, cue, content}]}`` with character spans
into ``text``. A predicted claim mention matches a gold attribution when their content spans
overlap by at least half of each (:data:`MIN_OVERLAP`); matching is one-to-one, largest overlap
first. On matched pairs:

- ``source_accuracy``: the predicted speaker span overlaps the gold source span. PolNeAR marks
  the source as written ("he", "who"), so the speaker is compared, not its antecedent; pairs
  whose gold has no source, or whose prediction has none while the gold has one, count as
  wrong only in the second case.
- ``cue_accuracy``: the predicted cue span overlaps the gold cue span.

Gold attributions without a content span cannot be matched and are left out of recall.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from spacy.language import Language

from forewarn.evaluation.folds import fold_of
from forewarn.evaluation.gold import read_gold

__all__ = ["MIN_OVERLAP", "match_claims", "score_attribution"]

# Half of each span: tolerant of "that"/quote-mark/trailing-clause conventions, strict enough
# that a claim about a different clause never matches.
MIN_OVERLAP = 0.5

Interval = tuple[int, int]


def _overlap(a: Interval, b: Interval) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _matches(pred: Interval, gold: Interval) -> bool:
    shared = _overlap(pred, gold)
    return (
        shared > 0
        and shared >= MIN_OVERLAP * (pred[1] - pred[0])
        and shared >= MIN_OVERLAP * (gold[1] - gold[0])
    )


def match_claims(predicted: list[Interval], gold: list[Interval]) -> list[tuple[int, int]]:
    """One-to-one (predicted index, gold index) pairs, largest overlap first."""
    pairs = [
        (_overlap(p, g), i, j)
        for i, p in enumerate(predicted)
        for j, g in enumerate(gold)
        if _matches(p, g)
    ]
    used_p: set[int] = set()
    used_g: set[int] = set()
    matched = []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            matched.append((i, j))
    return matched


def _span(record: dict[str, Any] | None) -> Interval | None:
    if not record:
        return None
    return int(record["start"]), int(record["end"])


def score_attribution(
    gold_path: Path,
    nlp: Language,
    limit: int | None = None,
    batch_size: int = 8,
    fold: int | None = None,
) -> dict[str, Any]:
    """Claim precision/recall/F1, source and cue accuracy of ``nlp``'s ``forewarn_claims``
    (on one of the file's two folds, by a stable hash of the row id, when ``fold`` is given)."""
    rows = [
        row
        for row in read_gold(gold_path, limit)
        if fold is None or fold_of(str(row["id"])) == fold
    ]
    started = time.perf_counter()
    n_pred = n_gold = n_matched = source_ok = source_total = cue_ok = 0
    texts = (row["text"] for row in rows)
    # Claims come from the actor and claim components: the later ones (verification, events)
    # change nothing scored here, and skipping them saves a sixth of the time.
    later = [
        name for name in ("forewarn_verification", "forewarn_events") if name in nlp.pipe_names
    ]
    with nlp.select_pipes(disable=later):
        for row, doc in zip(rows, nlp.pipe(texts, batch_size=batch_size), strict=True):
            mentions = doc._.claim_mentions or []
            gold = [a for a in row.get("attributions", []) if a.get("content")]
            predicted = [(m.content_start, m.content_end) for m in mentions]
            gold_content = [_span(a["content"]) for a in gold]
            matched = match_claims(predicted, gold_content)  # type: ignore[arg-type]
            n_pred += len(predicted)
            n_gold += len(gold)
            n_matched += len(matched)
            for i, j in matched:
                mention, attribution = mentions[i], gold[j]
                gold_source = _span(attribution.get("source"))
                if gold_source is not None:
                    source_total += 1
                    spans = [
                        s for s in (mention.speaker, mention.speaker_antecedent) if s is not None
                    ]
                    if any(_overlap((s.start_char, s.end_char), gold_source) for s in spans):
                        source_ok += 1
                gold_cue = _span(attribution.get("cue"))
                if gold_cue is not None and _overlap(
                    (mention.cue.start_char, mention.cue.end_char), gold_cue
                ):
                    cue_ok += 1
    precision = n_matched / n_pred if n_pred else 0.0
    recall = n_matched / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "articles": len(rows),
        "gold_claims": n_gold,
        "predicted_claims": n_pred,
        "matched_claims": n_matched,
        "claim_precision": round(precision, 4),
        "claim_recall": round(recall, 4),
        "claim_f1": round(f1, 4),
        "source_accuracy": round(source_ok / source_total, 4) if source_total else 0.0,
        "cue_accuracy": round(cue_ok / n_matched, 4) if n_matched else 0.0,
        "seconds": round(time.perf_counter() - started, 1),
    }
