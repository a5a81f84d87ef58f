"""Open311 clients' API keys and the requests they posted (see storage/tables/open311.py).

Keys are random (`aduan_` + 32 random bytes, URL-safe), so a plain SHA-256 is as strong a
hash as they need and lets a key be found by its hash in one indexed lookup; the lookup is
followed by a constant-time comparison anyway.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update

from storage.queries.common import rowcount
from storage.tables import ApiKeyRow, Open311RequestRow, TicketRow, table_of
from storage.uow import SqlUnitOfWork

KEYS = table_of(ApiKeyRow)
REQUESTS = table_of(Open311RequestRow)
TICKETS = table_of(TicketRow)
KEY_PREFIX = "aduan_"


class ApiKeyError(ValueError):
    """`aduan apikey add` of a name in use, or `revoke` of an unknown one."""


@dataclass(frozen=True)
class ApiKey:
    id: int
    name: str
    created_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None


@dataclass(frozen=True)
class PostedRequest:
    """What a token leads to: the ticket's code, and whether it got past verification."""

    token: str
    code: str
    status: str
    verified: bool


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def new_token() -> str:
    return secrets.token_urlsafe(16)


def _key(row: object) -> ApiKey:
    return ApiKey(
        row.id,  # type: ignore[attr-defined]
        row.name,  # type: ignore[attr-defined]
        row.created_at,  # type: ignore[attr-defined]
        row.revoked_at,  # type: ignore[attr-defined]
        row.last_used_at,  # type: ignore[attr-defined]
    )


async def list_keys(uow: SqlUnitOfWork) -> list[ApiKey]:
    rows = await uow.session.execute(select(KEYS).order_by(KEYS.c.name))
    return [_key(r) for r in rows]


async def add_key(uow: SqlUnitOfWork, name: str) -> str:
    """A new key for `name`; returns the key itself, which is never stored.

    A revoked name gets a fresh key (a client that was cut off and is let back in); a name
    with a live key is refused: revoke it first, so nobody rotates a key by accident.
    """
    key = new_key()
    now = uow.clock.now()
    found = (await uow.session.execute(select(KEYS).where(KEYS.c.name == name))).first()
    if found is not None and found.revoked_at is None:
        raise ApiKeyError(f"an API key named {name!r} exists; revoke it first")
    if found is not None:
        await uow.session.execute(
            update(KEYS)
            .where(KEYS.c.id == found.id)
            .values(key_hash=key_hash(key), created_at=now, revoked_at=None, last_used_at=None)
        )
    else:
        await uow.session.execute(
            KEYS.insert().values(name=name, key_hash=key_hash(key), created_at=now)
        )
    return key


async def revoke_key(uow: SqlUnitOfWork, name: str) -> None:
    stmt = (
        update(KEYS)
        .where(KEYS.c.name == name, KEYS.c.revoked_at.is_(None))
        .values(revoked_at=uow.clock.now())
    )
    if await rowcount(uow, stmt) == 0:
        raise ApiKeyError(f"no live API key named {name!r}")


async def client_for_key(uow: SqlUnitOfWork, key: str) -> ApiKey | None:
    """The live client holding `key`, or None (unknown or revoked keys alike)."""
    digest = key_hash(key)
    row = (await uow.session.execute(select(KEYS).where(KEYS.c.key_hash == digest))).first()
    if row is None or row.revoked_at is not None:
        return None
    if not hmac.compare_digest(row.key_hash, digest):
        return None
    return _key(row)


async def record_post(
    uow: SqlUnitOfWork, client: ApiKey, ticket_id: int, media_url: str | None
) -> str:
    """Remember a posted request (in the caller's transaction); returns its token."""
    token = new_token()
    now = uow.clock.now()
    await uow.session.execute(
        REQUESTS.insert().values(
            token=token,
            ticket_id=ticket_id,
            api_key_id=client.id,
            media_url=media_url,
            created_at=now,
        )
    )
    await uow.session.execute(update(KEYS).where(KEYS.c.id == client.id).values(last_used_at=now))
    return token


async def posted_request(uow: SqlUnitOfWork, token: str) -> PostedRequest | None:
    r, t = REQUESTS, TICKETS
    row = (
        await uow.session.execute(
            select(r.c.token, t.c.code, t.c.status, t.c.verified_at)
            .join(t, t.c.id == r.c.ticket_id)
            .where(r.c.token == token)
        )
    ).first()
    if row is None:
        return None
    return PostedRequest(row.token, row.code, row.status, row.verified_at is not None)
