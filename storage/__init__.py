"""Persistence: SQLModel tables, the engine and unit of work, repositories, Alembic migrations.

Entry points: `storage.database.Database` (engine + `uow()` factory), `storage.uow.SqlUnitOfWork`
(domain.ports.UnitOfWork plus the runtime's inbox/outbox_queue/links/drafts), and
`storage.migrate` (upgrade/check from code). Imports point inward: storage knows the domain,
never the bot or the handlers.
"""
