"""A year of past complaints for the demo city, so the public site has something to show.

Every complaint is finished (closed, or rejected) and belongs to one made-up citizen, so the
bot's own story (the cast filing and working complaints in the page) is not disturbed: no
open clock, no card, no reminder. Each one has the public events a real one would have
(filed, verified, claimed, a reply, resolved with a note, confirmed or auto-closed), some
were late (an SLA escalation recorded), some reopened, most rated. Agencies differ in speed,
which is what the league table is for. Written with SQLAlchemy Core in one transaction.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from domain.calendar import WorkingCalendar
from domain.codes import CODE_ALPHABET
from storage.database import Database
from storage.tables import (
    AgencyRow,
    AssignmentRow,
    CategoryRow,
    CitizenRow,
    SlaReminderRow,
    TicketEventRow,
    TicketRow,
    table_of,
)

BBOX = (110.77, -7.59, 110.87, -7.53)  # inside Surakarta's service area
NOTES = (
    "Sudah diperbaiki petugas lapangan; foto hasil perbaikan terlampir.",
    "Petugas sudah membersihkan lokasi dan memasang rambu sementara.",
    "Perbaikan selesai hari ini, mohon dicek kembali.",
)
REPLIES = (
    "Terima kasih, laporan sudah kami terima dan petugas dijadwalkan ke lokasi.",
    "Tim kami sedang menuju lokasi untuk pengecekan.",
)
DESCRIPTIONS = (
    "Lubang cukup dalam di tengah jalan, membahayakan pengendara motor malam hari.",
    "Lampu penerangan jalan mati sejak minggu lalu, gang jadi gelap.",
    "Sampah menumpuk di tepi jalan dan belum diangkut beberapa hari.",
    "Saluran air tersumbat, air meluap ke jalan setiap hujan.",
    "Air PDAM tidak mengalir sejak pagi di beberapa rumah.",
    "Pohon tumbang menghalangi sebagian badan jalan.",
)


def _code(rnd: random.Random) -> str:
    return "ADU-" + "".join(rnd.choice(CODE_ALPHABET) for _ in range(6))


async def add_history(db: Database, now: datetime, *, count: int = 600, seed: int = 11) -> int:
    """`count` finished complaints over the twelve months before `now`; returns how many."""
    rnd = random.Random(seed)
    calendar = WorkingCalendar()
    async with db.uow() as uow:
        s = uow.session
        agencies = [
            r.id
            for r in await s.execute(
                table_of(AgencyRow)
                .select()
                .where(table_of(AgencyRow).c.is_complaint_unit.is_(False))
            )
        ]
        categories = [
            (r.id, r.default_agency_id) for r in await s.execute(table_of(CategoryRow).select())
        ]
        if not agencies or not categories:
            return 0
        citizen = (
            await s.execute(
                table_of(CitizenRow)
                .insert()
                .values(
                    telegram_id=None,
                    chat_id=None,
                    name="Warga (riwayat demo)",
                    created_at=now - timedelta(days=400),
                    channel="demo",
                    external_id="history",
                )
            )
        ).inserted_primary_key[0]
        speed = {a: rnd.uniform(0.5, 2.5) for a in agencies}  # some agencies are slower
        codes: set[str] = set()
        for i in range(count):
            category, default_agency = rnd.choice(categories)
            agency = default_agency if default_agency in speed else rnd.choice(agencies)
            created = now - timedelta(days=365 * (1 - (i + rnd.random()) / count) + 1)
            code = _code(rnd)
            while code in codes:
                code = _code(rnd)
            codes.add(code)
            await _one(
                s, rnd, calendar, citizen, category, agency, speed[agency], created, code, now
            )
        await uow.commit()
    return count


async def _one(
    s: Any,
    rnd: random.Random,
    calendar: WorkingCalendar,
    citizen: int,
    category: int,
    agency: int,
    slowness: float,
    created: datetime,
    code: str,
    now: datetime,
) -> None:
    tickets, shares, events = table_of(TicketRow), table_of(AssignmentRow), table_of(TicketEventRow)
    rejected = rnd.random() < 0.06
    verified = calendar.add_working_time(created, timedelta(hours=rnd.uniform(0.3, 9)))
    responded = calendar.add_working_time(
        verified, timedelta(hours=rnd.uniform(0.5, 14) * slowness)
    )
    resolved = calendar.add_working_time(responded, timedelta(hours=rnd.uniform(3, 40) * slowness))
    confirmed = rnd.random() < 0.7
    closed = resolved + timedelta(days=rnd.uniform(0.2, 2) if confirmed else 5)
    latest = now - timedelta(minutes=10)  # history: every step is in the past
    verified, responded, resolved, closed = (
        min(t, latest) for t in (verified, responded, resolved, closed)
    )
    reopened = int(rnd.random() < 0.08)
    rating = rnd.choices((5, 4, 3, 2, 1), (40, 30, 15, 8, 7))[0] if rnd.random() < 0.75 else None
    lon = rnd.uniform(BBOX[0], BBOX[2])
    lat = rnd.uniform(BBOX[1], BBOX[3])
    values: dict[str, Any] = {
        "code": code,
        "citizen_id": citizen,
        "category_id": category,
        "description": rnd.choice(DESCRIPTIONS),
        "status": "rejected" if rejected else "closed",
        "created_at": created,
        "updated_at": created if rejected else closed,
        "latitude": lat,
        "longitude": lon,
        "public": rnd.random() < 0.85,
        "reject_reason": "incomplete" if rejected else None,
    }
    if not rejected:
        values |= {
            "verified_at": verified,
            "first_response_at": responded,
            "resolved_at": resolved,
            "closed_at": closed,
            "solved": True if confirmed else None,
            "rating": rating,
            "reopen_count": reopened,
        }
    ticket = (await s.execute(tickets.insert().values(**values))).inserted_primary_key[0]

    def event(at: datetime, action: str, role: str, **more: Any) -> dict[str, Any]:
        """Every row with every key: one executemany needs them uniform."""
        row = {"agency_id": None, "text": None, "to_status": None, "data": {}}
        return row | {
            "ticket_id": ticket,
            "at": at,
            "actor_role": role,
            "action": action,
            "public": True,
            **more,
        }

    log = [event(created, "submit", "citizen", to_status="submitted")]
    if rejected:
        log.append(event(verified, "reject", "admin", to_status="rejected"))
        await s.execute(events.insert(), log)
        return
    share = (
        await s.execute(
            shares.insert().values(
                ticket_id=ticket,
                agency_id=agency,
                status="closed",
                created_at=verified,
                first_response_at=responded,
                resolved_at=resolved,
            )
        )
    ).inserted_primary_key[0]
    log += [
        event(
            verified, "verify", "admin", to_status="dispatched", data={"dispatched_to": [agency]}
        ),
        event(responded, "reply", "officer", agency_id=agency, text=rnd.choice(REPLIES)),
        event(
            resolved,
            "resolve",
            "officer",
            agency_id=agency,
            text=rnd.choice(NOTES),
            to_status="resolved",
        ),
    ]
    if confirmed:
        log.append(
            event(
                closed,
                "confirm",
                "citizen",
                to_status="closed",
                data={"solved": True, "rating": rating},
            )
        )
    else:
        log.append(event(closed, "auto_close", "system", to_status="closed"))
    await s.execute(events.insert(), log)
    if resolved - verified > timedelta(days=7):  # past a 5-working-day resolve SLA
        await s.execute(
            table_of(SlaReminderRow)
            .insert()
            .values(
                ticket_id=ticket,
                assignment_id=share,
                agency_id=agency,
                stage="resolve",
                pct=100,
                due_at=verified + timedelta(days=7),
                sent_at=verified + timedelta(days=7),
            )
        )
