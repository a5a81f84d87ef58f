"""The one contract every evidence store passes (domain.evidence.EvidenceStore): the folder,
and the database on SQLite and on PostgreSQL (for real)."""

from __future__ import annotations

import asyncio
import hashlib
import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from domain.evidence import EvidenceStore
from storage.database import Database
from storage.evidence import DatabaseEvidenceStore, FolderEvidenceStore
from tests.backends import postgres_schema, sqlite_file

PHOTO = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40  # a JPEG-looking 10 KiB
OTHER = b"%PDF-1.7\n" + b"x" * 3000


@pytest.fixture(params=["folder", "database-sqlite", "database-postgres"])
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[EvidenceStore]:
    if request.param == "folder":
        yield FolderEvidenceStore(tmp_path / "evidence")
        return
    if request.param == "database-sqlite":
        async with sqlite_file(tmp_path) as path:
            db = Database(f"sqlite+aiosqlite:///{path}")
            try:
                yield DatabaseEvidenceStore(db)
            finally:
                await db.dispose()
        return
    async with postgres_schema(migrated=True) as (url, schema):
        db = Database(url, schema=schema)
        try:
            yield DatabaseEvidenceStore(db)
        finally:
            await db.dispose()


async def keys(store: EvidenceStore) -> list[str]:
    return sorted([key async for key in store.hashes()])


async def test_put_returns_the_sha256_and_get_gives_the_same_bytes(store: EvidenceStore) -> None:
    sha = await store.put(PHOTO)
    assert sha == hashlib.sha256(PHOTO).hexdigest()
    assert await store.get(sha) == PHOTO
    assert await store.has(sha)


async def test_the_same_bytes_are_kept_once(store: EvidenceStore) -> None:
    first, second = await asyncio.gather(store.put(PHOTO), store.put(PHOTO))
    again = await store.put(PHOTO)
    other = await store.put(OTHER)
    assert first == second == again != other
    assert await keys(store) == sorted([first, other])


async def test_unknown_keys_read_as_absent_and_delete_is_idempotent(store: EvidenceStore) -> None:
    unknown = hashlib.sha256(b"never stored").hexdigest()
    assert await store.get(unknown) is None
    assert not await store.has(unknown)
    await store.delete(unknown)  # nothing there: no error
    sha = await store.put(OTHER)
    await store.delete(sha)
    await store.delete(sha)
    assert await store.get(sha) is None and await keys(store) == []


async def test_keys_must_be_sha256_digests(store: EvidenceStore) -> None:
    for bad in ("../../etc/passwd", "ABC", "0" * 63, "g" * 64, ""):
        with pytest.raises(ValueError):
            await store.get(bad)


async def test_empty_and_large_files(store: EvidenceStore) -> None:
    big = bytes(range(256)) * 8192  # 2 MiB
    sha_big, sha_empty = await store.put(big), await store.put(b"")
    assert await store.get(sha_big) == big
    assert await store.get(sha_empty) == b""
    assert await keys(store) == sorted([sha_big, sha_empty])


def test_the_folder_writes_atomically_and_sweeps_leftovers(tmp_path: Path) -> None:
    """A killed writer leaves only a temporary file, never a half file under the real name;
    old leftovers are swept, a write in progress is not."""
    store = FolderEvidenceStore(tmp_path)
    sha = asyncio.run(store.put(PHOTO))
    folder = store.path(sha).parent
    leftover = folder / f".tmp-{sha}-dead"
    leftover.write_bytes(PHOTO[:10])
    fresh = folder / f".tmp-{sha}-live"
    fresh.write_bytes(PHOTO[:10])
    os.utime(leftover, (0, 0))
    assert asyncio.run(keys(store)) == [sha]  # temporary files are never keys
    assert store.sweep(older_than=60) == 1
    assert not leftover.exists() and fresh.exists()
