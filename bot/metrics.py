"""Prometheus metrics (`METRICS_LISTEN`): what an operator watches to see the bot keep up.

Counters and a latency histogram are kept as things happen (prometheus-client, in this
process's default registry); the queue lengths are read from the database every
`BACKLOG_EVERY` seconds, since they are the shared state of all worker processes. Each
process serves its own /metrics (with WORKERS=N, worker i on port + i); Prometheus sums them.
"""

from __future__ import annotations

import asyncio
import logging
from wsgiref.simple_server import WSGIServer

from prometheus_client import Counter, Gauge, Histogram, start_http_server

from bot.settings_values import ListenAddress
from domain.clock import pause
from storage.database import Database

log = logging.getLogger(__name__)

BACKLOG_EVERY = 15.0  # seconds

UPDATES_HANDLED = Counter("aduan_updates_handled", "Telegram updates handled and committed.")
UPDATES_FAILED = Counter("aduan_updates_failed", "Handling attempts that failed (retried).")
HANDLE_SECONDS = Histogram(
    "aduan_update_handle_seconds",
    "Time to handle one update, its transaction included.",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
)
MESSAGES_SENT = Counter("aduan_messages_sent", "Outbox messages Telegram accepted.")
MESSAGES_FAILED = Counter(
    "aduan_messages_not_sent", "Outbox sends that did not go through, by outcome.", ["outcome"]
)
INBOX_BACKLOG = Gauge("aduan_inbox_backlog", "Updates stored and not yet handled (all workers).")
OUTBOX_BACKLOG = Gauge("aduan_outbox_backlog", "Messages queued and not yet sent (all workers).")


class MetricsServer:
    def __init__(self, db: Database, listen: ListenAddress) -> None:
        self.db = db
        self.listen = listen
        self._server: WSGIServer | None = None

    @property
    def port(self) -> int | None:
        return self._server.server_port if self._server is not None else None

    def start(self) -> None:
        self._server, _thread = start_http_server(self.listen.port, self.listen.host)
        log.info("metrics at /metrics", extra={"fields": {"port": self.port}})

    async def run(self, stop: asyncio.Event) -> None:
        """Refresh the queue lengths until `stop`."""
        while not stop.is_set():
            try:
                async with self.db.uow(read_only=True) as uow:
                    INBOX_BACKLOG.set(await uow.inbox.backlog())
                    OUTBOX_BACKLOG.set(await uow.outbox_queue.backlog())
            except Exception:
                log.warning("could not read the queue lengths for the metrics", exc_info=True)
            await pause(stop, BACKLOG_EVERY)

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
