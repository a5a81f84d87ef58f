"""Routes an `Incoming` to the handler that owns it: commands, button prefixes, then the rest.

Kept deliberately small: conversations register themselves here, so adding one never means
editing a long if/else chain.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from domain.roles import Role
from handlers.incoming import Incoming, IncomingKind
from handlers.turn import Turn

Handler = Callable[[Turn], Awaitable[None]]
# Where a staff command's action is recorded: the admin audit log (domain.audit), or the
# ticket's own history (a TicketEvent, for actions in a ticket's life).
Record = Literal["audit_log", "ticket_event"]


@dataclass(frozen=True)
class CommandSpec:
    """What the router knows of a command: who may run it, and where that is recorded.

    `roles` None means anyone may (citizen commands); staff commands name their roles and
    their `record`, so a test can run every one of them and check the record is written.
    """

    name: str
    private: bool
    roles: frozenset[Role] | None = None
    record: Record | None = None


class Router:
    def __init__(self) -> None:
        self._commands: dict[tuple[str, bool], Handler] = {}
        self._specs: dict[tuple[str, bool], CommandSpec] = {}
        self._callbacks: dict[str, Handler] = {}
        self._kinds: dict[tuple[IncomingKind, bool], Handler] = {}

    def command(
        self,
        name: str,
        *,
        private: bool = True,
        roles: Iterable[Role] | None = None,
        record: Record | None = None,
    ) -> Callable[[Handler], Handler]:
        """Register a /command for private chats (private=True) or group chats; staff commands
        say which `roles` may run them and where their action is recorded (`record`)."""
        if (roles is None) != (record is None):
            raise ValueError(f"/{name}: staff commands need both roles and a record")
        key = (name.lower(), private)
        spec = CommandSpec(key[0], private, frozenset(roles) if roles else None, record)

        def register(handler: Handler) -> Handler:
            self._commands[key] = handler
            self._specs[key] = spec
            return handler

        return register

    def commands(self) -> list[CommandSpec]:
        """Every registered command, one entry per chat kind."""
        return list(self._specs.values())

    def callback(self, prefix: str) -> Callable[[Handler], Handler]:
        """Register a button handler by the first field of its callback data."""

        def register(handler: Handler) -> Handler:
            self._callbacks[prefix] = handler
            return handler

        return register

    def kind(self, kind: IncomingKind, *, private: bool = True) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            self._kinds[(kind, private)] = handler
            return handler

        return register

    def include(self, other: Router) -> None:
        self._commands.update(other._commands)
        self._specs.update(other._specs)
        self._callbacks.update(other._callbacks)
        self._kinds.update(other._kinds)

    def resolve(self, incoming: Incoming) -> Handler | None:
        private = incoming.chat.type == "private"
        if incoming.kind is IncomingKind.COMMAND and incoming.command:
            return self._commands.get((incoming.command, private)) or self._kinds.get(
                (IncomingKind.COMMAND, private)
            )
        if incoming.kind is IncomingKind.CALLBACK:
            prefix = (incoming.callback_data or "").split(":", 1)[0]
            return self._callbacks.get(prefix) or self._kinds.get((IncomingKind.CALLBACK, private))
        return self._kinds.get((incoming.kind, private))

    async def dispatch(self, turn: Turn) -> bool:
        """Run the owning handler; False when nobody owns this update (it is then ignored)."""
        handler = self.resolve(turn.incoming)
        if handler is None:
            return False
        await handler(turn)
        return True
