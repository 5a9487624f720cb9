"""Scorers for ``forewarn eval``: each reads a gold file from ../shared/eval and returns metrics."""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["TASKS", "run_task"]

TASKS = (
    "events",
    "ingest",
    "attribution",
    "acled",
    "location",
    "headlines",
    "incidents",
    "alerts",
)


def run_task(
    task: str, gold_path: Path, limit: int | None = None, fold: int | None = None
) -> dict[str, Any]:
    """The metrics of one task; imports only what that task needs. ``fold`` (attribution)
    scores one of the file's two folds (:func:`forewarn.evaluation.folds.fold_of`)."""
    if task == "ingest":
        from forewarn.evaluation.ingest import score_ingest

        return score_ingest(gold_path, limit=limit)
    if task == "incidents":
        from forewarn.evaluation.incidents import score_incidents

        return score_incidents(gold_path, limit=limit)
    if task == "alerts":  # replays the streams through Database.ingest, which loads the model
        from forewarn.evaluation.alerts import score_alerts

        return score_alerts(gold_path, limit=limit)
    from forewarn.extractor import load_extractor

    extractor = load_extractor()
    if task == "events":
        from forewarn.evaluation.events import score_events

        return score_events(gold_path, extractor, limit=limit)
    if task == "attribution":
        from forewarn.evaluation.attribution import score_attribution

        return score_attribution(gold_path, extractor.nlp, limit=limit, fold=fold)
    if task == "acled":
        from forewarn.evaluation.acled import score_acled

        return score_acled(gold_path, extractor, limit=limit)
    if task == "location":
        from forewarn.evaluation.location import score_location

        return score_location(gold_path, extractor.nlp, limit=limit)
    if task == "headlines":
        from forewarn.evaluation.headlines import score_headlines

        return score_headlines(gold_path, extractor, limit=limit)
    raise ValueError(f"unknown eval task {task!r}; expected one of {', '.join(TASKS)}")
