"""What both gateways share when sending files: how a list of files becomes messages."""

from __future__ import annotations

from dataclasses import dataclass

from bot.gateway.protocol import MediaFile
from domain.outbound import Keyboard

ALBUM_LIMIT = 10


def batches(files: list[MediaFile]) -> list[list[MediaFile]]:
    """Consecutive files of one kind, at most ten each: each batch is one album (or, alone,
    one message). Order is kept: the citizen's pictures stay in the order they were sent."""
    found: list[list[MediaFile]] = []
    for media in files:
        last = found[-1] if found else None
        if last is not None and last[0].kind == media.kind and len(last) < ALBUM_LIMIT:
            last.append(media)
        else:
            found.append([media])
    return found


@dataclass(frozen=True)
class FileMessage:
    """One message (a single file) or one album of a `send_files` call.

    The caption goes with the first message only, on its first file; the keyboard only when
    the whole call is one file (Telegram puts no keyboard under an album); the reply only on
    the first message, so a long series reads as one answer.
    """

    files: list[MediaFile]
    captions: list[str | None]
    keyboard: Keyboard | None
    first: bool

    @property
    def single(self) -> MediaFile | None:
        return self.files[0] if len(self.files) == 1 else None

    @property
    def captioned(self) -> list[tuple[MediaFile, str | None]]:
        return list(zip(self.files, self.captions, strict=True))


def file_messages(
    files: list[MediaFile], caption: str | None, keyboard: Keyboard | None
) -> list[FileMessage]:
    if not files:
        raise ValueError("nothing to send")
    messages: list[FileMessage] = []
    for n, batch in enumerate(batches(files)):
        text = caption if n == 0 else None
        captions = [text if i == 0 else None for i in range(len(batch))]
        messages.append(
            FileMessage(batch, captions, keyboard if len(files) == 1 else None, first=n == 0)
        )
    return messages
