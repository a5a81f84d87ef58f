"""Edits, replies and topic posts queued before their target was sent get its id at send time."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.delivery import resolve_link_targets, unresolved_edit
from domain.conversation import MessageLink
from domain.outbound import Outbound, OutboundKind

NOW = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)


class Links:
    """An in-memory message_link table (the LinkRepository port)."""

    def __init__(self, *links: MessageLink) -> None:
        self.links = list(links)

    async def find(self, chat_id: int, message_id: int) -> MessageLink | None:
        return next(
            (x for x in self.links if (x.chat_id, x.message_id) == (chat_id, message_id)), None
        )

    async def for_ticket(
        self, ticket_id: int, *, purpose: str | None = None, chat_id: int | None = None
    ) -> list[MessageLink]:
        return [
            x
            for x in self.links
            if x.ticket_id == ticket_id
            and (purpose is None or x.purpose == purpose)
            and (chat_id is None or x.chat_id == chat_id)
        ]


def link(chat: int, message: int, purpose: str, ticket: int = 7) -> MessageLink:
    return MessageLink(chat, message, ticket, purpose, NOW)


async def test_edit_goes_to_the_newest_card_of_that_chat() -> None:
    links = Links(link(-1, 10, "card"), link(-2, 11, "card"), link(-1, 30, "card"))
    edit = Outbound(-1, OutboundKind.EDIT_TEXT, text="x", ticket_id=7, edit_link_purpose="card")
    resolved = await resolve_link_targets(links, edit)
    assert resolved.edit_message_id == 30 and not unresolved_edit(resolved)


async def test_thread_and_reply_targets_fill_in() -> None:
    links = Links(link(-1, 5, "topic"), link(-1, 6, "card"))
    post = Outbound(
        -1, text="x", ticket_id=7, thread_link_purpose="topic", reply_link_purpose="card"
    )
    resolved = await resolve_link_targets(links, post)
    assert (resolved.thread_id, resolved.reply_to_message_id) == (5, 6)


async def test_missing_targets_leave_a_plain_message_or_a_skipped_edit() -> None:
    links = Links(link(-9, 5, "card"))
    post = Outbound(-1, text="x", ticket_id=7, thread_link_purpose="topic")
    assert await resolve_link_targets(links, post) == post
    edit = Outbound(-1, OutboundKind.EDIT_TEXT, ticket_id=7, edit_link_purpose="card")
    assert unresolved_edit(await resolve_link_targets(links, edit))


async def test_explicit_ids_win_and_untargeted_rows_are_untouched() -> None:
    links = Links(link(-1, 30, "card"))
    edit = Outbound(
        -1, OutboundKind.EDIT_MARKUP, ticket_id=7, edit_message_id=3, edit_link_purpose="card"
    )
    assert (await resolve_link_targets(links, edit)).edit_message_id == 3
    plain = Outbound(-1, text="x")
    assert await resolve_link_targets(links, plain) is plain
