"""Documents to export: short invented news texts run through the real extractor, and a
hand-built Document for what the texts do not show (several actors, a month date)."""

from __future__ import annotations

import pytest

from forewarn.records import Actor, Article, Document, Event, Span

PUBLISHED = "2025-03-10"

SHELLING = "Russian forces shelled the Ukrainian city of Kharkiv on Monday, the governor said."
PROTEST_AND_MEETING = (
    "Thousands of protesters rallied in Tbilisi on Sunday to demand new elections, police "
    "said. Georgian Prime Minister Irakli Kobakhidze met European Union envoys in Brussels "
    "on Friday."
)


@pytest.fixture(scope="session")
def documents(extractor) -> list[Document]:
    texts = {"shelling": SHELLING, "protest": PROTEST_AND_MEETING}
    return [
        extractor.extract(
            Article(
                id=article_id,
                title=f"Test article: {article_id}",
                published=PUBLISHED,
                text=text,
                url=f"https://news.example.org/{article_id}",
                source="Example News",
            )
        )
        for article_id, text in texts.items()
    ]


@pytest.fixture(scope="session")
def assault(documents) -> tuple[Document, Event]:
    """The shelling of Kharkiv, with the document it is in."""
    [event] = [e for e in documents[0].events if e.event_type == "ASSAULT"]
    return documents[0], event


@pytest.fixture
def hand_built() -> Document:
    """Two actors (one without a country) meeting in an unnamed month, no location."""
    text = "Hungarian and EU officials met in May."
    article = Article(id="hand", title=None, published=PUBLISHED, text=text, url=None)
    event = Event(
        id="hand#e1",
        event_type="CONSULT",
        mode=None,
        context=["diplomatic"],
        actor=[
            Actor(text="Hungarian", name="Hungary", country="HUN", sector="GOV"),
            Actor(text="EU officials", name="European Union", sector="IGO", id="igo:EU"),
        ],
        recipient=[],
        date="2024-05",
        date_precision="month",
        date_text="in May",
        location=None,
        negated=False,
        modality="asserted",
        claim_id=None,
        verification="reported",
        trigger=Span("met", 27, 30),
        evidence=Span(text, 0, len(text)),
        confidence=0.6,
    )
    return Document(article=article, events=[event])
