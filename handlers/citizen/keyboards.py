"""The citizen's reply keyboards, and reading back what their buttons (or typing) sent.

A reply-keyboard button only sends its label as text, so the bot recognises a menu choice by
comparing the text with the labels in *every* language: a citizen who switched language, or
whose old keyboard is still showing, must still be understood. Typed equivalents ("lewati",
"skip", "selesai") are accepted too, because typing is always allowed.
"""

from __future__ import annotations

from domain.outbound import Button, Keyboard
from handlers.texts import Catalogue

MENU_ACTIONS = ("new", "my", "help", "lang")


def main_menu(texts: Catalogue, language: str) -> Keyboard:
    """The persistent menu under the text box."""

    def label(action: str) -> Button:
        return Button(texts.plain(language, f"menu-{action}"))

    return Keyboard(
        ((label("new"),), (label("my"), label("help")), (label("lang"),)),
        inline=False,
        placeholder=texts.plain(language, "menu-placeholder"),
    )


def _normal(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def menu_action(texts: Catalogue, text: str | None) -> str | None:
    """Which menu button sent `text`, in any language, or None."""
    said = _normal(text)
    for language in texts.languages:
        for action in MENU_ACTIONS:
            if said == _normal(texts.plain(language, f"menu-{action}")):
                return action
    return None


def _words(texts: Catalogue, key: str) -> set[str]:
    words = set()
    for language in texts.languages:
        words.update(_normal(w) for w in texts.plain(language, key).split(","))
    return words


def means_skip(texts: Catalogue, text: str | None) -> bool:
    """The Skip button's label (any language) or a typed equivalent."""
    said = _normal(text)
    labels = {_normal(texts.plain(lang, "btn-skip")) for lang in texts.languages}
    return said in labels or said in _words(texts, "words-skip")


def means_done(texts: Catalogue, text: str | None) -> bool:
    return _normal(text) in _words(texts, "words-done")
