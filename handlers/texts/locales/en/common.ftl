start-greeting =
    Hello { $name }! This is the official complaint service of { $city }. 🙏
    Report a public-service problem here: we verify it within 1 working day, and the responsible agency responds within 2×24 hours.
ping-pong = pong 🏓 — the service is running normally.
error-generic = Sorry, something went wrong on our side. Your message is saved and we will process it as soon as possible.
error-not-found = Sorry, we could not find that.
error-forbidden = Sorry, you are not allowed to do this.
error-invalid-transition = This action no longer applies to the complaint's current status.
error-validation = Please check again: { $detail }
error-concurrent = Someone else has just changed this complaint. Please try again.
error-already-claimed = This complaint is already being handled by { $name }.
unknown-command = Sorry, I don't know that command. Type /help to see what I can do.
staff-alert-dead-letter = ⚠️ An update could not be processed after { $attempts } attempts (update { $update_id }): { $error }
staff-alert-unreachable = ⚠️ Messages to chat { $chat_id } cannot be delivered: { $reason }. The chat is marked unreachable.
staff-alert-failed = ⚠️ A message to chat { $chat_id } failed: { $reason }
staff-alert-migrated = ℹ️ Group { $old_id } became supergroup { $new_id }; its links are updated.
staff-alert-webhook-error = ⚠️ Telegram could not deliver updates to the bot: { $error } (last at { $when }). Telegram keeps retrying for a while, so nothing is lost yet; if this comes back, check WEBHOOK_URL and the reverse proxy in front of the bot.
