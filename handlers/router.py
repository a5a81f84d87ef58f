"""Routes an `Incoming` to the handler that owns it: commands, button prefixes, then the rest.

Kept deliberately small: conversations register themselves here, so adding one never means
editing a long if/else chain.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from handlers.incoming import Incoming, IncomingKind
from handlers.turn import Turn

Handler = Callable[[Turn], Awaitable[None]]


class Router:
    def __init__(self) -> None:
        self._commands: dict[tuple[str, bool], Handler] = {}
        self._callbacks: dict[str, Handler] = {}
        self._kinds: dict[tuple[IncomingKind, bool], Handler] = {}

    def command(self, name: str, *, private: bool = True) -> Callable[[Handler], Handler]:
        """Register a /command for private chats (private=True) or group chats."""

        def register(handler: Handler) -> Handler:
            self._commands[(name.lower(), private)] = handler
            return handler

        return register

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
