"""A request for a file the scheduler produces (a report, an export, the audit log, a poster,
a citizen's /mydata): recorded by a command, answered later in the chat it came from.

Commands (handlers) write it and the scheduler (through storage) reads it back, so the shape
lives in the inner layer both may import.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

PENDING = "pending"


@dataclass
class ReportRequest:
    kind: str  # report | export | audit | poster | mydata
    chat_id: int
    period_start: datetime
    period_end: datetime
    label: str
    language: str = "id"
    thread_id: int | None = None
    requested_by: int | None = None
    status: str = PENDING
    id: int | None = None
