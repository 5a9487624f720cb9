"""Helpers shared by the store tests (imported by name: tests/store is not a package)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from forewarn.records import Actor, Article, Claim, Document, Event, Place, Span
from forewarn.store import Store
from forewarn.store.schema import actors, articles, claims, event_actors, events, places

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "store"
PUBLISHED = "2025-03-10"
# Far above the fixtures' size: the input limit is not what these tests are about.
MAX_INPUT_BYTES = 10_000_000

TABLES = {
    "articles": articles,
    "events": events,
    "claims": claims,
    "event_actors": event_actors,
    "actors": actors,
    "places": places,
}


def row_counts(store: Store) -> dict[str, int]:
    """Rows in every table of the store."""
    with store.connect() as connection:
        return {
            name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for name, table in TABLES.items()
        }


def expected_counts(documents: Iterable[Document]) -> dict[str, int]:
    """The article, event, claim and event-actor rows these Documents make once stored."""
    documents = list(documents)
    return {
        "articles": len(documents),
        "events": sum(len(d.events) for d in documents),
        "claims": sum(len(d.claims) for d in documents),
        "event_actors": sum(len(e.actor) + len(e.recipient) for d in documents for e in d.events),
    }


# A hand-built date's precision by its length: YYYY-MM-DD, YYYY-MM, YYYY, none.
_PRECISION = {10: "day", 7: "month", 4: "year", 0: "unknown"}


class CachedEngine:
    """An ingest engine answering with Documents the real extractor already made.

    An article it holds no Document for goes to the real extractor. ``articles`` counts the
    articles ingest asked it to extract, so a test can tell what was extracted again.
    """

    def __init__(self, extractor, documents: Iterable[Document], version: str | None = None):
        self.extractor = extractor
        self.version = version or extractor.version
        self.documents = list(documents)
        self.articles = 0

    def run(self, batches):
        for batch in batches:
            self.articles += len(batch)
            yield [(item, self._document(item.article)) for item in batch]

    def _document(self, article: Article) -> Document:
        for document in self.documents:
            if document.article == article:
                return document
        return self.extractor.extract(article)


class DocumentBuilder:
    """Hand-built Documents whose spans really index their article's text."""

    def __init__(self, article_id: str, published: str | None, url: str | None = None):
        self.article_id = article_id
        self.published = published
        self.url = url
        self.sentences: list[str] = []
        self.events: list[Event] = []
        self.claims: list[Claim] = []

    def _span(self, sentence: str) -> Span:
        start = sum(len(s) + 1 for s in self.sentences)
        self.sentences.append(sentence)
        return Span(sentence, start, start + len(sentence))

    def event(
        self,
        sentence: str,
        event_type: str,
        *,
        actor: list[Actor] = (),
        recipient: list[Actor] = (),
        date: str | None = None,
        place: Place | None = None,
        verification: str = "reported",
        claim: str | None = None,
    ) -> str:
        evidence = self._span(sentence)
        first_word = sentence.split()[0]
        key = f"{self.article_id}#e{len(self.events) + 1}"
        self.events.append(
            Event(
                id=key,
                event_type=event_type,
                mode=None,
                context=[],
                actor=list(actor),
                recipient=list(recipient),
                date=date,
                date_precision=_PRECISION[len(date or "")],
                date_text=None,
                location=place,
                negated=False,
                modality="asserted",
                claim_id=claim,
                verification=verification,
                trigger=Span(first_word, evidence.start, evidence.start + len(first_word)),
                evidence=evidence,
                confidence=0.75,
            )
        )
        return key

    def claim(
        self,
        sentence: str,
        *,
        speaker: Actor | None,
        verification: str = "reported",
        date: str | None = None,
        event_ids: list[str] = (),
    ) -> str:
        content = self._span(sentence)
        key = f"{self.article_id}#c{len(self.claims) + 1}"
        self.claims.append(
            Claim(
                id=key,
                speaker=speaker,
                cue="said",
                channel=None,
                content=content,
                date=date,
                date_precision="unknown" if date is None else "day",
                stance="assert",
                hedges=[],
                verification=verification,
                event_ids=list(event_ids),
            )
        )
        return key

    def build(self) -> Document:
        article = Article(
            id=self.article_id,
            title=f"Hand-built {self.article_id}",
            published=self.published,
            text=" ".join(self.sentences),
            url=self.url,
            source="Example News",
        )
        return Document(article=article, events=list(self.events), claims=list(self.claims))


def plain_document(article_id: str, text: str, url: str | None = None) -> Document:
    """An article without events or claims: enough for deduplication."""
    return Document(Article(id=article_id, title=None, published=PUBLISHED, text=text, url=url))


POSTGRES_ENV = "FOREWARN_TEST_POSTGRES_URL"
POSTGRES_SKIP = f"{POSTGRES_ENV} not set: start one with `source .ci/postgres.sh`"


@contextmanager
def fresh_postgres_database(server_url: str | None = None) -> Iterator[str]:
    """A new, empty PostgreSQL database on the test server; its URL, dropped on exit.

    ``server_url`` defaults to ``$FOREWARN_TEST_POSTGRES_URL``; the test skips without it.
    """
    server_url = server_url or os.environ.get(POSTGRES_ENV)
    if not server_url:
        pytest.skip(POSTGRES_SKIP)
    name = f"forewarn_{uuid.uuid4().hex}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
        try:
            yield url
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@contextmanager
def empty_store_url(dialect: str, folder: Path) -> Iterator[str]:
    """A URL for an empty database: a SQLite file in ``folder``, or a fresh PostgreSQL one."""
    if dialect == "sqlite":
        yield f"sqlite:///{folder / 'store.db'}"
    else:
        with fresh_postgres_database() as url:
            yield url
