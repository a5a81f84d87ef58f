"""``python -m playground.emulator`` standalone, and the benchmark's output format."""

from __future__ import annotations

import asyncio
import json
import sys

import httpx


async def test_standalone_server_prints_base_url_and_serves() -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "playground.emulator",
        "--port",
        "0",
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        first = (await asyncio.wait_for(process.stdout.readline(), 20)).decode()
        second = (await asyncio.wait_for(process.stdout.readline(), 5)).decode()
        assert first.startswith("Emulator listening on http://127.0.0.1:")
        base = first.rsplit(" ", 1)[-1].strip()
        token = second.split()[2]
        async with httpx.AsyncClient() as http:
            me = (await http.get(f"{base}/bot{token}/getMe")).json()
        assert me["result"]["username"] == "aduan_bot"
    finally:
        process.terminate()
        assert await asyncio.wait_for(process.wait(), 10) == 0


async def test_benchmark_prints_one_json_object_per_line() -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bench.emulator_roundtrip",
        "--users",
        "5",
        "--seconds",
        "0.3",
        stdout=asyncio.subprocess.PIPE,
    )
    out, _ = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0
    lines = out.decode().strip().splitlines()
    result = json.loads(lines[-1])
    assert result["bench"] == "emulator_roundtrip"
    assert result["round_trips"] > 0 and result["per_second"] > 0
