"""Every domain record survives a round trip through every backend, field for field.

Telegram ids beyond 2^31 (supergroups are -100…), JSON fields, enums and timezone-aware
datetimes are the usual casualties of a storage layer; each is checked here.
"""

from __future__ import annotations

from datetime import timedelta, timezone

from domain.model import Assignment, Attachment, Invite, Staff, Template, TicketEvent
from domain.roles import Role
from domain.status import AssignmentStatus, SlaStage, TicketStatus
from tests.contract.builders import (
    BIG_CHAT,
    BIG_USER,
    T0,
    AnyUowFactory,
    agency,
    category,
    citizen,
    later,
    seed_ticket,
)

JAKARTA = timezone(timedelta(hours=7))


async def test_citizen_round_trip_with_big_ids(uow_factory: AnyUowFactory) -> None:
    async with uow_factory() as uow:
        added = await uow.citizens.add(
            citizen(username="sri", language="en", phone="+6281234567890", banned=True)
        )
        await uow.commit()
    assert added.id is not None
    async with uow_factory() as uow:
        by_id = await uow.citizens.get(added.id)
        by_telegram = await uow.citizens.get_by_telegram_id(BIG_USER)
    assert by_id == added
    assert by_telegram == added
    assert by_id is not added


async def test_citizen_save_is_seen_by_the_next_unit_of_work(uow_factory: AnyUowFactory) -> None:
    async with uow_factory() as uow:
        person = await uow.citizens.add(citizen())
        await uow.commit()
    person.unreachable = True
    person.name = "Sri R."
    async with uow_factory() as uow:
        await uow.citizens.save(person)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.citizens.get(person.id or 0) == person
        assert await uow.citizens.get(10_000) is None
        assert await uow.citizens.get_by_telegram_id(1) is None


async def test_agency_round_trip_and_lookups(uow_factory: AnyUowFactory) -> None:
    async with uow_factory() as uow:
        unit = await uow.agencies.add(
            agency("ULAS", is_complaint_unit=True, group_chat_id=-1009876543210)
        )
        roads = await uow.agencies.add(
            agency("DPU", group_chat_id=BIG_CHAT, group_is_forum=True, group_active=True)
        )
        closed = await uow.agencies.add(agency("OLD", active=False))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.agencies.get(roads.id or 0) == roads
        assert await uow.agencies.get_by_code("DPU") == roads
        assert await uow.agencies.get_by_group_chat(BIG_CHAT) == roads
        assert await uow.agencies.get_by_group_chat(-1) is None
        assert await uow.agencies.complaint_unit() == unit
        assert await uow.agencies.list() == [unit, roads]
        assert await uow.agencies.list(active_only=False) == [unit, roads, closed]
    roads.group_active = False
    async with uow_factory() as uow:
        await uow.agencies.save(roads)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.agencies.get_by_code("DPU") == roads


async def test_staff_round_trip_and_list_filters(uow_factory: AnyUowFactory) -> None:
    async with uow_factory() as uow:
        roads = await uow.agencies.add(agency("DPU"))
        water = await uow.agencies.add(agency("PDAM"))
        officer = await uow.staff.add(
            Staff(BIG_USER, "Budi", Role.OFFICER, T0, agency_id=roads.id, chat_id=BIG_USER)
        )
        boss = await uow.staff.add(Staff(5_000_000_001, "Tari", Role.SUPERVISOR, T0, roads.id))
        other = await uow.staff.add(Staff(5_000_000_002, "Wati", Role.OFFICER, T0, water.id))
        gone = await uow.staff.add(
            Staff(5_000_000_003, "Eko", Role.OFFICER, T0, roads.id, active=False)
        )
        admin = await uow.staff.add(Staff(5_000_000_004, "Ani", Role.ADMIN, T0))
        await uow.commit()
    async with uow_factory() as uow:
        loaded = await uow.staff.get(officer.id or 0)
        assert loaded == officer
        assert loaded is not None and loaded.role is Role.OFFICER
        assert await uow.staff.get_by_telegram_id(BIG_USER) == officer
        assert await uow.staff.list(agency_id=roads.id) == [officer, boss]
        assert await uow.staff.list(agency_id=roads.id, active_only=False) == [officer, boss, gone]
        assert await uow.staff.list(roles=[Role.OFFICER]) == [officer, other]
        assert await uow.staff.list(roles=[Role.ADMIN, Role.SUPERADMIN]) == [admin]
    officer.role = Role.SUPERVISOR
    async with uow_factory() as uow:
        await uow.staff.save(officer)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.staff.get(officer.id or 0) == officer


