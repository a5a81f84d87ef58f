"""Every conversation, assembled into one router for the runtime."""

from __future__ import annotations

from handlers import system
from handlers.citizen import routes as citizen
from handlers.reports import commands as reports
from handlers.reports import posters
from handlers.router import Router
from handlers.staff.routes import staff_router


def build_router() -> Router:
    router = Router()
    router.include(system.router)
    router.include(citizen.router)
    router.include(staff_router())
    router.include(reports.router)
    router.include(posters.router)
    return router
