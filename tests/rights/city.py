"""A city whose citizen "Qz" left personal data in every kind of place aduan keeps, each piece
carrying a unique marker, so a test can search the whole database for it afterwards.

The complaints go through the real use cases with the real notifier (cards, relays and notices
land in the outbox), the outbox is "sent" as the sender would mark it (message links appear),
photos are archived into the database evidence store, and the machinery tables get the rows a
running bot leaves behind (raw updates, a dead letter, an alert, a queued /mydata file, flood
counts, a draft, an Open311 request).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from domain.evidence import StoredEvidence
from domain.model import Citizen, Ticket
from domain.outbound import Outbound, OutboundKind
from domain.usecases import (
    Actor,
    add_citizen_info,
    claim_ticket,
    confirm_resolution,
    reopen_ticket,
    reply_to_citizen,
    request_info,
    resolve_ticket,
    submit_ticket,
    verify_ticket,
)
from handlers.conversations import Conversations
from handlers.incoming import ChatRef, ChatType, Incoming, IncomingKind, UserRef
from handlers.notices import TicketNotifier
from handlers.routes import build_router
from handlers.texts import default_catalogue
from handlers.turn import CityInfo, Turn
from storage.database import Database
from storage.evidence import DatabaseEvidenceStore
from storage.queries.uploads import add_upload
from storage.tables import (
    ApiKeyRow,
    DraftRow,
    FloodCountRow,
    InboxUpdateRow,
    Open311RequestRow,
    ReportRequestRow,
    table_of,
)
from storage.uow import SqlUnitOfWork
from tests.usecases.world import World, build_world

TEXTS = default_catalogue()
TG_ID = 7314159265  # the citizen's Telegram id: its digits appear nowhere else
FIRST, LAST = "Qzfirst", "Qzlast"
NAME = f"{FIRST} {LAST}"
USERNAME = "qz_username"
PHONE = "+62 877-1234-9876"
DESCRIPTION = "QZDESC lubang dalam di depan rumah nomor 12, sudah tiga minggu."
ADDRESS = "QZADDR Jalan Kenanga 12"
INFO = "QZINFO foto tambahan dari sisi timur"
REOPEN = "QZREOPEN masih berlubang"
COMMENT = "QZCOMMENT terima kasih"
DRAFT = "QZDRAFT separuh jalan"
MEDIA = "https://media.example.org/QZMEDIA.jpg"
# Everything that must be gone after the erasure (the Telegram id is also compared as a number).
MARKERS = (
    FIRST,
    LAST,
    USERNAME,
    "877-1234-9876",
    "87712349876",
    "QZDESC",
    "QZADDR",
    "QZINFO",
    "QZREOPEN",
    "QZCOMMENT",
    "QZDRAFT",
    "QZMEDIA",
    "QZFILE",
    "QZPHOTO",
    "QZZIP",
    str(TG_ID),
)
OTHER_TEXT = "KEEPOTHER jalan berlubang di depan sekolah dasar negeri 3."
SHARED_PHOTO = b"\xff\xd8\xff shared picture, sent by two people"  # must survive the erasure


@dataclass
class City:
    w: World
    db: Database
    store: DatabaseEvidenceStore
    conv: Conversations
    citizen: Citizen = dataclasses.field(init=False)
    closed: Ticket = dataclasses.field(init=False)
    in_work: Ticket = dataclasses.field(init=False)
    queued: Ticket = dataclasses.field(init=False)
    other: Ticket = dataclasses.field(init=False)
    update_id: int = 1000
    photos: dict[str, bytes] = field(default_factory=dict)  # file id -> bytes

    @property
    def me(self) -> Actor:
        return Actor.citizen(self.citizen)

    async def handle(self, incoming: Incoming) -> Turn:
        async with self.w.factory() as uow:
            turn = await self.conv.handle(incoming, uow)  # type: ignore[arg-type]
            await uow.commit()
        return turn

    def incoming(self, **fields: Any) -> Incoming:
        self.update_id += 1
        user_id = fields.pop("user_id", TG_ID)
        user = (
            UserRef(user_id, FIRST, LAST, USERNAME)
            if user_id == TG_ID
            else UserRef(user_id, "Staf")
        )
        return Incoming(
            update_id=self.update_id,
            chat=ChatRef(fields.pop("chat_id", user_id), ChatType.PRIVATE),
            user=user,
            message_id=self.update_id,
            **fields,
        )

    async def command(self, line: str, **fields: Any) -> Turn:
        command, _, args = line.lstrip("/").partition(" ")
        return await self.handle(
            self.incoming(
                kind=IncomingKind.COMMAND, command=command, args=args, text=line, **fields
            )
        )

    async def press(self, data: str, message_id: int = 77, **fields: Any) -> Turn:
        return await self.handle(
            self.incoming(
                kind=IncomingKind.CALLBACK,
                callback_id=f"q{self.update_id}",
                callback_data=data,
                callback_message_id=message_id,
                **fields,
            )
        )

    async def deliver(self) -> None:
        """What the sender does once Telegram accepted every queued message."""
        async with self.w.factory() as uow:
            queue = uow.outbox_queue  # type: ignore[attr-defined]
            while items := await queue.claim(worker="test", limit=200):
                sent = [(item, [9000 + item.id]) for item in items]
                await queue.mark_sent_many(sent)
            await uow.commit()

    async def archive(self) -> None:
        """What the archiver does: every queued photo's bytes into the evidence store."""
        async with self.w.factory() as uow:
            items = await uow.evidence_queue.claim(worker="test", limit=100)  # type: ignore[attr-defined]
            await uow.commit()
        stored = []
        for item in items:  # the store has its own transactions, never inside ours (SQLite)
            data = self.photos[item.file_id]
            stored.append(StoredEvidence(await self.store.put(data), len(data), "image/jpeg"))
        async with self.w.factory() as uow:
            for item, evidence in zip(items, stored, strict=True):
                await uow.evidence_queue.mark_done(item, evidence, bot_id=1)  # type: ignore[attr-defined]
            await uow.commit()

    def photo(self, file_id: str, data: bytes | None = None) -> str:
        self.photos[file_id] = data or b"\xff\xd8\xff QZPHOTO " + file_id.encode() * 8
        return file_id


