"""`/evidence/<sha256>` (and `/small`): the photos public complaint pages show, by content hash.

Served only while a public page shows them (web/photos.py asks on every request); anything
else, a private complaint's photo or a hash nobody knows alike, is the site's one 404, byte for
byte. The bytes behind a hash never change, so browsers keep them for a day and revalidate with
the ETag; not for longer, because a photo can stop being public (a citizen's erasure, a
complaint rejected after the fact) and caches should let it go soon after.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from web.photos import FULL, SMALL, Size
from web.routes.common import site_of

router = APIRouter()

PHOTO_MAX_AGE = 86_400
_IMAGE = {"schema": {"type": "string", "format": "binary"}}
_HTML = {"text/html": {"schema": {"type": "string"}}}
PHOTO_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "the photo, re-encoded without metadata",
        "content": {t: _IMAGE for t in ("image/jpeg", "image/png", "image/webp")},
    },
    304: {"description": "not modified (If-None-Match)"},
    404: {"description": "no public photo with that hash", "content": _HTML},
}
Sha256 = Annotated[str, Path(description="SHA-256 of the archived file (64 hex digits)")]


async def _photo(request: Request, sha256: str, size: Size) -> Response:
    site = site_of(request)
    async with site.db.uow(read_only=True) as uow:
        page = await site.photos.published(uow, sha256, size)
    if page is None:
        raise HTTPException(404)  # the site's one "not found" (web/app.py)
    headers = {"ETag": page.etag, "Cache-Control": f"public, max-age={PHOTO_MAX_AGE}"}
    match = request.headers.get("if-none-match", "")
    if page.etag in (m.strip() for m in match.split(",")):
        return Response(status_code=304, headers=headers)
    return Response(page.body, media_type=page.media_type, headers=headers)


@router.get(
    "/evidence/{sha256}",
    responses=PHOTO_RESPONSES,
    response_class=Response,
    summary="A public complaint's photo (at most 1600 px)",
)
async def photo(request: Request, sha256: Sha256) -> Response:
    return await _photo(request, sha256, FULL)


@router.get(
    "/evidence/{sha256}/small",
    responses=PHOTO_RESPONSES,
    response_class=Response,
    summary="A public complaint's photo for a phone's screen (at most 480 px)",
)
async def small_photo(request: Request, sha256: Sha256) -> Response:
    return await _photo(request, sha256, SMALL)
