"""Answering /poster: render the poster its request names (web.poster) and send the PDF to
print and a PNG preview to the chat that asked, in one commit with the request marked done."""

from __future__ import annotations

import asyncio
from urllib.parse import parse_qs, urlsplit

from domain.outbound import Outbound, OutboundKind
from domain.report_requests import ReportRequest
from handlers.texts import Catalogue
from scheduler.common import UowFactory
from storage.queries.uploads import add_upload
from web.poster import poster_for


def _parts(link: str) -> tuple[str, str | None]:
    """(bot, category) of `https://t.me/<bot>?start=c_<category>`."""
    split = urlsplit(link)
    start = parse_qs(split.query).get("start", [""])[0]
    return split.path.strip("/"), start[2:] if start.startswith("c_") else None


async def serve_poster(uow_factory: UowFactory, texts: Catalogue, request: ReportRequest) -> None:
    assert request.id is not None
    lang = request.language if request.language in ("id", "en") else "id"
    bot, category = _parts(request.label)
    async with uow_factory() as uow:
        poster = await poster_for(uow, bot, category, lang)
    pdf, png = await asyncio.to_thread(lambda: (poster.pdf(), poster.png()))
    name = f"poster-{category or 'aduan'}"
    caption = texts.text(lang, "poster-caption", link=poster.link)
    async with uow_factory() as uow:
        if not await uow.report_requests.finish(request.id):
            return  # another run got there first
        messages = []
        for kind, ext, mime, data in (
            (OutboundKind.PHOTO, "png", "image/png", png),
            (OutboundKind.DOCUMENT, "pdf", "application/pdf", pdf),
        ):
            upload_id = await add_upload(uow, f"{name}.{ext}", mime, data)
            messages.append(
                Outbound(
                    chat_id=request.chat_id,
                    kind=kind,
                    text=caption if kind is OutboundKind.DOCUMENT else None,
                    parse_mode=None,
                    upload_id=upload_id,
                    thread_id=request.thread_id,
                )
            )
        await uow.outbox.add_all(messages)
        await uow.commit()
