"""The citizen conversations, in one router the app's router includes."""

from __future__ import annotations

from handlers.citizen import data_rights, followup, inputs, intake_buttons, menu, tickets
from handlers.router import Router

router = Router()
for _part in (menu, tickets, intake_buttons, followup, inputs, data_rights):
    router.include(_part.router)
