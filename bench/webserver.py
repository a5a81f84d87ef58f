"""`python -m bench.webserver --database URL [--schema S] --port P`: the public site in its own
process, as `aduan web` runs it (uvicorn, one process), with a PostgreSQL schema if asked."""

from __future__ import annotations

import argparse
import asyncio

from storage.database import Database
from web.config import WebConfig
from web.server import server
from web.site import Site


async def serve(args: argparse.Namespace) -> None:
    site = Site(Database(args.database, schema=args.schema), WebConfig(cache_seconds=30))
    runner = server(site, host="127.0.0.1", port=args.port)
    task = asyncio.create_task(runner.serve())
    while not runner.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.02)
    print("ready", flush=True)
    await task
    await site.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.webserver")
    parser.add_argument("--database", required=True)
    parser.add_argument("--schema")
    parser.add_argument("--port", type=int, required=True)
    asyncio.run(serve(parser.parse_args()))


if __name__ == "__main__":
    main()
