"""Fault injection: the failures a bot meets in production, on demand and per test.

Two families. *Call faults* hit the next N calls (optionally of one method, or aimed at one
chat): a 5xx, a 429 with ``retry_after``, a slow answer, a hang past the client's timeout, a
dropped connection, or "accepted but the answer is lost" (the method runs, then the
connection is cut - the case behind duplicate sends after a retry). *Chat faults* are
standing states of a chat: the user blocked the bot, the bot was kicked from the group, or
the group migrated to a supergroup.
"""

from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass
from typing import Any

from playground.emulator.validation import ApiError, chat_migrated, forbidden, too_many_requests

CALL_KINDS = ("error", "retry_after", "delay", "hang", "drop", "lost_answer")
CHAT_KINDS = ("blocked", "kicked", "migrate")
_STATUS_TEXT = {
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


@dataclass(slots=True)
class FaultRule:
    id: int
    kind: str
    method: str | None = None  # lower-case method name, None = any method
    chat_id: int | None = None
    times: int | None = 1  # remaining hits, None = until cleared
    status: int = 502
    description: str | None = None
    retry_after: int = 5
    delay_ms: int = 0
    hits: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def error(self) -> ApiError:
        if self.kind == "retry_after":
            return too_many_requests(self.retry_after)
        text = self.description or _STATUS_TEXT.get(self.status, "Internal Server Error")
        return ApiError(self.status, text)


class FaultInjector:
    def __init__(self) -> None:
        self.rules: list[FaultRule] = []
        self.chat_faults: dict[int, tuple[str, int | None]] = {}
        self._ids = itertools.count(1)

    @property
    def active(self) -> bool:
        return bool(self.rules or self.chat_faults)

    def clear(self) -> None:
        self.rules.clear()
        self.chat_faults.clear()

    def add(self, kind: str, **options: Any) -> FaultRule:
        if kind in CHAT_KINDS:
            chat_id = options.get("chat_id")
            if chat_id is None:
                raise ValueError(f"fault {kind!r} needs chat_id")
            target = options.get("migrate_to_chat_id") if kind == "migrate" else None
            if kind == "migrate" and target is None:
                raise ValueError("fault 'migrate' needs migrate_to_chat_id")
            self.chat_faults[int(chat_id)] = (kind, target)
            return FaultRule(id=0, kind=kind, chat_id=int(chat_id), times=None)
        if kind not in CALL_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}")
        method = options.get("method")
        rule = FaultRule(
            id=next(self._ids),
            kind=kind,
            method=method.lower() if method else None,
            chat_id=int(options["chat_id"]) if options.get("chat_id") is not None else None,
            times=options.get("times", 1),
            status=int(options.get("status") or 502),
            description=options.get("description"),
            retry_after=int(options.get("retry_after") or 5),
            delay_ms=int(options.get("delay_ms") or (30_000 if kind == "hang" else 0)),
        )
        self.rules.append(rule)
        return rule

    def remove_chat_fault(self, chat_id: int) -> None:
        self.chat_faults.pop(chat_id, None)

    def match(self, method: str, chat_id: Any) -> FaultRule | None:
        """The first call fault for this call (consuming one of its hits), if any."""
        for rule in self.rules:
            if rule.method is not None and rule.method != method:
                continue
            if rule.chat_id is not None and str(rule.chat_id) != str(chat_id):
                continue
            rule.hits += 1
            if rule.times is not None:
                rule.times -= 1
                if rule.times <= 0:
                    self.rules.remove(rule)
            return rule
        return None

    def chat_error(self, chat_id: Any, is_supergroup: bool) -> ApiError | None:
        """The standing error for a chat the bot addresses, if one was injected."""
        try:
            key = int(chat_id)
        except (TypeError, ValueError):
            return None
        fault = self.chat_faults.get(key)
        if fault is None:
            return None
        kind, target = fault
        if kind == "blocked":
            return forbidden("bot was blocked by the user")
        if kind == "kicked":
            where = "supergroup chat" if is_supergroup else "group chat"
            return forbidden(f"bot was kicked from the {where}")
        return chat_migrated(int(target or 0))

    def to_json(self) -> dict[str, Any]:
        return {
            "rules": [rule.to_json() for rule in self.rules],
            "chats": {
                str(chat): {"kind": kind, "migrate_to_chat_id": target}
                for chat, (kind, target) in self.chat_faults.items()
            },
        }
