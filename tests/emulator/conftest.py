"""Fixtures: a fresh emulator per test on a free port, a user-side client, raw Bot API calls."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from playground.emulator import EmulatorClient, EmulatorServer


@pytest.fixture
async def emulator() -> AsyncIterator[EmulatorServer]:
    server = EmulatorServer()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def client(emulator: EmulatorServer) -> AsyncIterator[EmulatorClient]:
    async with emulator.client() as user_side:
        yield user_side


class BotApi:
    """Raw Bot API calls: ``(status, body)`` exactly as the emulator answered."""

    def __init__(self, http: httpx.AsyncClient, base: str, token: str):
        self.http = http
        self.url = f"{base}/bot{token}"

    async def __call__(self, method: str, **params: Any) -> tuple[int, dict[str, Any]]:
        response = await self.http.post(f"{self.url}/{method}", json=params)
        return response.status_code, response.json()

    async def ok(self, method: str, **params: Any) -> Any:
        status, body = await self(method, **params)
        assert status == 200 and body["ok"] is True, body
        return body["result"]


@pytest.fixture
async def api(emulator: EmulatorServer) -> AsyncIterator[BotApi]:
    async with httpx.AsyncClient(timeout=10) as http:
        yield BotApi(http, emulator.base_url, emulator.token)


@pytest.fixture
async def user(client: EmulatorClient) -> dict[str, Any]:
    """A user who has started the bot (so the bot may write to them)."""
    created = await client.create_user("Ann", username="ann")
    await client.start(created["id"])
    return created


def png(width: int = 640, height: int = 480, payload: bytes = b"pixels") -> bytes:
    """A tiny file with a real PNG header (the emulator reads sizes from it)."""
    return (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
        + width.to_bytes(4, "big")
        + height.to_bytes(4, "big")
        + b"\x08\x02\x00\x00\x00"
        + payload
    )
