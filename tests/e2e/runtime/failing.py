"""Test-only commands that fail, added to the real router by swapping the runtime's
`build_router` for a test (the `failing_router` fixture): no test hooks in product code.

- `/boom` says something, then raises `HandlerBug`: a handler that fell over.
- `/clash` says something, then raises `ConcurrentUpdate`: someone else's change overtook it,
  so the conversation rolls the change back and still answers.

What either says first must never be sent: it is rolled back with the rest.
"""

from __future__ import annotations

from domain.errors import ConcurrentUpdate
from handlers.router import Router
from handlers.routes import build_router
from handlers.turn import Turn


class HandlerBug(RuntimeError):
    pass


def router_with_failures() -> Router:
    failing = Router()

    @failing.command("boom")
    async def boom(turn: Turn) -> None:
        await turn.say("half-done work that must never be sent")
        raise HandlerBug("the handler fell over")

    @failing.command("clash")
    async def clash(turn: Turn) -> None:
        await turn.say("a change someone else's overtook: never sent")
        raise ConcurrentUpdate()

    router = build_router()
    router.include(failing)
    return router