async def build_city(factory: Any, *, open_complaints: bool = True) -> City:
    """The world, the marked citizen and their complaints (open ones unless told not to)."""
    w = await build_world(factory)
    db: Database = factory.__self__  # the backend's Database (its bound `uow`)
    async with w.factory() as uow:
        for agency in await uow.agencies.list():
            agency.group_active = True
            await uow.agencies.save(agency)
        await uow.commit()
    city_info = CityInfo(bot_username="aduan")
    w.life.notifier = TicketNotifier(TEXTS, city_info)
    conv = Conversations(build_router(), w.life, TEXTS, city_info)
    c = City(w, db, DatabaseEvidenceStore(db), conv)
    async with w.factory() as uow:
        c.citizen = await uow.citizens.add(
            Citizen(TG_ID, TG_ID, NAME, w.clock.now(), username=USERNAME, phone=PHONE)
        )
        await uow.commit()
    await _complaints(c, open_complaints)
    async with w.factory() as uow:
        await uow.outbox.add_all(
            [  # an alert naming their chat, a greeting naming them
                Outbound(chat_id=w.chat_of(w.unit), text=f"chat {TG_ID} blocked the bot"),
                Outbound(chat_id=TG_ID, text=f"Halo {NAME}"),
            ]
        )
        await uow.commit()
    await c.deliver()
    await c.archive()
    await _machinery(c)
    return c


