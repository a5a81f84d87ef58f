"""Tracking codes: unguessable, unambiguous to read aloud, unique, and parsed strictly."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from domain.codes import (
    CODE_ALPHABET,
    is_code,
    new_ticket_code,
    new_token,
    parse_code,
    random_code,
)
from domain.errors import ValidationFailed
from domain.model import Ticket
from domain.status import TicketStatus
from tests.fakes import InMemoryStore

CODE = re.compile(r"ADU-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}")


def test_alphabet_has_no_look_alikes() -> None:
    assert not set("0O1IL") & set(CODE_ALPHABET)
    assert len(set(CODE_ALPHABET)) == len(CODE_ALPHABET) == 31


def test_random_codes_have_the_format_and_vary() -> None:
    codes = {random_code() for _ in range(2000)}
    assert all(CODE.fullmatch(c) for c in codes)
    assert len(codes) > 1990  # 887 million possibilities: practically no repeats
    assert set("".join(c[4:] for c in codes)) == set(CODE_ALPHABET)


async def _store_with_code(code: str) -> InMemoryStore:
    store = InMemoryStore()
    now = datetime(2026, 11, 2, tzinfo=UTC)
    async with store.uow() as uow:
        await uow.tickets.add(Ticket(code, 1, 1, "x" * 20, TicketStatus.SUBMITTED, now, now))
        await uow.commit()
    return store


async def test_a_taken_code_is_drawn_again() -> None:
    store = await _store_with_code("ADU-222222")
    draws = iter(["ADU-222222", "ADU-222222", "ADU-333333"])
    async with store.uow() as uow:
        assert await new_ticket_code(uow, draw=lambda: next(draws)) == "ADU-333333"


async def test_gives_up_loudly_when_every_draw_collides() -> None:
    store = await _store_with_code("ADU-222222")
    async with store.uow() as uow:
        with pytest.raises(RuntimeError):
            await new_ticket_code(uow, draw=lambda: "ADU-222222", attempts=3)


@pytest.mark.parametrize(
    "typed",
    ["ADU-7K3Q9X", "adu-7k3q9x", "  ADU-7K3Q9X\n", "7K3Q9X", "7k3q9x", "ADU7K3Q9X", "ADU 7K3Q9X"],
)
def test_parse_code_normalises(typed: str) -> None:
    assert parse_code(typed) == "ADU-7K3Q9X"
    assert is_code(typed)


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "ADU-",
        "ADU-7K3Q9",  # too short
        "ADU-7K3Q9XX",  # too long
        "ADU-0K3Q9X",  # zero is never used
        "ADU-OK3Q9X",  # nor O
        "ADU-1K3Q9X",
        "ADU-IK3Q9X",
        "ADU-LK3Q9X",
        "XYZ-7K3Q9X",
        "ADU--7K3Q9X",
        "ADU-7K3 Q9X",
        "ADU-７K3Q9X",  # full-width digit
        "ADU-7K3Q9X; DROP TABLE ticket",
        "A" * 10_000,
        "/status ADU-7K3Q9X",
    ],
)
def test_parse_code_rejects_anything_malformed(typed: str) -> None:
    with pytest.raises(ValidationFailed):
        parse_code(typed)
    assert not is_code(typed)


def test_tokens_are_url_safe_and_fit_a_deep_link() -> None:
    tokens = {new_token() for _ in range(100)}
    assert len(tokens) == 100
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{22}", t) for t in tokens)
    assert len(new_token(32)) <= 64
