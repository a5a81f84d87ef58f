"""Round trips per second through the Telegram emulator, over real HTTP.

Starts ``python -m playground.emulator --port 0`` in a separate process, then drives it
from this process: N users each send a message (user API), a bot loop fetches updates with
``getUpdates`` long polling and answers each with ``sendMessage``; a user sends its next
message once the bot has answered the previous one. One round trip = one user message
answered by the bot.

The load generator speaks HTTP/1.1 keep-alive over plain asyncio streams by default
(``--client raw``), so that on a 2-core machine the measurement is about the emulator and
not about the client library; ``--client aiohttp`` uses aiohttp's client instead.
Prints one JSON object per result line.

    python -m bench.emulator_roundtrip [--quick] [--users N] [--seconds S] [--client raw]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

import aiohttp

TOKEN = "123456789:AAEmulatorTestToken"
Post = Callable[[str, dict[str, Any]], Awaitable[Any]]


async def start_emulator() -> tuple[asyncio.subprocess.Process, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "playground.emulator",
        "--port",
        "0",
        "--token",
        TOKEN,
        stdout=asyncio.subprocess.PIPE,
    )
    assert process.stdout is not None
    line = (await process.stdout.readline()).decode()
    if "listening on" not in line:
        process.kill()
        raise RuntimeError(f"emulator did not start: {line!r}")
    return process, line.rsplit(" ", 1)[-1].strip()


class RawConnection:
    """One keep-alive HTTP/1.1 connection; one request at a time."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.reader = reader
        self.writer = writer

    @classmethod
    async def open(cls, host: str, port: int) -> RawConnection:
        reader, writer = await asyncio.open_connection(host, port)
        return cls(reader, writer)

    async def post(self, path: str, payload: dict[str, Any]) -> Any:
        body = json.dumps(payload).encode()
        self.writer.write(
            b"POST %s HTTP/1.1\r\nHost: emulator\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\n\r\n%s" % (path.encode(), len(body), body)
        )
        head = await self.reader.readuntil(b"\r\n\r\n")
        start = head.lower().index(b"content-length:") + 15
        length = int(head[start : head.index(b"\r\n", start)])
        return json.loads(await self.reader.readexactly(length))

    def close(self) -> None:
        self.writer.close()


class RawClient:
    """A pool of :class:`RawConnection` exposing ``post(path, json)``."""

    def __init__(self, base: str, size: int):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.size = size
        self.idle: asyncio.LifoQueue[RawConnection] = asyncio.LifoQueue()
        self.all: list[RawConnection] = []

    async def post(self, path: str, payload: dict[str, Any]) -> Any:
        if self.idle.empty() and len(self.all) < self.size:
            connection = await RawConnection.open(self.host, self.port)
            self.all.append(connection)
        else:
            connection = await self.idle.get()
        try:
            return await connection.post(path, payload)
        finally:
            self.idle.put_nowait(connection)

    async def close(self) -> None:
        for connection in self.all:
            connection.close()


class Bench:
    def __init__(self, post: Post):
        self._post = post
        self.api = f"/bot{TOKEN}"
        self.answered: dict[int, asyncio.Future[float]] = {}
        self.round_trips = 0
        self.latencies: list[float] = []
        self.counting = False
        self.replies: set[asyncio.Task[None]] = set()

    async def post(self, path: str, payload: dict[str, Any]) -> Any:
        body = await self._post(path, payload)
        if not body.get("ok"):
            raise RuntimeError(f"{path}: {body}")
        return body["result"]

    async def bot_loop(self) -> None:
        """Poll, and answer each update concurrently without waiting to poll again."""
        offset = 0
        while True:
            updates = await self.post(
                f"{self.api}/getUpdates", {"offset": offset, "timeout": 1, "limit": 100}
            )
            if updates:
                offset = updates[-1]["update_id"] + 1
            for update in updates:
                task = asyncio.create_task(self.reply(update["message"]))
                self.replies.add(task)
                task.add_done_callback(self.replies.discard)

    async def reply(self, message: dict[str, Any]) -> None:
        chat_id = message["chat"]["id"]
        await self.post(
            f"{self.api}/sendMessage", {"chat_id": chat_id, "text": "echo: " + message["text"]}
        )
        waiter = self.answered.pop(chat_id, None)
        if waiter is not None and not waiter.done():
            waiter.set_result(time.perf_counter())

    async def user_loop(self, user_id: int) -> None:
        loop = asyncio.get_running_loop()
        n = 0
        while True:
            n += 1
            waiter = loop.create_future()
            self.answered[user_id] = waiter
            sent = time.perf_counter()
            await self.post("/_emulator/send/text", {"user_id": user_id, "text": f"m{n}"})
            done = await waiter
            if self.counting:
                self.round_trips += 1
                self.latencies.append(done - sent)


async def measure(bench: Bench, users: int, seconds: float, warmup: float) -> float:
    user_ids = [
        (await bench.post("/_emulator/users", {"first_name": f"Bench {i}"}))["id"]
        for i in range(users)
    ]
    tasks = [asyncio.create_task(bench.bot_loop())]
    tasks += [asyncio.create_task(bench.user_loop(uid)) for uid in user_ids]
    await asyncio.sleep(warmup)  # warm-up, not measured
    bench.counting = True
    started = time.perf_counter()
    await asyncio.sleep(seconds)
    bench.counting = False
    elapsed = time.perf_counter() - started
    for task in [*tasks, *bench.replies]:
        task.cancel()
    for task in [*tasks, *bench.replies]:
        with contextlib.suppress(asyncio.CancelledError):
            await task
    return elapsed


async def run(
    users: int, seconds: float, warmup: float, url: str | None, client: str
) -> dict[str, Any]:
    process, base = (None, url) if url else await start_emulator()
    try:
        if client == "raw":
            raw = RawClient(base, users * 2 + 2)
            try:
                bench = Bench(raw.post)
                elapsed = await measure(bench, users, seconds, warmup)
            finally:
                await raw.close()
        else:
            connector = aiohttp.TCPConnector(limit=users * 2 + 2)
            async with aiohttp.ClientSession(base, connector=connector) as session:

                async def post(path: str, payload: dict[str, Any]) -> Any:
                    async with session.post(path, json=payload) as response:
                        return await response.json()

                bench = Bench(post)
                elapsed = await measure(bench, users, seconds, warmup)
    finally:
        if process is not None:
            process.terminate()
            await asyncio.wait_for(process.wait(), 10)
    latencies = sorted(bench.latencies) or [0.0]
    return {
        "bench": "emulator_roundtrip",
        "client": client,
        "users": users,
        "round_trips": bench.round_trips,
        "seconds": round(elapsed, 3),
        "per_second": round(bench.round_trips / elapsed, 1),
        "latency_ms_p50": round(statistics.median(latencies) * 1000, 2),
        "latency_ms_p99": round(latencies[max(int(len(latencies) * 0.99) - 1, 0)] * 1000, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a short run (a few seconds)")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--client", choices=("raw", "aiohttp"), default="raw")
    parser.add_argument("--url", help="use an emulator already running at this base URL")
    args = parser.parse_args(argv)
    seconds = args.seconds or (2.0 if args.quick else 10.0)
    warmup = 0.5 if args.quick else 1.0
    result = asyncio.run(run(args.users, seconds, warmup, args.url, args.client))
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
