"""Stored files: uploads from users and bots, realistic media objects, and ``getFile`` paths.

A bot under test downloads what users send (``getFile`` + ``/file/bot<token>/<path>``) and
re-sends by ``file_id``. Both must round-trip real bytes, so every file keeps its content.
As in Telegram, a file id belongs to the bots that got it (in an update, or as the answer to
their own upload): another bot, e.g. the same service started with a new bot, is refused it
("wrong file identifier"). A file no bot has seen yet (a user's photo in a chat without bots)
goes to the first bot that uses it.
Photos get a Telegram-like ``PhotoSize`` array computed from the image header; the emulator
does not resample, so every size serves the original bytes (their ``file_size`` says so).
"""

from __future__ import annotations

import mimetypes
import secrets
from typing import Any

from playground.emulator.models import JSON, FileRecord
from playground.emulator.validation import Params, UploadedFile, bad_request

_FOLDERS = {
    "photo": ("photos", "jpg"),
    "document": ("documents", "bin"),
    "video": ("videos", "mp4"),
    "audio": ("music", "mp3"),
    "voice": ("voice", "oga"),
    "animation": ("animations", "mp4"),
    "sticker": ("stickers", "webp"),
    "video_note": ("video_notes", "mp4"),
}
_ID_PREFIX = {
    "photo": "AgACAgIAAxkBAAI",
    "document": "BQACAgIAAxkBAAI",
    "video": "BAACAgIAAxkBAAI",
    "audio": "CQACAgIAAxkBAAI",
    "voice": "AwACAgIAAxkBAAI",
    "animation": "CgACAgIAAxkBAAI",
    "sticker": "CAACAgIAAxkBAAI",
    "video_note": "DQACAgIAAxkBAAI",
}
_DEFAULT_SIZE = (1280, 960)
MAX_DOWNLOAD = 20 * 1024 * 1024


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG, GIF or JPEG header, without an imaging library."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if data[:4] == b"GIF8" and len(data) >= 10:
        return int.from_bytes(data[6:8], "little"), int.from_bytes(data[8:10], "little")
    if data[:2] == b"\xff\xd8":
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                i += 1
                continue
            marker = data[i + 1]
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height = int.from_bytes(data[i + 5 : i + 7], "big")
                width = int.from_bytes(data[i + 7 : i + 9], "big")
                return width, height
            i += 2 + int.from_bytes(data[i + 2 : i + 4], "big")
    return None


