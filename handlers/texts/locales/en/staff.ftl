## Staff side: the complaint unit and agency officers in their groups.

staff-denied = Sorry, this action is for authorised staff only. The attempt has been recorded.
staff-button-invalid = This button is not valid any more.
staff-command-where = Please use this command in a private chat with me or in the complaint unit's group.

## Cards

staff-card-unit-title = 🆕 <b>{ $code }</b> · { $category }
staff-card-agency-title = 📨 <b>{ $code }</b> · { $category }
staff-card-place = 📍 { $place }
staff-card-reporter = 👤 { $reporter }
staff-card-filed = 🕑 Filed { $when } ({ $age } ago)
staff-card-paused = ⏸ Clock paused: waiting for the citizen's answer
staff-card-status = 📌 <b>{ $status }</b>
staff-card-share = • { $agency }: { $status }
staff-card-with-officer = { $status } — { $officer }
staff-card-step = <code>{ $at }</code> { $what } — { $who }
staff-deadline-verify = ⏳ Verify by { $when }
staff-deadline-first-response = ⏳ First response by { $when }
staff-deadline-resolve = ⏳ Resolve by { $when }
staff-deadline-confirm = ⏳ Citizen confirms by { $when }
staff-age-minutes = { $n } min
staff-age-hours = { $n } h
staff-age-days = { $n } days
staff-actor-citizen = reporter
staff-actor-system = system

staff-status-submitted = Waiting for verification
staff-status-on-hold = On hold: waiting for the citizen
staff-status-dispatched = Sent to the agency
staff-status-in-progress = In progress
staff-status-need-info = Waiting for the citizen's information
staff-status-resolved = Resolved: waiting for the citizen's confirmation
staff-status-closed = Closed
staff-status-rejected = Rejected
staff-status-cancelled = Cancelled by the citizen

staff-share-dispatched = New, not claimed yet
staff-share-in-progress = In progress
staff-share-need-info = Waiting for the citizen
staff-share-resolved = Resolved
staff-share-handed-back = Handed back (not ours)
staff-share-closed = Closed

staff-ev-submit = 🆕 filed
staff-ev-verify = ✅ verified, sent to { $agencies }
staff-ev-dispatch = 📨 sent to { $agencies }
staff-ev-hold = ❓ asked the citizen first
staff-ev-citizen-add-info = 📎 citizen added information
staff-ev-reject = 🚫 rejected ({ $reason })
staff-ev-claim = 👷 claimed
staff-ev-reply = 💬 replied to the citizen
staff-ev-note = 🔒 internal note
staff-ev-request-info = ❓ asked the citizen for information
staff-ev-resolve = 🔧 resolved
staff-ev-album-photos = 📷 more photos
staff-ev-confirm = ✅ confirmed solved
staff-ev-rate = ⭐ rated { $rating }/5
staff-ev-reopen = 🔁 reopened
staff-ev-hand-back = ↩️ handed back: not ours
staff-ev-transfer = 🔀 transferred to { $agencies }
staff-ev-cancel = ✖️ cancelled
staff-ev-auto-close = 🔒 closed automatically

staff-btn-verify = ✅ Verify & send
staff-btn-hold = ❓ Hold, ask citizen
staff-btn-reject = 🚫 Reject
staff-btn-send = 📨 Send
staff-btn-back = ↩️ Back
staff-btn-claim = 👷 Claim
staff-btn-reply = 💬 Reply
staff-btn-info = ❓ Ask for info
staff-btn-resolve = 🔧 Resolve
staff-btn-notours = 🔀 Not ours
staff-reason-spam = Spam
staff-reason-incomplete = Incomplete
staff-reason-duplicate = Duplicate
staff-reason-not-public-service = Not a public service

## Callback answers (only the presser sees them)

