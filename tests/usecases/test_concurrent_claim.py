"""Two officers press Claim at the same moment: exactly one wins, the other is told who.

This is the optimistic-concurrency test that must pass on every backend, SQLite and
PostgreSQL included: each claim runs in its own unit of work, concurrently.
"""

from __future__ import annotations

import asyncio

import pytest

from domain.errors import AlreadyClaimed
from domain.model import Ticket
from domain.status import AssignmentStatus, TicketStatus
from domain.usecases import Actor, claim_ticket, verify_ticket
from tests.usecases.world import World

pytestmark = pytest.mark.concurrency


async def claim(w: World, actor: Actor, ticket_id: int) -> Ticket:
    async with w.factory() as uow:
        ticket = await claim_ticket(uow, w.life, actor, ticket_id)
        await uow.commit()
    return ticket


@pytest.mark.parametrize("rounds", [1, 2, 3])
async def test_two_simultaneous_claims_one_winner(world: World, rounds: int) -> None:
    w = world
    for _ in range(rounds):
        ticket = await w.submit()
        tid = ticket.id
        assert tid is not None
        await w.act(verify_ticket, w.as_admin, tid)

        results = await asyncio.gather(
            claim(w, w.as_roads, tid), claim(w, w.as_roads2, tid), return_exceptions=True
        )

        wins = [r for r in results if isinstance(r, Ticket)]
        losses = [r for r in results if isinstance(r, AlreadyClaimed)]
        assert len(wins) == 1 and len(losses) == 1, results
        share = (await w.assignments(tid))[w.roads.id]
        winner = w.roads_officer if share.officer_id == w.roads_officer.id else w.roads_officer2
        assert (losses[0].winner_staff_id, losses[0].winner_name) == (winner.id, winner.name)
        assert share.status == AssignmentStatus.IN_PROGRESS
        assert (await w.ticket(tid)).status == TicketStatus.IN_PROGRESS
        claims = [e for e in await w.events(tid) if e.action == "claim"]
        assert [e.actor_id for e in claims] == [winner.id]
        assert [(o.text or "").split()[0] for o in await w.outbox(tid)].count("claim") == 1
