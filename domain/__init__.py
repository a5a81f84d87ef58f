"""The complaint lifecycle, free of any framework, database or Telegram library.

Everything here is plain Python so that the rules a city's complaint unit works by can be read,
tested and changed without touching the bot or the storage.
"""
