"""Files the bot uploads (chart PNGs, CSV/XLSX exports), kept until they are surely sent.

An outbox row names its file by `Outbound.upload_id`; the sender loads the bytes when it sends,
so a send retried after a crash uploads the same file and nothing lives only in memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import delete, select
from sqlalchemy.engine import CursorResult

from storage.queries.common import rowcount
from storage.tables import UploadRow, table_of
from storage.uow import SqlUnitOfWork

UPLOADS = table_of(UploadRow)


@dataclass(frozen=True)
class Upload:
    id: int
    name: str
    mime_type: str
    data: bytes


async def add_upload(uow: SqlUnitOfWork, name: str, mime_type: str, data: bytes) -> int:
    result = cast(
        CursorResult[Any],
        await uow.session.execute(
            UPLOADS.insert().values(
                name=name, mime_type=mime_type, data=data, created_at=uow.clock.now()
            )
        ),
    )
    return int(result.inserted_primary_key[0])


async def load_upload(uow: SqlUnitOfWork, upload_id: int) -> Upload | None:
    result = await uow.session.execute(
        select(UPLOADS.c.id, UPLOADS.c.name, UPLOADS.c.mime_type, UPLOADS.c.data).where(
            UPLOADS.c.id == upload_id
        )
    )
    row = result.first()
    return None if row is None else Upload(row.id, row.name, row.mime_type, bytes(row.data))


async def purge_uploads(uow: SqlUnitOfWork, before: datetime) -> int:
    """Uploads older than `before`: long sent (or given up) by then."""
    return await rowcount(uow, delete(UPLOADS).where(UPLOADS.c.created_at < before))
