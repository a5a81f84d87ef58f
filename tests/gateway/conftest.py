"""Fixtures for the gateway e2e tests: a fresh emulator on a free port, a user-side client,
and a started gateway for each library (every e2e test runs once per library)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.gateway import LIBRARIES, TelegramGateway, make_gateway
from playground.emulator.client import EmulatorClient
from playground.emulator.server import EmulatorServer

# Short, so that "hang" faults turn into timeouts quickly.
E2E_REQUEST_TIMEOUT = 1.5


@pytest.fixture
async def emulator() -> AsyncIterator[EmulatorServer]:
    server = EmulatorServer()
    await server.start(port=0)
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def client(emulator: EmulatorServer) -> AsyncIterator[EmulatorClient]:
    async with emulator.client() as user_side:
        yield user_side


@pytest.fixture(params=LIBRARIES)
async def gateway(
    request: pytest.FixtureRequest, emulator: EmulatorServer
) -> AsyncIterator[TelegramGateway]:
    gw = make_gateway(
        request.param, emulator.token, emulator.base_url, request_timeout=E2E_REQUEST_TIMEOUT
    )
    await gw.start()
    try:
        yield gw
    finally:
        await gw.close()


@pytest.fixture
async def both(emulator: EmulatorServer) -> AsyncIterator[dict[str, TelegramGateway]]:
    """One gateway per library on the same bot, to cross-parse what the other fetched."""
    gateways = {lib: make_gateway(lib, emulator.token, emulator.base_url) for lib in LIBRARIES}
    for gw in gateways.values():
        await gw.start()
    try:
        yield gateways
    finally:
        for gw in gateways.values():
            await gw.close()
