"""Near-duplicate stories in the store: each new article signed and joined to the story it
copies (see :mod:`forewarn.analysis.syndication` for the signatures and their bands)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, insert, select, tuple_, update

from forewarn.analysis import syndication
from forewarn.store.schema import articles, syndication_bands

__all__ = ["assign_syndicates"]


def assign_syndicates(connection: Connection, article_ids: Iterable[int]) -> None:
    """Sign each article's text and join it to the near-duplicate story it copies, if any."""
    for article_id in article_ids:
        text = connection.execute(
            select(articles.c.text).where(articles.c.id == article_id)
        ).scalar_one()
        signature = syndication.signature(text)
        buckets = syndication.band_buckets(signature)
        candidates = connection.execute(
            select(articles.c.id, articles.c.syndicate_id, articles.c.minhash)
            .join(syndication_bands, syndication_bands.c.article_id == articles.c.id)
            .where(tuple_(syndication_bands.c.band, syndication_bands.c.bucket).in_(buckets))
            .where(articles.c.id != article_id)
            .distinct()
            .order_by(articles.c.id)
        ).all()
        story = article_id
        for candidate_id, candidate_story, candidate_signature in candidates:
            if syndication.similarity(signature, candidate_signature) >= syndication.SIMILARITY:
                story = candidate_story or candidate_id
                break
        connection.execute(
            update(articles)
            .where(articles.c.id == article_id)
            .values(minhash=signature, syndicate_id=story)
        )
        connection.execute(
            insert(syndication_bands),
            [
                {"band": band, "bucket": bucket, "article_id": article_id}
                for band, bucket in buckets
            ],
        )
