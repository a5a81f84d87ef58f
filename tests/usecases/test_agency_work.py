"""Officers at work: their own agency only, documented resolutions, internal notes."""

from __future__ import annotations

import pytest

from domain.errors import AlreadyClaimed, Forbidden, InvalidTransition, ValidationFailed
from domain.status import AssignmentStatus, SlaStage, TicketStatus
from domain.usecases import (
    add_album_photos,
    add_internal_note,
    claim_ticket,
    dispatch_ticket,
    public_timeline,
    reply_to_citizen,
    request_info,
    resolve_ticket,
    verify_ticket,
)
from tests.usecases.world import World, wib

S = TicketStatus


async def dispatched_to_roads(w: World) -> int:
    ticket = await w.submit()
    assert ticket.id is not None
    await w.act(verify_ticket, w.as_admin, ticket.id)
    return ticket.id


@pytest.mark.parametrize("note", ["", "   ", "\n\t"])
async def test_resolve_without_a_note_is_refused(world: World, note: str) -> None:
    w = world
    tid = await dispatched_to_roads(w)
    await w.act(claim_ticket, w.as_roads, tid)
    before = await w.snapshot(tid)
    with pytest.raises(ValidationFailed) as err:
        await w.act(resolve_ticket, w.as_roads, tid, note, ["photo-1"])
    assert err.value.field == "note"
    assert await w.snapshot(tid) == before


async def test_officer_of_another_agency_is_forbidden(world: World) -> None:
    w = world
    tid = await dispatched_to_roads(w)
    before = await w.snapshot(tid)
    for usecase, args in [
        (claim_ticket, ()),
        (reply_to_citizen, ("Kami cek.",)),
        (request_info, ("Di mana?",)),
        (resolve_ticket, ("Selesai.",)),
        (add_internal_note, ("Bukan kami.",)),
    ]:
        with pytest.raises(Forbidden):
            await w.act(usecase, w.as_env, tid, *args)
    assert await w.snapshot(tid) == before


async def test_first_reply_is_the_first_response(world: World) -> None:
    w = world
    tid = await dispatched_to_roads(w)
    w.clock.set(wib(2, 14))
    ticket = await w.act(reply_to_citizen, w.as_roads2, tid, "Tim kami meluncur besok pagi.")
    assert ticket.status == S.IN_PROGRESS and ticket.first_response_at == wib(2, 14)
    share = (await w.assignments(tid))[w.roads.id]
    assert share.officer_id == w.roads_officer2.id  # answering unclaimed work claims it
    assert share.first_response_at == wib(2, 14)
    assert (share.stage, share.deadline) == (SlaStage.RESOLVE, wib(9, 14))
    # A later reply by a colleague changes no clock.
    w.clock.set(wib(3, 9))
    await w.act(reply_to_citizen, w.as_roads, tid, "Sudah di lokasi.")
    again = (await w.assignments(tid))[w.roads.id]
    assert (again.first_response_at, again.deadline, again.officer_id) == (
        wib(2, 14),
        wib(9, 14),
        w.roads_officer2.id,
    )
    assert (await w.ticket(tid)).first_response_at == wib(2, 14)


async def test_a_claim_is_not_a_first_response(world: World) -> None:
    w = world
    tid = await dispatched_to_roads(w)
    await w.act(claim_ticket, w.as_roads, tid)
    share = (await w.assignments(tid))[w.roads.id]
    assert share.stage == SlaStage.FIRST_RESPONSE and share.first_response_at is None
    assert (await w.ticket(tid)).first_response_at is None


async def test_claim_twice_by_the_winner_changes_nothing(world: World) -> None:
    w = world
    tid = await dispatched_to_roads(w)
    await w.act(claim_ticket, w.as_roads, tid)
    before = await w.snapshot(tid)
    await w.act(claim_ticket, w.as_roads, tid)
    assert await w.snapshot(tid) == before
    with pytest.raises(AlreadyClaimed) as err:
        await w.act(claim_ticket, w.as_roads2, tid)
    assert (err.value.winner_staff_id, err.value.winner_name) == (w.roads_officer.id, "Budi")
    assert await w.snapshot(tid) == before


async def test_supervisor_acts_for_the_agency(world: World) -> None:
    w = world
    tid = await dispatched_to_roads(w)
    from domain.usecases import Actor

    ticket = await w.act(request_info, Actor.staff(w.roads_supervisor), tid, "Nomor rumah?")
    assert ticket.status == S.NEED_INFO


