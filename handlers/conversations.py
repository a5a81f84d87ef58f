"""The single entry point the runtime calls for each update: build the turn, route it, and
turn domain refusals into a friendly answer in the user's language."""

from __future__ import annotations

import logging

from domain.errors import AlreadyClaimed, ConcurrentUpdate, DomainError, ValidationFailed
from domain.model import Citizen
from domain.usecases.context import Lifecycle
from handlers.incoming import Incoming, IncomingKind
from handlers.ports import ConversationUnitOfWork
from handlers.router import Router
from handlers.texts import Catalogue
from handlers.turn import CallbackAnswer, CityInfo, Turn

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
        citizen = None
        if incoming.user is not None:
            citizen = await uow.citizens.get_by_telegram_id(incoming.user.id)
        turn = Turn(
            incoming=incoming,
            uow=uow,
            life=self.life,
            texts=self.texts,
            city=self.city,
            language=self._language(incoming, citizen),
            citizen=citizen,
        )
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

    def _language(self, incoming: Incoming, citizen: Citizen | None) -> str:
        if incoming.user is None:
            return self.texts.default
        if citizen is not None and citizen.language in self.texts.languages:
            return citizen.language
        return self.texts.pick_language(incoming.user.language_code)

    async def _refuse(self, turn: Turn, refusal: DomainError) -> None:
        key = refusal.key.replace(".", "-").replace("_", "-")
        args: dict[str, str] = {}
        if isinstance(refusal, AlreadyClaimed):
            args["name"] = refusal.winner_name
        if isinstance(refusal, ValidationFailed):
            args["detail"] = refusal.message
        text = turn.t(key, **args)
        log.info("refused %s: %s", type(refusal).__name__, key)
        if turn.incoming.kind is IncomingKind.CALLBACK:
            turn.callback_answer = CallbackAnswer(text, alert=True)
        else:
            await turn.say(text)
