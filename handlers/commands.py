"""The bot's command menus (setMyCommands), per chat scope and language.

Citizens see their commands in private chats; staff see theirs in group chats. Descriptions
come from the catalogue so each language gets its own menu.
"""

from __future__ import annotations

from handlers.texts import Catalogue

PRIVATE_COMMANDS = (
    "new",
    "my",
    "status",
    "cancel",
    "lang",
    "help",
    "privacy",
    "mydata",
    "forget",
)
GROUP_COMMANDS = ("pending", "ticket", "tpl", "note", "report", "link", "lang", "help")


def command_menus(texts: Catalogue) -> list[tuple[str, str | None, list[tuple[str, str]]]]:
    """(scope, language_code or None for the default, [(command, description)])."""
    menus: list[tuple[str, str | None, list[tuple[str, str]]]] = []
    for language in texts.languages:
        code = None if language == texts.default else language
        for scope, names in (("private", PRIVATE_COMMANDS), ("groups", GROUP_COMMANDS)):
            menus.append(
                (scope, code, [(name, texts.plain(language, f"cmd-{name}")) for name in names])
            )
    return menus