async def test_internal_notes_stay_internal(world: World) -> None:
    w = world
    tid = await dispatched_to_roads(w)
    sent_before = len(await w.outbox(tid))
    ticket_before = await w.ticket(tid)
    await w.act(add_internal_note, w.as_roads, tid, "Anggaran tambal baru cair minggu depan.")
    await w.act(add_internal_note, w.as_admin, tid, "Pantau, lokasi sering dilaporkan.")
    events = await w.events(tid)
    notes = [e for e in events if e.action == "note"]
    assert [(n.public, n.agency_id, n.from_status, n.to_status) for n in notes] == [
        (False, w.roads.id, S.DISPATCHED, S.DISPATCHED),
        (False, None, S.DISPATCHED, S.DISPATCHED),
    ]
    timeline = await w.read(public_timeline, tid)
    assert "note" not in [e.action for e in timeline]
    assert len(await w.outbox(tid)) == sent_before  # nobody is messaged
    assert await w.ticket(tid) == ticket_before  # a note changes nothing on the ticket


async def test_work_on_a_finished_share_is_a_stale_button(world: World) -> None:
    w = world
    tid = await dispatched_to_roads(w)
    await w.act(dispatch_ticket, w.as_admin, tid, [w.env.id])
    await w.act(resolve_ticket, w.as_roads, tid, "Sudah ditambal.")
    share = (await w.assignments(tid))[w.roads.id]
    assert share.status == AssignmentStatus.RESOLVED and share.stage is None
    with pytest.raises(InvalidTransition):
        await w.act(reply_to_citizen, w.as_roads, tid, "Satu lagi.")
    # Notes on the agency's own (finished) share are still fine.
    await w.act(add_internal_note, w.as_roads, tid, "Dokumentasi di drive.")


async def test_request_info_pauses_only_the_asking_agency(world: World) -> None:
    w = world
    tid = await dispatched_to_roads(w)
    await w.act(dispatch_ticket, w.as_admin, tid, [w.env.id])
    w.clock.set(wib(2, 10))
    ticket = await w.act(request_info, w.as_roads, tid, "Foto lebih dekat?")
    assert ticket.status == S.NEED_INFO
    shares = await w.assignments(tid)
    assert shares[w.roads.id].paused_at == wib(2, 10)
    assert shares[w.env.id].paused_at is None
    # The other agency keeps working; the ticket still waits on the citizen.
    ticket = await w.act(claim_ticket, w.as_env, tid)
    assert ticket.status == S.NEED_INFO


async def test_the_rest_of_a_resolution_album_is_kept_with_the_resolution(world: World) -> None:
    """Telegram delivers an album as one message per photo, the note on the first: the other
    photos join the resolution they belong to, and only that one."""
    w = world
    tid = await dispatched_to_roads(w)
    await w.act(claim_ticket, w.as_roads, tid)
    await w.act(resolve_ticket, w.as_roads, tid, "Ditambal.", ["photo-1"], "album-7")
    before = await w.snapshot(tid)
    for actor, album, photos, refusal in [
        (w.as_roads, "album-8", ["photo-2"], ValidationFailed),  # another album: no note
        (w.as_roads, "album-7", [], ValidationFailed),  # nothing to add
        (w.as_roads2, "album-7", ["photo-2"], ValidationFailed),  # not their resolution
        (w.as_env, "album-7", ["photo-2"], Forbidden),  # not their agency's ticket
    ]:
        with pytest.raises(refusal):
            await w.act(add_album_photos, actor, tid, album, photos)
    assert await w.snapshot(tid) == before

    await w.act(add_album_photos, w.as_roads, tid, "album-7", ["photo-2"])
    await w.act(add_album_photos, w.as_roads, tid, "album-7", ["photo-3"])
    events = await w.events(tid)
    resolve = next(e for e in events if e.action == "resolve")
    extras = [e for e in events if e.action == "album_photos"]
    assert [e.data["album_event_id"] for e in extras] == [resolve.id, resolve.id]
    assert all(e.public and e.agency_id == resolve.agency_id for e in extras)
    assert (await w.ticket(tid)).status is S.RESOLVED  # no change of status
    async with w.factory() as uow:
        kept = {a.file_id: a.event_id for a in await uow.attachments.for_ticket(tid)}
    assert kept["photo-1"] == resolve.id
    assert {kept["photo-2"], kept["photo-3"]} == {e.id for e in extras}


async def test_the_rest_of_a_reply_album_joins_the_reply(world: World) -> None:
    w = world
    tid = await dispatched_to_roads(w)
    await w.act(reply_to_citizen, w.as_roads, tid, "📷", ["photo-1"], "album-9")
    await w.act(add_album_photos, w.as_roads, tid, "album-9", ["photo-2"])
    events = await w.events(tid)
    replies = [e for e in events if e.action == "reply"]
    extras = [e for e in events if e.action == "album_photos"]
    assert len(replies) == 1 and [e.data["album_event_id"] for e in extras] == [replies[0].id]
    assert (await w.ticket(tid)).status is S.IN_PROGRESS
