"""What every citizen handler works with: the turn, plus the citizen it belongs to.

Handlers of the citizen conversation only ever run for a known, allowed citizen (see
`identity.for_citizens`), so they get the `Citizen` row ready instead of looking it up again,
and a few helpers that keep every message in the citizen's language and chat.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from domain.model import Citizen
from domain.outbound import Keyboard, Outbound, OutboundKind
from domain.usecases.context import Actor
from handlers.incoming import Incoming
from handlers.ports import ConversationUnitOfWork
from handlers.texts import queue
from handlers.turn import Turn


@dataclass
class CitizenTurn:
    turn: Turn
    citizen: Citizen

    @property
    def incoming(self) -> Incoming:
        return self.turn.incoming

    @property
    def uow(self) -> ConversationUnitOfWork:
        return self.turn.uow

    @property
    def chat_id(self) -> int:
        assert self.incoming.chat is not None
        return self.incoming.chat.id

    @property
    def language(self) -> str:
        return self.turn.language

    @property
    def actor(self) -> Actor:
        return Actor.citizen(self.citizen)

    def t(self, key: str, **args: Any) -> Markup:
        return self.turn.t(key, **args)

    def label(self, key: str, **args: Any) -> str:
        """A button's label (plain text: Telegram parses no HTML there)."""
        return self.turn.texts.plain(self.language, key, **args)

    async def say(self, text: Markup | str, keyboard: Keyboard | None = None) -> Outbound:
        return await self.turn.say(text, keyboard=keyboard)

    async def send(self, *messages: Outbound) -> None:
        """Queue prepared messages (photos, albums, locations, ticket-linked texts)."""
        self.turn.queued.extend(await queue(self.uow.outbox, *messages))

    async def edit(self, message_id: int, text: Markup, keyboard: Keyboard | None = None) -> None:
        """Replace a message the button was pressed on (pages, toggles) instead of adding one."""
        await self.send(
            Outbound(
                chat_id=self.chat_id,
                kind=OutboundKind.EDIT_TEXT,
                text=text,
                keyboard=keyboard,
                edit_message_id=message_id,
            )
        )

    async def edit_buttons(self, message_id: int, keyboard: Keyboard | None) -> None:
        await self.send(
            Outbound(
                chat_id=self.chat_id,
                kind=OutboundKind.EDIT_MARKUP,
                keyboard=keyboard,
                edit_message_id=message_id,
            )
        )

    def alert(self, key: str, **args: Any) -> None:
        """A pop-up on the pressed button: for refusals that must not add to the chat."""
        self.turn.answer(self.t(key, **args), alert=True)

    def toast(self, key: str, **args: Any) -> None:
        self.turn.answer(self.t(key, **args))
