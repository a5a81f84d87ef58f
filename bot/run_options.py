"""How one `aduan run` process runs (`RunOptions`), apart from the settings it shares with
the others: whether it takes updates, its share of the sending limits, how often it looks."""

from __future__ import annotations

from dataclasses import dataclass

from bot.ratelimit import Limits
from bot.settings_values import ListenAddress


@dataclass
class RunOptions:
    """How this process runs; `aduan run` fills it from the settings, tests set it directly.

    Webhook mode is chosen by `webhook_url` (the public URL Telegram posts to) or by
    `webhook_listen` alone: then the server binds there (port 0: any free port) and the URL is
    derived from the bound address. That is for a Bot API server on this machine, such as the
    emulator; real Telegram needs WEBHOOK_URL, an https address in front of the server.
    """

    webhook_url: str | None = None
    webhook_listen: ListenAddress | None = None  # default: the WEBHOOK_LISTEN setting
    intake: bool = True  # this process may poll / serve the webhook once it leads
    limits_share: int = 1  # how many processes send at once (splits the rate limits)
    limits: Limits | None = None  # default: Telegram's, divided by `limits_share`
    poll_timeout: int = 25
    worker_poll_interval: float = 1.0
    scheduler: bool = True  # compete for the scheduler's lock and run its jobs when leading
    leader_check: float = 5.0  # seconds between tries for the intake lock, and checks of it
    intake_retry: float = 10.0  # seconds before trying again when starting intake failed
    webhook_check: float = 60.0  # seconds between questions to Telegram about its deliveries

    @property
    def webhook(self) -> bool:
        return self.webhook_url is not None or self.webhook_listen is not None
