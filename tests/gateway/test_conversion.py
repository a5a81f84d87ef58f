"""Raw update JSON → `Incoming`, through each library's own Update type.

Both gateways must produce the very same `Incoming` for every update: handlers are written once,
and the inbox may be re-parsed by the other library after a configuration change.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.gateway import LIBRARIES, TelegramGateway, make_gateway
from bot.gateway.errors import MalformedUpdate
from handlers.incoming import (
    ChatType,
    ContactRef,
    DocumentRef,
    Incoming,
    IncomingKind,
    LocationRef,
    MemberChange,
    PhotoRef,
    ReplyRef,
)
from tests.gateway.updates import BOT_USERNAME, DATE, TOKEN, UPDATES

WHEN = datetime.fromtimestamp(DATE, UTC)


@pytest.fixture(scope="module")
def pair() -> dict[str, TelegramGateway]:
    """Parsing opens no connection, so one pair serves the module and needs no closing."""
    return {
        lib: make_gateway(lib, TOKEN, "http://127.0.0.1:9", bot_username=BOT_USERNAME)
        for lib in LIBRARIES
    }


@pytest.mark.parametrize("name", sorted(UPDATES))
def test_both_gateways_agree_and_leave_the_payload_alone(
    pair: dict[str, TelegramGateway], name: str
) -> None:
    payload = UPDATES[name]
    before = copy.deepcopy(payload)
    results = {lib: gateway.parse(payload) for lib, gateway in pair.items()}
    assert results["ptb"] == results["aiogram"]
    assert payload == before


def _parse_all(pair: dict[str, TelegramGateway], name: str) -> list[Incoming]:
    return [gateway.parse(UPDATES[name]) for gateway in pair.values()]


# name -> the fields that matter for it (everything else is checked by the agreement test)
EXPECTED: dict[str, dict[str, Any]] = {
    "private_text": {
        "kind": IncomingKind.TEXT,
        "text": "Jalan berlubang di depan pasar Gede",
        "command": None,
        "message_id": 101,
        "date": WHEN,
        "chat_key": 111222333,
    },
    "start_deep_link": {"kind": IncomingKind.COMMAND, "command": "start", "args": "c_jalan"},
    "group_command_to_us": {
        "kind": IncomingKind.COMMAND,
        "command": "claim",
        "args": "ADU-7K3Q9X",
        "chat_key": -4012345678,
    },
    "group_command_to_other_bot": {"kind": IncomingKind.TEXT, "command": None, "args": ""},
    "photo_with_caption": {
        "kind": IncomingKind.PHOTO,
        "text": "Lubangnya dalam",
        "photos": (PhotoRef("PH1-x", "PH1-ux", 1280, 960, 145000),),
    },
    "album_part_1": {
        "kind": IncomingKind.PHOTO,
        "media_group_id": "13770001",
        "text": "Dua foto",
        "photos": (PhotoRef("AL1-x", "AL1-ux", 1280, 960, 145000),),
    },
    "album_part_2": {"kind": IncomingKind.PHOTO, "media_group_id": "13770001", "text": None},
    "image_document": {
        "kind": IncomingKind.DOCUMENT,
        "document": DocumentRef("DOC1", "uDOC1", "IMG_2041.jpg", "image/jpeg", 2_400_000),
    },
    "pdf_document": {
        "kind": IncomingKind.DOCUMENT,
        "text": "Surat pengantar RT",
        "document": DocumentRef("DOC2", "uDOC2", "surat.pdf", "application/pdf", 88_000),
    },
    "location": {"kind": IncomingKind.LOCATION, "location": LocationRef(-7.5695, 110.8286)},
    "venue": {
        "kind": IncomingKind.LOCATION,
        "location": LocationRef(-7.5741, 110.8260, "Pasar Gede", "Jl. Urip Sumoharjo, Surakarta"),
    },
    "contact": {
        "kind": IncomingKind.CONTACT,
        "contact": ContactRef("+6281234567890", "Sri", 111222333),
    },
    "sticker": {"kind": IncomingKind.UNSUPPORTED, "unsupported_what": "sticker"},
    "voice": {"kind": IncomingKind.UNSUPPORTED, "unsupported_what": "voice"},
    "video_note": {"kind": IncomingKind.UNSUPPORTED, "unsupported_what": "video_note"},
    "animation": {
        "kind": IncomingKind.UNSUPPORTED,
        "unsupported_what": "animation",
        "document": None,
    },
    "callback": {
        "kind": IncomingKind.CALLBACK,
        "callback_id": "4382000000000000017",
        "callback_data": "v1:claim:42",
        "callback_message_id": 555,
        "chat_key": -1001987654321,
        "message_id": None,
    },
    "reply_to_bot": {
        "kind": IncomingKind.TEXT,
        "reply_to": ReplyRef(chat_id=-1001987654321, message_id=555, from_bot=True),
    },
    "reply_to_human": {
        "reply_to": ReplyRef(chat_id=-1001987654321, message_id=560, from_bot=False),
    },
    "forum_topic_message": {"kind": IncomingKind.TEXT, "thread_id": 77, "reply_to": None},
    "forum_topic_reply_to_bot": {
        "thread_id": 77,
        "reply_to": ReplyRef(-1002223334445, 90, from_bot=True),
    },
    "bot_removed": {
        "kind": IncomingKind.MEMBER_CHANGE,
        "chat_key": -4012345678,
        "member_change": MemberChange("member", "left", bot_removed=True, bot_added=False),
    },
    "bot_added": {
        "kind": IncomingKind.MEMBER_CHANGE,
        "member_change": MemberChange("left", "administrator", bot_removed=False, bot_added=True),
    },
    "citizen_blocked_bot": {
        "kind": IncomingKind.MEMBER_CHANGE,
        "chat_key": 111222333,
        "member_change": MemberChange("member", "kicked", bot_removed=True, bot_added=False),
    },
    "migrate_to": {
        "kind": IncomingKind.MIGRATION,
        "migrate_to_chat_id": -1001555666777,
        "migrate_from_chat_id": None,
    },
    "migrate_from": {
        "kind": IncomingKind.MIGRATION,
        "migrate_from_chat_id": -4012345678,
        "migrate_to_chat_id": None,
        "chat_key": -1001555666777,
    },
    "edited_message": {
        "kind": IncomingKind.EDITED,
        "text": "Jalan berlubang di depan Pasar Gede",
        "message_id": 101,
        "date": datetime.fromtimestamp(DATE + 30, UTC),
    },
    "new_members_service": {
        "kind": IncomingKind.UNSUPPORTED,
        "unsupported_what": "new_chat_members",
    },
    "inline_query": {
        "kind": IncomingKind.UNSUPPORTED,
        "unsupported_what": "inline_query",
        "chat": None,
    },
}


def test_every_fixture_has_expectations() -> None:
    assert set(EXPECTED) == set(UPDATES)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fields(pair: dict[str, TelegramGateway], name: str) -> None:
    for incoming in _parse_all(pair, name):
        assert incoming.update_id == UPDATES[name]["update_id"]
        for field, expected in EXPECTED[name].items():
            assert getattr(incoming, field) == expected, (name, field)


def test_people_and_chats_are_converted_fully(pair: dict[str, TelegramGateway]) -> None:
    for incoming in _parse_all(pair, "photo_with_caption"):
        assert incoming.user is not None and incoming.chat is not None
        assert incoming.user.full_name == "Sri Wahyuni"
        assert incoming.user.username == "sriw"
        assert incoming.user.language_code == "id"
        assert not incoming.user.is_bot
        assert incoming.chat.type is ChatType.PRIVATE
        assert incoming.is_private
        assert incoming.date is not None and incoming.date.tzinfo is UTC
    for incoming in _parse_all(pair, "forum_topic_message"):
        assert incoming.chat is not None
        assert incoming.chat.is_forum and incoming.chat.title == "Unit Aduan"
        assert incoming.chat.type is ChatType.SUPERGROUP
        assert not incoming.is_private


def test_image_document_is_recognised_as_image(pair: dict[str, TelegramGateway]) -> None:
    for gateway in pair.values():
        image = gateway.parse(UPDATES["image_document"]).document
        pdf = gateway.parse(UPDATES["pdf_document"]).document
        assert image is not None and image.is_image
        assert pdf is not None and not pdf.is_image


def test_addressed_command_is_ignored_until_we_know_our_name() -> None:
    """Before getMe answered, `/cmd@someone` cannot be claimed as ours."""
    for lib in LIBRARIES:
        gateway = make_gateway(lib, TOKEN, "http://127.0.0.1:9")
        incoming = gateway.parse(UPDATES["group_command_to_us"])
        assert incoming.kind is IncomingKind.TEXT
        assert gateway.parse(UPDATES["start_deep_link"]).command == "start"


def test_unknown_library_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="TELEGRAM_LIBRARY"):
        make_gateway("pyrogram", TOKEN)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "payload",
    [
        {"update_id": 90, "message": {"message_id": 1, "date": DATE}},  # no chat
        {
            "update_id": 91,
            "message": {
                "message_id": 1,
                "date": DATE,
                "chat": {"id": 5, "type": "private"},
                "photo": "oops",
            },
        },
    ],
)
def test_unreadable_update_is_malformed_not_a_crash(
    pair: dict[str, TelegramGateway], payload: dict[str, Any]
) -> None:
    for gateway in pair.values():
        with pytest.raises(MalformedUpdate):
            gateway.parse(payload)
