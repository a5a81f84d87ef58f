## The admin audit log (/auditlog) and the reporter's contact (/ticket CODE in private)

staff-auditlog-title = 🗂 <b>Audit log</b>, last { $days ->
    [one] day
   *[other] { $days } days
    }: { $count ->
    [one] 1 entry
   *[other] { $count } entries
    }, newest first.
staff-auditlog-empty = 🗂 Nothing was recorded in the audit log in the last { $days ->
    [one] day
   *[other] { $days } days
    }.
staff-auditlog-line = { $when } · { $who } · { $what }
staff-auditlog-more = These are the newest { $shown } of { $count } entries. The whole list follows as a CSV file.
staff-auditlog-partial = These are the newest { $shown } of { $count } entries. For all of them, ask for fewer days or use <code>aduan audit export</code>.
staff-err-days = “{ $value }” is not a number of days from 1 to { $max }.
staff-usage-auditlog = Usage: <code>/auditlog [days]</code> (default 7, at most 366).
audit-caption = 🗂 Audit log { $period }: { $n ->
    [one] 1 entry
   *[other] { $n } entries
    }.

audit-unknown = { $action } { $target } { $detail }
audit-actor-staff = { $name } ({ $role })
audit-actor-operator = { $name } (command line)
audit-actor-stranger = someone who is not staff
audit-target-city = the whole city
audit-target-citizen = Reporter #{ $id }

audit-citizen-ban = blocked { $target }
audit-citizen-unban = unblocked { $target }
audit-citizen-data-shown = was shown the contact of { $target } ({ $detail })
audit-staff-invite = created an invite link for { $target } ({ $detail })
audit-staff-join = joined as staff ({ $detail })
audit-staff-remove = removed staff member { $target }
audit-staff-role = set the role of { $target } ({ $detail })
audit-staff-list = listed the staff
audit-agency-add = added agency { $target } ({ $detail })
audit-agency-list = listed the agencies
audit-category-add = added category { $target } ({ $detail })
audit-category-list = listed the categories
audit-template-save = saved template { $target }
audit-sla-set = changed the SLA of { $target } ({ $detail })
audit-sla-view = viewed the SLA
audit-group-link = linked a group to { $target }
audit-poster-request = asked for a QR poster ({ $target })
audit-apikey-add = issued an Open311 API key to { $target }
audit-apikey-revoke = revoked the Open311 API key of { $target }
audit-group-language = set the language of { $target } ({ $detail })
audit-city-seed = loaded the city file ({ $detail })
audit-queue-view = viewed the queue
audit-ticket-view = opened { $target }
audit-ticket-history = read the history of { $target }
audit-ticket-assign = assigned { $target }
audit-ticket-transfer = transferred { $target }
audit-report-request = asked for the report { $target }
audit-export-request = asked for the export { $target }
audit-export-write = exported tickets ({ $detail })
audit-audit-view = opened the audit log ({ $detail })
audit-audit-export = exported the audit log ({ $detail })
audit-backup = took a backup ({ $detail })
audit-restore = restored a backup ({ $detail })
audit-data-export = exported the personal data of { $target }
audit-data-erase = erased the personal data of { $target }
audit-command-refused = was refused { $target }

staff-contact-title = 🔒 <b>Reporter's contact</b>, for this complaint only (this viewing is recorded):
staff-contact-name = 👤 { $name }
staff-contact-username = 💬 @{ $username }
staff-contact-phone = 📱 { $phone }
staff-contact-no-phone = 📱 The reporter did not share a phone number.
staff-contact-ask-privately = 📱 The reporter shared a phone number. To see it, send <code>/ticket { $code }</code> to me in a private chat.
staff-ticket-refused = Sorry, { $code } can be opened here only by the officer who claimed it and by the complaint unit. If you need it, please ask them.
