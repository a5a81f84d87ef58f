"""Read models and bookkeeping for the scheduler and reports, in SQLAlchemy Core.

They work on an open `SqlUnitOfWork` (its session, dialect and clock) and, like repositories,
never commit. They are not domain ports: the domain has no opinion on how a digest or a report
is counted, only on what a ticket is.
"""
