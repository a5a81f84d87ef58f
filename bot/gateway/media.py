"""What both gateways share when sending files: how a list of files becomes messages."""

from __future__ import annotations

from bot.gateway.protocol import MediaFile

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
