"""`aduan apikey add|revoke|list`: a key is shown once, stored hashed, and stops working when
revoked; each change is in the admin audit log."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from storage.database import Database
from storage.queries.open311 import KEYS, client_for_key, key_hash
from tests.e2e.harness import database


@pytest.fixture
def city_url(tmp_path: Path) -> Iterator[str]:
    async def make() -> str:
        async with database("sqlite", tmp_path) as (url, _schema):
            return url

    yield asyncio.run(make())


async def stored(url: str, key: str) -> tuple[list[str], bool]:
    db = Database(url)
    try:
        async with db.uow(read_only=True) as uow:
            hashes = [r.key_hash for r in await uow.session.execute(KEYS.select())]
            return hashes, await client_for_key(uow, key) is not None
    finally:
        await db.dispose()


def test_api_keys_are_shown_once_stored_hashed_and_revocable(
    city_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
) -> None:
    monkeypatch.setenv("DATABASE_URL", city_url)
    cli = ["--env-file", str(tmp_path / "none.env"), "apikey"]
    assert main([*cli, "add", "webform"]) == 0
    key = capsys.readouterr().out.strip().splitlines()[-1]
    assert key.startswith("aduan_") and len(key) > 40
    assert asyncio.run(stored(city_url, key)) == ([key_hash(key)], True)
    assert main([*cli, "add", "webform"]) == 1
    assert "exists; revoke it first" in capsys.readouterr().err
    assert main([*cli, "list"]) == 0
    assert "webform\tlive" in capsys.readouterr().out
    assert main([*cli, "revoke", "webform"]) == 0
    assert asyncio.run(stored(city_url, key))[1] is False
    assert main([*cli, "revoke", "webform"]) == 1
    assert main([*cli, "add", "webform"]) == 0  # let back in, with a new key
    fresh = capsys.readouterr().out.strip().splitlines()[-1]
    assert fresh != key and asyncio.run(stored(city_url, fresh))[1] is True
    assert asyncio.run(audited(city_url)) == [
        ("apikey.add", "apikey:webform"),
        ("apikey.revoke", "apikey:webform"),
        ("apikey.add", "apikey:webform"),
    ]


async def audited(url: str) -> list[tuple[str, str]]:
    db = Database(url)
    try:
        async with db.uow(read_only=True) as uow:
            span = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))
            return [(e.action, e.target) for e in reversed(await uow.audit.recent(*span))]
    finally:
        await db.dispose()
