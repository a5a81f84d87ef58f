## The citizen's private chat (handlers/citizen). Tone: warm, polite, never blaming; always say
## what happens next. Same keys in every language (tests/unit/handlers/test_catalogue.py).

## Start, menu, help

citizen-start =
    Hello { $name }! 🙏 This is the official complaint service of { $city }: report public-service problems (broken roads, street lights, rubbish, water and more) right here.
    The complaint unit verifies within 1 working day, then the responsible agency responds within 2×24 hours. Press <b>📝 New complaint</b> to begin.
menu-new = 📝 New complaint
menu-my = 📋 My complaints
menu-help = ❓ Help
menu-lang = 🌐 Language
menu-placeholder = Choose from the menu or type a message
start-link-invalid = Sorry, that link is not recognised or no longer valid. Please use the menu below — we are glad to help.
invite-not-found = Sorry, that invitation was not found or is no longer valid. Please ask the admin who invited you for a new link.
citizen-help =
    <b>How to use the { $city } complaint service</b>
    📝 <b>New complaint</b> (/new): choose a category, describe the problem, add photos and the location if you have them, then send. You will get a tracking code.
    📋 <b>My complaints</b> (/my): see the status and history of each complaint.
    🔎 /status CODE: check one complaint, e.g. /status ADU-7K3Q9X.
    💬 Want to add information? Reply to our message about that complaint, or press <b>Add information</b>.
    ✖️ /cancel stops the current step. 🌐 /lang changes the language. 🔒 /privacy explains what data we keep.
    We verify within 1 working day and the responsible agency responds within 2×24 hours.
citizen-privacy =
    🔒 <b>What we keep</b>
    • Your Telegram name and username, your language, and your phone number only if you share it.
    • Your complaints: category, description, photos, location and how they were handled.
    <b>Who sees it</b>
    • The city's complaint unit and the officers of the agency handling your complaint.
    • Agencies see your name only if you allow it; otherwise they see "Reporter #number".
    • Complaints you allow to be public may appear in the city's reports, without your name.
    The data is used only to handle complaints and to report on the service. Questions? Reply to this message or contact the complaint unit.
citizen-banned = Sorry, this service cannot accept messages from your account. For more information please contact the city's complaint office.
citizen-slow-down = Sorry, your messages are arriving too fast. Please wait a moment and send again 🙏
citizen-too-many-complaints = You have sent several complaints in the past hour. Thank you for caring! Please wait a little before starting a new one — the complaints already sent are being processed.
idle-hint = How can we help? Press <b>📝 New complaint</b> to report a problem, or <b>📋 My complaints</b> to follow your complaints.
idle-photo = Thank you! To report a problem with photos, press <b>📝 New complaint</b> first — you can send the photos at the photo step.
idle-unsupported = Sorry, we cannot process a { $what } yet. Please write a text message, or press <b>📝 New complaint</b> to report a problem.
language-choose = Pilih bahasa / Choose your language:
language-name =
    { $code ->
        [id] 🇮🇩 Bahasa Indonesia
        [en] 🇬🇧 English
       *[other] { $code }
    }
language-changed = ✅ Done, from now on we will write in English.
cancel-nothing = There is nothing in progress to cancel. Please choose from the menu below.

## Intake: questions

intake-step = <b>Step { $n } of { $total } — { $title }</b>
intake-draft-lost = Sorry, we could not continue your unfinished complaint after an update of the service. Please start it again with /new — it only takes a minute 🙏
step-title-category = Category
step-title-description = Description
step-title-photos = Photos
step-title-privacy = Privacy
step-title-location = Location
step-title-contact = Contact (optional)
intake-ask-category =
    What kind of problem is it? Choose one below (or type its name).
intake-ask-description =
    Category: <b>{ $category }</b>
    Describe the problem: what is happening, exactly where, and since when. Write 15–2,000 characters.
