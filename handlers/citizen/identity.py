"""Who is writing: every private update starts by finding (or creating) the citizen.

The citizen row is what tickets, privacy and language hang on, so it is created on the first
update of any kind, named as Telegram names the user, in the language their app uses. A citizen
who blocked the bot and writes again is reachable again. A banned citizen gets one neutral line
and nothing they sent is stored; so does a flooding one, after one polite "slow down".
"""

from __future__ import annotations

import functools
import time
from collections.abc import Awaitable, Callable, Sequence

from domain.flood import Verdict
from domain.model import Citizen
from handlers.citizen.context import CitizenTurn
from handlers.incoming import Incoming, IncomingKind
from handlers.ports import ConversationUnitOfWork
from handlers.router import Handler
from handlers.turn import Turn

CitizenHandler = Callable[[CitizenTurn], Awaitable[None]]


def for_citizens(handler: CitizenHandler) -> Handler:
    """Wrap a citizen handler: private chats only, identity, ban and flood checks first."""

    @functools.wraps(handler)
    async def run(turn: Turn) -> None:
        citizen = await admit(turn)
        if citizen is not None:
            await handler(CitizenTurn(turn, citizen))

    return run


async def read_ahead(incomings: Sequence[Incoming], uow: ConversationUnitOfWork) -> None:
    """Before a batch of updates handled in one unit of work (bot.worker): the citizens
    behind its private updates in one read, and the burst counts of those `admit` will count
    (known, not banned) in one more, instead of two statements for each update. A newcomer's
    update is counted by `admit`, as it always was."""
    sent = {i.user.id: _sent_at(i) for i in incomings if _from_a_person(i) and i.user}
    if len(sent) < 2:
        return
    citizens = await uow.citizens.read_ahead(list(sent))
    known = [c.telegram_id for c in citizens if not c.banned and c.telegram_id in sent]
    if known:
        await uow.bursts.count_ahead([(telegram_id, sent[telegram_id]) for telegram_id in known])


async def admit(turn: Turn) -> Citizen | None:
    """The citizen behind this update, created or refreshed; None when they are refused."""
    incoming = turn.incoming
    user = incoming.user
    if not _from_a_person(incoming) or user is None:
        return None
    citizen = turn.citizen  # already read by Conversations (for the language)
    if citizen is None or citizen.telegram_id != user.id:
        citizen = await turn.uow.citizens.get_by_telegram_id(user.id)
    if citizen is not None and citizen.banned:
        await _refuse(turn, "citizen-banned")
        return None
    verdict = await turn.uow.bursts.check(user.id, _sent_at(incoming))
    if verdict is Verdict.WARN:
        await _refuse(turn, "citizen-slow-down")
    if verdict is not Verdict.ALLOW:
        return None
    assert incoming.chat is not None
    name = user.full_name[:128]
    if citizen is None:
        return await turn.uow.citizens.add(
            Citizen(
                telegram_id=user.id,
                chat_id=incoming.chat.id,
                name=name,
                created_at=turn.life.now(),
                username=user.username,
                language=turn.language,
            )
        )
    fresh = (name, user.username, incoming.chat.id, False)
    if (citizen.name, citizen.username, citizen.chat_id, citizen.unreachable) != fresh:
        citizen.name, citizen.username, citizen.chat_id, citizen.unreachable = fresh
        await turn.uow.citizens.save(citizen)
    return citizen


def _from_a_person(incoming: Incoming) -> bool:
    """A private update of a person: what a citizen sends."""
    return incoming.is_private and incoming.user is not None and not incoming.user.is_bot


def _sent_at(incoming: Incoming) -> float:
    return incoming.date.timestamp() if incoming.date is not None else time.time()


async def _refuse(turn: Turn, key: str) -> None:
    if turn.incoming.kind is IncomingKind.CALLBACK:
        turn.answer(turn.t(key), alert=True)
    else:
        await turn.say(turn.t(key))
