"""Bot API methods that create, change or remove messages.

Each send validates its content first (text, caption, markup, files), then resolves the
chat with Telegram's refusals, then applies flood limits, and only then stores the message
- so a refused call leaves no trace, and a 429 never consumes a message id.
"""

from __future__ import annotations

import random
import time
from typing import Any

from playground.emulator.entities import check_explicit, detect, parse
from playground.emulator.models import JSON, ChatRecord, MessageRecord
from playground.emulator.registry import (
    Call,
    check_flood,
    method,
    reply_target,
    target_chat,
    thread_for,
)
from playground.emulator.validation import (
    MESSAGE_TEXT_EMPTY,
    NOT_MODIFIED,
    Params,
    bad_request,
    check_caption,
    check_reply_markup,
    require_text,
)

MEDIA_KEYS = ("photo", "video", "document", "audio", "animation", "voice")
_MEDIA_METHODS = {
    "sendDocument": "document",
    "sendVideo": "video",
    "sendAudio": "audio",
    "sendVoice": "voice",
    "sendAnimation": "animation",
    "sendSticker": "sticker",
    "sendVideoNote": "video_note",
}
_ALBUM_KINDS = ("photo", "video", "document", "audio")


def format_text(raw: str, parse_mode: str | None, explicit: Any) -> tuple[str, list[JSON]]:
    if parse_mode:
        return parse(raw, parse_mode)
    return raw, check_explicit(raw, explicit)


def message_text(params: Params) -> tuple[str, list[JSON]]:
    raw = params.str("text")
    if raw is None or not raw.strip():
        raise bad_request(MESSAGE_TEXT_EMPTY)
    text, entities = format_text(raw, params.str("parse_mode"), params.json("entities"))
    require_text(text)
    return text, detect(text, entities)


def caption_fields(source: Params | JSON) -> JSON:
    """``caption`` and ``caption_entities`` content from a request or an InputMedia item."""
    if isinstance(source, Params):
        raw, mode = source.str("caption"), source.str("parse_mode")
        explicit = source.json("caption_entities")
    else:
        raw, mode, explicit = source.get("caption"), source.get("parse_mode"), None
        explicit = source.get("caption_entities")
    if not raw:
        return {}
    caption, entities = format_text(str(raw), mode, explicit)
    check_caption(caption)
    fields: JSON = {"caption": caption}
    entities = detect(caption, entities)
    if entities:
        fields["caption_entities"] = entities
    return fields


def _markup(call: Call) -> JSON | None:
    return check_reply_markup(call.params.json("reply_markup", what="reply keyboard markup"))


def send(call: Call, content: JSON, markup: JSON | None) -> JSON:
    """Store a validated message from the bot in the addressed chat."""
    chat = target_chat(call)
    thread_id = thread_for(call, chat)
    reply = reply_target(call, chat, thread_id)
    check_flood(call, chat)
    keyboard = None
    if markup is not None:
        if "inline_keyboard" in markup:
            content["reply_markup"] = markup
        else:
            keyboard = markup
    if call.params.bool("protect_content"):
        content["has_protected_content"] = True
    return call.state.store_message(
        chat,
        call.bot.api,
        call.bot.id,
        content,
        reply_to=reply,
        thread_id=thread_id,
        keyboard=keyboard,
    )


@method("sendMessage")
def send_message(call: Call) -> JSON:
    text, entities = message_text(call.params)
    content: JSON = {"text": text}
    if entities:
        content["entities"] = entities
    preview = call.params.json("link_preview_options")
    if isinstance(preview, dict) and preview:
        content["link_preview_options"] = preview
    return send(call, content, _markup(call))


@method("sendPhoto")
def send_photo(call: Call) -> JSON:
    caption = caption_fields(call.params)
    markup = _markup(call)
    content: JSON = {
        "photo": call.state.files.resolve(call.params, "photo", "photo", bot_id=call.bot.id)
    }
    content.update(caption)
    if call.params.bool("has_spoiler"):
        content["has_media_spoiler"] = True
    return send(call, content, markup)


def _media_sender(kind: str) -> Any:
    def send_media(call: Call) -> JSON:
        caption = caption_fields(call.params) if kind not in ("sticker", "video_note") else {}
        markup = _markup(call)
        media = call.state.files.resolve(call.params, kind, kind, bot_id=call.bot.id)
        content: JSON = {kind: media}
        if kind == "animation":
            content["document"] = media
        content.update(caption)
        return send(call, content, markup)

    send_media.__doc__ = f"{kind}: upload, attach:// or file_id; caption where allowed."
    return send_media


for _name, _kind in _MEDIA_METHODS.items():
    method(_name)(_media_sender(_kind))


@method("sendMediaGroup")
def send_media_group(call: Call) -> list[JSON]:
    items = call.params.json("media", what="media")
    if not isinstance(items, list):
        raise bad_request("expected an Array of InputMedia")
    if len(items) > 10:
        raise bad_request("too many messages to send as an album")
    if len(items) < 2:
        raise bad_request("not enough messages to send as an album")
    kinds = [item.get("type") if isinstance(item, dict) else None for item in items]
    for kind in kinds:
        if kind not in _ALBUM_KINDS:
            raise bad_request(f'can\'t parse InputMedia: unsupported media type "{kind}"')
    for kind in ("document", "audio"):
        if kind in kinds and len(set(kinds)) > 1:
            raise bad_request(f"{kind} can't be mixed with other media types")
    contents: list[JSON] = []
    group_id = str(random.randrange(10**17, 10**18))
    for item, kind in zip(items, kinds, strict=True):
        caption = caption_fields(item)
        media = call.state.files.resolve_value(
            call.params, item.get("media"), str(kind), bot_id=call.bot.id
        )
        content: JSON = {"media_group_id": group_id, str(kind): media}
        content.update(caption)
        contents.append(content)
    chat = target_chat(call)
    thread_id = thread_for(call, chat)
    reply = reply_target(call, chat, thread_id)
    check_flood(call, chat)
    store = call.state.store_message
    return [
        store(chat, call.bot.api, call.bot.id, content, reply_to=reply, thread_id=thread_id)
        for content in contents
    ]