intake-ask-photos =
    Send photos of the problem (up to { $max }), one by one or together. Photos help the officers a lot. { $count ->
        [0] No photo? Press Skip.
       *[other] You have { $count } so far; press Done when that is enough.
    }
intake-ask-location =
    Where is it? Press <b>📍 Send my location</b>, send a location from the 📎 attachment menu, or type an address or landmark (e.g. "in front of SD Negeri 5, Jl. Slamet Riyadi"). For complaints without a place (e.g. social assistance), press Skip.
intake-ask-privacy =
    👤 Share your name with the agency? Now: <b>{ $share_name ->
        [yes] Yes, my name is shared
       *[no] No — the agency sees "{ $reporter }"
    }</b>
    🌐 Show this complaint in public reports (without your name)? Now: <b>{ $public ->
        [yes] Yes
       *[no] No
    }</b>
    Tap a button to change it, then press Continue.
intake-ask-contact =
    May an officer call you if needed? Press <b>📱 Share my number</b> or type your phone number. If not, press Skip.
intake-review =
    📝 <b>Please check your complaint</b>
    <b>Category:</b> { $category }
    <b>Description:</b> { $description }
    <b>Photos:</b> { $photos }
    <b>Location:</b> { $location }
    <b>Name to the agency:</b> { $share_name ->
        [yes] shared
       *[no] hidden ("{ $reporter }")
    }
    <b>Public:</b> { $public ->
        [yes] yes
       *[no] no
    }
    <b>Phone:</b> { $phone }
    Is everything right? Press <b>Submit complaint</b>, or <b>Edit</b> to change something.
reporter-label = Reporter #{ $number }
review-location-point = point on the map (above) { $address }
review-location-address = { $address }
review-location-none = not given

## Intake: answers and refusals

intake-in-progress = You still have a complaint in progress — let's continue it. (Type /cancel to discard it.)
intake-resume = All right. Let's continue your complaint:
intake-description-kept = ✍️ We have noted your description.
intake-description-short = Your description has { $count } characters. Please write at least { $min } so the officer knows what the problem is, where, and since when.
intake-description-long = Your description has { $count } characters; the maximum is { $max }. Please shorten it — photos and the location come in the next steps.
intake-unsupported-description = We received a { $what }, but the description needs to be typed so the officers can read it. Please write the problem as text 🙏
intake-unsupported = Sorry, we cannot use a { $what } here. { $hint }
intake-not-now = We cannot use that at this step. { $hint }
intake-photos-hint = Please send photos (up to { $max }), or press the button below to continue.
intake-photo-received = 📷 Photo { $count } received (up to { $max }). Send more, or press Done.
intake-album-received = 📷 Your photos are received (up to { $max } photos). Send more, or press Done.
intake-photo-limit = Sorry, a complaint can have at most { $max } photos; the extra ones were not kept. Press Done to continue.
intake-photo-early = 📷 We kept the photo for this complaint. { $hint }
intake-document-refused = Sorry, the file "{ $name }" is not an image. We can only accept photos or image files (JPG, PNG).
intake-photos-saved = ✅ { $count ->
        [one] 1 photo saved.
       *[other] { $count } photos saved.
    }
intake-photos-skipped = All right, no photos.
intake-location-outside = 📍 That point seems to be outside { $city }, so we cannot accept it. Send a point inside the city, or just type the address or a landmark.
intake-location-saved = 📍 Location saved.
intake-address-saved = 📍 Address saved.
intake-location-skipped = All right, no location.
intake-address-short = That address is too short. Please type at least { $min } characters (e.g. the street and a landmark), or press Skip.
intake-address-long = The address has { $count } characters; the maximum is { $max }. Please shorten it.
intake-contact-saved = 📱 Number saved. Thank you!
intake-contact-skipped = All right, no phone number.
intake-contact-not-own = Please share your own number with the <b>📱 Share my number</b> button, type your phone number, or press Skip.
intake-category-gone = Sorry, that category is no longer available. Please choose another one.
intake-cancel-confirm = Discard the complaint you are writing? Everything in it will be deleted.
intake-discarded = 🗑 The unsent complaint has been discarded. You can start a new one any time.
detour-cancelled = All right, cancelled.
hint-category = Please choose a category with the buttons above.
hint-description = Please type a description of the problem (15–2,000 characters).
hint-photos = Please send photos, or press Done/Skip.
hint-location = Please send a location, type an address, or press Skip.
hint-privacy = Please set the privacy with the buttons below, then press Continue.
hint-contact = Please share your number, type a phone number (e.g. 0812 3456 7890), or press Skip.
hint-review = Please use the buttons: Submit complaint, Edit, or Cancel.
unsupported-what =
    { $kind ->
        [sticker] sticker
        [voice] voice message
        [animation] GIF
        [video_note] video message
        [video] video
        [audio] audio file
        [poll] poll
       *[other] message of this kind
    }
