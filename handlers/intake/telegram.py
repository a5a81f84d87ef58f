"""The Telegram renderer: a `Question` becomes messages, with inline or reply keyboards, and
replaces the message it answers where Telegram allows.

- A choice is an inline button whose callback data carries the draft's step token; a
  location or contact question gets a reply keyboard with Telegram's request button instead.
- A question answering a button pressed on the previous question edits that message in
  place (no new message), unless it needs a reply keyboard: an edit can only carry an inline
  keyboard.
- Leaving a reply-keyboard step needs one message of its own. Telegram removes or replaces a
  reply keyboard only with a new message that carries another one (no edit can), and a message
  carries either a reply keyboard or inline buttons, never both. So the acknowledgement of the
  location or number goes out alone, with the main menu, and the question follows it.
"""

from __future__ import annotations

from markupsafe import Markup

from domain.outbound import Button, Keyboard, Outbound, OutboundKind
from handlers.buttons import INTAKE_ACTION, INTAKE_CATEGORY, INTAKE_EDIT, INTAKE_PAGE
from handlers.citizen.keyboards import main_menu
from handlers.intake.kinds import Want
from handlers.intake.question import Choice, Question, Say
from handlers.texts import Catalogue, blocks

REPLY_KEYBOARD = (Want.LOCATION, Want.CONTACT)


def text(texts: Catalogue, language: str, said: Say) -> Markup:
    args = {k: text(texts, language, v) if isinstance(v, Say) else v for k, v in said.args.items()}
    return texts.text(language, said.key, **args)


def _data(choice: Choice, seq: int) -> str:
    match choice.action:
        case "category":
            return INTAKE_CATEGORY.pack(seq, choice.value)
        case "page":
            return INTAKE_PAGE.pack(seq, int(choice.value))
        case "jump":
            return INTAKE_EDIT.pack(seq, choice.value)
    return INTAKE_ACTION.pack(seq, choice.action)


def _label(texts: Catalogue, language: str, choice: Choice) -> str:
    return choice.label if choice.plain else texts.plain(language, choice.label)


def keyboard(texts: Catalogue, language: str, q: Question, seq: int) -> Keyboard | None:
    if q.want in REPLY_KEYBOARD:
        if q.note:  # the question's reply keyboard is still there
            return None
        request = Button(
            texts.plain(language, f"btn-send-{q.want.value}"),
            request_location=q.want is Want.LOCATION,
            request_contact=q.want is Want.CONTACT,
        )
        rows = [(request,)]
        rows += [tuple(Button(_label(texts, language, c)) for c in row) for row in q.choices]
        placeholder = "placeholder-address" if q.want is Want.LOCATION else None
        return Keyboard(
            tuple(rows),
            inline=False,
            one_time=True,
            placeholder=texts.plain(language, placeholder) if placeholder else None,
        )
    if not q.choices:
        return None
    return Keyboard(
        tuple(
            tuple(Button(_label(texts, language, c), data=_data(c, seq)) for c in row)
            for row in q.choices
        )
    )


def render(
    texts: Catalogue,
    language: str,
    chat_id: int,
    q: Question,
    seq: int,
    *,
    replace: int | None = None,
    after: Want | None = None,
) -> list[Outbound]:
    """The messages that say `q`. `replace`: the message whose button was pressed to answer
    the previous question; `after`: what that question wanted."""
    header = None
    if q.number is not None:
        title = texts.text(language, f"step-title-{q.step.value}")
        header = texts.text(language, "intake-step", n=q.number, total=q.total, title=title)
    ack = text(texts, language, q.ack) if q.ack is not None else None
    body = text(texts, language, q.body)
    markup = keyboard(texts, language, q, seq)
    messages: list[Outbound] = []
    if after in REPLY_KEYBOARD and q.want not in REPLY_KEYBOARD and ack is not None:
        menu = main_menu(texts, language)
        if markup is None:  # nothing else to carry: the question brings the menu back itself
            return [Outbound(chat_id, text=blocks(ack, header, body), keyboard=menu)]
        messages.append(Outbound(chat_id, text=ack, keyboard=menu))
        ack, replace = None, None
    said = blocks(ack, header, body)
    if replace is not None and (markup is None or markup.inline):
        messages.append(
            Outbound(
                chat_id,
                kind=OutboundKind.EDIT_TEXT,
                text=said,
                keyboard=markup,
                edit_message_id=replace,
            )
        )
    else:
        messages.append(Outbound(chat_id, text=said, keyboard=markup))
    return messages


def menu_message(texts: Catalogue, language: str, chat_id: int, said: Say) -> Outbound:
    """A word that ends the intake (discarded, nothing to cancel): with the main menu back."""
    return Outbound(chat_id, text=text(texts, language, said), keyboard=main_menu(texts, language))
