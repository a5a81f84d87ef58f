"""Turn one queued `Outbound` into the gateway call that delivers it.

Photos and albums are always re-sent by Telegram file_id, never downloaded and re-uploaded:
it is faster, costs no bandwidth and keeps the original quality.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from bot.gateway.protocol import MediaFile, TelegramGateway
from domain.outbound import Outbound, OutboundKind
from handlers.ports import LinkRepository

_EDITS = (OutboundKind.EDIT_TEXT, OutboundKind.EDIT_MARKUP)


async def resolve_link_targets(links: LinkRepository, out: Outbound) -> Outbound:
    """Fill in the ids an outbox row could not know when it was queued (see
    `Outbound.edit_link_purpose`): the newest linked message of its ticket in its chat.

    A reply or thread target that was never sent leaves the message a plain one; an edit
    target that was never sent is left empty (`unresolved_edit`), and the row is skipped.
    """
    if out.ticket_id is None:
        return out
    changes: dict[str, int] = {}
    for purpose, field in (
        (out.edit_link_purpose, "edit_message_id"),
        (out.reply_link_purpose, "reply_to_message_id"),
        (out.thread_link_purpose, "thread_id"),
    ):
        if purpose and getattr(out, field) is None:
            found = await links.for_ticket(out.ticket_id, purpose=purpose, chat_id=out.chat_id)
            sent = [k.message_id for k in found if k.message_id is not None]  # not the queued
            if sent:
                changes[field] = sent[-1]
    return replace(out, **changes) if changes else out


def unresolved_edit(out: Outbound) -> bool:
    """An edit of a message that was never sent (its card failed): nothing to do."""
    return out.kind in _EDITS and out.edit_message_id is None and bool(out.edit_link_purpose)


@dataclass(frozen=True)
class UploadFile:
    """The bytes of an `Outbound.upload_id`, loaded by the sender just before sending."""

    name: str
    data: bytes


async def deliver(
    gateway: TelegramGateway, out: Outbound, upload: UploadFile | None = None
) -> list[int]:
    """Send (or edit) and return the message ids Telegram gave back, in order."""
    common = {"reply_to_message_id": out.reply_to_message_id, "thread_id": out.thread_id}
    if out.upload_id is not None:
        return [await _deliver_upload(gateway, out, upload, common)]
    match out.kind:
        case OutboundKind.TEXT:
            return [
                await gateway.send_message(
                    out.chat_id,
                    out.text or "",
                    parse_mode=out.parse_mode,
                    keyboard=out.keyboard,
                    **common,
                )
            ]
        case OutboundKind.PHOTO:
            return [
                await gateway.send_photo(
                    out.chat_id,
                    out.photos[0],
                    out.text,
                    parse_mode=out.parse_mode,
                    keyboard=out.keyboard,
                    **common,
                )
            ]
        case OutboundKind.ALBUM:
            sent = await gateway.send_files(
                out.chat_id,
                [MediaFile("photo", file_id) for file_id in out.photos],
                out.text,
                parse_mode=out.parse_mode,
                **common,
            )
            return [s.message_id for s in sent]
        case OutboundKind.LOCATION:
            if out.latitude is None or out.longitude is None:
                raise ValueError("a location message needs latitude and longitude")
            return [
                await gateway.send_location(
                    out.chat_id, out.latitude, out.longitude, keyboard=out.keyboard, **common
                )
            ]
        case OutboundKind.EDIT_TEXT:
            await gateway.edit_message_text(
                out.chat_id,
                _target(out),
                out.text or "",
                keyboard=out.keyboard,
                parse_mode=out.parse_mode,
            )
            return [_target(out)]
        case OutboundKind.EDIT_MARKUP:
            await gateway.edit_message_reply_markup(out.chat_id, _target(out), out.keyboard)
            return [_target(out)]
        case OutboundKind.CREATE_TOPIC:
            return [await gateway.create_forum_topic(out.chat_id, out.text or "")]
    raise ValueError(f"unknown outbound kind {out.kind}")


async def _deliver_upload(
    gateway: TelegramGateway, out: Outbound, upload: UploadFile | None, common: dict[str, Any]
) -> int:
    """A file we upload ourselves: a chart as a photo, an export as a document."""
    if upload is None:
        raise ValueError(f"upload {out.upload_id} is missing")
    if out.kind is OutboundKind.PHOTO:
        return await gateway.send_photo(
            out.chat_id, upload.data, out.text, parse_mode=out.parse_mode, **common
        )
    if out.kind is OutboundKind.DOCUMENT:
        return await gateway.send_document(
            out.chat_id, upload.data, upload.name, out.text, parse_mode=out.parse_mode, **common
        )
    raise ValueError(f"{out.kind} cannot carry an upload")


def _target(out: Outbound) -> int:
    if out.edit_message_id is None:
        raise ValueError("an edit needs the message id it edits")
    return out.edit_message_id