async def test_invite_round_trip(uow_factory: AnyUowFactory) -> None:
    async with uow_factory() as uow:
        roads = await uow.agencies.add(agency("DPU"))
        assert roads.id is not None
        invite = await uow.invites.add(
            Invite("tok-123", roads.id, Role.OFFICER, None, T0, T0 + timedelta(days=2))
        )
        await uow.commit()
    invite.used_by = BIG_USER
    invite.used_at = later(5)
    async with uow_factory() as uow:
        await uow.invites.save(invite)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.invites.get_by_token("tok-123") == invite
        assert await uow.invites.get_by_token("nope") is None


async def test_category_json_and_order(uow_factory: AnyUowFactory) -> None:
    async with uow_factory() as uow:
        roads = await uow.agencies.add(agency("DPU"))
        second = await uow.categories.add(
            category("road", sort_order=2, default_agency_id=roads.id)
        )
        first = await uow.categories.add(
            category(
                "flood",
                name_en="Flooding",
                auto_verify=True,
                sort_order=1,
                sla_overrides={"verify": "4h", "resolve": "2wd"},
            )
        )
        hidden = await uow.categories.add(category("old", active=False, sort_order=3))
        await uow.commit()
    async with uow_factory() as uow:
        loaded = await uow.categories.get_by_code("flood")
        assert loaded == first
        assert loaded is not None and loaded.sla_overrides == {"verify": "4h", "resolve": "2wd"}
        assert await uow.categories.list() == [first, second]
        assert await uow.categories.list(active_only=False) == [first, second, hidden]
    first.sla_overrides["confirm"] = "1wd"
    async with uow_factory() as uow:
        await uow.categories.save(first)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.categories.get(first.id or 0) == first


async def test_ticket_round_trip_every_field(uow_factory: AnyUowFactory) -> None:
    async with uow_factory() as uow:
        added = await seed_ticket(
            uow,
            status=TicketStatus.NEED_INFO,
            created_at=T0.astimezone(JAKARTA),
            latitude=-7.5666,
            longitude=110.8166,
            address="Jl. Slamet Riyadi 1",
            share_name=True,
            public=False,
            contact_phone="+62811",
            stage=SlaStage.RESOLVE,
            stage_started_at=later(1),
            deadline=later(60 * 24 * 5),
            paused_at=later(2),
            reminded_pct=50,
            verified_at=later(3),
            first_response_at=later(4),
            resolved_at=later(5),
            closed_at=later(6),
            reopen_count=2,
            solved=False,
            rating=4,
            rating_comment="Cepat, terima kasih",
            reject_reason="duplicate",
            duplicate_of="ADU-AAAAAA",
        )
        await uow.commit()
    async with uow_factory() as uow:
        loaded = await uow.tickets.get(added.id or 0)
        by_code = await uow.tickets.get_by_code("ADU-7K3Q9X")
    assert loaded == added
    assert by_code == added
    assert loaded is not None
    assert loaded.status is TicketStatus.NEED_INFO and loaded.stage is SlaStage.RESOLVE
    assert loaded.created_at == T0
    assert loaded.version == 0


async def test_assignment_round_trip(uow_factory: AnyUowFactory) -> None:
    async with uow_factory() as uow:
        ticket = await seed_ticket(uow)
        roads = await uow.agencies.add(agency("DPU"))
        officer = await uow.staff.add(Staff(BIG_USER, "Budi", Role.OFFICER, T0, roads.id))
        assert ticket.id is not None and roads.id is not None
        first = await uow.assignments.add(
            Assignment(
                ticket.id,
                roads.id,
                AssignmentStatus.IN_PROGRESS,
                T0,
                officer_id=officer.id,
                stage=SlaStage.FIRST_RESPONSE,
                stage_started_at=T0,
                deadline=later(2880),
                paused_at=later(9),
                reminded_pct=100,
                first_response_at=later(10),
                resolved_at=later(11),
                resolution_note="Sudah ditambal",
                handback_reason="bukan wewenang",
            )
        )
        water = await uow.agencies.add(agency("PDAM"))
        second = await uow.assignments.add(
            Assignment(ticket.id, water.id or 0, AssignmentStatus.DISPATCHED, T0)
        )
        await uow.commit()
    async with uow_factory() as uow:
        loaded = await uow.assignments.get(first.id or 0)
        assert loaded == first
        assert loaded is not None and loaded.status is AssignmentStatus.IN_PROGRESS
        assert await uow.assignments.for_ticket(ticket.id) == [first, second]
        assert await uow.assignments.get(10_000) is None


