"""`AiogramGateway.send_files`: photos and documents by file id or uploaded from bytes."""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.types import (
    BufferedInputFile,
    InputMediaDocument,
    InputMediaPhoto,
    Message,
    ReplyParameters,
)

from bot.gateway.aiogram_mapping import aiogram_errors, to_markup
from bot.gateway.media import batches
from bot.gateway.protocol import MediaFile, SentFile
from domain.outbound import Keyboard


def _source(media: MediaFile) -> str | BufferedInputFile:
    if isinstance(media.source, bytes):
        return BufferedInputFile(media.source, filename=media.filename)
    return media.source


def _file_id(message: Message) -> str:
    if message.photo:
        return message.photo[-1].file_id
    if message.document is not None:
        return message.document.file_id
    raise ValueError("Telegram answered without the file")


def _input_media(media: MediaFile, caption: str | None, parse_mode: str | None) -> Any:
    kind = InputMediaPhoto if media.kind == "photo" else InputMediaDocument
    return kind(media=_source(media), caption=caption, parse_mode=parse_mode if caption else None)


async def send_files(
    bot: Bot,
    chat_id: int,
    files: list[MediaFile],
    caption: str | None,
    *,
    parse_mode: str | None,
    keyboard: Keyboard | None,
    reply: ReplyParameters | None,
    thread_id: int | None,
) -> list[SentFile]:
    if not files:
        raise ValueError("nothing to send")
    sent: list[SentFile] = []
    for n, batch in enumerate(batches(files)):
        first = n == 0
        text = caption if first else None
        if len(batch) == 1:
            media = batch[0]
            common: dict[str, Any] = {
                "chat_id": chat_id,
                "caption": text,
                "parse_mode": parse_mode if text else None,
                "reply_markup": to_markup(keyboard) if len(files) == 1 else None,
                "reply_parameters": reply if first else None,
                "message_thread_id": thread_id,
            }
            with aiogram_errors(chat_id):
                if media.kind == "photo":
                    message = await bot.send_photo(photo=_source(media), **common)
                else:
                    message = await bot.send_document(document=_source(media), **common)
            sent.append(SentFile(message.message_id, _file_id(message)))
            continue
        album = [_input_media(m, text if i == 0 else None, parse_mode) for i, m in enumerate(batch)]
        with aiogram_errors(chat_id):
            messages = await bot.send_media_group(
                chat_id=chat_id,
                media=album,
                reply_parameters=reply if first else None,
                message_thread_id=thread_id,
            )
        sent.extend(SentFile(m.message_id, _file_id(m)) for m in messages)
    return sent
