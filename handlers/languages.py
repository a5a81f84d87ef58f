"""Which language each reader gets: a group its own, a person theirs, never the sender's.

- A group (agency or admin group) speaks the language set there with /lang, else the city's
  default: everyone in it reads the same card.
- A person in private reads their own language: a citizen's from their row; a staff member's
  from their staff row (Telegram's language_code when first seen, then /lang).

One `Languages` is made per change (a ticket event, a scheduler run) and remembers what it
looked up, so a change that posts to many chats reads each chat's language once.
"""

from __future__ import annotations

from domain.model import Staff
from handlers.ports import NoticeUnitOfWork
from handlers.texts import Catalogue


def is_group_chat(chat_id: int) -> bool:
    """Telegram gives groups, supergroups and channels negative ids, people positive ones."""
    return chat_id < 0


class Languages:
    def __init__(self, uow: NoticeUnitOfWork, texts: Catalogue) -> None:
        self.uow, self.texts = uow, texts
        self._chats: dict[int, str] = {}

    async def of_chat(self, chat_id: int) -> str:
        """The language to write in to `chat_id`: the group's, or the person's in private."""
        if chat_id not in self._chats:
            self._chats[chat_id] = await self._look_up(chat_id)
        return self._chats[chat_id]

    async def of_staff(self, staff: Staff) -> str:
        """A staff member's own language, for what is sent to them in private."""
        if staff.language in self.texts.languages:
            return str(staff.language)
        return await self.of_chat(staff.chat_id or staff.telegram_id)

    async def _look_up(self, chat_id: int) -> str:
        stored = await self.uow.chat_languages.get(chat_id)
        if stored in self.texts.languages:
            return str(stored)
        if is_group_chat(chat_id):
            return self.texts.default
        staff = await self.uow.staff.get_by_telegram_id(chat_id)
        if staff is not None and staff.language in self.texts.languages:
            return str(staff.language)
        citizen = await self.uow.citizens.get_by_telegram_id(chat_id)
        if citizen is not None:
            return self.texts.known(citizen.language)
        return self.texts.default
