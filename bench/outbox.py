"""`bench outbox`: draining a queue of notifications within Telegram's limits.

Method. 10,000 notifications (`--quick`: 300) are queued in the outbox of a seeded database
before the bot starts, interleaved over 2,000 private chats and 10 groups (8% to the groups,
ahead in the queue so that they are sent at their own limit of 20/min for most of the run).
The emulator runs in its own process with Telegram's limits enforced (`set_limits`): ~1/s per
private chat with bursts of 3, 20/min per group, 30/s overall; a message over a limit gets 429.
The real runtime (aduan, its sender and its `SendLimiter` at their defaults) then drains the
queue. Reported, from the emulator's own send times:
- messages/s from the first send to the last, against the 30/s ceiling (goal ≥ 95%);
- the 429s the emulator gave (goal 0);
- the most messages any group received in a 60-second window (Telegram allows 20).

    python -m bench outbox [--quick] [--messages N] [--database sqlite|postgres] [--keep]
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import time
from pathlib import Path
from typing import Any

from bench.common import (
    TOKEN,
    BenchError,
    CpuMeter,
    database,
    emit,
    emulator,
    read_line,
    spawn,
    workdir,
)
from bench.feed import UserApi, connect
from bench.load import create_users

CEILING = 30.0
PRIVATE_CHATS, GROUPS = 2_000, 10
GROUP_SHARE = 0.08


def plan(messages: int, private: list[int], groups: list[int]) -> list[int]:
    """The chat of each queued message, in queue order: the group messages spread over the
    first half of the queue, the private ones round-robin over every private chat."""
    in_groups = round(messages * GROUP_SHARE) if groups else 0
    order: list[int] = []
    group_every = max(1, (messages // 2) // max(1, in_groups))
    g = p = 0
    for n in range(messages):
        if g < in_groups and n % group_every == 0:
            order.append(groups[g % len(groups)])
            g += 1
        else:
            order.append(private[p % len(private)])
            p += 1
    return order


async def enqueue(url: str, chats: list[int]) -> None:
    from domain.outbound import Outbound
    from storage.database import Database

    db = Database(url)
    try:
        for start in range(0, len(chats), 1000):
            async with db.uow() as uow:
                await uow.outbox.add_all(
                    [
                        Outbound(chat_id=chat, text=f"Pemberitahuan {start + i + 1}: status tiket")
                        for i, chat in enumerate(chats[start : start + 1000])
                    ]
                )
                await uow.commit()
    finally:
        await db.dispose()


async def unsent(url: str) -> int:
    from storage.database import Database

    db = Database(url)
    try:
        async with db.uow(read_only=True) as uow:
            counts = await uow.outbox_queue.counts()
    finally:
        await db.dispose()
    return counts.get("pending", 0) + counts.get("sending", 0)


def busiest_minute(times: list[float]) -> int:
    """The most sends within any 60-second window."""
    ordered = sorted(times)
    return max(
        (bisect.bisect_right(ordered, t + 60.0 - 1e-9) - i for i, t in enumerate(ordered)),
        default=0,
    )


async def run(messages: int, backend: str, keep: bool, deadline: float) -> dict[str, Any]:
    with workdir(keep) as directory:
        async with (
            emulator(directory) as (base, emu),
            database(backend, directory) as url,
            connect(base) as session,
        ):
            api = UserApi(session)
            private, groups = await _chats(api, session, min(PRIVATE_CHATS, messages))
            await enqueue(url, plan(messages, private, groups))
            await api.post("/limits", {"enabled": True})
            return await _drain(api, url, base, emu.pid, messages, directory, deadline)


async def _chats(api: UserApi, session: Any, private: int) -> tuple[list[int], list[int]]:
    """Private chats that have started the bot, and groups the bot is in; the updates this
    causes are dropped (the bot is not running yet) so that only the queue is measured."""
    users = await create_users(api, private, "Penerima")
    ids = [int(u["id"]) for u in users]
    for start in range(0, len(ids), 100):
        await asyncio.gather(*(api.command(uid, "start") for uid in ids[start : start + 100]))
    groups = []
    for n in range(GROUPS):
        chat = await api.post("/chats", {"kind": "group", "title": f"OPD {n}", "members": ids[:1]})
        groups.append(int(chat["chat"]["id"]))
    async with session.post(
        f"/bot{TOKEN}/deleteWebhook", json={"drop_pending_updates": True}
    ) as response:
        if not (await response.json()).get("ok"):
            raise BenchError("could not drop the setup's updates")
    return ids, groups


async def _drain(
    api: UserApi,
    url: str,
    base: str,
    emulator_pid: int,
    messages: int,
    directory: Path,
    deadline: float,
) -> dict[str, Any]:
    args = ["-m", "bench.botproc", "aduan", "--base-url", base, "--database", url]
    bot = await spawn(args, directory / "aduan-outbox.log")
    started = time.perf_counter()
    try:
        await read_line(bot, "ready", timeout=60)
        meter = CpuMeter(
            {"bot": [bot.pid], "emulator": [emulator_pid]}, postgres=url.startswith("postgres")
        )
        meter.start()
        while (left := await unsent(url)) > 0:
            if time.perf_counter() - started > deadline:
                raise BenchError(f"outbox: {left} messages still unsent after {deadline:.0f} s")
            await asyncio.sleep(1.0)
        used = meter.stop()
    except BenchError as exc:
        raise BenchError(f"{exc}\n--- bot log:\n{bot.tail()}") from exc
    finally:
        await bot.stop()
    stats = await api.get("/limits")
    return _figures(stats, messages, used, meter)


def _figures(
    stats: dict[str, Any], messages: int, used: dict[str, float], meter: CpuMeter
) -> dict[str, Any]:
    times = {int(chat): list(ts) for chat, ts in stats["send_times"].items()}
    every = sorted(t for ts in times.values() for t in ts)
    span = every[-1] - every[0] if len(every) > 1 else 0.0
    rate = (len(every) - 1) / span if span else 0.0
    group_peaks = [busiest_minute(ts) for chat, ts in times.items() if chat < 0]
    return {
        "bench": "outbox",
        "messages": messages,
        "sent": len(every),
        "seconds": round(span, 1),
        "messages_per_s": round(rate, 2),
        "of_ceiling": round(rate / CEILING, 3),
        "goal_95_percent": rate / CEILING >= 0.95,
        "retry_after_429s": stats["rejected"],
        "goal_zero_429": stats["rejected"] == 0,
        "max_group_per_minute": max(group_peaks, default=0),
        "sent_per_10s": _per_10s(every),
        "group_limit_per_minute": 20,
        "bot_cpu_s": round(used["bot"], 2),
        "emulator_cpu_s": round(used["emulator"], 2),
        "machine_cpu_busy": round(meter.machine_utilisation, 2),
        "others_cpu_share": round(meter.others_share, 2),
    }


def _per_10s(times: list[float]) -> list[int]:
    """Messages sent in each 10-second stretch from the first: where the rate sagged."""
    if not times:
        return []
    buckets = [0] * (int((times[-1] - times[0]) // 10) + 1)
    for t in times:
        buckets[int((t - times[0]) // 10)] += 1
    return buckets


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    parser = argparse.ArgumentParser(prog="python -m bench outbox", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="300 messages (~10 s of sending)")
    parser.add_argument("--messages", type=int)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--keep", action="store_true", help="keep logs and databases")
    args = parser.parse_args(argv)
    messages = args.messages or (300 if args.quick else 10_000)
    deadline = 60 + messages / 20  # far beyond 29/s, but bounded
    return [emit(asyncio.run(run(messages, args.database, args.keep, deadline)))]


if __name__ == "__main__":
    main()
