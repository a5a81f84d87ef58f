"""Every staff conversation, in one router the app's router includes."""

from __future__ import annotations

from handlers.router import Router
from handlers.staff import (
    admin_catalog,
    admin_sla,
    admin_tickets,
    audit_log,
    forget,
    guide,
    linking,
    onboarding,
    replies,
    ticket_view,
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
        ticket_view,
        admin_catalog,
        admin_sla,
        audit_log,
        forget,
        guide,
    ):
        router.include(part.router)
    return router
