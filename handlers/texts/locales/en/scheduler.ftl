# The scheduler: SLA reminders and escalations, daily digests, reports and exports.

sched-stage-verify = verification
sched-stage-first-response = first response
sched-stage-resolve = resolution
sched-stage-confirm = citizen confirmation

sched-reminder-half = ⏰ Reminder: half of the { $stage } time for complaint <b>{ $code }</b> is used up. Deadline: { $deadline }.
sched-overdue-group = { $level ->
    [1] 🔴 Complaint <b>{ $code }</b> is past its { $stage } deadline ({ $deadline }). The supervisor and the complaint unit have been told — please act today.
   *[other] 🔴🔴 Complaint <b>{ $code }</b> has taken twice its { $stage } time (deadline { $deadline }). Second escalation: please act now.
}
sched-escalation-supervisor = { $level ->
    [1] 🔴 Escalation: complaint <b>{ $code }</b> at { $agency } is past its { $stage } deadline ({ $deadline }).
   *[other] 🔴🔴 Second escalation: complaint <b>{ $code }</b> at { $agency } has taken twice its { $stage } time (deadline { $deadline }).
}
sched-escalation-admin = { $level ->
    [1] 🔴 { $agency }: complaint <b>{ $code }</b> is past its { $stage } deadline ({ $deadline }).
   *[other] 🔴🔴 { $agency }: complaint <b>{ $code }</b> has taken twice its { $stage } time (deadline { $deadline }).
}

sched-days = { $n ->
    [one] 1 day
   *[other] { $n } days
}
sched-hours = { $n ->
    [one] 1 hour
   *[other] { $n } hours
}
sched-more = …and { $n } more

sched-digest-title = 🗓 Daily digest for { $agency }, { $date }
sched-digest-open = Open complaints: { $total }
sched-status-submitted = { $n } awaiting verification
sched-status-on-hold = { $n } waiting for the citizen
sched-status-dispatched = { $n } not yet claimed
sched-status-in-progress = { $n } in progress
sched-status-need-info = { $n } waiting for information
sched-digest-due-today = ⏰ Due today ({ $n }):
sched-digest-due-line = • { $code } — by { $time }
sched-digest-overdue = 🔴 Overdue ({ $n }):
sched-digest-overdue-line = • { $code } — filed { $age } ago, { $late } past the deadline

sched-outbox-stuck = ⚠️ { $n } message(s) have not been delivered for { $age } (chats: { $chats }). Last error: { $error }

report-hours = { $n } h
report-days = { $n } d
report-title = 📊 Complaint report, { $period }
report-totals = Received { $received } · resolved { $resolved } ({ $resolved_pct }) · in process { $in_process } · overdue { $overdue } · rejected { $rejected }
report-timing = First response: median { $fr }, { $within } within 1 working day · resolution: median { $res }
report-answers = Citizens: { $yes_pct } say solved (yes { $yes }, no { $no }) · mean rating { $rating } · reopened { $reopens }
report-categories = Top categories:
report-category-line = { $rank }. { $category }: { $n }
report-league = Agencies by SLA compliance:
report-agency-line = { $rank }. { $agency } — SLA { $compliance } · received { $received } · resolved { $resolved } · in process { $in_process } · overdue { $overdue } · first response { $fr } ({ $within } ≤1 wd) · resolution { $res } · solved { $yes_pct } (yes { $yes }/no { $no }) · ★ { $rating } · reopened { $reopens }
report-empty = No complaints in this period.
report-failed = Sorry, the report for { $period } could not be produced. Please try again later.
report-admins-only = Sorry, reports and exports are for the complaint unit's admins.
report-usage = Usage: /report, /report week, /report month or /report 2026-11-01..2026-11-30
report-preparing = ⏳ Preparing the report for { $period }; it will arrive here in a moment.
export-usage = Usage: /export 2026-11-01 2026-11-30 (or /export week, /export month)
export-preparing = ⏳ Preparing the CSV and XLSX export for { $period }.
export-caption = Complaints { $period } ({ $n } rows)

chart-per-day-title = Complaints per day, { $period }
chart-received = received
chart-resolved = resolved
chart-tickets = complaints
chart-compliance-title = SLA compliance by agency, { $period }
chart-compliance-axis = % of cases without a missed deadline
chart-categories-title = Complaints by category, { $period }
