"""Switches and counters: the flood-limit, fault and webhook half of ``EmulatorClient``."""

from __future__ import annotations

from playground.emulator.client_base import JSON, ClientBase


class ControlMixin(ClientBase):
    async def updates(self, *, bot_id: int | None = None) -> list[JSON]:
        """Every update produced for the bot (delivered or not), in order."""
        return await self._call("GET", "/updates", {"bot_id": bot_id})

    async def call_counts(self, *, bot_id: int | None = None) -> dict[str, int]:
        return await self._call("GET", "/calls", {"bot_id": bot_id})

    async def set_limits(self, enabled: bool = True, **numbers: float) -> JSON:
        """Flood limits: private_per_second, private_burst, group_per_minute,
        global_per_second, global_burst. Returns :meth:`limit_stats`."""
        return await self._call("POST", "/limits", {"enabled": enabled, **numbers})

    async def limit_stats(self) -> JSON:
        """``rejected`` (429s given), ``rejected_by_chat``, ``send_times`` per chat."""
        return await self._call("GET", "/limits")

    async def inject_fault(
        self,
        kind: str,
        *,
        method: str | None = None,
        chat_id: int | None = None,
        times: int | None = 1,
        status: int | None = None,
        description: str | None = None,
        retry_after: int | None = None,
        delay_ms: int | None = None,
        migrate_to_chat_id: int | None = None,
    ) -> JSON:
        """kind: error, retry_after, delay, hang, drop, lost_answer (next ``times`` calls,
        ``None`` = until cleared) or blocked, kicked, migrate (standing, per chat)."""
        return await self._call(
            "POST",
            "/faults",
            {
                "kind": kind,
                "method": method,
                "chat_id": chat_id,
                "times": times,
                "status": status,
                "description": description,
                "retry_after": retry_after,
                "delay_ms": delay_ms,
                "migrate_to_chat_id": migrate_to_chat_id,
            },
        )

    async def fail_next(
        self,
        times: int = 1,
        *,
        status: int = 502,
        method: str | None = None,
        description: str | None = None,
    ) -> JSON:
        return await self.inject_fault(
            "error", times=times, status=status, method=method, description=description
        )

    async def retry_after_next(
        self, times: int = 1, *, retry_after: int = 5, method: str | None = None
    ) -> JSON:
        return await self.inject_fault(
            "retry_after", times=times, retry_after=retry_after, method=method
        )

    async def slow_down(
        self, delay_ms: int, *, times: int | None = 1, method: str | None = None
    ) -> JSON:
        return await self.inject_fault("delay", delay_ms=delay_ms, times=times, method=method)

    async def hang(
        self, *, delay_ms: int = 30_000, times: int = 1, method: str | None = None
    ) -> JSON:
        """No answer for ``delay_ms``, then the connection is closed; the method never runs."""
        return await self.inject_fault("hang", delay_ms=delay_ms, times=times, method=method)

    async def drop_connection(self, *, times: int = 1, method: str | None = None) -> JSON:
        return await self.inject_fault("drop", times=times, method=method)

    async def lose_answer(self, *, times: int = 1, method: str | None = "sendMessage") -> JSON:
        """The method runs (the message is stored) but the answer is lost."""
        return await self.inject_fault("lost_answer", times=times, method=method)

    async def block_chat(self, chat_id: int) -> JSON:
        """Sends to ``chat_id`` get 403 "bot was blocked by the user"."""
        return await self.inject_fault("blocked", chat_id=chat_id, times=None)

    async def kick_bot_from(self, chat_id: int) -> JSON:
        """Sends to ``chat_id`` get 403 "bot was kicked from the (super)group chat"."""
        return await self.inject_fault("kicked", chat_id=chat_id, times=None)

    async def migrate_chat(self, chat_id: int, to_chat_id: int) -> JSON:
        """Sends to ``chat_id`` get 400 with ``parameters.migrate_to_chat_id``."""
        return await self.inject_fault(
            "migrate", chat_id=chat_id, times=None, migrate_to_chat_id=to_chat_id
        )

    async def clear_faults(self, *, chat_id: int | None = None) -> None:
        await self._call("POST", "/faults/clear", {"chat_id": chat_id})

    async def faults(self) -> JSON:
        return await self._call("GET", "/faults")

    async def webhook_settings(
        self,
        *,
        timeout: float | None = None,  # noqa: ASYNC109 - the webhook's answer timeout
        retry_base: float | None = None,
        retry_max: float | None = None,
    ) -> JSON:
        """Webhook answer timeout and redelivery backoff, in seconds."""
        return await self._call(
            "POST",
            "/webhook/settings",
            {"timeout": timeout, "retry_base": retry_base, "retry_max": retry_max},
        )

    async def webhook_log(self, *, bot_id: int | None = None) -> list[JSON]:
        return await self._call("GET", "/webhook/log", {"bot_id": bot_id})
