"""``forewarn ingest``: inputs in, whole articles with their events and claims stored.

One code path whatever runs the extraction: inputs are read, cleaned and checked against the
store here; an *engine* turns batches of articles into Documents (in this process, or on Ray
workers); the documents of each batch are written in one transaction. Idempotent (an
article already stored, by URL or text, is counted as a duplicate and not extracted again)
and crash-safe (a killed run leaves whole articles only; running it again completes it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

from sqlalchemy import select

from forewarn.batch import PreparedInput, extraction_failure, prepare_inputs
from forewarn.ingest import InputFailure
from forewarn.ingest.dedup import ArticleKeys, article_keys
from forewarn.records import Document
from forewarn.store.database import Store
from forewarn.store.reader import iter_article_ids, load_documents
from forewarn.store.schema import articles
from forewarn.store.writer import write_documents

__all__ = [
    "Engine",
    "IngestSummary",
    "LocalEngine",
    "ingest",
    "reprocess_stored",
]

Outcome = Document | InputFailure


class Engine(Protocol):
    """Runs the extractor over batches of articles; one outcome per article, any order."""

    version: str

    def run(
        self, batches: Iterable[list[PreparedInput]]
    ) -> Iterator[list[tuple[PreparedInput, Outcome]]]: ...


class LocalEngine:
    """The extractor in this process."""

    def __init__(self, extractor) -> None:
        self.extractor = extractor
        self.version = extractor.version

    def run(
        self, batches: Iterable[list[PreparedInput]]
    ) -> Iterator[list[tuple[PreparedInput, Outcome]]]:
        for batch in batches:
            yield extract_batch(self.extractor, batch)


def extract_batch(extractor, batch: list[PreparedInput]) -> list[tuple[PreparedInput, Outcome]]:
    """Every article of ``batch`` with its Document, or with the failure the extractor hit."""
    outcomes: dict[int, Outcome] = {}

    def failed(article, error: Exception) -> None:
        outcomes[id(article)] = extraction_failure(article, error)

    articles_in = [item.article for item in batch]
    for document in extractor.extract_many(articles_in, on_error=failed):
        outcomes[id(document.article)] = document
    return [(item, outcomes[id(item.article)]) for item in batch]


@dataclass(slots=True)
class IngestSummary:
    """The end-of-run counts; ``failures`` keeps every skipped or failed input's reason."""

    new: int = 0
    duplicate: int = 0
    replaced: int = 0
    events: int = 0
    claims: int = 0
    failures: list[InputFailure] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return sum(failure.kind == "skipped" for failure in self.failures)

    @property
    def failed(self) -> int:
        return sum(failure.kind == "failed" for failure in self.failures)

    @property
    def read(self) -> int:
        return self.new + self.duplicate + self.replaced + len(self.failures)

    def line(self) -> str:
        parts = [
            f"read {self.read}",
            f"new {self.new}",
            f"duplicate {self.duplicate}",
        ]
        if self.replaced:
            parts.append(f"reprocessed {self.replaced}")
        parts += [f"skipped {self.skipped}", f"failed {self.failed}"]
        return ", ".join(parts) + f"; stored {self.events} events, {self.claims} claims"

    def reasons(self) -> list[str]:
        """Why inputs were skipped or failed, most common first ("not English: 3")."""
        counts = Counter(f"{failure.kind}: {_reason_kind(failure)}" for failure in self.failures)
        return [f"{reason} ({count})" for reason, count in counts.most_common()]


Progress = Callable[[int], None]


@dataclass(slots=True)
class _Run:
    """The summary being built, and whom to tell as inputs are done."""

    summary: IngestSummary
    on_failure: Callable[[InputFailure], None] | None
    progress: Progress | None

    def fail(self, failure: InputFailure) -> None:
        self.summary.failures.append(failure)
        if self.on_failure:
            self.on_failure(failure)
        self.advance(1)

    def advance(self, count: int) -> None:
        if self.progress:
            self.progress(count)


