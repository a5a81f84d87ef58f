"""The evidence archive inside the database (`EVIDENCE_STORE=database`): for several workers
on several hosts without a shared disk. The bytes are one `bytea` (PostgreSQL) or BLOB (SQLite)
row per SHA-256 in `evidence_blob`; backups then carry them with the rest of the database.

Each call is its own short transaction, never part of a use case's: the bytes are stored first
and the attachment records their hash after, so a crash in between leaves at most a blob that
nothing points at yet (and the retried download finds it already there).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite

from domain.evidence import check_sha256, sha256_of
from storage.database import Database
from storage.tables import EvidenceBlobRow, table_of

BLOBS = table_of(EvidenceBlobRow)
_PAGE = 500


class DatabaseEvidenceStore:
    name = "database"

    def __init__(self, db: Database) -> None:
        self.db = db

    async def put(self, data: bytes) -> str:
        sha256 = sha256_of(data)
        async with self.db.uow() as uow:
            dialect = postgresql if uow.is_postgres else sqlite
            stmt = dialect.insert(BLOBS).on_conflict_do_nothing(index_elements=[BLOBS.c.sha256])
            await uow.session.execute(
                stmt,
                {
                    "sha256": sha256,
                    "size": len(data),
                    "data": data,
                    "created_at": self.db.clock.now(),
                },
            )
            await uow.commit()
        return sha256

    async def get(self, sha256: str) -> bytes | None:
        check_sha256(sha256)
        async with self.db.uow(read_only=True) as uow:
            result = await uow.session.execute(select(BLOBS.c.data).where(BLOBS.c.sha256 == sha256))
            data = result.scalar_one_or_none()
        return None if data is None else bytes(data)

    async def has(self, sha256: str) -> bool:
        check_sha256(sha256)
        async with self.db.uow(read_only=True) as uow:
            result = await uow.session.execute(select(func.count()).where(BLOBS.c.sha256 == sha256))
            return bool(result.scalar_one())

    async def delete(self, sha256: str) -> None:
        check_sha256(sha256)
        async with self.db.uow() as uow:
            await uow.session.execute(BLOBS.delete().where(BLOBS.c.sha256 == sha256))
            await uow.commit()

    async def hashes(self) -> AsyncIterator[str]:
        """Page by key, never one long-lived cursor: a huge archive is listed in short reads."""
        after = ""
        while True:
            async with self.db.uow(read_only=True) as uow:
                result = await uow.session.execute(
                    select(BLOBS.c.sha256)
                    .where(BLOBS.c.sha256 > after)
                    .order_by(BLOBS.c.sha256)
                    .limit(_PAGE)
                )
                page = list(result.scalars())
            for sha256 in page:
                yield sha256
            if len(page) < _PAGE:
                return
            after = page[-1]

    async def close(self) -> None:
        return None  # the database belongs to whoever made it
