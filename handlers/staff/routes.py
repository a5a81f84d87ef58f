"""Every staff conversation, in one router the app's router includes."""

from __future__ import annotations

from handlers.router import Router
from handlers.staff import (
    admin_catalog,
    admin_sla,
    admin_tickets,
    guide,
    linking,
    onboarding,
    replies,
    triage,
    work,
)


def staff_router() -> Router:
    router = Router()
    for part in (
        onboarding,
        linking,
        triage,
        work,
        replies,
        admin_tickets,
        admin_catalog,
        admin_sla,
        guide,
    ):
        router.include(part.router)
    return router
