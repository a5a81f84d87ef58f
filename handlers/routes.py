"""Every conversation, assembled into one router for the runtime."""

from __future__ import annotations

from handlers import system
from handlers.router import Router


def build_router() -> Router:
    router = Router()
    router.include(system.router)
    return router