async def test_events_keep_order_json_and_visibility(uow_factory: AnyUowFactory) -> None:
    async with uow_factory() as uow:
        ticket = await seed_ticket(uow)
        assert ticket.id is not None
        created = await uow.events.add(
            TicketEvent(
                ticket.id,
                T0,
                Role.CITIZEN,
                "submitted",
                True,
                actor_id=1,
                to_status=TicketStatus.SUBMITTED,
                data={"photos": 2, "via": ["bot"]},
            )
        )
        note = await uow.events.add(
            TicketEvent(ticket.id, later(1), Role.ADMIN, "note", False, text="cek lokasi")
        )
        moved = await uow.events.add(
            TicketEvent(
                ticket.id,
                later(2),
                Role.ADMIN,
                "dispatch",
                True,
                from_status=TicketStatus.SUBMITTED,
                to_status=TicketStatus.DISPATCHED,
                data={"agencies": [{"code": "DPU", "id": 3}]},
            )
        )
        await uow.commit()
    async with uow_factory() as uow:
        everything = await uow.events.for_ticket(ticket.id)
        public = await uow.events.for_ticket(ticket.id, public_only=True)
    assert everything == [created, note, moved]
    assert public == [created, moved]
    assert everything[2].from_status is TicketStatus.SUBMITTED
    assert everything[2].actor_role is Role.ADMIN
    assert everything[2].data == {"agencies": [{"code": "DPU", "id": 3}]}


async def test_attachments_round_trip(uow_factory: AnyUowFactory) -> None:
    async with uow_factory() as uow:
        ticket = await seed_ticket(uow)
        assert ticket.id is not None
        event = await uow.events.add(TicketEvent(ticket.id, T0, Role.OFFICER, "resolve", True))
        photo = await uow.attachments.add(Attachment(ticket.id, "AgAC-file-1", T0))
        proof = await uow.attachments.add(
            Attachment(
                ticket.id,
                "BQAC-file-2",
                later(1),
                kind="document",
                file_unique_id="uniq",
                event_id=event.id,
                uploaded_by_role=Role.OFFICER,
            )
        )
        await uow.commit()
    async with uow_factory() as uow:
        loaded = await uow.attachments.for_ticket(ticket.id)
    assert loaded == [photo, proof]
    assert loaded[1].uploaded_by_role is Role.OFFICER


async def test_templates_for_an_agency_include_shared_ones(uow_factory: AnyUowFactory) -> None:
    async with uow_factory() as uow:
        roads = await uow.agencies.add(agency("DPU"))
        water = await uow.agencies.add(agency("PDAM"))
        shared = await uow.templates.add(Template("terima", "Terima kasih atas laporannya."))
        own = await uow.templates.add(Template("jadwal", "Dijadwalkan minggu ini.", roads.id))
        await uow.templates.add(Template("pipa", "Pipa sedang diperbaiki.", water.id))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.templates.list_for_agency(roads.id) == [shared, own]
        assert await uow.templates.list_for_agency(None) == [shared]
    own.text = "Dijadwalkan besok."
    async with uow_factory() as uow:
        await uow.templates.save(own)
        await uow.commit()
    async with uow_factory() as uow:
        assert own in await uow.templates.list_for_agency(roads.id)


async def test_settings_hold_json_values(uow_factory: AnyUowFactory) -> None:
    async with uow_factory() as uow:
        assert await uow.settings.get("sla.verify") is None
        await uow.settings.set("sla.verify", "1wd")
        await uow.settings.set("holidays.extra", ["2026-12-24", "2026-12-31"])
        await uow.commit()
    async with uow_factory() as uow:
        await uow.settings.set("sla.verify", {"default": "2wd", "flood": "4h"})
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.settings.get("sla.verify") == {"default": "2wd", "flood": "4h"}
        assert await uow.settings.get("holidays.extra") == ["2026-12-24", "2026-12-31"]
