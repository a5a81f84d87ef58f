## A citizen's rights over their data (UU PDP No. 27/2022): /privacy, /mydata, /forget

cmd-mydata = Download all my data
cmd-forget = Erase my personal data
privacy-retention =
    <b>How long it is kept</b>
    • Messages you send the bot: { $updates } days after they are handled. Messages from the bot: { $outbox } days after they are sent.
    • The personal data in your complaints (name, phone number, description, address, your photos, exact location): { $personal } months after the complaint is finished, then it is erased.
    • Kept for the city's statistics: category, agencies, times, status, rating, the agencies' replies, and the location rounded to about 100 m.
    <b>Your rights</b> (UU PDP No. 27/2022)
    • /mydata — we send you one ZIP file with all your data.
    • /forget — we erase your personal data right away.
mydata-preparing = 📦 We are gathering all your data. The file will arrive here in a moment.
mydata-pending = 📦 Your earlier request is still being prepared. The file will arrive here soon.
mydata-caption = 📦 All your data at this complaint service as of { $when }: { $complaints ->
        [one] 1 complaint
       *[other] { $complaints } complaints
    }, { $photos ->
        [one] 1 photo
       *[other] { $photos } photos
    }. Keep it safe: this file holds your personal data.
mydata-failed = Sorry, your data file could not be made. Please send /mydata again later.
forget-confirm =
    ⚠️ <b>Erase your personal data?</b>
    Your name, username, phone number, the link to your Telegram account, everything you wrote and your photos in { $complaints ->
        [one] 1 complaint
       *[other] { $complaints } complaints
    } will be erased right away and cannot be brought back.{ $open ->
        [0] {""}
        [one] {" "}1 complaint still in progress will be withdrawn and the agency handling it told.
       *[other] {" "}{ $open } complaints still in progress will be withdrawn and the agencies handling them told.
    }
    Kept, without your identity, for the city's statistics: category, agencies, times, status, rating, the agencies' replies, and the location rounded to about 100 m.
forget-btn-yes = 🗑 Yes, erase my data
forget-btn-no = No, keep my data
forget-kept = 👍 All right, nothing was erased. We keep your data as /privacy describes.
forget-stale = This confirmation is no longer valid. Send /forget again if you still want your data erased.
forget-toast = Your data has been erased.
forget-done =
    ✅ <b>Your personal data has been erased.</b>
    Erased: your name, username, phone number, the link to your Telegram account, everything you wrote and { $photos ->
        [one] 1 photo
       *[other] { $photos } photos
    }, in { $complaints ->
        [one] 1 complaint
       *[other] { $complaints } complaints
    }{ $withdrawn ->
        [0] .
        [one] ; 1 complaint in progress was withdrawn and its agency told.
       *[other] ; { $withdrawn } complaints in progress were withdrawn and their agencies told.
    }
    Kept, without your identity: category, agencies, times, status, rating, the agencies' replies, and the location rounded to about 100 m. The city must account for its service, and UU PDP No. 27/2022 lets data that no longer points to a person be kept for statistics.
    This message is not kept either. If you write again, you start as a new user.
forget-staff-only = Sorry, only a superadmin can erase another reporter's data. To erase your own data, send /forget alone. This attempt has been recorded.
forget-staff-unknown = There is no reporter “{ $value }”. Use the reporter number, e.g. <code>/forget 12</code> for Reporter #12.
forget-staff-already = The personal data of Reporter #{ $id } was already erased.
forget-staff-confirm =
    ⚠️ <b>Erase the personal data of Reporter #{ $id }?</b>
    { $complaints ->
        [one] 1 complaint
       *[other] { $complaints } complaints
    }{ $open ->
        [0] {""}
       *[other] , { $open } still in progress: they will be withdrawn and the agencies told
    }. This cannot be undone. Only do it for a request whose sender you have verified.
forget-btn-erase = 🗑 Erase
forget-btn-keep = Cancel
forget-staff-kept = Nothing was erased for Reporter #{ $id }.
forget-staff-done = ✅ The personal data of Reporter #{ $id } has been erased: { $complaints } complaints, { $photos } photos, { $withdrawn } complaints in progress withdrawn. Please answer the person through the channel they asked by.
staff-under-withdrawn = 🗑 The reporter asked for their personal data to be erased (UU PDP No. 27/2022): <b>{ $code }</b> is withdrawn and needs no further work. Its description and photos are gone; it still counts in the statistics.
audit-data-erase-request = asked to erase the personal data of { $target } ({ $detail })
staff-ev-withdraw = 🗑 withdrawn: the reporter's data was erased at their request
