"""Photos for the public site's tests: phone-like JPEGs carrying EXIF (a GPS position, the
phone's model with a marker), a PNG, and the archiving of a test city's attachments through the
real download queue (the bytes come from here instead of from Telegram)."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping

from PIL import ExifTags, Image

from bot.archiver import sniff_mime
from domain.evidence import EvidenceStore, StoredEvidence
from domain.ports import UnitOfWork

GPS = ExifTags.IFD.GPSInfo


def phone_jpeg(
    model: str, color: tuple[int, int, int], size: tuple[int, int] = (160, 120)
) -> bytes:
    """A JPEG as a phone writes it: its model, an exact GPS position, and "turn me upright"
    (orientation 6: the pixels are stored sideways)."""
    image = Image.new("RGB", size, color)
    image.paste((20, 20, 20), (10, 10, size[0] // 3, size[1] // 3))  # not one flat colour
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = model
    exif[ExifTags.Base.Orientation] = 6
    exif[GPS] = {
        ExifTags.GPS.GPSLatitudeRef: "S",
        ExifTags.GPS.GPSLatitude: (7.0, 34.0, 4.44),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (110.0, 48.0, 44.4),
    }
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif.tobytes())
    return out.getvalue()


def plain_png(color: tuple[int, int, int], size: tuple[int, int] = (90, 60)) -> bytes:
    image = Image.new("RGB", size, color)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def gps_of(data: bytes) -> dict[int, object]:
    """The GPS tags of an image's EXIF ({} when it has none)."""
    with Image.open(io.BytesIO(data)) as image:
        return dict(image.getexif().get_ifd(GPS))


def exif_of(data: bytes) -> dict[int, object]:
    with Image.open(io.BytesIO(data)) as image:
        return dict(image.getexif())


async def archive_downloads(
    factory: Callable[[], UnitOfWork], store: EvidenceStore, pictures: Mapping[str, bytes]
) -> dict[str, str]:
    """Archive every queued Telegram download whose file id `pictures` has, as the archiver
    does (claim, store, mark done); returns file id → sha256."""
    done: dict[str, str] = {}
    async with factory() as uow:
        items = await uow.evidence_queue.claim(worker="tests", limit=1000)  # type: ignore[attr-defined]
        for item in items:
            data = pictures.get(item.file_id or "")
            if data is None:
                continue
            sha256 = await store.put(data)
            stored = StoredEvidence(sha256, len(data), sniff_mime(data))
            await uow.evidence_queue.mark_done(item, stored, bot_id=1)  # type: ignore[attr-defined]
            done[item.file_id] = sha256
        await uow.commit()
    return done
