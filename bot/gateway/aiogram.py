"""TelegramGateway on aiogram 3.

Uses `aiogram.Bot` alone, no Dispatcher or FSM: conversation state lives in our database and
our worker does the dispatching. The default parse mode stays None so that what the outbox
says (`Outbound.parse_mode`) is exactly what is sent.
"""

from __future__ import annotations

from typing import Any

from aiogram import Bot as AiogramBot
from aiogram import methods
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.methods import Response
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeDefault,
    BufferedInputFile,
    ReplyParameters,
    Update,
)

from bot.gateway import aiogram_files
from bot.gateway.aiogram_mapping import (
    RawGetUpdates,
    aiogram_errors,
    to_inline_markup,
    to_markup,
)
from bot.gateway.convert import BotIdentity, to_incoming
from bot.gateway.errors import MalformedUpdate
from bot.gateway.protocol import (
    BotInfo,
    CommandScope,
    MediaFile,
    RawUpdate,
    SentFile,
    WebhookInfo,
)
from domain.outbound import Keyboard
from handlers.incoming import Incoming

# Extra seconds over the long-poll timeout before the client gives up on a getUpdates.
LONG_POLL_SLACK = 10
DOWNLOAD_TIMEOUT = 60

# aiogram parametrises pydantic's `Response[...]` anew for every request, and pydantic keeps a
# parametrised class only while something refers to it: each answer from Telegram built its
# response class again (7% of aduan's CPU in `bench intake`). Referring to them keeps them.
_RESPONSE_TYPES = tuple(
    Response[method.__returning__]  # type: ignore[attr-defined]
    for method in (
        methods.GetMe,
        methods.GetUpdates,
        methods.SetWebhook,
        methods.DeleteWebhook,
        methods.GetWebhookInfo,
        methods.GetFile,
        methods.SendMessage,
        methods.SendPhoto,
        methods.SendDocument,
        methods.SendMediaGroup,
        methods.SendLocation,
        methods.EditMessageText,
        methods.EditMessageReplyMarkup,
        methods.DeleteMessage,
        methods.AnswerCallbackQuery,
        methods.SendChatAction,
        methods.SetMyCommands,
        methods.CreateForumTopic,
    )
)

_SCOPES = {
    "private": BotCommandScopeAllPrivateChats(),
    "groups": BotCommandScopeAllGroupChats(),
    "default": BotCommandScopeDefault(),
}


def _reply(message_id: int | None) -> ReplyParameters | None:
    """A notice must not fail because the citizen deleted the message it answers."""
    if message_id is None:
        return None
    return ReplyParameters(message_id=message_id, allow_sending_without_reply=True)