words-skip = skip, no, none, no thanks, later
words-done = done, finished, next, that's all

## Intake: buttons

btn-skip = ⏭ Skip
btn-done = ✅ Done
btn-continue = ➡️ Continue
btn-page-back = ◀️ Previous
btn-page-next = Next ▶️
btn-send-location = 📍 Send my location
btn-send-contact = 📱 Share my number
placeholder-address = or type an address / landmark
btn-name-hidden = 👤 Name: hidden — change
btn-name-shared = 👤 Name: shared — change
btn-public-yes = 🌐 Public: yes — change
btn-public-no = 🌐 Public: no — change
btn-submit = ✅ Submit complaint
btn-edit = ✏️ Edit
btn-cancel = ✖️ Cancel
btn-back = ◀️ Back
btn-edit-category = Category
btn-edit-description = Description
btn-edit-photos = Photos
btn-edit-location = Location
btn-edit-privacy = Privacy
btn-edit-contact = Contact
btn-discard = 🗑 Yes, discard it
btn-keep = ↩️ No, continue

## Button answers (pop-ups: at most 200 characters)

alert-forged = Sorry, this button is not valid.
alert-stale = This button is no longer active. Please use the latest message.
alert-submitted = ✅ Complaint sent!
alert-cannot-cancel = This complaint has already been sent to the agency, so it can no longer be cancelled. You can still add information.
alert-kept = All right, the complaint stays open.
alert-feedback-stale = This question no longer applies: the complaint's status has changed.
alert-rating-stale = This complaint can no longer be rated (it may be rated already). Thank you!

## Drafts left alone

step-name-category = choosing a category
step-name-description = writing the description
step-name-photos = sending photos
step-name-location = giving the location
step-name-privacy = setting the privacy
step-name-contact = giving a contact
step-name-review = checking before sending
draft-reminder = 👋 Your complaint has not been sent yet (you were { $step }). Just continue by replying here, or type /cancel to discard it. Drafts are kept for 7 days.
draft-discarded = We deleted your unfinished complaint because it was not continued for 7 days. You can start a new complaint any time 🙏

## My complaints and status

status-usage = Type the tracking code after the command, e.g. <b>/status ADU-7K3Q9X</b>. Or press <b>📋 My complaints</b>.
status-bad-code = That is not a tracking code. Tracking codes look like <b>ADU-7K3Q9X</b>.
ticket-not-found = Sorry, no complaint with that code was found among your complaints.
my-tickets-empty = You have no complaints yet. Press <b>📝 New complaint</b> to report a problem.
my-tickets-head = 📋 <b>Your complaints</b> ({ $total }) — page { $page }/{ $pages }
my-tickets-line = { $emoji } <b>{ $code }</b> · { $category } · { $status } · { $date }
status-emoji =
    { $status ->
        [submitted] 🕐
        [on_hold] ❓
        [dispatched] 📨
        [in_progress] 👷
        [need_info] ❓
        [resolved] 🔧
        [closed] ✅
        [rejected] ⛔
       *[cancelled] ✖️
    }
