"""``python -m playground.emulator --port 8081``: run the emulator standalone.

Prints the base URL and the accepted token(s) on stdout (flushed, so a parent process can
read them), then serves until interrupted or terminated.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from playground.emulator.server import DEFAULT_TOKEN, EmulatorServer
from playground.emulator.signals import until_signalled


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m playground.emulator", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081, help="0 picks a free port")
    parser.add_argument(
        "--token",
        action="append",
        dest="tokens",
        help=f"bot token to pre-register (repeatable; default {DEFAULT_TOKEN})",
    )
    parser.add_argument("--username", default="aduan_bot", help="the default bot's username")
    parser.add_argument("--no-privacy", action="store_true", help="group privacy mode off")
    return parser.parse_args(argv)


async def serve(args: argparse.Namespace) -> None:
    server = EmulatorServer(
        tokens=args.tokens or [DEFAULT_TOKEN],
        bot_username=args.username,
        privacy_mode=not args.no_privacy,
    )
    base_url = await server.start(args.host, args.port)
    print(f"Emulator listening on {base_url}", flush=True)
    for token in server.tokens:
        print(f"Bot token: {token}  (any <digits>:<secret> token is accepted)", flush=True)
    print(f"Bot API: {base_url}/bot<token>/<method>   user API: {base_url}/_emulator/", flush=True)
    try:
        await until_signalled()
    finally:
        await server.stop()


def main(argv: list[str] | None = None) -> int:
    asyncio.run(serve(parse_args(argv)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