class AiogramGateway:
    library = "aiogram"

    def __init__(
        self,
        token: str,
        base_url: str = "https://api.telegram.org",
        *,
        bot_username: str | None = None,
        pool_size: int = 32,
        request_timeout: float = 15.0,
    ) -> None:
        session = AiohttpSession(
            api=TelegramAPIServer.from_base(base_url),
            limit=pool_size,
            timeout=request_timeout,
        )
        self._bot = AiogramBot(
            token, session=session, default=DefaultBotProperties(parse_mode=None)
        )
        self._me = BotIdentity(self._bot.id, bot_username)

    async def start(self) -> BotInfo:
        return await self.get_me()

    async def close(self) -> None:
        await self._bot.session.close()

    async def get_me(self) -> BotInfo:
        with aiogram_errors():
            user = await self._bot.get_me()
        self._me = BotIdentity(user.id, user.username)
        return BotInfo(user.id, user.username or "", user.first_name)

    async def get_updates(
        self,
        offset: int | None = None,
        limit: int = 100,
        timeout: int = 0,  # noqa: ASYNC109 - the Bot API long-poll seconds, not ours
        allowed_updates: list[str] | None = None,
    ) -> list[RawUpdate]:
        method = RawGetUpdates(
            offset=offset, limit=limit, timeout=timeout, allowed_updates=allowed_updates
        )
        with aiogram_errors():
            result = await self._bot(method, request_timeout=timeout + LONG_POLL_SLACK)
        return [RawUpdate(u["update_id"], u) for u in result]

    def parse(self, payload: dict[str, Any]) -> Incoming:
        try:
            update = Update.model_validate(payload, context={"bot": self._bot})
            return to_incoming(update, self._me)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:  # incl. ValidationError
            raise MalformedUpdate(f"{type(exc).__name__}: {exc}") from exc

    async def set_webhook(
        self,
        url: str,
        secret_token: str | None = None,
        allowed_updates: list[str] | None = None,
    ) -> None:
        with aiogram_errors():
            await self._bot.set_webhook(
                url=url, secret_token=secret_token, allowed_updates=allowed_updates
            )

    async def delete_webhook(self, drop_pending_updates: bool = False) -> None:
        with aiogram_errors():
            await self._bot.delete_webhook(drop_pending_updates=drop_pending_updates)

    async def get_webhook_info(self) -> WebhookInfo:
        with aiogram_errors():
            info = await self._bot.get_webhook_info()
        return WebhookInfo.of(
            info.url, info.pending_update_count, info.last_error_date, info.last_error_message
        )

    async def send_message(
        self,
        chat_id: int,
        text: str,
        *,
        parse_mode: str | None = None,
        keyboard: Keyboard | None = None,
        reply_to_message_id: int | None = None,
        thread_id: int | None = None,
    ) -> int:
        with aiogram_errors(chat_id):
            message = await self._bot.send_message(
                chat_id=chat_id,
                text=text,
                parse_mode=parse_mode,
                reply_markup=to_markup(keyboard),
                reply_parameters=_reply(reply_to_message_id),
                message_thread_id=thread_id,
            )
        return message.message_id

    async def send_photo(
        self,
        chat_id: int,
        photo: str | bytes,
        caption: str | None = None,
        *,
        parse_mode: str | None = None,
        keyboard: Keyboard | None = None,
        reply_to_message_id: int | None = None,
        thread_id: int | None = None,
    ) -> int:
        media = (
            BufferedInputFile(photo, filename="photo.jpg") if isinstance(photo, bytes) else photo
        )
        with aiogram_errors(chat_id):
            message = await self._bot.send_photo(
                chat_id=chat_id,
                photo=media,
                caption=caption,
                parse_mode=parse_mode,
                reply_markup=to_markup(keyboard),
                reply_parameters=_reply(reply_to_message_id),
                message_thread_id=thread_id,
            )
        return message.message_id

    async def send_document(
        self,
        chat_id: int,
        document: bytes,
        filename: str,
        caption: str | None = None,
        *,
        parse_mode: str | None = None,
        reply_to_message_id: int | None = None,
        thread_id: int | None = None,
    ) -> int:
        with aiogram_errors(chat_id):
            message = await self._bot.send_document(
                chat_id=chat_id,
                document=BufferedInputFile(document, filename=filename),
                caption=caption,
                parse_mode=parse_mode,
                reply_parameters=_reply(reply_to_message_id),
                message_thread_id=thread_id,
            )
        return message.message_id

    async def send_files(
        self,
        chat_id: int,
        files: list[MediaFile],
        caption: str | None = None,
        *,
        parse_mode: str | None = None,
        keyboard: Keyboard | None = None,
        reply_to_message_id: int | None = None,
        thread_id: int | None = None,
    ) -> list[SentFile]:
        return await aiogram_files.send_files(
            self._bot,
            chat_id,
            files,
            caption,
            parse_mode=parse_mode,
            keyboard=keyboard,
            reply=_reply(reply_to_message_id),
            thread_id=thread_id,
        )

    async def send_location(
        self,
        chat_id: int,
        latitude: float,
        longitude: float,
        *,
        keyboard: Keyboard | None = None,
        reply_to_message_id: int | None = None,
        thread_id: int | None = None,
    ) -> int:
        with aiogram_errors(chat_id):
            message = await self._bot.send_location(
                chat_id=chat_id,
                latitude=latitude,
                longitude=longitude,
                reply_markup=to_markup(keyboard),
                reply_parameters=_reply(reply_to_message_id),
                message_thread_id=thread_id,
            )
        return message.message_id

    async def edit_message_text(
        self,
        chat_id: int,
        message_id: int,
        text: str,
        *,
        keyboard: Keyboard | None = None,
        parse_mode: str | None = None,
    ) -> None:
        with aiogram_errors(chat_id):
            await self._bot.edit_message_text(
                text=text,
                chat_id=chat_id,
                message_id=message_id,
                parse_mode=parse_mode,
                reply_markup=to_inline_markup(keyboard),
            )

    async def edit_message_reply_markup(
        self, chat_id: int, message_id: int, keyboard: Keyboard | None = None
    ) -> None:
        with aiogram_errors(chat_id):
            await self._bot.edit_message_reply_markup(
                chat_id=chat_id, message_id=message_id, reply_markup=to_inline_markup(keyboard)
            )

    async def delete_message(self, chat_id: int, message_id: int) -> None:
        with aiogram_errors(chat_id):
            await self._bot.delete_message(chat_id=chat_id, message_id=message_id)

    async def answer_callback(
        self, callback_id: str, text: str | None = None, show_alert: bool = False
    ) -> None:
        with aiogram_errors():
            await self._bot.answer_callback_query(
                callback_query_id=callback_id, text=text, show_alert=show_alert
            )

    async def send_chat_action(
        self, chat_id: int, action: str = "typing", *, thread_id: int | None = None
    ) -> None:
        with aiogram_errors(chat_id):
            await self._bot.send_chat_action(
                chat_id=chat_id, action=action, message_thread_id=thread_id
            )

    async def download_file(self, file_id: str) -> bytes:
        with aiogram_errors():
            buffer = await self._bot.download(file_id, timeout=DOWNLOAD_TIMEOUT)
        if buffer is None:  # only when a destination is given; kept for the type checker
            raise RuntimeError("aiogram returned no buffer")
        return buffer.read()

    async def set_commands(
        self,
        commands: list[tuple[str, str]],
        scope: CommandScope = "default",
        language_code: str | None = None,
    ) -> None:
        with aiogram_errors():
            await self._bot.set_my_commands(
                commands=[BotCommand(command=n, description=d) for n, d in commands],
                scope=_SCOPES[scope],
                language_code=language_code,
            )

    async def create_forum_topic(self, chat_id: int, name: str) -> int:
        with aiogram_errors(chat_id):
            topic = await self._bot.create_forum_topic(chat_id=chat_id, name=name)
        return topic.message_thread_id
