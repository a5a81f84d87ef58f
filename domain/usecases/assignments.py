"""Agencies' shares of a ticket: opening them with a clock, first responses, finishing them.

Each agency a ticket is sent to gets its own assignment and its own SLA clock, so one slow
agency shows up as slow without blaming the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from domain.errors import ValidationFailed
from domain.model import Agency, Assignment, Category, Ticket
from domain.ports import UnitOfWork
from domain.status import ACTIVE_ASSIGNMENT_STATUSES, AssignmentStatus, SlaStage
from domain.usecases.context import Lifecycle


async def load_target_agencies(
    uow: UnitOfWork, agency_ids: Iterable[int], existing: Sequence[Assignment]
) -> list[Agency]:
    """The agencies to send a ticket to, refusing ones that cannot take it.

    An agency that already holds a live share is refused rather than skipped, so an admin who
    picked the wrong one hears about it instead of believing a second agency was added.
    """
    ids = list(dict.fromkeys(agency_ids))
    if not ids:
        raise ValidationFailed("agencies", "choose at least one agency", rule="no_agency")
    busy = {a.agency_id for a in existing if a.status in ACTIVE_ASSIGNMENT_STATUSES}
    agencies: list[Agency] = []
    for agency_id in ids:
        agency = await uow.agencies.get(agency_id)
        if agency is None or not agency.active:
            raise ValidationFailed(
                "agencies", f"no active agency {agency_id}", rule="inactive_agency"
            )
        if agency.is_complaint_unit:
            raise ValidationFailed(
                "agencies", "the complaint unit cannot be assigned a ticket", rule="unit_agency"
            )
        if agency_id in busy:
            raise ValidationFailed(
                "agencies",
                f"{agency.name} already has this ticket",
                rule="agency_has_it",
                agency=agency.name,
            )
        agencies.append(agency)
    return agencies


async def open_assignment(
    uow: UnitOfWork,
    life: Lifecycle,
    ticket: Ticket,
    agency: Agency,
    category: Category | None,
    now: datetime,
) -> Assignment:
    """A new share for `agency`, whose first-response clock starts now."""
    assert ticket.id is not None and agency.id is not None
    assignment = Assignment(
        ticket_id=ticket.id, agency_id=agency.id, status=AssignmentStatus.DISPATCHED, created_at=now
    )
    life.sla.start_clock(assignment, SlaStage.FIRST_RESPONSE, now, category)
    return await uow.assignments.add(assignment)


def mark_first_response(
    life: Lifecycle,
    ticket: Ticket,
    assignment: Assignment,
    category: Category | None,
    now: datetime,
) -> None:
    """The agency's first public word to the citizen ends its first-response stage.

    Only a reply, a question or a resolution counts, not a claim: a claim tells the citizen
    nothing, and counting it would let an agency meet the SLA by pressing a button. The resolve
    clock starts from here.
    """
    if assignment.first_response_at is None:
        assignment.first_response_at = now
        life.sla.start_clock(assignment, SlaStage.RESOLVE, now, category)
    if ticket.first_response_at is None:
        ticket.first_response_at = now


def take_over(assignment: Assignment, staff_id: int | None) -> None:
    """An officer who answers an unclaimed share has claimed it."""
    if assignment.officer_id is None:
        assignment.officer_id = staff_id
    if assignment.status == AssignmentStatus.DISPATCHED:
        assignment.status = AssignmentStatus.IN_PROGRESS


async def close_resolved_shares(uow: UnitOfWork, assignments: Sequence[Assignment]) -> None:
    """The ticket is closed: resolved shares are done for good."""
    for a in assignments:
        if a.status == AssignmentStatus.RESOLVED:
            a.status = AssignmentStatus.CLOSED
            await uow.assignments.save(a)


def active_agency_ids(assignments: Iterable[Assignment]) -> list[int]:
    return [a.agency_id for a in assignments if a.status in ACTIVE_ASSIGNMENT_STATUSES]
