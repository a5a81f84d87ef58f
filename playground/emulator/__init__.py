"""A local Telegram Bot API emulator for tests, benchmarks and the web playground.

Bots (python-telegram-bot, aiogram, or raw HTTP) talk to it exactly as to
api.telegram.org; tests act as users through :class:`EmulatorClient` or the JSON API under
``/_emulator/``. See :class:`EmulatorServer`.
"""

from playground.emulator.client import EmulatorClient, EmulatorError
from playground.emulator.server import DEFAULT_TOKEN, EmulatorServer

__all__ = ["DEFAULT_TOKEN", "EmulatorClient", "EmulatorError", "EmulatorServer"]
