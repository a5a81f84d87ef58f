"""HTTP plumbing of :class:`~playground.emulator.client.EmulatorClient`."""

from __future__ import annotations

import base64
from types import TracebackType
from typing import Any, Self

import httpx

JSON = dict[str, Any]


class EmulatorError(Exception):
    """The user-side API refused a request (unknown user, chat, button...)."""

    def __init__(self, status: int, message: str):
        super().__init__(f"{status}: {message}")
        self.status = status
        self.message = message


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


class ClientBase:
    """HTTP plumbing shared by the client's parts."""

    def __init__(self, base_url: str, *, bot_id: int | None = None, timeout: float = 10.0):
        self.base_url = base_url.rstrip("/")
        self.bot_id = bot_id
        self._timeout = timeout
        self._http = httpx.AsyncClient(base_url=f"{self.base_url}/_emulator", timeout=timeout)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def _call(
        self, verb: str, path: str, body: JSON | None = None, *, wait: float = 0.0
    ) -> Any:
        payload = {k: v for k, v in (body or {}).items() if v is not None}
        if "bot_id" not in payload and self.bot_id is not None:
            payload["bot_id"] = self.bot_id
        timeout = self._timeout + wait
        if verb == "GET":
            params = {k: str(v).lower() if isinstance(v, bool) else v for k, v in payload.items()}
            response = await self._http.get(path, params=params, timeout=timeout)
        else:
            response = await self._http.post(path, json=payload, timeout=timeout)
        data = response.json()
        if not data.get("ok"):
            raise EmulatorError(response.status_code, str(data.get("error")))
        return data["result"]
