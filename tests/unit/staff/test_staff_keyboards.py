"""Card buttons follow the transition table, and every button's data fits and parses."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.model import Agency, Assignment, Ticket
from domain.status import AssignmentStatus, TicketStatus
from domain.transitions import share_actions
from handlers.buttons import PICK, PICK_SEND, QUEUE, REJECT, WORK
from handlers.callbacks import CALLBACKS, MAX_BYTES
from handlers.staff.keyboards import (
    agency_keyboard,
    decode_picked,
    encode_picked,
    picker_keyboard,
    reject_keyboard,
    unit_keyboard,
)
from handlers.staff.talk import parse_prompt, prompt_purpose

NOW = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)
BIG = 9_999_999_999  # ids grow; the data must still fit in 64 bytes


def label(key: str) -> str:
    return key


def words(keyboard: object) -> list[str]:
    if keyboard is None:
        return []
    return [b.data.split(":")[1] for row in keyboard.rows for b in row]  # type: ignore[attr-defined]


def ticket(status: TicketStatus) -> Ticket:
    return Ticket("ADU-7K3Q9X", 1, 1, "x" * 20, status, NOW, NOW, id=BIG)


def share(status: AssignmentStatus, officer: int | None = None) -> Assignment:
    return Assignment(BIG, 3, status, NOW, officer_id=officer, id=1)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (TicketStatus.SUBMITTED, ["verify", "hold", "reject"]),
        (TicketStatus.ON_HOLD, ["reject"]),
        (TicketStatus.DISPATCHED, []),
        (TicketStatus.RESOLVED, []),
        (TicketStatus.CLOSED, []),
        (TicketStatus.REJECTED, []),
    ],
)
def test_unit_card_shows_what_the_table_still_allows(
    status: TicketStatus, expected: list[str]
) -> None:
    assert words(unit_keyboard(label, ticket(status))) == expected


@pytest.mark.parametrize(
    ("status", "officer", "expected"),
    [
        (AssignmentStatus.DISPATCHED, None, ["claim", "reply", "info", "resolve", "notours"]),
        (AssignmentStatus.IN_PROGRESS, 7, ["reply", "info", "resolve", "notours"]),
        (AssignmentStatus.NEED_INFO, 7, ["reply", "info", "resolve", "notours"]),
        (AssignmentStatus.RESOLVED, 7, []),
        (AssignmentStatus.HANDED_BACK, 7, []),
        (AssignmentStatus.CLOSED, 7, []),
    ],
)
def test_agency_card_follows_its_own_share(
    status: AssignmentStatus, officer: int | None, expected: list[str]
) -> None:
    assert words(agency_keyboard(label, BIG, share(status, officer))) == expected


def test_no_share_no_buttons() -> None:
    assert agency_keyboard(label, BIG, None) is None
    assert share_actions(None) == []


def test_every_button_fits_and_parses_strictly() -> None:
    agencies = [Agency(f"a{i}", f"Agency {i}", id=BIG - i) for i in range(3)]
    boards = [
        unit_keyboard(label, ticket(TicketStatus.SUBMITTED)),
        agency_keyboard(label, BIG, share(AssignmentStatus.DISPATCHED)),
        picker_keyboard(label, BIG, agencies, {a.id for a in agencies[:2] if a.id}),
        reject_keyboard(label, BIG),
    ]
    for board in boards:
        assert board is not None
        for row in board.rows:
            for button in row:
                assert button.data is not None and len(button.data.encode()) <= MAX_BYTES
                spec, _ = CALLBACKS.unpack(button.data)
                assert spec in (QUEUE, PICK, PICK_SEND, REJECT, WORK)


def test_the_pickers_choice_lives_in_its_buttons() -> None:
    assert decode_picked(encode_picked([5, 3, 5])) == {3, 5}
    assert encode_picked([]) == "0" and decode_picked("0") == set()
    agencies = [Agency("dpupr", "Dinas PU (DPUPR)", id=3), Agency("pdam", "PDAM", id=5)]
    board = picker_keyboard(label, 42, agencies, {3})
    toggles = [b for b in board.rows[0]]
    assert toggles[0].text.startswith("✅") and toggles[0].text.endswith("DPUPR")
    assert toggles[1].text.startswith("▫️")
    assert toggles[1].data == PICK.pack(42, "3", 5)
    assert board.rows[-1][0].data == PICK_SEND.pack(42, "3")


def test_prompts_remember_intent_and_person() -> None:
    prompt = parse_prompt(prompt_purpose("resolve", 17))
    assert prompt is not None and (prompt.intent, prompt.staff_id) == ("resolve", 17)
    for other in ("card", "relay", "prompt_", "prompt_resolve", "prompt_resolve:x"):
        assert parse_prompt(other) is None
