"""Public photos out of the evidence archive: checked on every request, published without
their metadata, sized for phones.

The archive keeps the bytes exactly as received (it is evidence). What the public gets is a
re-encoded copy: a phone's JPEG carries EXIF, often the exact GPS position of the citizen's
home and the phone's make and model, and the public site shows locations only to about 100 m.
Pillow decodes the pixels (turned upright as EXIF says), scales them down and encodes them
again in the same format with no EXIF, XMP, ICC profile or comment.

The copies are kept in memory only (web/cache.PageCache: an LRU bounded in bytes), never in
the store: they are derived, cheap to make again, and must never outlive the original. Each
request first asks the database whether a public page shows these bytes and the store whether
it still has them (retention and a citizen's erasure delete them); only then is a copy served,
from memory or made anew. Anything else is the site's one 404.
"""

from __future__ import annotations

import asyncio
import io
import logging
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from domain.evidence import EvidenceStore, check_sha256
from storage.queries.public_photos import PublicPhoto, public_photo_type, public_photos
from storage.uow import SqlUnitOfWork
from web.cache import Page, PageCache

log = logging.getLogger(__name__)

RECIPE = "r1"  # changes when the re-encoding changes (it is part of the ETag)
MAX_PIXELS = 50_000_000  # a decompression bomb is refused, not decoded


@dataclass(frozen=True)
class Size:
    name: str
    longest_side: int
    quality: int


FULL = Size("full", 1600, 85)
SMALL = Size("small", 480, 78)  # a phone's column, at twice the pixels on most phones
SIZES = {s.name: s for s in (FULL, SMALL)}
_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}


class NotPublishable(Exception):
    """Bytes Pillow cannot decode safely: the photo is not shown."""


def publishable(data: bytes, mime_type: str, size: Size) -> bytes:
    """`data` re-encoded in its own format, upright, at most `size`, with no metadata."""
    kind = _FORMATS.get(mime_type)
    if kind is None:
        raise NotPublishable(f"not a shown type: {mime_type}")
    try:
        with Image.open(io.BytesIO(data), formats=[kind]) as image:
            if image.width * image.height > MAX_PIXELS:
                raise NotPublishable(f"{image.width}x{image.height} is too many pixels")
            if kind == "JPEG":
                image.draft("RGB", (size.longest_side, size.longest_side))  # decode smaller
            upright = _upright(image)
            upright.thumbnail((size.longest_side, size.longest_side), Image.Resampling.LANCZOS)
            clean = _pixels_only(upright, kind)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise NotPublishable(f"{type(exc).__name__}: {exc}") from None
    out = io.BytesIO()
    if kind == "JPEG":
        clean.save(out, "JPEG", quality=size.quality, optimize=True, progressive=True)
    elif kind == "WEBP":
        clean.save(out, "WEBP", quality=size.quality)
    else:
        clean.save(out, "PNG", optimize=True)
    return out.getvalue()


def _upright(image: Image.Image) -> Image.Image:
    """Turned as its EXIF orientation says; as it is when that EXIF cannot be read (a broken
    EXIF block must not keep a photo off the page: it is dropped anyway)."""
    try:
        return ImageOps.exif_transpose(image)
    except Exception:
        image.load()
        return image.copy()


def _pixels_only(image: Image.Image, kind: str) -> Image.Image:
    """A new image holding nothing but the pixels (no `info`: EXIF, XMP, ICC, text chunks)."""
    if kind == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    elif image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    clean = Image.new(image.mode, image.size)
    if image.mode == "P":
        palette = image.getpalette()
        if palette is not None:
            clean.putpalette(palette)
        transparency = image.info.get("transparency")
        clean.paste(image)
        if isinstance(transparency, int):
            clean.info["transparency"] = transparency
        return clean
    clean.paste(image)
    return clean


class PublicPhotos:
    """The site's photos: which a page shows, and their published bytes (see the module)."""

    def __init__(self, store: EvidenceStore | None, *, max_bytes: int = 48 * 2**20) -> None:
        self.store = store
        # Content-addressed: a copy never goes stale, so it lives until evicted.
        self.copies = PageCache(max_bytes=max_bytes, max_age=float("inf"))

    async def shown(self, uow: SqlUnitOfWork, ticket_id: int) -> list[PublicPhoto]:
        """The complaint's public photos whose bytes the store has (a missing one shows not
        at all rather than as a broken image)."""
        if self.store is None:
            return []
        photos = await public_photos(uow, ticket_id)
        present = await asyncio.gather(*(self.store.has(p.sha256) for p in photos))
        return [p for p, there in zip(photos, present, strict=True) if there]

    async def first_present(self, photos: dict[int, list[str]]) -> dict[int, str]:
        """Per complaint, the first of its public photos (hashes from
        storage.queries.public_photos.first_public_photos) that the store still has."""
        store = self.store
        if store is None:
            return {}

        async def first(hashes: list[str]) -> str | None:
            for sha256 in hashes:
                if await store.has(sha256):
                    return sha256
            return None

        found = await asyncio.gather(*(first(hashes) for hashes in photos.values()))
        return {t: sha256 for t, sha256 in zip(photos, found, strict=True) if sha256 is not None}

    async def published(self, uow: SqlUnitOfWork, sha256: str, size: Size) -> Page | None:
        """The public copy of these bytes, or None (not public, not archived, erased, not
        decodable): the caller answers that with its 404."""
        if self.store is None:
            return None
        try:
            check_sha256(sha256)
        except ValueError:
            return None
        mime_type = await public_photo_type(uow, sha256)
        if mime_type is None or not await self.store.has(sha256):
            return None
        store = self.store

        async def build() -> Page:
            data = await store.get(sha256)
            if data is None:
                raise NotPublishable("gone from the store")
            body = await asyncio.to_thread(publishable, data, mime_type, size)
            return Page(body, mime_type, 200, f'"{sha256}-{size.name}-{RECIPE}"')

        try:
            return await self.copies.get((sha256, size.name), 0, build)
        except NotPublishable as exc:
            log.warning(
                "public photo not publishable",
                extra={"fields": {"sha256": sha256, "error": str(exc)[:200]}},
            )
            return None