status-name =
    { $status ->
        [submitted] waiting for verification
        [on_hold] waiting for your answer
        [dispatched] sent to the agency
        [in_progress] being handled
        [need_info] the agency needs your answer
        [resolved] dealt with, waiting for your confirmation
        [closed] closed
        [rejected] could not be processed
       *[cancelled] cancelled
    }
ticket-view =
    { $emoji } <b>{ $code }</b> · { $category }
    <b>Status:</b> { $status }{ $deadline }
    <i>{ $description }</i>

    <b>History:</b>
ticket-deadline =
    { $status ->
        [resolved] {"\u000A"}⏱ Please confirm by { $deadline }
       *[other] {"\u000A"}⏱ Verification target: { $deadline }
    }
timeline-line = • { $when } — { $what }
timeline-event =
    { $action ->
        [submit] complaint received
        [submit_auto] complaint received and sent straight to { $agency }
        [verify] verified and sent to { $agency }
        [dispatch] sent to { $agency }
        [transfer] transferred to { $agency }
        [hold] the complaint unit asked: { $text }
        [citizen_add_info] you added information{ $photos ->
            [0] {""}
           *[other] {" "}(+{ $photos } photos)
        }: { $text }
        [claim] an officer of { $agency } took it
        [reply] reply from { $agency }: { $text }{ $photos ->
            [0] {""}
           *[other] {" "}(+{ $photos } photos)
        }
        [request_info] { $agency } asked: { $text }
        [resolve] { $agency } dealt with it: { $text }
        [album_photos] { $agency } sent { $photos } more photo(s)
        [confirm] you confirmed it is fixed
        [rate] you rated it { $rating }/5
        [reopen] reopened: { $text }
        [hand_back] returned to the complaint unit to be re-routed
        [reject] could not be processed ({ $reason ->
            [spam] not a public-service complaint
            [duplicate] same as another complaint
            [not_public_service] outside the city's authority
           *[other] information incomplete
        })
        [cancel] cancelled at your request
        [withdraw] withdrawn when your data was erased at your request
        [auto_close] closed automatically after the confirmation period
       *[other] updated
    }
btn-add-info = 📎 Add information
btn-cancel-ticket = ✖️ Cancel complaint
btn-cancel-yes = Yes, cancel the complaint
btn-keep-ticket = No, keep it open
ticket-cancel-confirm = Cancel complaint <b>{ $code }</b>? A cancelled complaint will not be processed.

## Adding information, confirming, rating, reopening

addinfo-ask = 📎 Please send more information about <b>{ $code }</b>: type text and/or send photos. Press Done when finished.
addinfo-hint = Please type information or send a photo to add, then press Done.
addinfo-received = 📎 Your information about <b>{ $code }</b> has been passed to the officer. Thank you!
addinfo-finished = Thank you, your information about <b>{ $code }</b> has been passed on.
addinfo-too-long = Your message has { $count } characters; the maximum is { $max }. Please split it into several messages.
addinfo-resolved = The agency reports complaint <b>{ $code }</b> as dealt with. Is the problem solved? If not, press <b>Not yet</b> and tell us what is still wrong.
addinfo-closed = Complaint <b>{ $code }</b> is closed, so information can no longer be added. If the problem comes back, please file a new complaint — we are glad to help.
reopen-ask = We are sorry it is not fixed yet 🙏 Please tell us what is still wrong with <b>{ $code }</b>, and we will send it back to the officer with your explanation.
reopen-hint = Please type what is still wrong with <b>{ $code }</b> (as text), or /cancel.
reopen-too-late = Sorry, complaint <b>{ $code }</b> is already closed and cannot be reopened. Please file a new complaint — we are glad to help.
rating-comment-ask = Thank you for the { $rating } ⭐! Any suggestion or comment for the officers? Just type it, or press Skip.
rating-comment-hint = Please type your comment, or press Skip.
comment-too-long = Your comment has { $count } characters; the maximum is { $max }. Please shorten it.
rating-thanks = 🙏 Thank you for rating <b>{ $code }</b>. Your feedback helps us improve the service.
