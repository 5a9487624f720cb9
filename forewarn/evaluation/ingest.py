"""Score the ingest stage on news pages with gold body text, title and publication date.

The gold file is ``ingest_pages.dev.jsonl`` (see ../shared/eval/README.md): one row per page,
with ``file`` (a ``.html.gz`` path relative to the gold file), ``title``, ``published`` and
``body``. Each page goes through the real path -- :func:`iter_inputs` then
:func:`prepare_article` -- with the language gate off, since the set includes pages in other
languages whose extraction is still worth scoring; how many the gate would skip is reported.

Metrics:

- ``body_f1``: mean bag-of-words F1 between extracted and gold body (lowercased word tokens,
  multiset overlap); a page that fails scores 0.
- ``title_accuracy``: share of pages whose title equals the gold title after normalising
  case, whitespace, quotes and dashes.
- ``date_accuracy``: share whose ``published`` equals the date part of the gold timestamp.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from forewarn.errors import InputError
from forewarn.evaluation.gold import read_gold
from forewarn.ingest.article import prepare_article
from forewarn.ingest.html import normalise_title
from forewarn.ingest.inputs import InputFailure
from forewarn.ingest.language import is_english
from forewarn.ingest.readers import iter_inputs
from forewarn.records import Article

__all__ = ["bag_of_words_f1", "score_ingest"]

_TOKEN_RE = re.compile(r"\w+")


def bag_of_words_f1(predicted: str, gold: str) -> float:
    """F1 of the multiset overlap of lowercased word tokens (1.0 when both are empty)."""
    predicted_tokens = Counter(_TOKEN_RE.findall(predicted.lower()))
    gold_tokens = Counter(_TOKEN_RE.findall(gold.lower()))
    if not predicted_tokens and not gold_tokens:
        return 1.0
    overlap = sum((predicted_tokens & gold_tokens).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(predicted_tokens.values())
    recall = overlap / sum(gold_tokens.values())
    return 2 * precision * recall / (precision + recall)


def score_ingest(gold_path: Path, limit: int | None = None) -> dict[str, Any]:
    """Run ingest on every gold page (the first ``limit`` ones) and return the metrics."""
    rows = read_gold(gold_path, limit, required=("file",))
    body_total = 0.0
    titles_right = dates_right = not_english = failed = 0
    for row in rows:
        page = Path(gold_path).parent / row["file"]
        article = _ingest_page(page)
        if article is None:
            failed += 1
            continue
        body_total += bag_of_words_f1(article.text, row.get("body") or "")
        gold_title = row.get("title") or ""
        titles_right += bool(article.title) and normalise_title(article.title or "") == (
            normalise_title(gold_title)
        )
        dates_right += article.published == (row.get("published") or "")[:10]
        not_english += not is_english(article.text)
    pages = len(rows)
    return {
        "pages": pages,
        "body_f1": round(body_total / pages, 4) if pages else 0.0,
        "title_accuracy": round(titles_right / pages, 4) if pages else 0.0,
        "date_accuracy": round(dates_right / pages, 4) if pages else 0.0,
        "failed": failed,
        "not_english": not_english,
    }


def _ingest_page(page: Path) -> Article | None:
    for item in iter_inputs([page], input_format="html"):
        if isinstance(item, InputFailure):
            return None
        try:
            return prepare_article(item, check_language=False)
        except InputError:
            return None
    return None
