start-greeting =
    Hello { $name }! This is the official complaint service of { $city }. 🙏
    Report a public-service problem here: we verify it within 1 working day, and the responsible agency responds within 2×24 hours.
ping-pong = pong 🏓 — the service is running normally.
error-generic = Sorry, something went wrong on our side. Your message is saved and we will process it as soon as possible.
error-not-found = Sorry, we could not find that.
error-forbidden = Sorry, you are not allowed to do this.
error-invalid-transition = This action no longer applies to the complaint's current status.
error-invalid-too-short = { $field ->
        [description] The description
        [address] The address
       *[other] The text
    } has { $count } characters; please write at least { $min }.
error-invalid-too-long = { $field ->
        [description] The description
        [address] The address
        [comment] The comment
       *[other] The text
    } has { $count } characters; at most { $max } are possible. Please shorten it.
error-invalid-bad-file = One of the files could not be read. Please send it again.
error-invalid-too-many-photos = At most { $max } photos can be sent at a time.
error-invalid-bad-location = That location could not be read. Please send it again, or type the address.
error-invalid-unknown-category = Please choose one of the listed categories.
error-invalid-bad-rating = Please rate with 1 to 5 stars.
error-invalid-empty-info = Please send some text or a photo.
error-invalid-needs-photo = Please send at least one photo.
error-invalid-album-not-started = These photos belong to no reply or resolution. Please reply to the card again with the photos and their text.
error-invalid-which-agency = Please say which agency the complaint moves away from.
error-invalid-same-agency = The complaint is already with that agency.
error-invalid-no-agency = Please choose at least one agency.
error-invalid-inactive-agency = That agency is not active any more. Please choose another one.
error-invalid-unit-agency = The complaint unit cannot be given a complaint as an agency.
error-invalid-agency-has-it = { $agency } already has this complaint.
error-invalid-no-default-agency = This category has no default agency: choose the agencies with Verify & send.
error-invalid-unknown-duplicate = Please give the tracking code of another existing complaint (e.g. ADU-7K3Q9X).
error-invalid-bad-code = That is not a tracking code like ADU-7K3Q9X.
error-invalid-bad-duration = “{ $value }” is not a duration like 1wd, 4wh or 48h.
error-invalid-reason-after-code = Please write the reason after the agency's code, e.g. "pdam The pipe belongs to PDAM".
error-invalid-other = Please check what you sent and try again.
error-concurrent = Someone else has just changed this complaint. Please try again.
error-already-claimed = This complaint is already being handled by { $name }.
unknown-command = Sorry, I don't know that command. Type /help to see what I can do.
staff-alert-dead-letter = ⚠️ An update could not be processed after { $attempts } attempts (update { $update_id }): { $error }
staff-alert-unreachable = ⚠️ Messages to chat { $chat_id } cannot be delivered: { $reason }. The chat is marked unreachable.
staff-alert-failed = ⚠️ A message to chat { $chat_id } failed: { $reason }
staff-alert-migrated = ℹ️ Group { $old_id } became supergroup { $new_id }; its links are updated.
staff-alert-webhook-error = ⚠️ Telegram could not deliver updates to the bot: { $error } (last at { $when }). Telegram keeps retrying for a while, so nothing is lost yet; if this comes back, check WEBHOOK_URL and the reverse proxy in front of the bot.
