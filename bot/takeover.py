"""What a bot does with what its predecessor left: file ids and messages that are not its own.

A city replaces its bot (a leaked token, a new name): every stored Telegram file id belonged to
the old bot, and every card in the staff groups was posted by it. Neither may stop a message:
- a photo or document whose file id Telegram refuses is uploaded again from the evidence
  archive (domain.evidence), and the id Telegram gives the upload is stored, so every later
  message about these bytes takes the fast path (send by file id) again;
- an edit of a message the bot may not edit (its predecessor's card) is posted as a new
  message instead, replying to the old one and linked like it, so later edits and replies go
  to the new message, whose buttons reach the new bot.

- a new bot numbers its updates afresh: the old bot's handled updates are forgotten at start,
  or the inbox would take the new bot's first updates for repeats and drop them.

Only a file that never reached the archive is lost: it fails like any other 400, with the
reason; one still being downloaded is retried later.
"""

from __future__ import annotations

from dataclasses import replace

import filetype
from sqlalchemy import delete

from bot.gateway.errors import BadRequest, NetworkError
from bot.gateway.protocol import MediaFile, SentFile, TelegramGateway
from domain.evidence import EvidenceStore
from domain.outbound import Outbound, OutboundKind
from storage.database import Database
from storage.records import OutboxItem
from storage.repositories.evidence import KnownFile
from storage.repositories.inbox import INBOX

_FILE_REFUSED = ("wrong file identifier", "wrong remote file identifier", "file reference")
_NOT_EDITABLE = ("message can't be edited",)
_MEDIA = (OutboundKind.PHOTO, OutboundKind.ALBUM)


class NotArchived(BadRequest):
    """A refused file id whose bytes the archive does not have: the message cannot go."""


class NotYetArchived(NetworkError):
    """A refused file id whose download is still queued: transient, the sender backs off."""


def file_refused(exc: BadRequest) -> bool:
    text = exc.description.lower()
    return any(hint in text for hint in _FILE_REFUSED)


def not_editable(exc: BadRequest) -> bool:
    text = exc.description.lower()
    return any(hint in text for hint in _NOT_EDITABLE)


class Takeover:
    def __init__(
        self, db: Database, gateway: TelegramGateway, store: EvidenceStore, *, bot_id: int
    ) -> None:
        self.db, self.gateway, self.store, self.bot_id = db, gateway, store, bot_id
        self.reuploaded = 0  # files uploaded from the archive (metrics, tests)

    async def rescue(self, item: OutboxItem, exc: BadRequest) -> list[int] | None:
        """Deliver `item` another way after Telegram refused it with `exc`, and return the
        message ids; None when the refusal is not one a new bot meets (the caller fails it).
        Gateway errors of the new attempt propagate, to be handled like any send's."""
        out = item.message
        if out.kind in _MEDIA and out.photos and out.upload_id is None and file_refused(exc):
            return await self._send_from_archive(out)
        if out.kind is OutboundKind.EDIT_TEXT and out.edit_message_id and not_editable(exc):
            return await self._post_instead(item)
        if out.kind is OutboundKind.EDIT_MARKUP and not_editable(exc):
            return [out.edit_message_id or 0]  # the old buttons reach nobody anyway
        return None

    async def _send_from_archive(self, out: Outbound) -> list[int]:
        async with self.db.uow(read_only=True) as uow:
            known: list[KnownFile] = []
            for file_id in out.photos:
                found = await uow.evidence_files.find(file_id)
                if found is None:
                    if await uow.evidence_files.is_pending(file_id):
                        raise NotYetArchived(f"file {file_id[:16]}… is still being archived")
                    raise NotArchived(f"file {file_id[:16]}… refused and not in the archive")
                known.append(found)
            cached = [
                await uow.evidence_files.for_bot(k.sha256, k.kind, self.bot_id) for k in known
            ]
        files = [
            MediaFile(k.kind, own)  # type: ignore[arg-type]
            if own is not None and own not in out.photos
            else await self._upload(k)
            for k, own in zip(known, cached, strict=True)
        ]
        try:
            sent = await self._send(out, files)
        except BadRequest as again:
            if not file_refused(again) or all(isinstance(f.source, bytes) for f in files):
                raise
            files = [await self._upload(k) for k in known]  # a cached id was refused too
            sent = await self._send(out, files)
        async with self.db.uow() as uow:
            for media, k, message in zip(files, known, sent, strict=True):
                if isinstance(media.source, bytes):
                    await uow.evidence_files.remember(
                        message.file_id, k.sha256, k.kind, bot_id=self.bot_id
                    )
                    self.reuploaded += 1
            await uow.commit()
        return [message.message_id for message in sent]

    async def _upload(self, known: KnownFile) -> MediaFile:
        data = await self.store.get(known.sha256)
        if data is None:
            raise NotArchived(f"evidence {known.sha256[:12]}… is missing from the store")
        extension = filetype.guess_extension(data) or "bin"
        return MediaFile(known.kind, data, f"{known.sha256[:16]}.{extension}")  # type: ignore[arg-type]

    async def _send(self, out: Outbound, files: list[MediaFile]) -> list[SentFile]:
        return await self.gateway.send_files(
            out.chat_id,
            files,
            out.text,
            parse_mode=out.parse_mode,
            keyboard=out.keyboard if out.kind is OutboundKind.PHOTO else None,
            reply_to_message_id=out.reply_to_message_id,
            thread_id=out.thread_id,
        )

    async def _post_instead(self, item: OutboxItem) -> list[int]:
        """The new text as a new message under the old one, linked as the old one was."""
        out = item.message
        old_id = out.edit_message_id or 0
        async with self.db.uow(read_only=True) as uow:
            old = await uow.links.find(out.chat_id, old_id)
        message_id = await self.gateway.send_message(
            out.chat_id,
            out.text or "",
            parse_mode=out.parse_mode,
            keyboard=out.keyboard,
            reply_to_message_id=old_id,
        )
        if old is not None:  # the sender links the new message as the old one was linked
            item.link_purpose = old.purpose
            item.ticket_id = old.ticket_id
            item.message = replace(out, agency_id=old.agency_id)
        return [message_id]


async def forget_predecessor_updates(db: Database, bot_id: int) -> int:
    """Drop the handled updates of any other bot (the inbox keys updates by `update_id`, which
    a new bot starts again). Returns how many were dropped."""
    async with db.uow() as uow:
        dropped = await uow.session.execute(
            delete(INBOX).where(INBOX.c.bot_id != bot_id, INBOX.c.status.in_(("done", "dead")))
        )
        await uow.commit()
    return int(dropped.rowcount or 0)  # type: ignore[attr-defined]
