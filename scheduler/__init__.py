"""The scheduler: SLA reminders and escalations, auto-close, draft upkeep, daily digests,
weekly reports, report requests, outbox health and cleanup.

Every job is a plain `async def job(uow_factory, life, texts, now, ...)` that tests call
directly with a FakeClock time; `scheduler.service.Scheduler` only triggers them with
APScheduler, in the one process that holds the scheduler's advisory lock. Every job keeps its
state in the database and is idempotent: running it twice in a row sends nothing twice.
"""
