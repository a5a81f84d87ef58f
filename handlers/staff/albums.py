"""Albums from officers. Telegram delivers an album as one message per photo, the text (if
any) on the first: the first makes the reply or the resolution, the others join it
(`domain.usecases.add_album_photos`) instead of each making a reply of its own, or being
refused as a resolution without a note."""

from __future__ import annotations

from domain.errors import ValidationFailed
from domain.usecases import Actor, add_album_photos
from handlers.turn import Turn


async def joined_album(turn: Turn, actor: Actor, ticket_id: int) -> bool:
    """True when this message was a later photo of an album that already made a reply or a
    resolution, and its photo has been added to that: nothing else is to be done with it."""
    incoming = turn.incoming
    photos = [p.file_id for p in incoming.photos]
    if (incoming.text or "").strip() or not photos or not incoming.media_group_id:
        return False
    try:
        await add_album_photos(
            turn.uow, turn.life, actor, ticket_id, incoming.media_group_id, photos
        )
    except ValidationFailed:
        return False  # no reply or resolution started this album: handle it as it is
    return True
