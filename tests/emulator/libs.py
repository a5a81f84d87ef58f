"""One small facade over raw HTTP, python-telegram-bot's ``Bot`` and aiogram's ``Bot``.

Error tests perform the same call through each and check what each raises: the raw JSON
for the exact Telegram shape, and each library's usual exception class for the same error.
"""

from __future__ import annotations

from typing import Any, ClassVar

import httpx
import telegram
import telegram.error as ptb
from aiogram import Bot
from aiogram import exceptions as ag
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, InputMediaPhoto

from playground.emulator import EmulatorServer

LIBS = ["raw", "ptb", "aiogram"]


class RawError(Exception):
    def __init__(self, status: int, body: dict[str, Any]):
        super().__init__(f"{status} {body}")
        self.status = status
        self.body = body


class RawLib:
    """Bot API over httpx; refusals raise :class:`RawError` with the exact body."""

    exceptions: ClassVar[dict[str, type[BaseException]]] = {
        "bad": RawError,
        "forbidden": RawError,
        "retry": RawError,
        "migrate": RawError,
        "server": RawError,
        "network": httpx.TransportError,
        "timeout": httpx.TimeoutException,
    }

    def __init__(self, server: EmulatorServer):
        self.http = httpx.AsyncClient(timeout=10)
        self.url = f"{server.base_url}/bot{server.token}"

    async def close(self) -> None:
        await self.http.aclose()

    async def call(self, method: str, seconds: float | None = None, **params: Any) -> Any:
        clean = {k: v for k, v in params.items() if v is not None}
        response = await self.http.post(f"{self.url}/{method}", json=clean, timeout=seconds or 10)
        body = response.json()
        if not body["ok"]:
            raise RawError(response.status_code, body)
        return body["result"]

    async def send(
        self,
        chat_id: int,
        text: str,
        *,
        parse_mode: str | None = None,
        button_data: str | None = None,
        seconds: float | None = None,
    ) -> Any:
        markup = None
        if button_data is not None:
            markup = {"inline_keyboard": [[{"text": "b", "callback_data": button_data}]]}
        return await self.call(
            "sendMessage",
            seconds,
            chat_id=chat_id,
            text=text,
            parse_mode=parse_mode,
            reply_markup=markup,
        )

    async def edit(self, chat_id: int, message_id: int, text: str) -> Any:
        return await self.call("editMessageText", chat_id=chat_id, message_id=message_id, text=text)

    async def delete(self, chat_id: int, message_id: int) -> Any:
        return await self.call("deleteMessage", chat_id=chat_id, message_id=message_id)

    async def photo(self, chat_id: int, file_id: str, caption: str) -> Any:
        return await self.call("sendPhoto", chat_id=chat_id, photo=file_id, caption=caption)

    async def answer(self, query_id: str) -> Any:
        return await self.call("answerCallbackQuery", callback_query_id=query_id)

    async def album(self, chat_id: int, file_id: str, count: int) -> Any:
        media = [{"type": "photo", "media": file_id}] * count
        return await self.call("sendMediaGroup", chat_id=chat_id, media=media)


class PtbLib:
    exceptions: ClassVar[dict[str, type[BaseException]]] = {
        "bad": ptb.BadRequest,
        "forbidden": ptb.Forbidden,
        "retry": ptb.RetryAfter,
        "migrate": ptb.ChatMigrated,
        "server": ptb.NetworkError,
        "network": ptb.NetworkError,
        "timeout": ptb.TimedOut,
    }

    media = staticmethod(telegram.InputMediaPhoto)

    def __init__(self, server: EmulatorServer):
        self.bot = telegram.Bot(
            server.token,
            base_url=f"{server.base_url}/bot",
            base_file_url=f"{server.base_url}/file/bot",
        )

    async def close(self) -> None:
        await self.bot.shutdown()

    async def send(
        self,
        chat_id: int,
        text: str,
        *,
        parse_mode: str | None = None,
        button_data: str | None = None,
        seconds: float | None = None,
    ) -> Any:
        markup = None
        if button_data is not None:
            markup = telegram.InlineKeyboardMarkup(
                [[telegram.InlineKeyboardButton("b", callback_data=button_data)]]
            )
        return await self.bot.send_message(
            chat_id, text, parse_mode=parse_mode, reply_markup=markup, read_timeout=seconds
        )

    async def edit(self, chat_id: int, message_id: int, text: str) -> Any:
        return await self.bot.edit_message_text(text, chat_id=chat_id, message_id=message_id)

    async def delete(self, chat_id: int, message_id: int) -> Any:
        return await self.bot.delete_message(chat_id, message_id)

    async def photo(self, chat_id: int, file_id: str, caption: str) -> Any:
        return await self.bot.send_photo(chat_id, file_id, caption=caption)

    async def answer(self, query_id: str) -> Any:
        return await self.bot.answer_callback_query(query_id)

    async def album(self, chat_id: int, file_id: str, count: int) -> Any:
        return await self.bot.send_media_group(chat_id, [self.media(file_id)] * count)


class AiogramLib:
    exceptions: ClassVar[dict[str, type[BaseException]]] = {
        "bad": ag.TelegramBadRequest,
        "forbidden": ag.TelegramForbiddenError,
        "retry": ag.TelegramRetryAfter,
        "migrate": ag.TelegramMigrateToChat,
        "server": ag.TelegramServerError,
        "network": ag.TelegramNetworkError,
        "timeout": ag.TelegramNetworkError,
    }

    @staticmethod
    def media(file_id: str) -> InputMediaPhoto:
        return InputMediaPhoto(media=file_id)

    def __init__(self, server: EmulatorServer):
        session = AiohttpSession(api=TelegramAPIServer.from_base(server.base_url))
        self.bot = Bot(server.token, session=session)

    async def close(self) -> None:
        await self.bot.session.close()

    async def send(
        self,
        chat_id: int,
        text: str,
        *,
        parse_mode: str | None = None,
        button_data: str | None = None,
        seconds: float | None = None,
    ) -> Any:
        markup = None
        if button_data is not None:
            markup = InlineKeyboardMarkup(
                inline_keyboard=[[InlineKeyboardButton(text="b", callback_data=button_data)]]
            )
        return await self.bot.send_message(
            chat_id, text, parse_mode=parse_mode, reply_markup=markup, request_timeout=seconds
        )  # type: ignore[arg-type]

    async def edit(self, chat_id: int, message_id: int, text: str) -> Any:
        return await self.bot.edit_message_text(text=text, chat_id=chat_id, message_id=message_id)

    async def delete(self, chat_id: int, message_id: int) -> Any:
        return await self.bot.delete_message(chat_id, message_id)

    async def photo(self, chat_id: int, file_id: str, caption: str) -> Any:
        return await self.bot.send_photo(chat_id, file_id, caption=caption)

    async def answer(self, query_id: str) -> Any:
        return await self.bot.answer_callback_query(query_id)

    async def album(self, chat_id: int, file_id: str, count: int) -> Any:
        return await self.bot.send_media_group(chat_id, [self.media(file_id)] * count)


def make_lib(name: str, server: EmulatorServer) -> RawLib | PtbLib | AiogramLib:
    return {"raw": RawLib, "ptb": PtbLib, "aiogram": AiogramLib}[name](server)
