"""PostgreSQL NOTIFY channels (see storage.wakeups), named after the schema on both sides so
that deployments sharing a database, one schema each, do not wake each other."""

from __future__ import annotations

from sqlalchemy import text

INBOX = "aduan_inbox"  # new inbox rows were committed
SETTINGS = "aduan_settings"  # a setting was changed (/sla): reload what is kept in memory
CHANNEL = text("SELECT :base || '_' || current_schema()")
NOTIFY = text("SELECT pg_notify((SELECT :base || '_' || current_schema()), '')")
