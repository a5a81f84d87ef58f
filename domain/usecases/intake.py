"""A citizen files a complaint: it becomes a ticket with a tracking code and a clock.

Categories the city trusts (auto-verify, e.g. a full rubbish bin) skip the complaint unit and
go straight to their default agency, so the simplest complaints are never stuck in a queue.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from domain.codes import new_ticket_code
from domain.errors import Forbidden, ValidationFailed
from domain.model import Agency, Category, Ticket
from domain.ports import UnitOfWork
from domain.roles import Role
from domain.status import SlaStage
from domain.transitions import Action, authorize
from domain.usecases.assignments import open_assignment
from domain.usecases.context import Actor, Lifecycle
from domain.usecases.steps import (
    MAX_PHOTOS,
    check_actor,
    optional_text,
    record,
    require_file_ids,
    require_text,
    too_many_photos,
)

log = logging.getLogger(__name__)

DESCRIPTION_MIN = 15  # shorter than this cannot say what, where and since when
DESCRIPTION_MAX = 2000
ADDRESS_MAX = 500
PHONE_MAX = 32  # digits and a leading +


def _check_location(latitude: float | None, longitude: float | None) -> None:
    if (latitude is None) != (longitude is None):
        raise ValidationFailed("location", "needs both latitude and longitude", rule="bad_location")
    if (
        latitude is not None
        and longitude is not None
        and (not -90 <= latitude <= 90 or not -180 <= longitude <= 180)
    ):
        raise ValidationFailed("location", "outside the globe", rule="bad_location")


async def _auto_verify_agency(uow: UnitOfWork, category: Category) -> Agency | None:
    """The agency an auto-verified complaint goes to, or None to let the unit triage it."""
    if not category.auto_verify or category.default_agency_id is None:
        return None
    agency = await uow.agencies.get(category.default_agency_id)
    if agency is None or not agency.active or agency.is_complaint_unit:
        log.warning("category %s auto-verifies but has no usable default agency", category.code)
        return None
    return agency


async def submit_ticket(
    uow: UnitOfWork,
    life: Lifecycle,
    actor: Actor,
    *,
    category_id: int,
    description: str,
    photo_file_ids: Sequence[str] = (),
    latitude: float | None = None,
    longitude: float | None = None,
    address: str | None = None,
    share_name: bool = False,
    public: bool = True,
    contact_phone: str | None = None,
    document_file_ids: Sequence[str] = (),
) -> Ticket:
    """Create the ticket from the citizen's finished draft; one `submit` event.

    `document_file_ids` are images the citizen sent as files; they count as photos towards the
    limit but are stored as documents (see `record`).
    """
    check_actor(actor, Action.SUBMIT)
    status = authorize(None, Action.SUBMIT, actor.role)
    assert actor.id is not None
    citizen = await uow.citizens.get(actor.id)
    if citizen is None or citizen.banned:
        raise Forbidden("unknown or banned citizen")
    category = await uow.categories.get(category_id)
    if category is None or not category.active:
        raise ValidationFailed(
            "category", "choose one of the listed categories", rule="unknown_category"
        )
    text = require_text(
        "description", description, min_len=DESCRIPTION_MIN, max_len=DESCRIPTION_MAX
    )
    photos = require_file_ids(photo_file_ids)
    documents = require_file_ids(document_file_ids)
    if len(photos) + len(documents) > MAX_PHOTOS:
        raise too_many_photos()
    _check_location(latitude, longitude)
    address = optional_text("address", address, max_len=ADDRESS_MAX)
    contact_phone = optional_text("contact_phone", contact_phone, max_len=PHONE_MAX)

    now = life.now()
    agency = await _auto_verify_agency(uow, category)
    if agency is not None:
        status = authorize(status, Action.VERIFY, Role.SYSTEM)
    ticket = Ticket(
        code=await new_ticket_code(uow),
        citizen_id=actor.id,
        category_id=category_id,
        description=text,
        status=status,
        created_at=now,
        updated_at=now,
        latitude=latitude,
        longitude=longitude,
        address=address,
        share_name=share_name,
        public=public,
        contact_phone=contact_phone,
    )
    data: dict[str, object] = {"auto_verified": agency is not None}
    if agency is None:
        life.sla.start_clock(ticket, SlaStage.VERIFY, now, category)
        ticket = await uow.tickets.add(ticket)
    else:
        ticket.verified_at = now
        ticket = await uow.tickets.add(ticket)
        await open_assignment(uow, life, ticket, agency, category, now)
        data["dispatched_to"] = [agency.id]
    await record(
        uow,
        life,
        actor,
        ticket,
        Action.SUBMIT,
        from_status=None,
        agency_id=agency.id if agency else None,
        data=data,
        photos=photos,
        documents=documents,
    )
    return ticket
