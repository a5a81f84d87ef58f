"""Who is told what when a ticket changes: the domain's Notifier, implemented with our texts."""

from handlers.notices.notifier import TicketNotifier

__all__ = ["TicketNotifier"]