async def _complaints(c: City, open_complaints: bool) -> None:
    w, me = c.w, c.me
    road = w.road_category.id
    assert road is not None
    c.closed = await w.act(
        submit_ticket,
        me,
        category_id=road,
        description=DESCRIPTION,
        address=ADDRESS,
        contact_phone=PHONE,
        latitude=-7.567891,
        longitude=110.812345,
        share_name=True,
        photo_file_ids=[c.photo("QZFILE-1"), c.photo("QZFILE-shared", SHARED_PHOTO)],
    )
    t = c.closed.id or 0
    await w.act(verify_ticket, w.as_admin, t)
    await w.act(claim_ticket, w.as_roads, t)
    await w.act(reply_to_citizen, w.as_roads, t, "Kami cek ke lokasi besok pagi.")
    await w.act(
        resolve_ticket,
        w.as_roads,
        t,
        "Sudah ditambal.",
        [c.photo("OFFICER-1", b"officer's photo of the fix")],
    )
    w.clock.advance(timedelta(hours=2))
    await w.act(reopen_ticket, me, t, REOPEN)
    await w.act(resolve_ticket, w.as_roads, t, "Ditambal ulang dengan aspal.")
    w.clock.advance(timedelta(hours=2))
    await w.act(confirm_resolution, me, t, rating=4, comment=COMMENT)
    other = await w.act(
        submit_ticket,
        w.as_other_citizen,
        category_id=road,
        description=OTHER_TEXT,
        photo_file_ids=[c.photo("OTHER-shared", SHARED_PHOTO)],
    )
    c.other = other
    if not open_complaints:
        return
    c.in_work = await w.act(
        submit_ticket,
        me,
        category_id=road,
        description=DESCRIPTION.replace("12", "14"),
        photo_file_ids=[c.photo("QZFILE-2")],
    )
    t = c.in_work.id or 0
    await w.act(verify_ticket, w.as_admin, t)
    await w.act(claim_ticket, w.as_roads, t)
    await w.act(request_info, w.as_roads, t, "Mohon foto dari sisi lain.")
    await w.act(add_citizen_info, me, t, INFO, [c.photo("QZFILE-3")])
    c.queued = await w.act(
        submit_ticket, me, category_id=w.misc_category.id or 0, description=DESCRIPTION
    )


async def _machinery(c: City) -> None:
    """What a running bot holds about the citizen besides the complaints themselves: raw
    updates, a /mydata file still queued, a request, flood counts, a draft, Open311."""
    now = c.w.clock.now()
    message = {"from": {"id": TG_ID, "first_name": FIRST, "username": USERNAME}}
    async with c.w.factory() as uow:
        s = uow.session  # type: ignore[attr-defined]
        inbox = table_of(InboxUpdateRow)
        rows = [
            (1, TG_ID, "done", {"message": {**message, "text": DESCRIPTION}}),
            (2, TG_ID, "dead", {"message": {**message, "contact": {"phone_number": PHONE}}}),
            # An officer's reply in the agency group quotes the card (the description).
            (3, c.w.chat_of(c.w.roads), "done", {"message": {"reply_to_message": {
                "text": f"{c.closed.code}\n{DESCRIPTION}"}}}),
        ]  # fmt: skip
        await s.execute(
            inbox.insert(),
            [
                {"update_id": u, "chat_id": chat, "status": st, "payload": p, "received_at": now}
                for u, chat, st, p in rows
            ],
        )
        upload = await add_upload(uow, "aduan-data.zip", "application/zip", b"PK QZZIP " * 20)
        await uow.outbox.add(
            Outbound(chat_id=TG_ID, kind=OutboundKind.DOCUMENT, upload_id=upload, personal=True)
        )
        await s.execute(
            table_of(ReportRequestRow).insert().values(
                kind="mydata", chat_id=TG_ID, period_start=now, period_end=now,
                label=f"citizen:{c.citizen.id}", status="pending", created_at=now,
            )
        )  # fmt: skip
        await s.execute(
            table_of(FloodCountRow)
            .insert()
            .values(sender_id=TG_ID, times=[1.0, 2.0], verdict="allow", touched_at=now)
        )
        await s.execute(
            table_of(DraftRow).insert().values(
                chat_id=TG_ID, citizen_id=c.citizen.id, step="description",
                data={"description": DRAFT}, created_at=now, updated_at=now,
            )
        )  # fmt: skip
        key = await s.execute(
            table_of(ApiKeyRow).insert().values(name="client", key_hash="ab" * 32, created_at=now)
        )
        target = c.queued if hasattr(c, "queued") else c.closed
        await s.execute(
            table_of(Open311RequestRow).insert().values(
                token="tok-1", ticket_id=target.id, api_key_id=key.inserted_primary_key[0],
                media_url=MEDIA, created_at=now,
            )
        )  # fmt: skip
        await uow.commit()


def uow_of(c: City) -> SqlUnitOfWork:
    return c.w.factory()  # type: ignore[return-value]
