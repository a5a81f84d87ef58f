"""Read-side of the user API: what a chat shows, the event log, and waits on both.

Waits re-check their condition each time any event is recorded (see
:meth:`EmulatorState.wait_until`), so a test that waits for the bot's reply wakes the
moment the reply is stored - no polling, no sleeps.
"""

from __future__ import annotations

from typing import Any

from playground.emulator.models import JSON, ChatRecord, MessageRecord
from playground.emulator.state import EmulatorState

SENDERS = ("bot", "user", "all")


def message_view(record: MessageRecord) -> JSON:
    """The message as the user sees it now, marked if deleted or carrying a keyboard."""
    if not record.deleted and record.keyboard is None:
        return record.message
    view = dict(record.message)
    if record.deleted:
        view["deleted"] = True
    if record.keyboard is not None:
        view["reply_keyboard"] = record.keyboard
    return view


def chat_messages(
    chat: ChatRecord,
    *,
    sender: str = "bot",
    bot_id: int | None = None,
    include_deleted: bool = False,
) -> list[JSON]:
    if sender not in SENDERS:
        raise ValueError(f"sender must be one of {SENDERS}")
    result = []
    for record in chat.messages.values():
        if record.deleted and not include_deleted:
            continue
        if sender == "bot" and (
            record.bot_id is None or (bot_id is not None and record.bot_id != bot_id)
        ):
            continue
        if sender == "user" and record.bot_id is not None:
            continue
        result.append(message_view(record))
    return result


async def wait_for_messages(
    state: EmulatorState,
    chat: ChatRecord,
    count: int,
    seconds: float,
    **filters: Any,
) -> tuple[list[JSON], bool]:
    """Wait until ``chat`` shows at least ``count`` matching messages."""
    found = await state.wait_until(
        lambda: m if len(m := chat_messages(chat, **filters)) >= count else None, seconds
    )
    if found is None:
        return chat_messages(chat, **filters), False
    return found, True


def events_since(
    state: EmulatorState,
    since: int = 0,
    chat: ChatRecord | None = None,
    types: set[str] | None = None,
) -> list[JSON]:
    source = chat.events if chat is not None else state.events
    return [
        event
        for event in source
        if event["seq"] > since and (types is None or event["type"] in types)
    ]


async def wait_for_events(
    state: EmulatorState,
    since: int,
    count: int,
    seconds: float,
    chat: ChatRecord | None = None,
    types: set[str] | None = None,
) -> tuple[list[JSON], bool]:
    found = await state.wait_until(
        lambda: e if len(e := events_since(state, since, chat, types)) >= count else None,
        seconds,
    )
    if found is None:
        return events_since(state, since, chat, types), False
    return found, True


def callback_answers(state: EmulatorState, query_id: str | None = None) -> list[JSON]:
    return [
        {"query": record.query, "answer": record.answer}
        for qid, record in state.callbacks.items()
        if query_id is None or qid == query_id
    ]


async def wait_for_answer(state: EmulatorState, query_id: str, seconds: float) -> JSON | None:
    def answered() -> JSON | None:
        record = state.callbacks.get(query_id)
        return record.answer if record is not None else None

    return await state.wait_until(answered, seconds)


def chat_info(chat: ChatRecord) -> JSON:
    return {
        "chat": chat.api,
        "members": sorted(chat.members) if chat.user is None else [chat.id],
        "bots": {str(bot_id): {"admin": admin} for bot_id, admin in chat.bots.items()},
        "kicked_bots": sorted(chat.kicked_bots),
        "topics": list(chat.topics.values()),
        "migrated_to": chat.migrated_to,
        "keyboard": chat.keyboard,
        "last_message_id": chat.next_message_id - 1,
        "last_event_seq": chat.events[-1]["seq"] if chat.events else 0,
    }


def summary(state: EmulatorState) -> JSON:
    return {
        "default_bot_id": state.default_bot_id,
        "bots": [
            {
                **bot.me(),
                "privacy_mode": bot.privacy_mode,
                "pending_updates": len(bot.pending),
                "next_update_id": bot.next_update_id,
                "webhook": bot.webhook.url if bot.webhook else None,
            }
            for bot in state.bots.values()
        ],
        "users": [user.api for user in state.users.values()],
        "chats": [chat.api for chat in state.groups.values()],
        "event_seq": state.event_seq,
    }
