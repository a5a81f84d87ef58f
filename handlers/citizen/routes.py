"""The citizen conversations, in one router the app's router includes."""

from __future__ import annotations

from handlers.citizen import data_rights, followup, intake_buttons, menu, tickets
from handlers.citizen.inputs import MESSAGE_KINDS, on_message
from handlers.router import Router
from handlers.staff.replies import staff_reply_in_private
from handlers.turn import Turn

router = Router()
for _part in (menu, tickets, intake_buttons, followup, data_rights):
    router.include(_part.router)


async def on_private_message(turn: Turn) -> None:
    """Staff answering one of the bot's prompts in private (when the complaint unit has no
    linked group, its cards and prompts live in each admin's private chat) go to the staff
    side; everything else is the citizen's."""
    if turn.incoming.reply_to is not None and await staff_reply_in_private(turn):
        return
    await on_message(turn)


for _kind in MESSAGE_KINDS:
    router.kind(_kind)(on_private_message)
