"""Idempotent ingest: an article already stored (same normalised URL or same normalised text)
is a duplicate, counted and neither extracted nor stored again."""

from __future__ import annotations

import json
import shutil

import alembic.command
import pytest
from sqlalchemy import create_engine, insert, select
from store_support import (
    FIXTURES,
    MAX_INPUT_BYTES,
    PUBLISHED,
    plain_document,
    row_counts,
)

from forewarn.pipeline import ingest
from forewarn.records import Article, Document
from forewarn.store import database as store_database
from forewarn.store import open_store
from forewarn.store.keys import article_keys, normalise_url, text_hash
from forewarn.store.schema import articles
from forewarn.store.writer import write_documents


def run_ingest(paths, store, engine, **options):
    return ingest(
        paths, store, engine, published=PUBLISHED, max_input_bytes=MAX_INPUT_BYTES, **options
    )


def write(store, *documents, replace=False) -> list[bool]:
    with store.transaction() as connection:
        written = write_documents(
            connection, [(d, d.article.id) for d in documents], "v1", replace=replace
        )
    return [result.stored for result in written]


def test_ingesting_the_same_folder_twice_adds_nothing(store, cached_engine):
    first = run_ingest([FIXTURES], store, cached_engine)
    assert (first.new, first.duplicate) == (6, 0)
    counts = row_counts(store)
    assert counts["articles"] == 6

    second = run_ingest([FIXTURES], store, cached_engine)
    assert (second.new, second.duplicate, second.replaced) == (0, 6, 0)
    assert (second.events, second.claims) == (0, 0)
    assert "new 0, duplicate 6" in second.ingest_line()
    # Duplicates are recognised before extraction: nothing was sent to the engine again.
    assert cached_engine.articles == 6
    assert row_counts(store) == counts


def test_the_same_text_under_another_name_or_spacing_is_a_duplicate(store, cached_engine, tmp_path):
    run_ingest([FIXTURES], store, cached_engine)
    counts = row_counts(store)
    original = (FIXTURES / "kharkiv_shelling.txt").read_text()
    copies = tmp_path / "copies"
    copies.mkdir()
    # Another file name, every space doubled, upper case: a different content id, same text.
    (copies / "shouted.txt").write_text(original.replace(" ", "  ").upper() + "\n\n")
    # The same text under an explicit id in a JSONL feed.
    record = {"id": "feed-42", "text": (FIXTURES / "sahel_talks.txt").read_text()}
    (copies / "feed.jsonl").write_text(json.dumps(record) + "\n")

    summary = run_ingest([copies], store, cached_engine)
    assert (summary.new, summary.duplicate, summary.failed, summary.skipped) == (0, 2, 0, 0)
    assert cached_engine.articles == 6
    assert row_counts(store) == counts


def test_text_duplicates_when_writing_directly(store):
    assert write(store, plain_document("a", "Troops moved north on Monday.")) == [True]
    assert write(store, plain_document("b", "  TROOPS moved\n\tnorth on   Monday. ")) == [False]
    assert write(store, plain_document("c", "Troops moved south on Monday.")) == [True]
    assert row_counts(store)["articles"] == 2


BASE_URL = "https://www.example.org/news/kharkiv?id=7"
SAME_URLS = [
    "https://www.example.org/news/kharkiv?id=7&utm_source=twitter&utm_medium=social",
    "http://www.example.org/news/kharkiv?id=7",
    "https://example.org/news/kharkiv?id=7",
    "https://www.example.org/news/kharkiv/?id=7",
    "https://www.example.org/news/kharkiv?id=7#comments",
    "HTTP://Example.ORG:80/news/kharkiv/?fbclid=abc&id=7#top",
]
OTHER_URLS = [
    "https://www.example.org/news/kharkiv?id=8",
    "https://www.example.org/news/kharkiv-2?id=7",
    "https://news.example.org/news/kharkiv?id=7",
]


def test_url_variants_are_duplicates(store):
    assert write(store, plain_document("base", "Shelling of Kharkiv.", BASE_URL)) == [True]
    variants = [
        plain_document(f"same{i}", f"Shelling of Kharkiv, version {i}.", url)
        for i, url in enumerate(SAME_URLS)
    ]
    assert write(store, *variants) == [False] * len(SAME_URLS)
    others = [
        plain_document(f"other{i}", f"Another story {i}.", url) for i, url in enumerate(OTHER_URLS)
    ]
    assert write(store, *others) == [True] * len(OTHER_URLS)
    assert row_counts(store)["articles"] == 1 + len(OTHER_URLS)


def test_url_variants_in_a_feed_are_not_extracted_again(store, cached_engine, tmp_path):
    texts = [(FIXTURES / name).read_text() for name in ("gaza_aid.txt", "korea_drills.txt")]
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "first", "url": BASE_URL, "text": texts[0]}) + "\n")
    assert run_ingest([feed], store, cached_engine).new == 1
    counts = row_counts(store)
    extracted = cached_engine.articles

    again = tmp_path / "again.jsonl"
    again.write_text(
        "".join(
            json.dumps({"id": f"again{i}", "url": url, "text": f"{texts[1]} Update {i}."}) + "\n"
            for i, url in enumerate(SAME_URLS)
        )
    )
    summary = run_ingest([again], store, cached_engine)
    assert (summary.new, summary.duplicate) == (0, len(SAME_URLS))
    assert cached_engine.articles == extracted
    assert row_counts(store) == counts


def test_two_copies_in_one_batch_are_stored_once(store, cached_engine, tmp_path):
    folder = tmp_path / "twice"
    folder.mkdir()
    shutil.copy(FIXTURES / "tbilisi_protest.txt", folder / "a.txt")
    shutil.copy(FIXTURES / "tbilisi_protest.txt", folder / "b.txt")
    summary = run_ingest([folder], store, cached_engine, batch_size=8)
    assert (summary.new, summary.duplicate) == (1, 1)
    assert row_counts(store)["articles"] == 1


