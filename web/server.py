"""`aduan web`: the public site under uvicorn, in one process (run several behind a balancer).

Stateless: it reads the bot's database and writes only what Open311 POST files (through the
bot's own use case), so any number of these can run beside the bot on PostgreSQL.
"""

from __future__ import annotations

import logging

import uvicorn

from storage.database import Database
from web.app import create_app, secured
from web.config import WebConfig
from web.site import Site

log = logging.getLogger(__name__)


def server(site: Site, *, host: str, port: int, log_level: str = "warning") -> uvicorn.Server:
    config = uvicorn.Config(
        secured(create_app(site), site),
        host=host,
        port=port,
        log_level=log_level.lower(),
        access_log=False,  # request lines carry tracking codes and tokens: not for logs
        proxy_headers=True,  # behind the city's TLS reverse proxy
        server_header=False,
        lifespan="off",
    )
    return uvicorn.Server(config)


async def serve(database_url: str, config: WebConfig, log_level: str = "WARNING") -> None:
    site = Site(Database(database_url), config)
    try:
        await server(site, host=config.host, port=config.port, log_level=log_level).serve()
    finally:
        await site.close()
