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
from bot.gateway.media import file_messages
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
    sent: list[SentFile] = []
    for message in file_messages(files, caption, keyboard):
        reply_to = reply if message.first else None
        media = message.single
        if media is not None:
            caption_of = message.captions[0]
            common: dict[str, Any] = {
                "chat_id": chat_id,
                "caption": caption_of,
                "parse_mode": parse_mode if caption_of else None,
                "reply_markup": to_markup(message.keyboard),
                "reply_parameters": reply_to,
                "message_thread_id": thread_id,
            }
            with aiogram_errors(chat_id):
                if media.kind == "photo":
                    answer = await bot.send_photo(photo=_source(media), **common)
                else:
                    answer = await bot.send_document(document=_source(media), **common)
            sent.append(SentFile(answer.message_id, _file_id(answer)))
            continue
        album = [_input_media(m, c, parse_mode) for m, c in message.captioned]
        with aiogram_errors(chat_id):
            answers = await bot.send_media_group(
                chat_id=chat_id,
                media=album,
                reply_parameters=reply_to,
                message_thread_id=thread_id,
            )
        sent.extend(SentFile(m.message_id, _file_id(m)) for m in answers)
    return sent
