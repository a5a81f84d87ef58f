"""The buttons under staff cards, derived from the transition table.

A card shows exactly the actions the table allows from the current status (`actions_from`),
so a button that no longer applies disappears the next time the card is edited. An agency's
card follows that agency's own share, not the whole ticket: with two agencies, one may still
be working while the other has finished.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from domain.model import Agency, Assignment, Ticket
from domain.outbound import Button, Keyboard
from domain.roles import Role
from domain.status import RejectReason, TicketStatus
from domain.transitions import Action, actions_from, share_actions
from handlers.buttons import PICK, PICK_SEND, QUEUE, REJECT, WORK

Text = Callable[[str], str]

S = TicketStatus
# Agency buttons: (what the table must allow, callback word, label key).
WORK_BUTTONS = (
    (Action.CLAIM, "claim", "staff-btn-claim"),
    (Action.REPLY, "reply", "staff-btn-reply"),
    (Action.REQUEST_INFO, "info", "staff-btn-info"),
    (Action.RESOLVE, "resolve", "staff-btn-resolve"),
    (Action.HAND_BACK, "notours", "staff-btn-notours"),
)
WORK_ACTIONS = {word: action for action, word, _ in WORK_BUTTONS}
REJECT_REASONS = tuple(RejectReason)
NONE_PICKED = "0"  # callback words cannot be empty


def unit_keyboard(t: Text, ticket: Ticket) -> Keyboard | None:
    """Verify & send, Hold and Reject, as far as the ticket's status still allows them."""
    assert ticket.id is not None
    allowed = actions_from(ticket.status, Role.ADMIN)
    buttons: list[Button] = []
    if Action.VERIFY in allowed or (ticket.status == S.SUBMITTED and Action.DISPATCH in allowed):
        buttons.append(Button(t("staff-btn-verify"), data=QUEUE.pack("verify", ticket.id)))
    if Action.HOLD in allowed:
        buttons.append(Button(t("staff-btn-hold"), data=QUEUE.pack("hold", ticket.id)))
    if Action.REJECT in allowed:
        buttons.append(Button(t("staff-btn-reject"), data=QUEUE.pack("reject", ticket.id)))
    return _rows(buttons, 2)


def agency_keyboard(t: Text, ticket_id: int, share: Assignment | None) -> Keyboard | None:
    """Claim alone on top (it is what an unclaimed card is waiting for), the rest in pairs."""
    allowed = share_actions(share)
    buttons = [
        (action, Button(t(label), data=WORK.pack(word, ticket_id)))
        for action, word, label in WORK_BUTTONS
        if action in allowed
    ]
    if not buttons:
        return None
    rows = [(b,) for action, b in buttons if action is Action.CLAIM]
    rest = [b for action, b in buttons if action is not Action.CLAIM]
    rows += [tuple(rest[i : i + 2]) for i in range(0, len(rest), 2)]
    return Keyboard(tuple(rows))


def encode_picked(agency_ids: Iterable[int]) -> str:
    ids = sorted(set(agency_ids))
    return "_".join(str(i) for i in ids) if ids else NONE_PICKED


def decode_picked(word: str) -> set[int]:
    if word == NONE_PICKED:
        return set()
    return {int(part) for part in word.split("_") if part.isdigit()}


def picker_keyboard(
    t: Text, ticket_id: int, agencies: Sequence[Agency], picked: set[int]
) -> Keyboard:
    """One toggle per agency, then Send and Back. The choice lives in the buttons' data."""
    word = encode_picked(picked)
    toggles = [
        Button(
            ("✅ " if a.id in picked else "▫️ ") + short_name(a),
            data=PICK.pack(ticket_id, word, a.id or 0),
        )
        for a in agencies
        if a.id is not None
    ]
    rows = [tuple(toggles[i : i + 2]) for i in range(0, len(toggles), 2)]
    rows.append(
        (
            Button(t("staff-btn-send"), data=PICK_SEND.pack(ticket_id, word)),
            Button(t("staff-btn-back"), data=QUEUE.pack("back", ticket_id)),
        )
    )
    return Keyboard(tuple(rows))


def reject_keyboard(t: Text, ticket_id: int) -> Keyboard:
    buttons = [
        Button(t(f"staff-reason-{r.value.replace('_', '-')}"), data=REJECT.pack(r.value, ticket_id))
        for r in REJECT_REASONS
    ]
    rows = [tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)]
    rows.append((Button(t("staff-btn-back"), data=QUEUE.pack("back", ticket_id)),))
    return Keyboard(tuple(rows))


def short_name(agency: Agency) -> str:
    """Agency names run long ("Dinas Pekerjaan Umum ..."); a button shows the short form."""
    if "(" in agency.name and agency.name.endswith(")"):
        return agency.name[agency.name.rindex("(") + 1 : -1]
    return agency.name if len(agency.name) <= 24 else agency.code.upper()


def _rows(buttons: list[Button], width: int) -> Keyboard | None:
    if not buttons:
        return None
    return Keyboard(tuple(tuple(buttons[i : i + width]) for i in range(0, len(buttons), width)))
