"""/report and /export for admins: parse the period, check the role, record the request.

The report itself is built by the scheduler's leader (scheduler/reports), never in the inbox
worker: it takes up to seconds and must not hold a chat's queue or SQLite's write lock.
"""
