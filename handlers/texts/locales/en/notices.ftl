btn-see-status = 📄 See status
btn-solved-yes = ✅ Yes, it's fixed
btn-solved-no = ❌ Not yet
deadline-soon = as soon as possible
notice-submitted =
    ✅ Thank you, we have received your complaint with code <b>{ $code }</b>.
    The complaint unit will verify it by { $deadline }. We will tell you about every step.
notice-submitted-auto =
    ✅ Thank you, we have received your complaint with code <b>{ $code }</b> and sent it straight to { $agency }.
    An officer will respond within 2×24 hours. We will tell you about every step.
notice-dispatched = 📨 Complaint <b>{ $code }</b> is verified and sent to { $agency }. An officer will respond within 2×24 hours.
notice-transferred = 🔀 Complaint <b>{ $code }</b> is now handled by { $agency }, the responsible agency. Thank you for your patience.
notice-on-hold =
    ❓ The complaint unit needs a little more information about <b>{ $code }</b>:
    { $question }
    Please reply to this message to answer.
notice-rejected-spam = We are sorry, complaint <b>{ $code }</b> cannot be processed because it does not describe a public-service problem. { $note }
notice-rejected-incomplete = We are sorry, complaint <b>{ $code }</b> cannot be processed yet because some information is missing. { $note } Please file a new complaint with more detail about the place and what happened — we are glad to help.
notice-rejected-duplicate = Complaint <b>{ $code }</b> is the same as <b>{ $original }</b>, which we are already handling. You can follow it with that code. Thank you for caring.
notice-rejected-not-public-service = We are sorry, complaint <b>{ $code }</b> is outside the city's public services. Please contact: { $where }
notice-claimed = 👷 Complaint <b>{ $code }</b> is being handled by an officer of { $agency }.
notice-reply =
    💬 Reply from { $agency } about <b>{ $code }</b>:
    { $text }
notice-need-info =
    ❓ { $agency } needs more information about <b>{ $code }</b>:
    { $question }
    Please reply to this message (text or photos) to answer.
notice-info-received = 📎 Your additional information about <b>{ $code }</b> has been passed to the officer. Thank you.
notice-partly-resolved =
    🔧 { $agency } has finished its part of <b>{ $code }</b>:
    { $note }
notice-more-photos = 📷 Another photo about <b>{ $code }</b>.
notice-resolved =
    🔧 { $agency } reports that complaint <b>{ $code }</b> has been dealt with:
    { $note }
    Is the problem solved? Without an answer by { $deadline }, we will close the complaint.
notice-closed-confirmed =
    🙏 Thank you for confirming. Complaint <b>{ $code }</b> is closed.
    How was our service? Rate it 1–5 ⭐ (optional).
notice-reopened = 🔁 Complaint <b>{ $code }</b> is reopened and sent back to the officer with your explanation. We apologise for the inconvenience.
notice-handed-back = 🔀 The complaint unit is re-routing complaint <b>{ $code }</b> to the responsible agency. We will tell you which agency takes it.
notice-cancelled = Complaint <b>{ $code }</b> has been cancelled as you asked.
notice-auto-closed = Complaint <b>{ $code }</b> is closed because we had no answer within the confirmation period. If the problem is not solved, please file a new complaint — we are glad to help.
