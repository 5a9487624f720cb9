"""The ingest stage: read inputs, then clean each into an :class:`~forewarn.records.Article`.

::

    for item in iter_inputs(paths):
        if isinstance(item, InputFailure):
            report(item.reason)        # bad inputs are outcomes, never exceptions
            continue
        try:
            article = prepare_article(item, published="2025-03-13")
        except InputError as problem:  # empty after cleaning, or NotEnglishError
            report(str(problem))
"""

from __future__ import annotations

from forewarn.ingest.article import (
    clean_text,
    content_id,
    drop_unreadable_date,
    prepare_article,
)
from forewarn.ingest.boilerplate import filter_furniture, is_furniture, load_boilerplate
from forewarn.ingest.html import HtmlPage, extract_html
from forewarn.ingest.inputs import InputFailure, InputWarning, RawInput
from forewarn.ingest.language import check_english, is_english
from forewarn.ingest.readers import (
    DEFAULT_MAX_INPUT_BYTES,
    InputFormat,
    iter_inputs,
    iter_records,
)

__all__ = [
    "DEFAULT_MAX_INPUT_BYTES",
    "HtmlPage",
    "InputFailure",
    "InputFormat",
    "InputWarning",
    "RawInput",
    "check_english",
    "clean_text",
    "content_id",
    "drop_unreadable_date",
    "extract_html",
    "filter_furniture",
    "is_english",
    "is_furniture",
    "iter_inputs",
    "iter_records",
    "load_boilerplate",
    "prepare_article",
]
