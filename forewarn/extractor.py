"""The extractor: articles in, Documents out. Every shell (CLI, web, Ray) calls this."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import lru_cache
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as get_package_version
from pathlib import Path

from forewarn import __version__
from forewarn.data import data_path
from forewarn.errors import ConfigError, ExtractionError
from forewarn.extraction.assemble import build_document
from forewarn.extraction.long_text import chunk_article, join_documents, text_chunks
from forewarn.gazetteer.actors import ActorGazetteer
from forewarn.gazetteer.places import PlaceGazetteer
from forewarn.ingest import RawInput, prepare_article
from forewarn.nlp import MODEL_CANDIDATES, build_pipeline
from forewarn.records import Article, Document
from forewarn.settings import Settings

__all__ = ["Extractor", "extract", "extractor_version", "load_extractor"]


class Extractor:
    """The loaded model and gazetteers; build once, call many times.

    ``extract`` is pure and deterministic: the same article gives the same Document.
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.actors = ActorGazetteer.load(self.settings.actor_files)
        self.places = PlaceGazetteer.load(self.settings.place_files)
        self.nlp = build_pipeline(
            self.settings.model,
            tuple(map(str, self.settings.actor_files)),
            tuple(map(str, self.settings.place_files)),
        )
        self.version = extractor_version(self.settings)

    def extract(self, article: Article) -> Document:
        return next(self.extract_many([article]))

    def extract_many(
        self,
        articles: Iterable[Article],
        on_error: Callable[[Article, ExtractionError], None] | None = None,
    ) -> Iterator[Document]:
        """Documents in input order, parsed in batches with ``nlp.pipe``.

        An article longer than the model takes (``nlp.max_length`` characters) is parsed in
        chunks cut at paragraph breaks and comes back as one Document of its whole text
        (:mod:`forewarn.extraction.long_text`). An article whose assembly fails raises
        :class:`~forewarn.errors.ExtractionError` naming it; with ``on_error``, it is
        reported there instead and the batch goes on.
        """
        batches = self.nlp.pipe(
            self._chunks(articles), as_tuples=True, batch_size=self.settings.batch_size
        )
        parts: list[tuple[int, Document]] = []
        broken = False
        for doc, (article, start, end) in batches:
            if start == 0:
                parts, broken = [], False
            if broken:
                continue  # a later chunk of an article already reported as failed
            try:
                if start == 0 and end == len(article.text):  # the whole text: the usual case
                    yield build_document(doc, article, self.actors, self.places)
                    continue
                chunk = chunk_article(article, start, end)
                parts.append((start, build_document(doc, chunk, self.actors, self.places)))
                if end == len(article.text):
                    yield join_documents(article, parts)
            except Exception as error:
                broken = True
                failure = ExtractionError(article.id, error)
                if on_error is None:
                    raise failure from error
                on_error(article, failure)

    def _chunks(
        self, articles: Iterable[Article]
    ) -> Iterator[tuple[str, tuple[Article, int, int]]]:
        """Each article's text, or its chunks, with where each chunk starts and ends."""
        for article in articles:
            for start, end in text_chunks(article.text, self.nlp.max_length):
                yield article.text[start:end], (article, start, end)


def extractor_version(settings: Settings | None = None) -> str:
    """What made a record: forewarn's version, a digest of its data files and the model.

    Stored with every article, so that a changed lexicon or gazetteer (not only a release)
    shows which articles ``forewarn ingest --reprocess`` would change.
    """
    settings = settings or Settings()
    root = Path(str(data_path(".")))
    # Data files only: bytecode caches differ between machines for the same data.
    files = sorted(
        path for path in root.rglob("*") if path.is_file() and "__pycache__" not in path.parts
    )
    files += [Path(extra) for extra in (*settings.actor_files, *settings.place_files)]
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        try:
            digest.update(path.read_bytes())
        except OSError as error:
            raise ConfigError(f"{path}: cannot be read ({error.strerror})") from None
    return (
        f"forewarn {__version__}; data {digest.hexdigest()[:12]}; "
        f"model {_model_package(settings.model)}"
    )


def _model_package(name: str | None) -> str:
    for candidate in (name,) if name else MODEL_CANDIDATES:
        try:
            return f"{candidate} {get_package_version(candidate)}"
        except PackageNotFoundError:
            continue
    return name or "unknown"


def load_extractor(settings: Settings | None = None) -> Extractor:
    """The extractor for ``settings``, loaded once per process and then shared.

    Loading the model and the gazetteers takes seconds; a process that extracts again (the
    web app, a notebook, the test suite running commands in-process) reuses the loaded one.
    """
    return _load_extractor((settings or Settings()).extraction)


@lru_cache(maxsize=2)
def _load_extractor(settings: Settings) -> Extractor:
    return Extractor(settings)


def extract(text_or_html: str, published: str | date | None = None) -> Document:
    """One article (plain text or HTML) to a Document, with the default settings.

    Raises :class:`~forewarn.errors.InputError` for empty input and
    :class:`~forewarn.errors.NotEnglishError` for text in another language.
    """
    is_html = text_or_html.lstrip()[:1] == "<"
    raw = RawInput(
        origin="<string>",
        id=None,
        text=None if is_html else text_or_html,
        html=text_or_html if is_html else None,
        published=None,
        title=None,
        url=None,
        source=None,
    )
    return load_extractor().extract(prepare_article(raw, published=published))
