"""The baseline of `bench intake`: a bare echo bot per library, with each library's own
polling loop and defaults, answering every update with exactly one message.

- any message (command, text, photo, location, contact) → "echo <kind>" with an inline "ok"
  button, so the next step of a scripted citizen can press it;
- a button press → answerCallbackQuery, then "pressed" with the button again.

No downloads, no state: what is left is the library's own cost of taking an update and sending
a reply, which is what aduan's cost per update is compared against.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from typing import Any

OK = "ok"


def _kind(message: Any) -> str:
    for kind in ("photo", "location", "contact"):
        if getattr(message, kind, None):
            return kind
    return "text"


async def run_ptb(base_url: str, token: str, stop: asyncio.Event) -> None:
    from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
    from telegram.ext import (
        ApplicationBuilder,
        CallbackQueryHandler,
        ContextTypes,
        MessageHandler,
        filters,
    )

    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data=OK)]])
    app = (
        ApplicationBuilder()
        .token(token)
        .base_url(f"{base_url}/bot")
        .base_file_url(f"{base_url}/file/bot")
        .build()
    )

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None
        await message.reply_text(f"echo {_kind(message)}", reply_markup=keyboard)

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None and query.message is not None
        await query.answer()
        await context.bot.send_message(query.message.chat.id, "pressed", reply_markup=keyboard)

    app.add_handler(MessageHandler(filters.ALL, echo))
    app.add_handler(CallbackQueryHandler(pressed))
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0.0, timeout=10)
    print(f"ready {os.getpid()}", flush=True)
    try:
        await stop.wait()
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()


async def run_aiogram(base_url: str, token: str, stop: asyncio.Event) -> None:
    from aiogram import Bot, Dispatcher, Router
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="ok", callback_data=OK)]]
    )
    router = Router()

    @router.message()
    async def echo(message: Message) -> None:
        await message.answer(f"echo {_kind(message)}", reply_markup=keyboard)

    @router.callback_query()
    async def pressed(query: CallbackQuery, bot: Bot) -> None:
        await query.answer()
        assert query.message is not None
        await bot.send_message(query.message.chat.id, "pressed", reply_markup=keyboard)

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    bot = Bot(token, session=AiohttpSession(api=TelegramAPIServer.from_base(base_url)))
    task = asyncio.create_task(
        dispatcher.start_polling(bot, handle_signals=False, polling_timeout=10)
    )
    print(f"ready {os.getpid()}", flush=True)
    try:
        await stop.wait()
    finally:
        with contextlib.suppress(RuntimeError):
            await dispatcher.stop_polling()
        await task
        await bot.session.close()


async def run_echo_bot(library: str, base_url: str, token: str, stop: asyncio.Event) -> None:
    runner = run_ptb if library == "ptb" else run_aiogram
    await runner(base_url, token, stop)