class FileStore:
    def __init__(self) -> None:
        self.by_id: dict[str, FileRecord] = {}
        self.by_path: dict[str, FileRecord] = {}
        self._seq = 0

    def clear(self) -> None:
        self.by_id.clear()
        self.by_path.clear()

    def get(self, file_id: str) -> FileRecord | None:
        return self.by_id.get(file_id)

    def add(
        self,
        kind: str,
        data: bytes,
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
        width: int = 0,
        height: int = 0,
        bot_id: int | None = None,
    ) -> FileRecord:
        self._seq += 1
        folder, ext = _FOLDERS.get(kind, ("documents", "bin"))
        if file_name and "." in file_name:
            ext = file_name.rsplit(".", 1)[1][:8] or ext
        record = FileRecord(
            file_id=_ID_PREFIX.get(kind, "BQACAgIAAxkBAAI") + secrets.token_urlsafe(24),
            file_unique_id="AQAD" + secrets.token_urlsafe(9),
            kind=kind,
            data=data,
            file_path=f"{folder}/file_{self._seq}.{ext}",
            file_name=file_name,
            mime_type=mime_type,
            width=width,
            height=height,
            bots={bot_id} if bot_id is not None else set(),
        )
        self.by_id[record.file_id] = record
        self.by_path[record.file_path] = record
        return record

    def usable(self, record: FileRecord, bot_id: int) -> bool:
        """May this bot use the file id? A file no bot has seen yet becomes this bot's."""
        if not record.bots:
            record.bots.add(bot_id)
        return bot_id in record.bots

    def grant(self, message: JSON, bot_id: int) -> None:
        """A bot received this message: the file ids in it are now its own too."""
        for key, value in message.items():
            if key == "photo" and isinstance(value, list):
                ids = [size.get("file_id") for size in value if isinstance(size, dict)]
            elif isinstance(value, dict) and "file_unique_id" in value:
                ids = [value.get("file_id")]
            elif key == "reply_to_message" and isinstance(value, dict):
                self.grant(value, bot_id)
                continue
            else:
                continue
            for file_id in ids:
                record = self.by_id.get(str(file_id))
                if record is not None:
                    record.bots.add(bot_id)

    def add_photo(
        self, data: bytes, size: tuple[int, int] | None = None, *, bot_id: int | None = None
    ) -> list[JSON]:
        """Store a photo and return its ``PhotoSize`` array, smallest first (≥ 2 sizes)."""
        width, height = size or image_size(data) or _DEFAULT_SIZE
        longest = max(width, height, 1)
        boxes = [side for side in (90, 320, 800) if side < longest] or [max(longest // 2, 1)]
        dims = [(max(width * s // longest, 1), max(height * s // longest, 1)) for s in boxes]
        dims.append((width, height))
        sizes: list[JSON] = []
        records = []
        for w, h in dims:
            record = self.add("photo", data, width=w, height=h, bot_id=bot_id)
            records.append(record)
            sizes.append(
                {
                    "file_id": record.file_id,
                    "file_unique_id": record.file_unique_id,
                    "file_size": len(data),
                    "width": w,
                    "height": h,
                }
            )
        for record in records:
            record.photo = sizes
        return sizes

    def media_object(self, record: FileRecord, duration: int = 1) -> JSON:
        """The ``Document``/``Video``/``Voice``/... object a message carries for a file."""
        obj: JSON = {
            "file_id": record.file_id,
            "file_unique_id": record.file_unique_id,
            "file_size": len(record.data),
        }
        kind = record.kind
        if kind in ("video", "animation"):
            obj.update(width=record.width or 640, height=record.height or 360, duration=duration)
        elif kind in ("audio", "voice"):
            obj["duration"] = duration
        elif kind == "video_note":
            obj.update(length=record.width or 240, duration=duration)
        elif kind == "sticker":
            obj.update(
                width=record.width or 512,
                height=record.height or 512,
                type="regular",
                is_animated=False,
                is_video=False,
                emoji="🙂",
            )
        if record.file_name and kind in ("document", "video", "audio", "animation"):
            obj["file_name"] = record.file_name
        if record.mime_type and kind != "sticker":
            obj["mime_type"] = record.mime_type
        return obj

    def upload(self, kind: str, upload: UploadedFile, bot_id: int | None = None) -> FileRecord:
        name = upload.filename if upload.filename and upload.filename != kind else None
        mime = upload.content_type
        if not mime or mime == "application/octet-stream":
            mime = (mimetypes.guess_type(name)[0] if name else None) or mime
        size = image_size(upload.data) if kind in ("video", "animation", "sticker") else None
        width, height = size or (0, 0)
        return self.add(
            kind,
            upload.data,
            file_name=name,
            mime_type=mime,
            width=width,
            height=height,
            bot_id=bot_id,
        )

    def resolve(self, params: Params, name: str, kind: str, *, bot_id: int) -> Any:
        """An InputFile-or-string parameter as a PhotoSize array (photos) or media object.

        Accepts a multipart file under the parameter's own name (python-telegram-bot),
        ``attach://<field>`` (aiogram and media groups), or an existing ``file_id``.
        """
        value = params.raw(name)
        if value is None or value == "":
            raise bad_request(f"there is no {kind} in the request")
        return self.resolve_value(params, value, kind, bot_id=bot_id)

    def resolve_value(self, params: Params, value: Any, kind: str, *, bot_id: int) -> Any:
        if isinstance(value, str) and value.startswith("attach://"):
            value = params.file(value[len("attach://") :])
            if value is None:
                raise bad_request(f"there is no {kind} in the request")
        if isinstance(value, UploadedFile):
            if kind == "photo":
                return self.add_photo(value.data, bot_id=bot_id)
            return self.media_object(self.upload(kind, value, bot_id))
        if not isinstance(value, str):
            raise bad_request("wrong file identifier/HTTP URL specified")
        if value.startswith(("http://", "https://")):
            raise bad_request("failed to get HTTP URL content")
        record = self.by_id.get(value)
        if record is None or not self.usable(record, bot_id):
            raise bad_request("wrong file identifier/HTTP URL specified")
        if (record.kind == "photo") != (kind == "photo"):
            raise bad_request("type of file mismatch")
        if kind == "photo":
            return record.photo
        return self.media_object(record)
