"""METRICS_LISTEN: the running bot serves Prometheus metrics that move with its work."""

from __future__ import annotations

import socket

import httpx
import pytest

from tests.e2e.harness import Harness
from tests.e2e.runtime.support import (
    drop_pending_updates,
    fast,
    pong,
    start_runtime,
    wait_until,
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _value(text: str, name: str) -> float:
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    raise AssertionError(f"{name} not in /metrics")


@pytest.mark.parametrize("h", [("ptb", "sqlite")], indirect=True, ids=["ptb-sqlite"])
async def test_metrics_count_what_the_bot_does(h: Harness) -> None:
    user = (await h.citizen("Rina", "en"))["id"]
    await drop_pending_updates(h.emulator)
    port = _free_port()
    runtime = await start_runtime(h, fast(), METRICS_LISTEN=f"127.0.0.1:{port}")
    assert runtime.metrics is not None and runtime.metrics.port == port
    url = f"http://127.0.0.1:{port}/metrics"
    async with httpx.AsyncClient() as client:

        async def scrape() -> str:
            return (await client.get(url)).text

        before = await scrape()
        await h.client.send_command(user, "ping")
        assert [m["text"] for m in await h.client.wait_for_messages(user, 1)] == [pong()]
        sent = "aduan_messages_sent_total"

        async def recorded() -> bool:  # the sender counts once it has written "sent"
            return _value(await scrape(), sent) >= _value(before, sent) + 1

        await wait_until(recorded, within=10, what="the reply counted as sent")
        after = await scrape()
        handled = "aduan_updates_handled_total"
        assert _value(after, handled) == _value(before, handled) + 1
        assert _value(after, "aduan_update_handle_seconds_count") >= 1
        assert "aduan_inbox_backlog" in after and "aduan_outbox_backlog" in after
        await runtime.stop()
        with pytest.raises(httpx.ConnectError):  # the server went with the bot
            await client.get(url, timeout=2)
