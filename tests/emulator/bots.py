"""The same small echo bot written with python-telegram-bot and with aiogram.

Each is configured only with the emulator's base URL and runs unmodified, in polling or in
webhook mode. Behaviour (identical in both):

- ``/start`` → "hello"
- a reply to one of the bot's messages → "reply to <message_id>"
- text → "echo: <text>" with an inline button ("ok", callback data "ok")
- pressing the button → answer "pressed" (alert) and edit the message to "pressed"
- a photo → download the largest size → "photo <sha256> <size>"
- an album item → "album <media_group_id>"
- a location → "location <lat> <lon>"
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import io
import socket
from collections.abc import AsyncIterator

from aiogram import Bot, Dispatcher, F, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.filters import CommandStart
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web
from telegram import InlineKeyboardButton as PtbButton
from telegram import InlineKeyboardMarkup as PtbMarkup
from telegram import Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from playground.emulator import EmulatorServer

SECRET = "s3cret-Token_1"
MODES = ["ptb-polling", "ptb-webhook", "aiogram-polling", "aiogram-webhook"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def digest(data: bytes | bytearray) -> str:
    return hashlib.sha256(bytes(data)).hexdigest()[:16]


# --- python-telegram-bot ------------------------------------------------------------------


def ptb_application(server: EmulatorServer) -> Application:  # type: ignore[type-arg]
    app = (
        ApplicationBuilder()
        .token(server.token)
        .base_url(f"{server.base_url}/bot")
        .base_file_url(f"{server.base_url}/file/bot")
        .build()
    )
    keyboard = PtbMarkup([[PtbButton("ok", callback_data="ok")]])

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_message.reply_text("hello")  # type: ignore[union-attr]

    async def reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None and message.reply_to_message is not None
        await message.reply_text(f"reply to {message.reply_to_message.message_id}")

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None
        await message.reply_text(f"echo: {message.text}", reply_markup=keyboard)

    async def photo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None
        if message.media_group_id:
            await message.reply_text(f"album {message.media_group_id}")
            return
        file = await message.photo[-1].get_file()
        data = await file.download_as_bytearray()
        await message.reply_text(f"photo {digest(data)} {len(data)}")

    async def location(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None and message.location is not None
        loc = message.location
        await message.reply_text(f"location {loc.latitude} {loc.longitude}")

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer("pressed", show_alert=True)
        await query.edit_message_text("pressed")

    app.add_handler(CommandHandler("start", start))
    app.add_handler(MessageHandler(filters.REPLY & filters.TEXT & ~filters.COMMAND, reply))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    app.add_handler(MessageHandler(filters.PHOTO, photo))
    app.add_handler(MessageHandler(filters.LOCATION, location))
    app.add_handler(CallbackQueryHandler(pressed))
    return app


@contextlib.asynccontextmanager
async def run_ptb(server: EmulatorServer, webhook: bool) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    app = ptb_application(server)
    await app.initialize()
    await app.start()
    assert app.updater is not None
    if webhook:
        port = free_port()
        await app.updater.start_webhook(
            listen="127.0.0.1",
            port=port,
            url_path="hook",
            webhook_url=f"http://127.0.0.1:{port}/hook",
            secret_token=SECRET,
        )
    else:
        await app.updater.start_polling(poll_interval=0.0, timeout=5)
    try:
        yield app
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()


# --- aiogram ------------------------------------------------------------------------------


def aiogram_bot(server: EmulatorServer) -> Bot:
    session = AiohttpSession(api=TelegramAPIServer.from_base(server.base_url))
    return Bot(server.token, session=session)


def aiogram_dispatcher() -> Dispatcher:
    router = Router()
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="ok", callback_data="ok")]]
    )

    @router.message(CommandStart())
    async def start(message: Message) -> None:
        await message.answer("hello")

    @router.message(F.reply_to_message & F.text)
    async def reply(message: Message) -> None:
        assert message.reply_to_message is not None
        await message.answer(f"reply to {message.reply_to_message.message_id}")

    @router.message(F.photo)
    async def photo(message: Message, bot: Bot) -> None:
        if message.media_group_id:
            await message.answer(f"album {message.media_group_id}")
            return
        assert message.photo is not None
        buffer = io.BytesIO()
        await bot.download(message.photo[-1], destination=buffer)
        data = buffer.getvalue()
        await message.answer(f"photo {digest(data)} {len(data)}")

    @router.message(F.location)
    async def location(message: Message) -> None:
        assert message.location is not None
        await message.answer(f"location {message.location.latitude} {message.location.longitude}")

    @router.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(f"echo: {message.text}", reply_markup=keyboard)

    @router.callback_query()
    async def pressed(query: CallbackQuery) -> None:
        await query.answer("pressed", show_alert=True)
        assert isinstance(query.message, Message)
        await query.message.edit_text("pressed")

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    return dispatcher


@contextlib.asynccontextmanager
async def run_aiogram(server: EmulatorServer, webhook: bool) -> AsyncIterator[Bot]:
    bot = aiogram_bot(server)
    dispatcher = aiogram_dispatcher()
    if not webhook:
        task = asyncio.create_task(
            dispatcher.start_polling(bot, handle_signals=False, polling_timeout=5)
        )
        try:
            yield bot
        finally:
            with contextlib.suppress(RuntimeError):
                await dispatcher.stop_polling()
            await task
        return
    app = web.Application()
    SimpleRequestHandler(dispatcher, bot, secret_token=SECRET).register(app, path="/hook")
    setup_application(app, dispatcher, bot=bot)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    await bot.set_webhook(
        f"http://127.0.0.1:{port}/hook",
        secret_token=SECRET,
        allowed_updates=dispatcher.resolve_used_update_types(),
    )
    try:
        yield bot
    finally:
        await runner.cleanup()
        await bot.session.close()


@contextlib.asynccontextmanager
async def run_bot(server: EmulatorServer, mode: str) -> AsyncIterator[object]:
    library, _, kind = mode.partition("-")
    runner = run_ptb if library == "ptb" else run_aiogram
    async with runner(server, kind == "webhook") as bot:
        yield bot
