"""Raw Telegram updates as they arrive on the wire (field names as in the Bot API JSON).

Shaped after real getUpdates answers, so the conversion tests exercise the same quirks the
bot meets in production: several sizes per photo, `document` filled for GIFs, venues that also
carry `location`, forum messages that "reply" to the topic's first message.
"""

from __future__ import annotations

from typing import Any

BOT_ID = 7000000001
BOT_USERNAME = "aduan_bot"
TOKEN = f"{BOT_ID}:AAH-test-token-for-aduan"
DATE = 1793584800  # 2026-11-02 02:00 UTC, a Monday morning in Jakarta

CITIZEN = {
    "id": 111222333,
    "is_bot": False,
    "first_name": "Sri",
    "last_name": "Wahyuni",
    "username": "sriw",
    "language_code": "id",
}
OFFICER = {"id": 444555666, "is_bot": False, "first_name": "Budi", "language_code": "en"}
BOT_USER = {"id": BOT_ID, "is_bot": True, "first_name": "Aduan Kota", "username": BOT_USERNAME}
PRIVATE = {
    "id": 111222333,
    "type": "private",
    "first_name": "Sri",
    "last_name": "Wahyuni",
    "username": "sriw",
}
GROUP = {"id": -4012345678, "type": "group", "title": "DPUPR Surakarta"}
SUPERGROUP = {"id": -1001987654321, "type": "supergroup", "title": "Dinas Lingkungan Hidup"}
FORUM = {"id": -1002223334445, "type": "supergroup", "title": "Unit Aduan", "is_forum": True}


def message(
    update_id: int, chat: dict[str, Any], sender: dict[str, Any], **content: Any
) -> dict[str, Any]:
    body = {"message_id": 100 + update_id, "from": sender, "chat": chat, "date": DATE}
    body.update(content)
    return {"update_id": update_id, "message": body}


def _photo_sizes(stem: str) -> list[dict[str, Any]]:
    return [
        {
            "file_id": f"{stem}-s",
            "file_unique_id": f"{stem}-us",
            "width": 90,
            "height": 67,
            "file_size": 1280,
        },
        {
            "file_id": f"{stem}-m",
            "file_unique_id": f"{stem}-um",
            "width": 320,
            "height": 240,
            "file_size": 18000,
        },
        {
            "file_id": f"{stem}-x",
            "file_unique_id": f"{stem}-ux",
            "width": 1280,
            "height": 960,
            "file_size": 145000,
        },
        {
            "file_id": f"{stem}-l",
            "file_unique_id": f"{stem}-ul",
            "width": 800,
            "height": 600,
            "file_size": 70000,
        },
    ]


def _sticker() -> dict[str, Any]:
    return {
        "file_id": "STK1",
        "file_unique_id": "uSTK1",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "emoji": "👍",
    }


def _animation() -> dict[str, Any]:
    return {
        "file_id": "GIF1",
        "file_unique_id": "uGIF1",
        "width": 320,
        "height": 240,
        "duration": 3,
        "file_name": "banjir.gif.mp4",
        "mime_type": "video/mp4",
    }


