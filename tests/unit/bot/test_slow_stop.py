"""A stop that takes too long names where each task waits (bot.runtime's watchdog report)."""

from __future__ import annotations

import asyncio

from bot.runtime import _awaiting


async def _flush(release: asyncio.Event) -> None:
    await release.wait()


async def _sender(release: asyncio.Event) -> None:
    await _flush(release)


async def test_a_suspended_task_is_described_by_its_chain_of_awaits() -> None:
    release = asyncio.Event()
    task = asyncio.create_task(_sender(release), name="sender")
    await asyncio.sleep(0)  # let it reach its wait
    chain = _awaiting(task)
    assert chain.startswith("_sender:") and "> _flush:" in chain
    assert chain.split(" > ")[-1].startswith("wait:")  # down to Event.wait
    release.set()
    await task
