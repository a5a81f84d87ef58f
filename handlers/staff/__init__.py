"""The staff side: the complaint unit and agency officers working in Telegram groups.

Entry points others call: `staff_router()` (handlers.routes), `accept_invite(turn, token)`
(the /start handler, for `s_<token>` deep links) and `ensure_superadmins` (the runtime).
"""
