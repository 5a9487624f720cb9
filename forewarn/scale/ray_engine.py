"""``forewarn ingest --engine ray``: the extraction on Ray Data workers, the rest unchanged.

The driver reads inputs, drops duplicates and writes to the store exactly as the local
engine does (:mod:`forewarn.pipeline`); only the step articles → Documents runs on Ray,
as ``map_batches`` over an actor pool in which each worker loads the model once. Articles go
out and Documents come back as JSON strings, so a worker needs nothing but forewarn installed.

Inputs are sent in windows of ``window`` articles (one Ray Dataset each) so that a corpus of
any size streams through bounded driver memory; each window starts its actor pool afresh,
which costs a model load per worker (seconds) against minutes of extraction per window.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator

from forewarn.errors import ConfigError
from forewarn.ingest import InputFailure
from forewarn.pipeline import PreparedInput
from forewarn.records import Document, document_from_dict, to_dict
from forewarn.settings import Settings

__all__ = ["RayEngine"]

# Articles per Ray Dataset: large enough that a model load per worker is noise, small enough
# to hold in the driver (~5 kB of text each).
DEFAULT_WINDOW = 5_000


class _WorkerExtractor:
    """One per Ray worker: loads the extractor once, then extracts batch after batch."""

    def __init__(self, settings: Settings) -> None:
        from forewarn.extractor import Extractor

        self.extractor = Extractor(settings)

    def __call__(self, batch: dict) -> dict:
        from forewarn.pipeline import extract_batch
        from forewarn.records import Article

        prepared = [
            PreparedInput(Article(**json.loads(article)), origin)
            for article, origin in zip(batch["article"], batch["origin"], strict=True)
        ]
        documents, reasons, kinds = [], [], []
        for _, outcome in extract_batch(self.extractor, prepared):
            if isinstance(outcome, Document):
                documents.append(json.dumps(to_dict(outcome), ensure_ascii=False))
                reasons.append("")
                kinds.append("")
            else:
                documents.append("")
                reasons.append(outcome.reason)
                kinds.append(outcome.kind)
        return {"index": batch["index"], "document": documents, "reason": reasons, "kind": kinds}


class RayEngine:
    """Extraction on a Ray cluster (``address``) or a local Ray started with ``workers`` CPUs."""

    def __init__(
        self,
        settings: Settings,
        *,
        address: str | None = None,
        workers: int = 2,
        window: int = DEFAULT_WINDOW,
    ) -> None:
        try:
            import ray
            import ray.data
        except ImportError:
            raise ConfigError(
                "--engine ray needs Ray: pip install 'forewarn[ray]' (see docs/deployment.md)"
            ) from None
        from forewarn.extractor import extractor_version

        self.settings = settings
        self.workers = workers
        self.window = window
        self.version = extractor_version(settings)
        if not ray.is_initialized():
            try:
                ray.init(
                    address=address,
                    num_cpus=None if address else workers,
                    include_dashboard=False,
                    log_to_driver=False,
                    logging_level=logging.WARNING,
                    configure_logging=True,
                )
            except (ConnectionError, RuntimeError, ValueError) as error:
                raise ConfigError(
                    f"cannot start or reach Ray at {address or 'local'}: {error}"
                ) from None
        # Ray Data logs each dataset's start and end; the ingest's summary says what matters,
        # and a failing dataset raises.
        logging.getLogger("ray.data").setLevel(logging.ERROR)
        context = ray.data.DataContext.get_current()
        # The ingest's own progress bar reports articles; Ray's would interleave with it.
        context.enable_progress_bars = False
        context.print_on_execution_start = False

    def run(
        self, batches: Iterable[list[PreparedInput]]
    ) -> Iterator[list[tuple[PreparedInput, Document | InputFailure]]]:
        window: list[PreparedInput] = []
        for batch in batches:
            window.extend(batch)
            if len(window) >= self.window:
                yield from self._extract(window)
                window = []
        if window:
            yield from self._extract(window)

    def _extract(
        self, window: list[PreparedInput]
    ) -> Iterator[list[tuple[PreparedInput, Document | InputFailure]]]:
        import ray.data

        items = [
            {
                "index": index,
                "article": json.dumps(to_dict(item.article), ensure_ascii=False),
                "origin": item.origin,
            }
            for index, item in enumerate(window)
        ]
        dataset = ray.data.from_items(items).map_batches(
            _WorkerExtractor,
            fn_constructor_kwargs={"settings": self.settings},
            batch_size=self.settings.batch_size,
            compute=ray.data.ActorPoolStrategy(size=self.workers),
            num_cpus=1,
        )
        for batch in dataset.iter_batches(batch_size=self.settings.batch_size):
            results = []
            for index, document, reason, kind in zip(
                batch["index"], batch["document"], batch["reason"], batch["kind"], strict=True
            ):
                item = window[int(index)]
                if document:
                    outcome: Document | InputFailure = document_from_dict(json.loads(document))
                else:
                    outcome = InputFailure(
                        item.origin, str(reason), "skipped" if kind == "skipped" else "failed"
                    )
                results.append((item, outcome))
            yield results