def _location(params: Params) -> JSON:
    latitude, longitude = params.float("latitude"), params.float("longitude")
    if latitude is None or longitude is None:
        raise bad_request("latitude and longitude must be specified")
    if not -90 <= latitude <= 90 or not -180 <= longitude <= 180:
        raise bad_request("wrong location specified")
    location: JSON = {"latitude": latitude, "longitude": longitude}
    for name in ("horizontal_accuracy", "live_period", "heading", "proximity_alert_radius"):
        value = params.float(name)
        if value is not None:
            location[name] = value if name == "horizontal_accuracy" else int(value)
    return location


@method("sendLocation")
def send_location(call: Call) -> JSON:
    return send(call, {"location": _location(call.params)}, _markup(call))


@method("sendVenue")
def send_venue(call: Call) -> JSON:
    params = call.params
    location = _location(params)
    title, address = params.str("title"), params.str("address")
    if not title or not address:
        raise bad_request("venue title and address must be non-empty")
    venue: JSON = {"location": location, "title": title, "address": address}
    for name in ("foursquare_id", "foursquare_type", "google_place_id", "google_place_type"):
        if name in params:
            venue[name] = params.str(name)
    return send(call, {"venue": venue, "location": location}, _markup(call))


@method("sendContact")
def send_contact(call: Call) -> JSON:
    params = call.params
    phone, first_name = params.str("phone_number"), params.str("first_name")
    if not phone or not first_name:
        raise bad_request("phone number and first name must be non-empty")
    contact: JSON = {"phone_number": phone, "first_name": first_name}
    if "last_name" in params:
        contact["last_name"] = params.str("last_name")
    return send(call, {"contact": contact}, _markup(call))


def _own_message(call: Call, action: str) -> tuple[ChatRecord, MessageRecord]:
    if "inline_message_id" in call.params:
        raise bad_request("MESSAGE_ID_INVALID")
    chat = target_chat(call)
    message_id = call.params.int("message_id")
    if message_id is None:
        raise bad_request("message identifier is not specified")
    record = chat.messages.get(message_id)
    if record is None or record.deleted:
        raise bad_request(f"message to {action} not found")
    return chat, record


def _edit(call: Call, chat: ChatRecord, record: MessageRecord, changes: JSON) -> JSON:
    """Apply ``changes`` (``None`` values remove a field) unless nothing would change."""
    old = record.message
    if all(old.get(key) == value for key, value in changes.items()):
        raise bad_request(NOT_MODIFIED)
    new = {k: v for k, v in old.items() if k not in changes}
    new.update({k: v for k, v in changes.items() if v is not None})
    new["edit_date"] = int(time.time())
    call.state.replace_message(chat, record, new)
    return new


def _inline_markup(call: Call) -> JSON | None:
    markup = _markup(call)
    if markup is not None and "inline_keyboard" not in markup:
        raise bad_request("inline keyboard expected")
    return markup


def _editable(call: Call) -> tuple[ChatRecord, MessageRecord]:
    chat, record = _own_message(call, "edit")
    if record.bot_id != call.bot.id:
        raise bad_request("message can't be edited")
    return chat, record


@method("editMessageText")
def edit_message_text(call: Call) -> JSON:
    text, entities = message_text(call.params)
    markup = _inline_markup(call)
    chat, record = _editable(call)
    if "text" not in record.message:
        raise bad_request("there is no text in the message to edit")
    changes = {"text": text, "entities": entities or None, "reply_markup": markup}
    return _edit(call, chat, record, changes)


@method("editMessageCaption")
def edit_message_caption(call: Call) -> JSON:
    caption = caption_fields(call.params)
    markup = _inline_markup(call)
    chat, record = _editable(call)
    if not any(key in record.message for key in MEDIA_KEYS):
        raise bad_request("there is no caption in the message to edit")
    changes = {
        "caption": caption.get("caption"),
        "caption_entities": caption.get("caption_entities"),
        "reply_markup": markup,
    }
    return _edit(call, chat, record, changes)


@method("editMessageReplyMarkup")
def edit_message_reply_markup(call: Call) -> JSON:
    markup = _inline_markup(call)
    chat, record = _editable(call)
    return _edit(call, chat, record, {"reply_markup": markup})


def _delete(call: Call, chat: ChatRecord, record: MessageRecord) -> None:
    if record.bot_id != call.bot.id and chat.is_group and not chat.bots.get(call.bot.id):
        raise bad_request("message can't be deleted")
    call.state.delete_message(chat, record)


@method("deleteMessage")
def delete_message(call: Call) -> bool:
    chat, record = _own_message(call, "delete")
    _delete(call, chat, record)
    return True


@method("deleteMessages")
def delete_messages(call: Call) -> bool:
    ids = call.params.json("message_ids")
    if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
        raise bad_request("message_ids must be a non-empty Array of at most 100 Integer")
    chat = target_chat(call)
    for message_id in ids:
        record = chat.messages.get(int(message_id))
        if record is not None and not record.deleted:
            _delete(call, chat, record)
    return True
