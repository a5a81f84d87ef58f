"""The single entry point the runtime calls for each update: build the turn, route it, and
turn domain refusals into a friendly answer in the user's language."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from domain.errors import AlreadyClaimed, ConcurrentUpdate, DomainError, ValidationFailed
from domain.model import Citizen, Staff
from domain.usecases.context import Lifecycle
from handlers.citizen.identity import read_ahead
from handlers.incoming import Incoming, IncomingKind
from handlers.ports import ConversationUnitOfWork
from handlers.router import Router
from handlers.texts import Catalogue
from handlers.turn import CityInfo, Turn

log = logging.getLogger(__name__)


class Conversations:
    def __init__(
        self,
        router: Router,
        life: Lifecycle,
        texts: Catalogue,
        city: CityInfo | None = None,
    ) -> None:
        self.router = router
        self.life = life
        self.texts = texts
        self.city = city or CityInfo()

    async def handle(self, incoming: Incoming, uow: ConversationUnitOfWork) -> Turn:
        """Handle one update inside `uow` (the caller commits). Returns the turn, whose
        `callback_answer` the runtime sends after the commit."""
        turn = await self._turn(incoming, uow)
        try:
            handled = await self.router.dispatch(turn)
        except DomainError as refusal:
            if isinstance(refusal, ConcurrentUpdate):
                # Part of the change may be written; drop it all, then still answer.
                await uow.rollback()
            await self._refuse(turn, refusal)
            return turn
        if not handled and incoming.is_private and incoming.kind is IncomingKind.COMMAND:
            await turn.say(turn.t("unknown-command"))
        if incoming.kind is IncomingKind.CALLBACK and turn.callback_answer is None:
            turn.answer()  # stop the button's spinner even when nothing else is said
        return turn

    async def read_ahead(self, incomings: Sequence[Incoming], uow: ConversationUnitOfWork) -> None:
        """Before `handle` runs on each of several updates in one unit of work: read what
        they will each ask for, where one read for all is cheaper (their citizens)."""
        await read_ahead(incomings, uow)

    async def _turn(self, incoming: Incoming, uow: ConversationUnitOfWork) -> Turn:
        """The turn, with the sender's rows read once and the two languages it speaks: the
        sender's own (private chats, callback answers) and the chat's (a group's own)."""
        user = incoming.user
        citizen = staff = None
        staff_read = False
        if user is not None:
            # In a private chat the sender is most often a citizen; in a group, staff (a
            # citizen there is only someone pressing buttons not meant for them).
            if incoming.is_private:
                citizen = await uow.citizens.get_by_telegram_id(user.id)
            if citizen is None:
                staff = await uow.staff.get_by_telegram_id(user.id)
                staff_read = True
                await self._learn_language(uow, staff, user.language_code)
            if staff is None and not incoming.is_private:
                citizen = await uow.citizens.get_by_telegram_id(user.id)
        language = self._language(incoming, citizen, staff)
        chat_language = language
        if incoming.chat is not None and not incoming.is_private:
            stored = await uow.chat_languages.get(incoming.chat.id)
            chat_language = self.texts.known(stored)
        return Turn(
            incoming=incoming,
            uow=uow,
            life=self.life,
            texts=self.texts,
            city=self.city,
            language=language,
            chat_language=chat_language,
            citizen=citizen,
            staff=staff,
            staff_read=staff_read,
        )

    async def _learn_language(
        self, uow: ConversationUnitOfWork, staff: Staff | None, language_code: str | None
    ) -> None:
        """A staff member's language is known from the first update that carries it (staff
        made from the command line or a seed file have none yet); /lang changes it later."""
        if staff is None or not staff.active or staff.language is not None or not language_code:
            return
        staff.language = self.texts.pick_language(language_code)
        await uow.staff.save(staff)

    def _language(self, incoming: Incoming, citizen: Citizen | None, staff: Staff | None) -> str:
        if incoming.user is None:
            return self.texts.default
        if citizen is not None and citizen.language in self.texts.languages:
            return citizen.language
        if staff is not None and staff.language in self.texts.languages:
            return str(staff.language)
        return self.texts.pick_language(incoming.user.language_code)

    async def _refuse(self, turn: Turn, refusal: DomainError) -> None:
        key = refusal.key.replace(".", "-").replace("_", "-")
        args: dict[str, Any] = {}
        if isinstance(refusal, AlreadyClaimed):
            args["name"] = refusal.winner_name
        if isinstance(refusal, ValidationFailed):
            key = f"error-invalid-{refusal.rule.replace('_', '-')}"
            if key not in self.texts.keys(self.texts.default):
                key = "error-invalid-other"
            args = {"field": refusal.field, **refusal.details}
        # In a group, a refusal said in the chat is read by everyone: the group's language.
        private = turn.incoming.is_private or turn.incoming.kind is IncomingKind.CALLBACK
        language = turn.language if private else turn.chat_language
        text = self.texts.text(language, key, **args)
        log.info("refused %s: %s", type(refusal).__name__, key)
        if turn.incoming.kind is IncomingKind.CALLBACK:
            turn.answer(text, alert=True)
        else:
            await turn.say(text)
