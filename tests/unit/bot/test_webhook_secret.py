"""The webhook's secret check: right answers, and a constant-time compare.

A plain `==` stops at the first differing byte, so its timing tells an attacker how much of a
guessed secret is right. `hmac.compare_digest` takes the same time whatever matches; the spy
below proves the check really goes through it (and gets bytes, so non-ASCII input can't raise).
"""

from __future__ import annotations

import hmac

import pytest

import bot.webhook
from bot.webhook import secret_matches

REAL_COMPARE = hmac.compare_digest


def test_only_the_exact_secret_matches() -> None:
    assert secret_matches("s3cret_token", "s3cret_token")
    assert not secret_matches("s3cret_token", "s3cret_tokem")
    assert not secret_matches("s3cret_token", "s3cret_token2")
    assert not secret_matches("s3cret_token", "")
    assert not secret_matches("s3cret_token", None)
    assert not secret_matches("s3cret_token", "s3crét_token")  # non-ASCII: refused, no error


def test_the_compare_is_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[object, object]] = []

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return REAL_COMPARE(a, b)

    monkeypatch.setattr(bot.webhook.hmac, "compare_digest", spy)
    assert not secret_matches("expected", "guess")
    assert secret_matches("expected", "expected")
    assert calls == [(b"expected", b"guess"), (b"expected", b"expected")]
