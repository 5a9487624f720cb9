"""The web API's bearer tokens: made, listed, checked and revoked, stored as hashes only.

A token is ``secrets.token_urlsafe(32)`` (256 random bits), shown once when it is made; the
store keeps its SHA-256. A plain hash, not a slow password hash, is enough: the secret is
random, not chosen by a person, so there is no dictionary to try against a stolen hash.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, insert, select

from forewarn.errors import ConfigError, NotFoundError
from forewarn.store.schema import api_tokens

__all__ = ["check_token", "create_token", "list_tokens", "revoke_token"]

TOKEN_BYTES = 32


def create_token(connection: Connection, name: str) -> str:
    """A new token named ``name``, returned once (only its hash is stored)."""
    name = name.strip()
    if not name:
        raise ConfigError("a token needs a name (who or what uses it), e.g. `crawler`")
    taken = connection.execute(select(api_tokens.c.id).where(api_tokens.c.name == name))
    if taken.first() is not None:
        raise ConfigError(
            f"a token named {name!r} exists: revoke it first (`forewarn token revoke {name}`) "
            "or choose another name"
        )
    token = secrets.token_urlsafe(TOKEN_BYTES)
    connection.execute(
        insert(api_tokens).values(
            name=name,
            token_hash=_hash(token),
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
    )
    return token


def list_tokens(connection: Connection) -> list[dict[str, str]]:
    """The tokens' names and creation times (never the tokens: they are not stored)."""
    query = select(api_tokens.c.name, api_tokens.c.created_at).order_by(api_tokens.c.name)
    return [dict(row._mapping) for row in connection.execute(query)]


def revoke_token(connection: Connection, name: str) -> None:
    """Delete the token named ``name``: requests bearing it are refused from now on."""
    if connection.execute(delete(api_tokens).where(api_tokens.c.name == name)).rowcount == 0:
        raise NotFoundError(f"no token named {name!r} (`forewarn token list` shows them)")


def check_token(connection: Connection, token: str) -> str | None:
    """The name of the token ``token``, or None when it is not (or no longer) a token."""
    query = select(api_tokens.c.name).where(api_tokens.c.token_hash == _hash(token))
    return connection.execute(query).scalar_one_or_none()


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
