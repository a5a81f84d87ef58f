"""`aduan backup DIR` and `aduan restore DIR`: the database and the evidence archive, together.

A backup folder holds the database (`database.sqlite3`, or `database.dump` from pg_dump), the
evidence files (`evidence/<aa>/<sha256>`, as the folder store lays them out; nothing when the
evidence lives in the database, which the dump then carries), and `manifest.json`: row counts
and checksums per table as of the backup's snapshot, the database file's SHA-256, and every
evidence file with its size. A restore checks all of it before touching anything and compares
the restored database with it after.

The database is copied first, in one snapshot, and the evidence after: evidence is immutable
and is written to the store before any row points at it, so every file the snapshot refers to
is already there (later ones are copied too, harmlessly).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.backup_db import (
    BackupError,
    TableDigests,
    is_empty,
    postgres_backup,
    postgres_restore,
    sqlite_backup,
    sqlite_restore,
)
from domain.evidence import EvidenceStore, sha256_of
from storage.database import Database
from storage.evidence import DatabaseEvidenceStore, FolderEvidenceStore

FORMAT = "aduan-backup/1"
MANIFEST = "manifest.json"


@dataclass
class Manifest:
    created_at: str
    dialect: str
    database_file: str
    database_sha256: str
    tables: TableDigests
    evidence_store: str
    evidence_in_database: bool
    evidence: dict[str, int] = field(default_factory=dict)  # sha256 -> size
    skipped: list[str] = field(default_factory=list)  # corrupt in the store: not copied

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "created_at": self.created_at,
            "database": {
                "dialect": self.dialect,
                "file": self.database_file,
                "sha256": self.database_sha256,
            },
            "tables": self.tables,
            "evidence": {
                "store": self.evidence_store,
                "in_database": self.evidence_in_database,
                "files": self.evidence,
                "skipped_corrupt": self.skipped,
            },
        }

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        path = folder / MANIFEST
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError) as exc:
            raise BackupError(f"{path}: not a readable backup manifest ({exc})") from exc
        if data.get("format") != FORMAT:
            raise BackupError(f"{path}: unknown backup format {data.get('format')!r}")
        evidence = data["evidence"]
        return cls(
            created_at=data["created_at"],
            dialect=data["database"]["dialect"],
            database_file=data["database"]["file"],
            database_sha256=data["database"]["sha256"],
            tables=data["tables"],
            evidence_store=evidence["store"],
            evidence_in_database=evidence["in_database"],
            evidence=evidence["files"],
            skipped=evidence.get("skipped_corrupt", []),
        )

    def summary(self) -> str:
        rows = sum(t["rows"] for t in self.tables.values())
        size = sum(self.evidence.values())
        where = "in the database" if self.evidence_in_database else "files"
        return (
            f"{len(self.tables)} tables, {rows} rows; {len(self.evidence)} evidence {where} "
            f"({size} bytes)"
        )


async def take_backup(db: Database, store: EvidenceStore, folder: Path) -> Manifest:
    """Back up into `folder` (new, or empty). Safe while the bot runs."""
    await asyncio.to_thread(_new_folder, folder)
    database_file = "database.dump" if db.is_postgres else "database.sqlite3"
    target = folder / database_file
    if db.is_postgres:
        tables = await postgres_backup(db, target)
    else:
        tables = await sqlite_backup(db, target)
    manifest = Manifest(
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        dialect=db.dialect,
        database_file=database_file,
        database_sha256=await asyncio.to_thread(_file_sha256, target),
        tables=tables,
        evidence_store=store.name,
        evidence_in_database=isinstance(store, DatabaseEvidenceStore),
    )
    if not manifest.evidence_in_database:
        copy = FolderEvidenceStore(folder / "evidence")
        async for sha256 in store.hashes():
            data = await store.get(sha256)
            if data is None:
                continue  # deleted meanwhile (retention)
            if sha256_of(data) != sha256:
                manifest.skipped.append(sha256)
                continue
            await copy.put(data)
            manifest.evidence[sha256] = len(data)
    else:
        manifest.evidence = await _blob_sizes(store)
    text = json.dumps(manifest.to_json(), indent=2, sort_keys=True)
    await asyncio.to_thread((folder / MANIFEST).write_text, text)
    return manifest


async def restore_backup(
    db: Database, store: EvidenceStore, folder: Path, *, force: bool = False
) -> Manifest:
    """Restore `folder` into `db` and `store`, which must be empty unless `force`. Everything
    is checked against the manifest first; the restored database is compared with it after."""
    manifest = Manifest.read(folder)
    if manifest.dialect != db.dialect:
        raise BackupError(f"this backup is of a {manifest.dialect} database, not {db.dialect}")
    source = folder / manifest.database_file
    if await asyncio.to_thread(_file_sha256, source) != manifest.database_sha256:
        raise BackupError(f"{source} does not match the manifest's checksum")
    files = await asyncio.to_thread(_check_evidence, folder, manifest)
    if not force:
        if not await is_empty(db):
            raise BackupError("the database is not empty; restore into an empty one, or --force")
        async for _ in store.hashes():
            raise BackupError("the evidence store is not empty; use an empty one, or --force")
    if db.is_postgres:
        restored = await postgres_restore(db, source)
    else:
        restored = await sqlite_restore(db, source)
    different = sorted(
        name
        for name in manifest.tables.keys() | restored.keys()
        if manifest.tables.get(name) != restored.get(name)
    )
    if different:
        raise BackupError(f"restored tables differ from the backup: {', '.join(different)}")
    for path in files:
        await store.put(await asyncio.to_thread(path.read_bytes))
    if manifest.evidence_in_database and not isinstance(store, DatabaseEvidenceStore):
        blobs = DatabaseEvidenceStore(db)  # the dump carried them: into the store in use now
        async for sha256 in blobs.hashes():
            data = await blobs.get(sha256)
            if data is not None:
                await store.put(data)
    return manifest


def _new_folder(folder: Path) -> None:
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty; back up into a new folder")
    folder.mkdir(parents=True, exist_ok=True)


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        for chunk in iter(lambda: source.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _check_evidence(folder: Path, manifest: Manifest) -> list[Path]:
    """Every evidence file the manifest lists, present and hashing to its name."""
    if manifest.evidence_in_database:
        return []
    copy = FolderEvidenceStore(folder / "evidence")
    paths = []
    for sha256, size in manifest.evidence.items():
        path = copy.path(sha256)
        if not path.is_file() or os.path.getsize(path) != size:
            raise BackupError(f"evidence {sha256} is missing from the backup")
        if _file_sha256(path) != sha256:
            raise BackupError(f"evidence {sha256} in the backup is corrupt")
        paths.append(path)
    return paths


async def _blob_sizes(store: EvidenceStore) -> dict[str, int]:
    sizes = {}
    async for sha256 in store.hashes():
        data = await store.get(sha256)
        if data is not None:
            sizes[sha256] = len(data)
    return sizes
