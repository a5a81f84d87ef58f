"""Framework-free conversation logic: what the bot says and does for each incoming event.

Nothing here imports a Telegram library or the bot runtime; handlers get an `Incoming` and a
unit of work, and say things by queueing `Outbound` messages that commit with their changes.
"""
