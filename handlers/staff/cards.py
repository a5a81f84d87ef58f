"""The ticket card: what the complaint unit and an agency see of a ticket, always current.

One card per ticket per group, edited in place on every change that matters to it, so a
group's history reads as a list of tickets with their current state rather than a stream of
status messages. The card also says who did what (a short timeline), which is what makes a
shared group workable: nobody has to ask "who took this?".

Agencies see "Reporter #N" unless the citizen chose to share their name (DESIGN: privacy);
the complaint unit always sees the name, it verifies the complaint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from markupsafe import Markup

from domain.model import Agency, Assignment, Category, Citizen, Ticket, TicketEvent
from domain.outbound import Keyboard
from domain.ports import UnitOfWork
from domain.roles import STAFF_ROLES, Role
from domain.status import SlaStage
from handlers.staff.access import DENIED
from handlers.staff.facts import TicketFacts
from handlers.staff.keyboards import agency_keyboard, short_name, unit_keyboard
from handlers.texts import Catalogue, lines

TIMELINE = 6  # the last few steps say who acted; /audit has the rest


@dataclass
class CardContext:
    """Everything a card shows, loaded once per change."""

    ticket: Ticket
    category: Category | None
    citizen: Citizen | None
    assignments: list[Assignment]
    events: list[TicketEvent]
    agencies: dict[int, Agency]
    staff_names: dict[int, str] = field(default_factory=dict)

    def share(self, agency_id: int) -> Assignment | None:
        """The agency's newest share (an agency handed a ticket back may get it again)."""
        own = [a for a in self.assignments if a.agency_id == agency_id]
        return own[-1] if own else None

    def agency_name(self, agency_id: int | None) -> str:
        agency = self.agencies.get(agency_id or 0)
        return agency.name if agency else "?"


async def load_context(
    uow: UnitOfWork, ticket: Ticket, facts: TicketFacts | None = None
) -> CardContext:
    """`facts`: the rows this change already read (the notifier shares them)."""
    assert ticket.id is not None
    facts = facts or TicketFacts(uow, ticket)
    assignments = await uow.assignments.for_ticket(ticket.id)
    events = await uow.events.for_ticket(ticket.id)
    ctx = CardContext(
        ticket=ticket,
        category=await facts.category(),
        citizen=await facts.citizen(),
        assignments=assignments,
        events=[e for e in events if e.action != DENIED],
        agencies=await facts.agencies(),
    )
    staff_ids = {e.actor_id for e in events if e.actor_role in STAFF_ROLES and e.actor_id}
    staff_ids |= {a.officer_id for a in assignments if a.officer_id}
    for staff_id in staff_ids:
        staff = await uow.staff.get(staff_id)
        if staff is not None:
            ctx.staff_names[staff_id] = staff.name
    return ctx


async def card_photos(uow: UnitOfWork, ticket_id: int) -> list[str]:
    """The citizen's photos, sent above a new card (an edit of the card needs none)."""
    attachments = await uow.attachments.for_ticket(ticket_id)
    return [a.file_id for a in attachments if a.uploaded_by_role == Role.CITIZEN][:10]