UPDATES: dict[str, dict[str, Any]] = {
    "private_text": message(1, PRIVATE, CITIZEN, text="Jalan berlubang di depan pasar Gede"),
    "start_deep_link": message(
        2,
        PRIVATE,
        CITIZEN,
        text="/start c_jalan",
        entities=[{"type": "bot_command", "offset": 0, "length": 6}],
    ),
    "group_command_to_us": message(
        3,
        GROUP,
        OFFICER,
        text="/Claim@Aduan_Bot ADU-7K3Q9X",
        entities=[{"type": "bot_command", "offset": 0, "length": 16}],
    ),
    "group_command_to_other_bot": message(
        4,
        GROUP,
        OFFICER,
        text="/claim@other_bot ADU-7K3Q9X",
        entities=[{"type": "bot_command", "offset": 0, "length": 16}],
    ),
    "photo_with_caption": message(
        5, PRIVATE, CITIZEN, photo=_photo_sizes("PH1"), caption="Lubangnya dalam"
    ),
    "album_part_1": message(
        6,
        PRIVATE,
        CITIZEN,
        photo=_photo_sizes("AL1"),
        media_group_id="13770001",
        caption="Dua foto",
    ),
    "album_part_2": message(
        7, PRIVATE, CITIZEN, photo=_photo_sizes("AL2"), media_group_id="13770001"
    ),
    "image_document": message(
        8,
        PRIVATE,
        CITIZEN,
        document={
            "file_id": "DOC1",
            "file_unique_id": "uDOC1",
            "file_name": "IMG_2041.jpg",
            "mime_type": "image/jpeg",
            "file_size": 2_400_000,
            "thumbnail": {"file_id": "T1", "file_unique_id": "uT1", "width": 320, "height": 240},
        },
    ),
    "pdf_document": message(
        9,
        PRIVATE,
        CITIZEN,
        caption="Surat pengantar RT",
        document={
            "file_id": "DOC2",
            "file_unique_id": "uDOC2",
            "file_name": "surat.pdf",
            "mime_type": "application/pdf",
            "file_size": 88_000,
        },
    ),
    "location": message(
        10, PRIVATE, CITIZEN, location={"latitude": -7.5695, "longitude": 110.8286}
    ),
    "venue": message(
        11,
        PRIVATE,
        CITIZEN,
        location={"latitude": -7.5741, "longitude": 110.8260},
        venue={
            "location": {"latitude": -7.5741, "longitude": 110.8260},
            "title": "Pasar Gede",
            "address": "Jl. Urip Sumoharjo, Surakarta",
        },
    ),
    "contact": message(
        12,
        PRIVATE,
        CITIZEN,
        contact={
            "phone_number": "+6281234567890",
            "first_name": "Sri",
            "last_name": "Wahyuni",
            "user_id": 111222333,
        },
    ),
    "sticker": message(13, PRIVATE, CITIZEN, sticker=_sticker()),
    "voice": message(
        14,
        PRIVATE,
        CITIZEN,
        voice={
            "file_id": "VC1",
            "file_unique_id": "uVC1",
            "duration": 7,
            "mime_type": "audio/ogg",
            "file_size": 21000,
        },
    ),
    "video_note": message(
        15,
        PRIVATE,
        CITIZEN,
        video_note={"file_id": "VN1", "file_unique_id": "uVN1", "length": 240, "duration": 5},
    ),
    "animation": message(16, PRIVATE, CITIZEN, animation=_animation(), document=_animation()),
    "callback": {
        "update_id": 17,
        "callback_query": {
            "id": "4382000000000000017",
            "from": OFFICER,
            "chat_instance": "-7000000000000000001",
            "data": "v1:claim:42",
            "message": {
                "message_id": 555,
                "from": BOT_USER,
                "chat": SUPERGROUP,
                "date": DATE,
                "text": "Aduan baru ADU-7K3Q9X",
                "reply_markup": {
                    "inline_keyboard": [[{"text": "Ambil", "callback_data": "v1:claim:42"}]]
                },
            },
        },
    },
    "reply_to_bot": message(
        18,
        SUPERGROUP,
        OFFICER,
        text="Sudah kami tambal hari ini",
        reply_to_message={
            "message_id": 555,
            "from": BOT_USER,
            "chat": SUPERGROUP,
            "date": DATE - 60,
            "text": "Aduan baru ADU-7K3Q9X",
        },
    ),
    "reply_to_human": message(
        19,
        SUPERGROUP,
        OFFICER,
        text="Setuju",
        reply_to_message={
            "message_id": 560,
            "from": CITIZEN,
            "chat": SUPERGROUP,
            "date": DATE - 60,
            "text": "Kapan dikerjakan?",
        },
    ),
    "forum_topic_message": message(
        20,
        FORUM,
        OFFICER,
        text="Tim sudah di lokasi",
        message_thread_id=77,
        is_topic_message=True,
        reply_to_message={
            "message_id": 77,
            "from": BOT_USER,
            "chat": FORUM,
            "date": DATE - 600,
            "message_thread_id": 77,
            "is_topic_message": True,
            "forum_topic_created": {"name": "ADU-7K3Q9X", "icon_color": 7322096},
        },
    ),
    "forum_topic_reply_to_bot": message(
        21,
        FORUM,
        OFFICER,
        text="Foto sebelum perbaikan?",
        message_thread_id=77,
        is_topic_message=True,
        reply_to_message={
            "message_id": 90,
            "from": BOT_USER,
            "chat": FORUM,
            "date": DATE - 60,
            "message_thread_id": 77,
            "is_topic_message": True,
            "text": "Status: diproses",
        },
    ),
    "bot_removed": {
        "update_id": 22,
        "my_chat_member": {
            "chat": GROUP,
            "from": OFFICER,
            "date": DATE,
            "old_chat_member": {"user": BOT_USER, "status": "member"},
            "new_chat_member": {"user": BOT_USER, "status": "left"},
        },
    },
    "bot_added": {
        "update_id": 23,
        "my_chat_member": {
            "chat": SUPERGROUP,
            "from": OFFICER,
            "date": DATE,
            "old_chat_member": {"user": BOT_USER, "status": "left"},
            "new_chat_member": {
                "user": BOT_USER,
                "status": "administrator",
                "can_be_edited": False,
                "is_anonymous": False,
                "can_manage_chat": True,
                "can_delete_messages": True,
                "can_manage_video_chats": False,
                "can_restrict_members": False,
                "can_promote_members": False,
                "can_change_info": False,
                "can_invite_users": True,
                "can_post_stories": False,
                "can_edit_stories": False,
                "can_delete_stories": False,
                "can_manage_topics": True,
                "can_send_welcome_messages": False,
            },
        },
    },
    "citizen_blocked_bot": {
        "update_id": 24,
        "my_chat_member": {
            "chat": PRIVATE,
            "from": CITIZEN,
            "date": DATE,
            "old_chat_member": {"user": BOT_USER, "status": "member"},
            "new_chat_member": {"user": BOT_USER, "status": "kicked", "until_date": 0},
        },
    },
    "migrate_to": message(25, GROUP, OFFICER, migrate_to_chat_id=-1001555666777),
    "migrate_from": {
        "update_id": 26,
        "message": {
            "message_id": 1,
            "from": OFFICER,
            "date": DATE,
            "chat": {"id": -1001555666777, "type": "supergroup", "title": "DPUPR Surakarta"},
            "migrate_from_chat_id": -4012345678,
        },
    },
    "edited_message": {
        "update_id": 27,
        "edited_message": {
            "message_id": 101,
            "from": CITIZEN,
            "chat": PRIVATE,
            "date": DATE,
            "edit_date": DATE + 30,
            "text": "Jalan berlubang di depan Pasar Gede",
        },
    },
    "new_members_service": message(28, GROUP, OFFICER, new_chat_members=[CITIZEN]),
    "inline_query": {
        "update_id": 29,
        "inline_query": {"id": "991", "from": CITIZEN, "query": "ADU", "offset": ""},
    },
}
