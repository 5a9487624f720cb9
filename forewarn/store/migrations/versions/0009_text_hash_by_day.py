"""articles: the text hash includes the publication day

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 19:00:00.000000

The same words published on another day are another report (a wire's "One militiaman killed
in shelling - DPR command" recurs week after week), so ``text_hash`` now hashes the
publication day with the normalised text (``forewarn.store.keys.text_hash``); the hash of an
undated article is unchanged. Stored dated articles are hashed again, a batch at a time. An
UPDATE of ``text_hash`` only: the articles' change triggers (0007) watch ``published``, not
this column, and the stored alerts stay valid.

Downgrading hashes the text alone again, except where two stored articles now share a text
(published on different days): the later ones keep the dated hash, which the older code
treats as one more distinct text.
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_BATCH = 1000
_ARTICLES = sa.table(
    "articles",
    sa.column("id", sa.Integer),
    sa.column("text", sa.Text),
    sa.column("published", sa.String),
    sa.column("text_hash", sa.String),
)

_SET_HASH = (
    sa.update(_ARTICLES)
    .where(_ARTICLES.c.id == sa.bindparam("row_id"))
    .values(text_hash=sa.bindparam("new_hash"))
)


def _hash(text: str, published: str | None) -> str:
    # The rule of forewarn.store.keys.text_hash as of this revision, frozen here.
    normalised = " ".join(text.lower().split())
    if published:
        normalised = f"{published[:10]}\n{normalised}"
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def _rehash(by_day: bool) -> None:
    connection = op.get_bind()
    taken: set[str] = set()
    last_id = 0
    while True:
        rows = connection.execute(
            sa.select(_ARTICLES.c.id, _ARTICLES.c.text, _ARTICLES.c.published)
            .where(_ARTICLES.c.published.is_not(None), _ARTICLES.c.id > last_id)
            .order_by(_ARTICLES.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            return
        changes = []
        for row in rows:
            new_hash = _hash(row.text, row.published if by_day else None)
            if not by_day:
                if new_hash in taken or _stored(connection, new_hash):
                    continue  # another article of the same text keeps the undated hash
                taken.add(new_hash)
            changes.append({"row_id": row.id, "new_hash": new_hash})
        if changes:
            connection.execute(_SET_HASH, changes)
        last_id = rows[-1].id


def _stored(connection: sa.Connection, text_hash: str) -> bool:
    found = sa.select(_ARTICLES.c.id).where(_ARTICLES.c.text_hash == text_hash).limit(1)
    return connection.execute(found).first() is not None


def upgrade() -> None:
    _rehash(by_day=True)


def downgrade() -> None:
    _rehash(by_day=False)