class CardRenderer:
    """Card texts and keyboards in one language and time zone, as of `now`."""

    def __init__(self, texts: Catalogue, lang: str, tz: str, now: datetime) -> None:
        self.texts, self.lang, self.tz, self.now = texts, lang, tz, now

    def t(self, key: str, **args: Any) -> Markup:
        return self.texts.text(self.lang, key, **args)

    def label(self, key: str) -> str:
        """A button's label: plain text."""
        return self.texts.plain(self.lang, key)

    def unit(self, ctx: CardContext) -> tuple[Markup, Keyboard | None]:
        ticket = ctx.ticket
        parts: list[Markup | None] = [
            self.t("staff-card-unit-title", code=ticket.code, category=self._category(ctx))
        ]
        parts += self._body(ctx, reporter=self._named_reporter(ctx))
        parts.append(self._clock(ticket.stage, ticket.deadline, ticket.paused_at))
        parts.append(self.t("staff-card-status", status=self._status(ticket)))
        for share in ctx.assignments:
            parts.append(self._share_line(ctx, share))
        parts += self._timeline(ctx, None)
        return lines(parts), unit_keyboard(self.label, ticket)

    def agency(self, ctx: CardContext, agency_id: int) -> tuple[Markup, Keyboard | None]:
        ticket = ctx.ticket
        share = ctx.share(agency_id)
        reporter = self._named_reporter(ctx) if ticket.share_name else self._anonymous(ctx)
        parts: list[Markup | None] = [
            self.t("staff-card-agency-title", code=ticket.code, category=self._category(ctx))
        ]
        parts += self._body(ctx, reporter=reporter)
        if share is not None:
            parts.append(self._clock(share.stage, share.deadline, share.paused_at))
            parts.append(self.t("staff-card-status", status=self._share_status(ctx, share)))
        parts += self._timeline(ctx, agency_id)
        assert ticket.id is not None
        return lines(parts), agency_keyboard(self.label, ticket.id, share)

    # --- parts --------------------------------------------------------------------------------

    def category_name(self, ctx: CardContext) -> str:
        """The ticket's category as this card's readers call it."""
        return self._category(ctx)

    def _category(self, ctx: CardContext) -> str:
        if ctx.category is None:
            return "?"
        if self.lang == "en" and ctx.category.name_en:
            return ctx.category.name_en
        return ctx.category.name

    def _named_reporter(self, ctx: CardContext) -> Markup | str:
        if ctx.citizen is None:
            return "?"
        return self.t(
            "staff-card-reporter-named", name=ctx.citizen.name, label=ctx.citizen.reporter_label
        )

    def _anonymous(self, ctx: CardContext) -> str:
        return ctx.citizen.reporter_label if ctx.citizen else "?"

    def _body(self, ctx: CardContext, *, reporter: Markup | str) -> list[Markup | None]:
        ticket = ctx.ticket
        parts: list[Markup | None] = [self.t("staff-card-description", text=ticket.description)]
        place = self._place(ticket)
        if place:
            parts.append(self.t("staff-card-place", place=place))
        parts.append(self.t("staff-card-reporter", reporter=reporter))
        parts.append(
            self.t("staff-card-filed", when=self.when(ticket.created_at), age=self._age(ticket))
        )
        return parts

    def _place(self, ticket: Ticket) -> Markup | None:
        """The address, the point on a map, or both."""
        point = None
        if ticket.latitude is not None and ticket.longitude is not None:
            lat, lon = ticket.latitude, ticket.longitude
            point = self.t(
                "staff-card-map",
                url=f"https://maps.google.com/?q={lat:.6f},{lon:.6f}",
                point=f"{lat:.5f}, {lon:.5f}",
            )
        if ticket.address and point is not None:
            return self.t("staff-card-address-and-map", address=ticket.address, map=point)
        if ticket.address:
            return self.t("staff-card-address", address=ticket.address)
        return point

    def _clock(
        self, stage: SlaStage | None, deadline: datetime | None, paused: datetime | None
    ) -> Markup | None:
        if paused is not None:
            return self.t("staff-card-paused")
        if stage is None or deadline is None:
            return None
        return self.t(f"staff-deadline-{stage.value.replace('_', '-')}", when=self.when(deadline))

    def _status(self, ticket: Ticket) -> Markup:
        return self.t(f"staff-status-{ticket.status.value.replace('_', '-')}")

    def _share_status(self, ctx: CardContext, share: Assignment) -> Markup:
        status = self.t(f"staff-share-{share.status.value.replace('_', '-')}")
        officer = ctx.staff_names.get(share.officer_id or 0)
        if officer:
            return self.t("staff-card-with-officer", status=status, officer=officer)
        return status

    def _share_line(self, ctx: CardContext, share: Assignment) -> Markup:
        return self.t(
            "staff-card-share",
            agency=ctx.agency_name(share.agency_id),
            status=self._share_status(ctx, share),
        )

    def _timeline(self, ctx: CardContext, agency_id: int | None) -> list[Markup | None]:
        """The last steps; an agency's card leaves out other agencies' internal notes."""
        events = [
            e
            for e in ctx.events
            if agency_id is None or e.public or e.agency_id in (agency_id, None)
        ][-TIMELINE:]
        if not events:
            return []
        return [Markup(""), *(self._step(ctx, e, agency_id) for e in events)]

    def _step(self, ctx: CardContext, event: TicketEvent, card_agency: int | None) -> Markup:
        targets = event.data.get("dispatched_to") or []
        label = self.t(
            f"staff-ev-{event.action.replace('_', '-')}",
            agencies=", ".join(ctx.agency_name(a) for a in targets),
            rating=str(event.data.get("rating") or ""),
            reason=str(event.data.get("reason") or ""),
        )
        if event.agency_id and event.agency_id != card_agency and not targets:
            agency = _short(ctx.agencies.get(event.agency_id))
            label = self.t("staff-card-step-of-agency", agency=agency, what=label)
        return self.t(
            "staff-card-step", at=self.clock_time(event.at), what=label, who=self._actor(ctx, event)
        )

    def _actor(self, ctx: CardContext, event: TicketEvent) -> Markup | str:
        if event.actor_role in STAFF_ROLES:
            return ctx.staff_names.get(event.actor_id or 0, "?")
        if event.actor_role == Role.CITIZEN:
            return self.t("staff-actor-citizen")
        return self.t("staff-actor-system")

    def _age(self, ticket: Ticket) -> Markup:
        minutes = max(0, int((self.now - ticket.created_at).total_seconds() // 60))
        if minutes < 60:
            return self.t("staff-age-minutes", n=minutes)
        if minutes < 48 * 60:
            return self.t("staff-age-hours", n=minutes // 60)
        return self.t("staff-age-days", n=minutes // (24 * 60))

    def when(self, moment: datetime) -> str:
        return self.texts.when(self.lang, moment, self.tz)

    def clock_time(self, moment: datetime) -> str:
        return moment.astimezone(ZoneInfo(self.tz)).strftime("%d/%m %H:%M")


def _short(agency: Agency | None) -> str:
    return short_name(agency) if agency is not None else "?"
