"""The citizen's side of the bot, in their private chat: filing a complaint, following it,
adding information, confirming or reopening the fix, rating it. The flow is drawn in
intake.mmd; handlers/notices/citizen.py says what the citizen is told when a ticket changes.

Every handler here runs through `identity.for_citizens` (the citizen row, bans, flooding),
keeps its state in the `draft` table, and takes its texts from citizen.ftl. The router is
assembled in `handlers.citizen.routes`, so that importing a helper from this package (the
notices use `format`) does not import every conversation.
"""