staff-answer-pick = Choose one or more agencies, then press Send.
staff-answer-pick-one = Please choose at least one agency.
staff-answer-sent = Sent ✅
staff-answer-rejected = Rejected. The citizen has been told why.
staff-answer-prompted = Please reply to my message below.
staff-answer-claimed = It's yours ✅
staff-answer-reply-howto = Reply to the card (or to the citizen's message) with text or photos: it goes to the citizen as a reply from your agency. Start with /note to keep it internal.

## Prompts: answered by replying to them

staff-prompt-hold = { $who }, reply to this message with your question for the citizen about <b>{ $code }</b>.
staff-prompt-duplicate = { $who }, reply to this message with the tracking code of the complaint that <b>{ $code }</b> duplicates.
staff-prompt-where = { $who }, reply to this message with where the citizen should go instead (office, phone or website) for <b>{ $code }</b>.
staff-prompt-info = { $who }, reply to this message with your question for the citizen about <b>{ $code }</b>. The clock pauses until they answer.
staff-prompt-resolve = { $who }, reply to this message with the resolution note for <b>{ $code }</b>: what was done, where and when. You may send a photo of the result with the note as its caption.
staff-prompt-notours =
    { $who }, reply to this message with the reason <b>{ $code }</b> is not your agency's.
    To hand it straight to the responsible agency, begin with its code, e.g. "pdam The pipe belongs to PDAM". Codes: { $codes }.
    Without a code it goes back to the complaint unit.
staff-prompt-not-yours = This question is waiting for { $name }. Please use the card's buttons yourself.
staff-resolve-needs-note = A resolution needs a note saying what was done. Please reply again with the note (a photo alone is not enough).
staff-done-hold = ✅ Your question has been sent to the citizen.
staff-done-duplicate = ✅ Rejected as a duplicate; the citizen has the original's code.
staff-done-where = ✅ Rejected; the citizen has been told where to go.
staff-done-info = ✅ Your question has been sent to the citizen.
staff-done-resolve = ✅ Marked resolved; the citizen will confirm.
staff-done-notours = ✅ Passed on; the citizen has been told who has it now.
staff-done-reply = ✅ Sent to the citizen.
staff-done-note = 🔒 Saved as an internal note (the citizen does not see it).
staff-photo-only = (photo)
staff-unit-card-hint = Use the card's buttons to act on this complaint, or /note to add an internal note.
staff-note-usage = Reply to a complaint's card or message with <code>/note your text</code> to add an internal note.

## Posts under cards

staff-under-info =
    📎 The reporter added information to <b>{ $code }</b>:
    { $text }
staff-under-confirmed = ✅ The reporter confirmed that <b>{ $code }</b> is solved. Thank you!
staff-under-auto-closed = 🔒 <b>{ $code }</b> was closed automatically: the reporter did not answer in time.
staff-under-rated = ⭐ Rating for <b>{ $code }</b>: { $stars }
staff-under-reopened =
    🔁 The reporter reopened <b>{ $code }</b> (reopened { $count } times):
    { $reason }
staff-supervisor-reopened =
    🔁 Supervisor notice: complaint <b>{ $code }</b> was reopened by the reporter (reopened { $count } times).
    Reason: { $reason }

## Alerts to the complaint unit

staff-alert-no-group = ⚠️ { $agency } has no linked group, so complaint { $code } could not be posted to it. Add me to their group and send /link there.
staff-alert-unlinked = ⚠️ I was removed from the group of { $agency } (chat { $chat_id }). New complaints for it cannot be posted until a group is linked again with /link.

## Templates

staff-tpl-list = Canned responses (reply to a card with <code>/tpl name</code>):
staff-tpl-none = Your agency has no canned responses yet. An admin can add one with /template add.
staff-tpl-unknown = There is no canned response called “{ $name }”. Send /tpl to list them.
staff-tpl-usage = Reply to a complaint's card with <code>/tpl name</code> to send that response.

## Onboarding

staff-role-citizen = citizen
staff-role-officer = officer
staff-role-supervisor = supervisor
staff-role-admin = admin
staff-role-superadmin = superadmin
staff-role-system = system
staff-invite-created =
    Invite link for a new { $role } of { $agency } (one use, valid until { $expires }):
    { $link }
staff-invite-invalid = Sorry, this invite link is not valid. Please ask an admin for a new one.
staff-invite-used = Sorry, this invite link has already been used. Please ask an admin for a new one.
staff-invite-expired = Sorry, this invite link has expired. Please ask an admin for a new one.
staff-invite-already-staff = You are already registered as staff. Ask an admin if your role or agency should change.
staff-invite-welcome = Welcome! You are now { $role } of { $agency }. You will find the complaints in your agency's group; I will message you here when something needs your attention.
staff-invite-accepted = ✅ { $name } joined { $agency } as { $role }.
staff-list-title = Active staff ({ $count }):
staff-removed = { $name } (#{ $id }) has been removed from staff.

## Linking groups

staff-link-in-group = Send /link in the group you want to link.
staff-linked = ✅ This group is now linked to { $agency }. Its complaints will be posted here.
staff-linked-forum = ✅ This group is now linked to { $agency }. Each complaint gets its own topic here.
staff-hello-group = Hello! An admin can link this group to an agency with <code>/link agency-code</code> (or <code>/link admin</code> for the complaint unit).

## Admin commands

staff-pending-empty = The verification queue is empty. 🎉
staff-pending-title = Verification queue ({ $count }):
staff-pending-line = <code>{ $code }</code> · { $category } · { $status } · { $when }
staff-ticket-history = History (internal entries marked 🔒):
staff-audit-title = Audit trail of <b>{ $code }</b> ({ $count } entries):
staff-assigned = ✅ { $code } has been sent to { $agency }.
staff-transferred = ✅ { $code } has been transferred to { $agency }.
staff-transfer-default-reason = Transferred by the complaint unit.
staff-banned = 🚫 { $reporter } can no longer file complaints.
staff-unbanned = ✅ { $reporter } can file complaints again.
staff-agencies-title = Agencies:
staff-group-none = no group
staff-group-linked = group linked
staff-group-inactive = group inactive
staff-agency-added = ✅ Agency <code>{ $code }</code> “{ $name }” added. Link its group with <code>/link { $code }</code>.
staff-categories-title = Categories:
staff-category-auto = auto-verify
staff-category-added = ✅ Category <code>{ $code }</code> “{ $name }” added, sent to { $agency } by default.
staff-template-saved = ✅ Canned response “{ $name }” saved for { $scope }.
staff-sla-title = Stage durations (wd = working days, wh = working hours, h = hours):
staff-sla-default = the city default
staff-sla-set = ✅ { $stage } is now { $value } for every category without its own value.
staff-sla-set-category = ✅ { $stage } for { $category } is now { $value }.

staff-usage-invite = Usage: <code>/invite agency-code [officer|supervisor|admin]</code>, e.g. <code>/invite dpupr officer</code>.
staff-usage-link = Usage, in the group to link: <code>/link agency-code</code>, or <code>/link admin</code> for the complaint unit's group.
staff-usage-ticket = Usage: <code>/ticket ticket-code</code> (e.g. ADU-7K3Q9X)
staff-usage-audit = Usage: <code>/audit ticket-code</code>
staff-usage-assign = Usage: <code>/assign ticket-code agency-code</code>
staff-usage-transfer = Usage: <code>/transfer ticket-code agency-code [reason]</code>
staff-usage-ban = Usage: <code>/ban reporter-number</code>, e.g. <code>/ban 12</code> for Reporter #12.
staff-usage-unban = Usage: <code>/unban reporter-number</code>, e.g. <code>/unban 12</code>.
staff-usage-agency = Usage: <code>/agency add code Name of the agency</code>
staff-usage-category = Usage: <code>/category add code agency-code Name of the category</code>
staff-usage-template = Usage: <code>/template add agency-code|all name text of the response</code>
staff-usage-sla = Usage: <code>/sla stage duration</code> for the whole city, or <code>/sla category stage duration|default</code>. Stages: verify, first_response, resolve, confirm. Durations: 1wd, 4wh, 48h.

staff-err-code = “{ $value }” is not a tracking code like ADU-7K3Q9X.
staff-err-no-ticket = There is no complaint { $value }.
staff-err-agency = “{ $value }” is not the code of an active agency. /agencies lists them.
staff-err-reporter = “{ $value }” is not a reporter number (e.g. 12 for Reporter #12).
staff-err-role = “{ $value }” is not a role: use officer, supervisor or admin.
staff-err-admin-unit = Admins belong to the complaint unit, and the complaint unit's staff are admins.
staff-err-superadmin-only = Only a superadmin may do this.
staff-err-extra = Unexpected extra words: “{ $value }”.
staff-err-missing-agency = The agency code is missing.
staff-err-missing-name = The name is missing.
staff-err-missing-text = The text is missing.
staff-err-too-long-name = The name is too long (at most { $max } characters).
staff-err-too-long-text = The text is too long (at most { $max } characters).
staff-err-new-code = “{ $value }” cannot be a code: use 1–20 lowercase letters, digits or _.
staff-err-code-taken = The code “{ $value }” is already taken.
staff-err-subcommand = Unknown action “{ $value }”: only “add” is possible.
staff-err-template-name = “{ $value }” cannot be a template name: use 1–32 letters, digits, - or _.
staff-err-staff-args = Use <code>/staff</code> to list staff, or <code>/staff remove id</code>; “{ $value }” is neither.
staff-err-staff-id = There is no active staff member with id “{ $value }”.
staff-err-remove-self = You cannot remove yourself.
staff-err-linked-elsewhere = This group is already linked to { $agency }. Remove me from it first, or link another group.
staff-err-duration = “{ $value }” is not a duration like 1wd, 4wh or 48h.
staff-err-stage = “{ $value }” is not a stage: use verify, first_response, resolve or confirm.
staff-err-sla-target = “{ $value }” is neither a stage nor a category code.
staff-err-sla-args = Wrong number of values.

## Help in groups

staff-help-unit =
    Complaint unit: new complaints arrive here as cards. Verify & send, Hold or Reject with the card's buttons; reply to my prompts when I ask.
    Commands: /pending, /ticket CODE, /audit CODE, /assign CODE agency, /transfer CODE agency, /agencies, /categories, /sla, /invite, /staff, /ban, /unban, /link, /auditlog.
staff-help-agency =
    Agency officers: Claim a card, then reply to it (text or photos) to answer the citizen. Use Ask for info, Resolve (a note is required) and Not ours on the card.
    /note as a reply keeps a note internal; /tpl lists canned responses. /ticket CODE in a private chat with me shows the reporter's phone for a complaint you claimed.
staff-help-other = This group is for the city's complaint staff. To file a complaint, message me privately.

## Pieces of staff messages (names and texts are escaped by the catalogue)

staff-mention = <a href="tg://user?id={ $id }">{ $name }</a>
staff-card-reporter-named = { $name } ({ $label })
staff-card-description = <i>{ $text }</i>
staff-card-map = <a href="{ $url }">{ $point }</a>
staff-card-address = { $address }
staff-card-address-and-map = { $address } · { $map }
staff-card-step-of-agency = { $agency }: { $what }
staff-agency-line = <code>{ $code }</code> · { $name }{ $unit ->
        [yes] {" "}⭐
       *[no] {""}
    } · { $group }
staff-category-line = <code>{ $code }</code> · { $name } → { $agency }
staff-category-line-extras = <code>{ $code }</code> · { $name } → { $agency } · { $extras }
staff-sla-line = • { $stage }: <b>{ $value }</b>
staff-sla-category-line = <code>{ $code }</code>: { $values }
staff-history-text = {"   "}<i>{ $text }</i>
staff-audit-line = { $at } · <b>{ $action }</b>{ $moved ->
        [yes] {" "}({ $change })
       *[no] {""}
    } · { $role } { $name }{ $internal ->
        [yes] {" "}🔒
       *[no] {""}
    }
staff-list-line = #{ $id } · { $name } · { $role } · { $agency }
staff-tpl-line = • <b>{ $name }</b>: { $preview }

## The group's language

staff-group-lang-now = 🌐 Language of this group: { $language }. An admin or the agency's supervisor can change it with <code>/lang id</code> or <code>/lang en</code>.
staff-group-lang-set = ✅ This group now reads { $language }: the cards, prompts and notices I post here are in it.
staff-group-lang-usage = “{ $value }” is not one of my languages. Use <code>/lang id</code> or <code>/lang en</code>.