def test_two_copies_in_one_write_are_stored_once(store):
    document = plain_document("dup", "Police detained twelve demonstrators.")
    copy = plain_document("dup-copy", "police detained  twelve demonstrators.")
    assert write(store, document, copy) == [True, False]
    same_url = plain_document("u1", "First wording.", "https://example.org/a")
    same_url_copy = plain_document("u2", "Second wording.", "http://www.example.org/a/")
    assert write(store, same_url, same_url_copy) == [True, False]
    assert row_counts(store)["articles"] == 2


def test_a_malformed_url_does_not_stop_the_ingest(store, cached_engine, tmp_path):
    feed = tmp_path / "feed.jsonl"
    text = (FIXTURES / "sudan_clashes.txt").read_text()
    feed.write_text(
        json.dumps({"id": "bad-port", "url": "http://example.org:port/sudan", "text": text})
        + "\n"
        + json.dumps({"id": "bad-host", "url": "http://[::1/sudan", "text": text + " More."})
        + "\n"
    )
    summary = run_ingest([feed], store, cached_engine)
    assert (summary.new, summary.failed) == (2, 0)
    assert run_ingest([feed], store, cached_engine).duplicate == 2


@pytest.mark.parametrize("variant", SAME_URLS)
def test_normalise_url_equates_variants(variant):
    assert normalise_url(variant) == normalise_url(BASE_URL) == "example.org/news/kharkiv?id=7"


@pytest.mark.parametrize("other", OTHER_URLS)
def test_normalise_url_keeps_what_selects_content(other):
    assert normalise_url(other) != normalise_url(BASE_URL)


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://example.org/", "example.org"),
        ("https://example.org/a?b=2&a=1", "example.org/a?a=1&b=2"),
        ("https://example.org:8443/a", "example.org:8443/a"),
        ("https://example.org/a?gclid=x&mc_cid=y&page=2", "example.org/a?page=2"),
        ("  https://example.org/a  ", "example.org/a"),
        ("example.org/a", "example.org/a"),
        ("http://example.org:port/a", "http://example.org:port/a"),
        (None, None),
        ("", None),
        ("   ", None),
    ],
)
def test_normalise_url(url, key):
    assert normalise_url(url) == key


def test_text_hash_ignores_case_and_spacing_only():
    assert text_hash("Troops moved north.") == text_hash("  TROOPS\tmoved\n\nnorth. ")
    assert text_hash("Troops moved north.") != text_hash("Troops moved south.")
    assert len(text_hash("x")) == 64


def test_the_same_words_on_another_day_are_another_report(store):
    # a wire's recurring headline tells a new happening each time it is published
    headline = "One militiaman killed in shelling - command"
    monday, week_later = (
        Document(Article(id=key, title=None, published=day, text=headline))
        for key, day in (("m", "2025-03-10"), ("w", "2025-03-17"))
    )
    same_day_copy = Document(Article(id="c", title=None, published="2025-03-10", text=headline))
    assert write(store, monday, week_later, same_day_copy) == [True, True, False]
    assert row_counts(store)["articles"] == 2
    # an undated text keys on its words alone, as before
    assert text_hash(headline) != text_hash(headline, "2025-03-10")


def test_article_keys_are_both_keys():
    document = plain_document("k", "Some text.", "https://www.example.org/x/")
    same = plain_document("j", "some   TEXT.", "http://example.org/x?utm_source=feed")
    assert article_keys(document.article) == article_keys(same.article)
    assert article_keys(document.article).text_hash == text_hash("some   TEXT.", PUBLISHED)
    assert article_keys(plain_document("k", "Some text.").article).url_key is None


def test_a_0008_store_hashes_its_dated_texts_by_day_and_back(store_url):
    headline = "One militiaman killed in shelling - command"
    engine = create_engine(store_url)
    with engine.begin() as connection:
        alembic.command.upgrade(store_database._alembic_config(connection), "0008")
        for key, published in (("dated", "2025-03-10"), ("undated", None)):
            connection.execute(
                insert(articles).values(
                    article_key=key,
                    text_hash=text_hash(f"{headline} ({key})"),
                    published=published,
                    language="en",
                    text=f"{headline} ({key})",
                    extractor_version="v0",
                    ingested_at="2025-03-10T00:00:00",
                )
            )
    engine.dispose()

    with open_store(store_url) as store:
        with store.connect() as connection:
            stored = connection.execute(select(articles.c.article_key, articles.c.text_hash))
            hashes = {key: value for key, value in stored}
        # the same words a week later are a new article; the same day, a duplicate
        week_later = Document(
            Article(id="w", title=None, published="2025-03-17", text=f"{headline} (dated)")
        )
        same_day = Document(
            Article(id="s", title=None, published="2025-03-10", text=f"{headline} (dated)")
        )
        assert write(store, week_later, same_day) == [True, False]
    assert hashes == {
        "dated": text_hash(f"{headline} (dated)", "2025-03-10"),
        "undated": text_hash(f"{headline} (undated)"),
    }

    engine = create_engine(store_url)
    with engine.begin() as connection:
        alembic.command.downgrade(store_database._alembic_config(connection), "0008")
        rows = connection.execute(
            select(articles.c.article_key, articles.c.text_hash).order_by(articles.c.id)
        ).all()
    engine.dispose()
    # back to the text alone, but for the later copy of a text, which keeps its dated hash
    assert rows == [
        ("dated", text_hash(f"{headline} (dated)")),
        ("undated", text_hash(f"{headline} (undated)")),
        ("w", text_hash(f"{headline} (dated)", "2025-03-17")),
    ]
