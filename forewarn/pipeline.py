"""The run of the pipeline: read → clean → dedup → extract → write, here or on Ray workers.

Every shell calls this module: ``forewarn extract`` streams :func:`extract_inputs`,
``forewarn ingest`` runs :func:`ingest` or :func:`reprocess_stored`, the Ray runner plugs in
as an :class:`Engine`. Inputs are read, cleaned and checked against the store in this
process; an engine turns batches of articles into Documents (in this process, or on Ray
workers); the Documents of each batch are written in one transaction. An ingest is
idempotent (an article already stored, by URL or text, is counted as a duplicate and not
extracted again) and crash-safe (a killed run leaves whole articles only; running it again
completes it).
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from forewarn.analysis.resolve import update_incidents
from forewarn.errors import ExtractionError, InputError, StoreError
from forewarn.ingest import (
    InputFailure,
    InputFormat,
    InputWarning,
    RawInput,
    drop_unreadable_date,
    iter_inputs,
    iter_records,
    prepare_article,
)
from forewarn.records import Article, Document
from forewarn.settings import DEFAULT_MAX_INPUT_BYTES
from forewarn.store.database import Store
from forewarn.store.keys import article_keys
from forewarn.store.reader import iter_article_ids, load_documents, stored_keys
from forewarn.store.writer import write_documents

if TYPE_CHECKING:
    # Only for types: reading inputs and writing stores needs no spaCy until an engine runs.
    from forewarn.extractor import Extractor

__all__ = [
    "Engine",
    "LocalEngine",
    "Outcome",
    "PreparedInput",
    "RunSummary",
    "extract_batch",
    "extract_inputs",
    "extraction_failure",
    "ingest",
    "ingest_records",
    "prepare_inputs",
    "reprocess_stored",
]

Outcome = Document | InputFailure
# What reading an input may say besides its article or its failure.
Notice = InputFailure | InputWarning
Progress = Callable[[int], None]


@dataclass(slots=True)
class PreparedInput:
    """A cleaned article and the input it came from (file, or file and line)."""

    article: Article
    origin: str


@dataclass(slots=True)
class RunSummary:
    """What a run did, for its end-of-run line; ``failures`` keeps each input's reason, and
    ``warnings`` what was wrong with inputs read all the same.

    ``extracted`` counts the Documents made; a run into a store also counts what happened
    to them there (``new``, ``duplicate``, ``replaced``), and ``events``/``claims`` are then
    the ones stored.
    """

    extracted: int = 0
    new: int = 0
    duplicate: int = 0
    replaced: int = 0
    events: int = 0
    claims: int = 0
    failures: list[InputFailure] = field(default_factory=list)
    warnings: list[InputWarning] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return sum(failure.kind == "skipped" for failure in self.failures)

    @property
    def failed(self) -> int:
        return sum(failure.kind == "failed" for failure in self.failures)

    def add(self, outcome: Outcome | InputWarning) -> None:
        """Count one outcome of an extraction (the run of ``forewarn extract``)."""
        if isinstance(outcome, Document):
            self.extracted += 1
            self.events += len(outcome.events)
            self.claims += len(outcome.claims)
        elif isinstance(outcome, InputWarning):
            self.warnings.append(outcome)
        else:
            self.failures.append(outcome)

    def extract_line(self) -> str:
        return (
            f"read {self.extracted + len(self.failures)}, extracted {self.extracted}, "
            f"skipped {self.skipped}, failed {self.failed}; "
            f"{self.events} events, {self.claims} claims{self._warnings_part()}"
        )

    def ingest_line(self) -> str:
        read = self.new + self.duplicate + self.replaced + len(self.failures)
        parts = [f"read {read}", f"new {self.new}", f"duplicate {self.duplicate}"]
        if self.replaced:
            parts.append(f"reprocessed {self.replaced}")
        parts += [f"skipped {self.skipped}", f"failed {self.failed}"]
        stored = f"; stored {self.events} events, {self.claims} claims"
        return ", ".join(parts) + stored + self._warnings_part()

    def _warnings_part(self) -> str:
        count = len(self.warnings)
        return f"; {count} warning{'' if count == 1 else 's'}" if count else ""

    def reasons(self) -> list[str]:
        """Why inputs were skipped or failed, or warned of, most common first."""
        counts = Counter(f"{failure.kind}: {_reason_kind(failure)}" for failure in self.failures)
        counts.update(f"warning: {_reason_kind(warning)}" for warning in self.warnings)
        return [f"{reason} ({count})" for reason, count in counts.most_common()]


def prepare_inputs(
    paths: Sequence[str | Path],
    published: str | date | None = None,
    input_format: InputFormat = "auto",
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES,
) -> Iterator[PreparedInput | Notice]:
    """Read and clean every input, streaming: an article, or the reason there is none.

    A warning about an input comes just before its article.
    """
    return _prepared(iter_inputs(paths, input_format, max_input_bytes), published)


def _prepared(
    items: Iterable[RawInput | InputFailure], published: str | date | None
) -> Iterator[PreparedInput | Notice]:
    for item in items:
        if isinstance(item, InputFailure):
            yield item
            continue
        if not published:  # a date given for the run replaces the input's own
            item, warning = drop_unreadable_date(item)
            if warning:
                yield warning
        try:
            yield PreparedInput(prepare_article(item, published=published), item.origin)
        except InputError as error:
            # Not English, or nothing left after cleaning: skipped, not failed.
            yield InputFailure(item.origin, str(error), "skipped")


def extraction_failure(article: Article, error: ExtractionError) -> InputFailure:
    """The outcome for an article the extractor failed on (a bug: the message says so)."""
    return InputFailure(article.id, str(error), "failed")


def extract_inputs(
    paths: Sequence[str | Path],
    extractor: Extractor,
    published: str | date | None = None,
    input_format: InputFormat = "auto",
) -> Iterator[Outcome | InputWarning]:
    """One outcome per input record, streaming: memory stays bounded by the batch size.

    A warning about an input comes before its outcome.
    """
    pending: deque[Notice] = deque()

    def articles() -> Iterator[Article]:
        inputs = prepare_inputs(paths, published, input_format, extractor.settings.max_input_bytes)
        for item in inputs:
            if isinstance(item, InputFailure | InputWarning):
                pending.append(item)
            else:
                yield item.article

    def failed_extraction(article: Article, error: ExtractionError) -> None:
        pending.append(extraction_failure(article, error))

    for document in extractor.extract_many(articles(), on_error=failed_extraction):
        while pending:
            yield pending.popleft()
        yield document
    while pending:
        yield pending.popleft()


# --------------------------------------------------------------------------- engines


class Engine(Protocol):
    """Runs the extractor over batches of articles; one outcome per article, any order."""

    version: str

    def run(
        self, batches: Iterable[list[PreparedInput]]
    ) -> Iterator[list[tuple[PreparedInput, Outcome]]]: ...


class LocalEngine:
    """The extractor in this process."""

    def __init__(self, extractor: Extractor) -> None:
        self.extractor = extractor
        self.version = extractor.version

    def run(
        self, batches: Iterable[list[PreparedInput]]
    ) -> Iterator[list[tuple[PreparedInput, Outcome]]]:
        for batch in batches:
            yield extract_batch(self.extractor, batch)


def extract_batch(
    extractor: Extractor, batch: list[PreparedInput]
) -> list[tuple[PreparedInput, Outcome]]:
    """Every article of ``batch`` with its Document, or with the failure the extractor hit."""
    outcomes: dict[int, Outcome] = {}

    def failed(article: Article, error: ExtractionError) -> None:
        outcomes[id(article)] = extraction_failure(article, error)

    articles_in = [item.article for item in batch]
    for document in extractor.extract_many(articles_in, on_error=failed):
        outcomes[id(document.article)] = document
    return [(item, outcomes[id(item.article)]) for item in batch]


# --------------------------------------------------------------------------- into a store


@dataclass(slots=True)
class _Run:
    """The summary being built, and whom to tell as inputs are done."""

    summary: RunSummary
    on_failure: Callable[[InputFailure], None] | None
    progress: Progress | None
    on_warning: Callable[[InputWarning], None] | None = None
    on_stored: Callable[[Article], None] | None = None

    def fail(self, failure: InputFailure) -> None:
        self.summary.failures.append(failure)
        if self.on_failure:
            self.on_failure(failure)
        self.advance(1)

    def notice(self, notice: Notice) -> None:
        """A failed input, or a warning about one that goes on (not yet done: no progress)."""
        if isinstance(notice, InputFailure):
            self.fail(notice)
            return
        self.summary.warnings.append(notice)
        if self.on_warning:
            self.on_warning(notice)

    def advance(self, count: int) -> None:
        if self.progress:
            self.progress(count)


def ingest(
    paths: Sequence[str | Path],
    store: Store,
    engine: Engine,
    *,
    published: str | date | None = None,
    input_format: InputFormat = "auto",
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES,
    batch_size: int = 32,
    reprocess: bool = False,
    on_failure: Callable[[InputFailure], None] | None = None,
    on_warning: Callable[[InputWarning], None] | None = None,
    progress: Progress | None = None,
) -> RunSummary:
    """Read ``paths`` into ``store``; see the module docstring for the guarantees.

    With ``reprocess``, articles already stored are extracted again and their records
    replaced instead of being counted as duplicates. ``on_failure`` and ``on_warning`` are
    told of each failed input and each warning as it happens.
    """
    inputs = prepare_inputs(paths, published, input_format, max_input_bytes)
    run = _Run(RunSummary(), on_failure, progress, on_warning)
    _store_fresh(inputs, store, engine, run, batch_size=batch_size, reprocess=reprocess)
    return run.summary


def ingest_records(
    records: Iterable[Any],
    store: Store,
    engine: Engine,
    *,
    published: str | date | None = None,
    batch_size: int = 32,
    on_failure: Callable[[InputFailure], None] | None = None,
    on_stored: Callable[[Article], None] | None = None,
) -> RunSummary:
    """Records already in memory (each what a JSONL input line holds, parsed) into
    ``store``, exactly as :func:`ingest` reads a JSONL file: the web API's POST route.

    A record that is not a valid input fails with a reason naming it ``record N``;
    ``on_stored`` is told each article stored.
    """
    inputs = _prepared(iter_records(records), published)
    run = _Run(RunSummary(), on_failure, None, on_stored=on_stored)
    _store_fresh(inputs, store, engine, run, batch_size=batch_size, reprocess=False)
    return run.summary


def _store_fresh(
    inputs: Iterable[PreparedInput | Notice],
    store: Store,
    engine: Engine,
    run: _Run,
    *,
    batch_size: int,
    reprocess: bool,
) -> None:
    """Extract and store the inputs not already stored (all of them with ``reprocess``)."""

    def fresh_batches() -> Iterator[list[PreparedInput]]:
        seen: set[str] = set()
        for batch in _batches(inputs, batch_size, run.notice):
            keep = []
            with store.connect() as connection:
                stored = stored_keys(connection, [article_keys(item.article) for item in batch])
            for item in batch:
                own = {key for key in article_keys(item.article) if key is not None}
                if own & seen or (own & stored and not reprocess):
                    run.summary.duplicate += 1
                    run.advance(1)
                    continue
                seen |= own
                keep.append(item)
            if keep:
                yield keep

    _store_outcomes(store, engine, fresh_batches(), run, replace=reprocess)


def reprocess_stored(
    store: Store,
    engine: Engine,
    *,
    batch_size: int = 32,
    on_failure: Callable[[InputFailure], None] | None = None,
    progress: Progress | None = None,
) -> RunSummary:
    """Extract every stored article again and replace its events and claims."""
    run = _Run(RunSummary(), on_failure, progress)

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
    try:
        for results in engine.run(batches):
            _store_batch(store, engine.version, results, run, replace=replace)
    except StoreError as error:
        # Each batch is its own transaction: say that the work already done is safe.
        raise StoreError(f"{error} (articles committed before this point are kept)") from error


def _store_batch(
    store: Store,
    version: str,
    results: list[tuple[PreparedInput, Outcome]],
    run: _Run,
    *,
    replace: bool,
) -> None:
    """Count the failures of one extracted batch and write its Documents in one transaction."""
    summary = run.summary
    documents = []
    for item, outcome in results:
        if isinstance(outcome, InputFailure):
            run.fail(outcome)
        else:
            documents.append((outcome, item.origin))
    if not documents:
        return
    summary.extracted += len(documents)
    with store.transaction() as connection:
        written = write_documents(connection, documents, version, replace=replace)
        update_incidents(connection, [r.article_id for r in written if r.article_id], replace)
    for result in written:
        if not result.stored:
            summary.duplicate += 1
            continue
        if result.replaced:
            summary.replaced += 1
        else:
            summary.new += 1
        if run.on_stored:
            run.on_stored(result.document.article)
        summary.events += len(result.document.events)
        summary.claims += len(result.document.claims)
    run.advance(len(written))


def _batches(
    inputs: Iterable[PreparedInput | Notice],
    size: int,
    report: Callable[[Notice], None],
) -> Iterator[list[PreparedInput]]:
    batch: list[PreparedInput] = []
    for item in inputs:
        if isinstance(item, InputFailure | InputWarning):
            report(item)
            continue
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _reason_kind(failure: Notice) -> str:
    """The reason without the input's name: what the inputs that failed alike share."""
    reason = failure.reason
    if reason.startswith(failure.origin):
        reason = reason[len(failure.origin) :].lstrip(": ")
    return reason.split(" (")[0][:80]