def ingest(
    paths: Sequence[str | Path],
    store: Store,
    engine: Engine,
    *,
    published: str | date | None = None,
    input_format: str = "auto",
    max_input_bytes: int,
    batch_size: int = 32,
    reprocess: bool = False,
    on_failure: Callable[[InputFailure], None] | None = None,
    progress: Progress | None = None,
) -> IngestSummary:
    """Read ``paths`` into ``store``; see the module docstring for the guarantees."""
    run = _Run(IngestSummary(), on_failure, progress)

    def fresh_batches() -> Iterator[list[PreparedInput]]:
        seen: set[str] = set()
        inputs = prepare_inputs(paths, published, input_format, max_input_bytes)
        for batch in _batches(inputs, batch_size, run.fail):
            keep = []
            stored = _stored_keys(store, [article_keys(item.article) for item in batch])
            for item in batch:
                keys = article_keys(item.article)
                own = {key for key in keys if key is not None}
                if own & seen or (own & stored and not reprocess):
                    run.summary.duplicate += 1
                    run.advance(1)
                    continue
                seen |= own
                keep.append(item)
            if keep:
                yield keep

    _store_outcomes(store, engine, fresh_batches(), run, replace=reprocess)
    return run.summary


def reprocess_stored(
    store: Store,
    engine: Engine,
    *,
    batch_size: int = 32,
    on_failure: Callable[[InputFailure], None] | None = None,
    progress: Progress | None = None,
) -> IngestSummary:
    """Extract every stored article again and replace its events and claims."""
    run = _Run(IngestSummary(), on_failure, progress)

    def stored_batches() -> Iterator[list[PreparedInput]]:
        with store.connect() as connection:
            for ids in iter_article_ids(connection, batch_size):
                yield [
                    PreparedInput(document.article, f"stored article {document.article.id}")
                    for document in load_documents(connection, ids)
                ]

    _store_outcomes(store, engine, stored_batches(), run, replace=True)
    return run.summary


def _store_outcomes(
    store: Store,
    engine: Engine,
    batches: Iterable[list[PreparedInput]],
    run: _Run,
    *,
    replace: bool,
) -> None:
    summary = run.summary
    for results in engine.run(batches):
        documents = []
        for item, outcome in results:
            if isinstance(outcome, InputFailure):
                run.fail(outcome)
            else:
                documents.append((outcome, item.origin))
        if not documents:
            continue
        with store.transaction() as connection:
            written = write_documents(connection, documents, engine.version, replace=replace)
        for result in written:
            if not result.stored:
                summary.duplicate += 1
            else:
                if result.replaced:
                    summary.replaced += 1
                else:
                    summary.new += 1
                summary.events += len(result.document.events)
                summary.claims += len(result.document.claims)
        run.advance(len(written))


def _batches(
    inputs: Iterable[PreparedInput | InputFailure],
    size: int,
    report: Callable[[InputFailure], None],
) -> Iterator[list[PreparedInput]]:
    batch: list[PreparedInput] = []
    for item in inputs:
        if isinstance(item, InputFailure):
            report(item)
            continue
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _stored_keys(store: Store, keys: list[ArticleKeys]) -> set[str]:
    """Which of these URL keys and text hashes the store already holds."""
    url_keys = [key.url_key for key in keys if key.url_key is not None]
    hashes = [key.text_hash for key in keys]
    with store.connect() as connection:
        found = set(
            connection.execute(
                select(articles.c.text_hash).where(articles.c.text_hash.in_(hashes))
            ).scalars()
        )
        if url_keys:
            found |= set(
                connection.execute(
                    select(articles.c.url_key).where(articles.c.url_key.in_(url_keys))
                ).scalars()
            )
    return found


def _reason_kind(failure: InputFailure) -> str:
    """The reason without the input's name: what the inputs that failed alike share."""
    reason = failure.reason
    if reason.startswith(failure.origin):
        reason = reason[len(failure.origin) :].lstrip(": ")
    return reason.split(" (")[0][:80]
