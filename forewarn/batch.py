"""Many inputs in, one outcome per input out: a Document, or a failure with its reason.

Shared by ``forewarn extract`` and the store's ingest, so that both read, skip and count
inputs the same way.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from forewarn.errors import InputError
from forewarn.extractor import Extractor
from forewarn.ingest import InputFailure, iter_inputs, prepare_article
from forewarn.records import Article, Document
from forewarn.settings import DEFAULT_MAX_INPUT_BYTES

__all__ = [
    "Outcome",
    "PreparedInput",
    "RunSummary",
    "extract_inputs",
    "extraction_failure",
    "prepare_inputs",
]

Outcome = Document | InputFailure


@dataclass(slots=True)
class RunSummary:
    """Counts for the end-of-run line (each failure's reason is reported as it happens)."""

    extracted: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0
    claims: int = 0

    @property
    def read(self) -> int:
        return self.extracted + self.skipped + self.failed

    def add(self, outcome: Outcome) -> None:
        if isinstance(outcome, Document):
            self.extracted += 1
            self.events += len(outcome.events)
            self.claims += len(outcome.claims)
        elif outcome.kind == "skipped":
            self.skipped += 1
        else:
            self.failed += 1

    def line(self) -> str:
        return (
            f"read {self.read}, extracted {self.extracted}, skipped {self.skipped}, "
            f"failed {self.failed}; {self.events} events, {self.claims} claims"
        )


@dataclass(slots=True)
class PreparedInput:
    """A cleaned article and the input it came from (file, or file and line)."""

    article: Article
    origin: str


def prepare_inputs(
    paths: Sequence[str | Path],
    published: str | date | None = None,
    input_format: str = "auto",
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES,
) -> Iterator[PreparedInput | InputFailure]:
    """Read and clean every input, streaming: an article, or the reason there is none."""
    for item in iter_inputs(paths, input_format, max_input_bytes):
        if isinstance(item, InputFailure):
            yield item
            continue
        try:
            yield PreparedInput(prepare_article(item, published=published), item.origin)
        except InputError as error:
            # Not English, or nothing left after cleaning: skipped, not failed.
            yield InputFailure(item.origin, str(error), "skipped")


def extraction_failure(article: Article, error: Exception) -> InputFailure:
    """The outcome for an article the extractor failed on (a bug: say so)."""
    reason = f"{article.id}: extraction failed ({type(error).__name__}: {error}); please report it"
    return InputFailure(article.id, reason, "failed")


def extract_inputs(
    paths: Sequence[str | Path],
    extractor: Extractor,
    published: str | date | None = None,
    input_format: str = "auto",
) -> Iterator[Outcome]:
    """One outcome per input record, streaming: memory stays bounded by the batch size."""
    pending: deque[InputFailure] = deque()

    def articles() -> Iterator[Article]:
        inputs = prepare_inputs(paths, published, input_format, extractor.settings.max_input_bytes)
        for item in inputs:
            if isinstance(item, InputFailure):
                pending.append(item)
            else:
                yield item.article

    def failed_extraction(article: Article, error: Exception) -> None:
        pending.append(extraction_failure(article, error))

    for document in extractor.extract_many(articles(), on_error=failed_extraction):
        while pending:
            yield pending.popleft()
        yield document
    while pending:
        yield pending.popleft()
