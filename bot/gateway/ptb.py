"""TelegramGateway on python-telegram-bot 22 (the default library).

Uses `telegram.Bot` directly, not `Application`: our own inbox, worker and sender do the
polling, ordering and retrying, and ptb's `concurrent_updates` is several times slower (DESIGN,
"Performance notes"). Every ptb exception leaves this module as a `bot.gateway.errors` class.
"""

from __future__ import annotations

from typing import Any

from telegram import Bot as PtbBot
from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeDefault,
    InputFile,
    ReplyParameters,
    Update,
    User,
)

from bot.gateway import ptb_files
from bot.gateway.convert import BotIdentity, to_incoming
from bot.gateway.errors import BadRequest, MalformedUpdate, Unauthorized
from bot.gateway.protocol import (
    BotInfo,
    CommandScope,
    MediaFile,
    RawUpdate,
    SentFile,
    WebhookInfo,
)
from bot.gateway.ptb_mapping import StatusAwareRequest, ptb_errors, to_inline_markup, to_markup
from domain.outbound import Keyboard
from handlers.incoming import Incoming

# Extra seconds over the long-poll timeout before the client gives up on a getUpdates.
LONG_POLL_SLACK = 10.0

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


class PtbGateway:
    library = "ptb"

    def __init__(
        self,
        token: str,
        base_url: str = "https://api.telegram.org",
        *,
        bot_username: str | None = None,
        pool_size: int = 32,
        request_timeout: float = 15.0,
    ) -> None:
        base = base_url.rstrip("/")
        # One pool for sends; a separate single connection for the long poll, so a hanging
        # getUpdates never takes a connection the sender needs.
        request = StatusAwareRequest(
            connection_pool_size=pool_size,
            connect_timeout=min(5.0, request_timeout),
            read_timeout=request_timeout,
            write_timeout=request_timeout,
            pool_timeout=10.0,
            media_write_timeout=max(60.0, request_timeout),
        )
        updates_request = StatusAwareRequest(
            connection_pool_size=1,
            connect_timeout=min(5.0, request_timeout),
            read_timeout=LONG_POLL_SLACK,
            write_timeout=request_timeout,
            pool_timeout=10.0,
        )
        self._bot = PtbBot(
            token,
            base_url=f"{base}/bot",
            base_file_url=f"{base}/file/bot",
            request=request,
            get_updates_request=updates_request,
        )
        self._me = BotIdentity(int(token.split(":", 1)[0]), bot_username)

    async def start(self) -> BotInfo:
        """ptb needs `initialize()` before any call; it asks getMe, so we reuse its answer."""
        with ptb_errors():
            await self._bot.initialize()
        return self._remember(self._bot.bot)

    async def close(self) -> None:
        await self._bot.shutdown()  # a no-op when never initialised

    async def get_me(self) -> BotInfo:
        with ptb_errors():
            return self._remember(await self._bot.get_me())

    def _remember(self, user: User) -> BotInfo:
        self._me = BotIdentity(user.id, user.username)
        return BotInfo(user.id, user.username or "", user.first_name)

    async def get_updates(
        self,
        offset: int | None = None,
        limit: int = 100,
        timeout: int = 0,  # noqa: ASYNC109 - the Bot API long-poll seconds, not ours
        allowed_updates: list[str] | None = None,
    ) -> list[RawUpdate]:
        """Raw JSON, not ptb Updates: the inbox stores the payload and parses it later once,
        so building Update objects here would be thrown away. `Bot.get_updates` offers no raw
        mode and `do_api_request` warns for known endpoints, hence ptb's `_post`."""
        data: dict[str, Any] = {
            "offset": offset,
            "limit": limit,
            "timeout": timeout,
            "allowed_updates": allowed_updates,
        }
        with ptb_errors():
            result = await self._bot._post(
                "getUpdates", data, read_timeout=timeout + LONG_POLL_SLACK
            )
        return [RawUpdate(u["update_id"], u) for u in result]

    def parse(self, payload: dict[str, Any]) -> Incoming:
        try:
            return to_incoming(Update.de_json(payload, self._bot), self._me)
        # ptb does not enforce required fields: a missing `chat` shows up as None.attribute
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise MalformedUpdate(f"{type(exc).__name__}: {exc}") from exc

    async def set_webhook(
        self,
        url: str,
        secret_token: str | None = None,
        allowed_updates: list[str] | None = None,
    ) -> None:
        with ptb_errors():
            await self._bot.set_webhook(
                url, secret_token=secret_token, allowed_updates=allowed_updates
            )

    async def delete_webhook(self, drop_pending_updates: bool = False) -> None:
        with ptb_errors():
            await self._bot.delete_webhook(drop_pending_updates=drop_pending_updates)

    async def get_webhook_info(self) -> WebhookInfo:
        with ptb_errors():
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
        with ptb_errors(chat_id):
            message = await self._bot.send_message(
                chat_id,
                text,
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
        with ptb_errors(chat_id):
            message = await self._bot.send_photo(
                chat_id,
                photo,
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
        with ptb_errors(chat_id):
            message = await self._bot.send_document(
                chat_id,
                InputFile(document, filename=filename),
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
        return await ptb_files.send_files(
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
        with ptb_errors(chat_id):
            message = await self._bot.send_location(
                chat_id,
                latitude,
                longitude,
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
        with ptb_errors(chat_id):
            await self._bot.edit_message_text(
                text,
                chat_id=chat_id,
                message_id=message_id,
                parse_mode=parse_mode,
                reply_markup=to_inline_markup(keyboard),
            )

    async def edit_message_reply_markup(
        self, chat_id: int, message_id: int, keyboard: Keyboard | None = None
    ) -> None:
        with ptb_errors(chat_id):
            await self._bot.edit_message_reply_markup(
                chat_id=chat_id, message_id=message_id, reply_markup=to_inline_markup(keyboard)
            )

    async def delete_message(self, chat_id: int, message_id: int) -> None:
        with ptb_errors(chat_id):
            await self._bot.delete_message(chat_id, message_id)

    async def answer_callback(
        self, callback_id: str, text: str | None = None, show_alert: bool = False
    ) -> None:
        with ptb_errors():
            await self._bot.answer_callback_query(callback_id, text=text, show_alert=show_alert)

    async def send_chat_action(
        self, chat_id: int, action: str = "typing", *, thread_id: int | None = None
    ) -> None:
        with ptb_errors(chat_id):
            await self._bot.send_chat_action(chat_id, action, message_thread_id=thread_id)

    async def download_file(self, file_id: str) -> bytes:
        with ptb_errors():
            file = await self._bot.get_file(file_id)
        try:
            with ptb_errors():
                return bytes(await file.download_as_bytearray())
        except Unauthorized as exc:
            # ptb reads any 404 as a bad token; for a file URL it means the file is gone.
            raise BadRequest(f"file not available: {exc.description}") from exc

    async def set_commands(
        self,
        commands: list[tuple[str, str]],
        scope: CommandScope = "default",
        language_code: str | None = None,
    ) -> None:
        with ptb_errors():
            await self._bot.set_my_commands(
                [BotCommand(name, description) for name, description in commands],
                scope=_SCOPES[scope],
                language_code=language_code,
            )

    async def create_forum_topic(self, chat_id: int, name: str) -> int:
        with ptb_errors(chat_id):
            topic = await self._bot.create_forum_topic(chat_id, name)
        return topic.message_thread_id
