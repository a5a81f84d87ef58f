site-name = Public complaints
site-description = How the city's complaint service performs: complaints filed, handled and resolved, per agency.
skip-to-content = Skip to content
nav-label = Main menu
nav-dashboard = Overview
nav-agencies = Agencies
nav-complaints = Complaints
nav-api = API
footer-privacy = Only complaints whose reporters chose "public" are shown, without names, at locations rounded to about 100 m.
footer-data = Open data:

dashboard-title = Performance overview
dashboard-heading = { $city } complaint service
dashboard-lead = How many citizens' complaints were filed, verified, handled and resolved, and how fast, counted in the city's working hours.
this-month = This month ({ $month })
last-12-months = Last 12 months
monthly-trend = Monthly trend
see-agencies = See the agency league table
see-complaints = See public complaints
see-agency-complaints = Complaints handled by this agency

fig-filed = Filed
fig-verified = Verified
fig-resolved = Resolved
fig-confirmed = Confirmed by citizens
fig-median-verify = Median time to verification
fig-median-response = Median time to first response
fig-median-resolve = Median time to resolution
fig-median-verify-short = Verification
fig-median-response-short = First response
fig-median-resolve-short = Resolution
fig-in-time = Resolved within SLA
fig-rating = Average rating
fig-reopen = Reopened
unit-hours = working hours

chart-volume = Complaints filed and resolved per month
chart-hours = Median working hours per month
chart-in-time = Share resolved within SLA per month
chart-table = Show the numbers
col-month = Month

definitions-heading = How it is counted
definition-counts = Each step counts in the month it happened: a complaint is filed in the month it was filed, resolved in the month its fix was documented. Confirmed by citizens: closed because the reporter said the problem is fixed.
definition-hours = Times are counted in the city's working hours (office hours on working days, holidays excluded): from filing to verification (automatic verification not counted), and from filing (city) or from dispatch to the agency (agency) to the first response and to the resolution.
definition-sla = Within SLA: resolved without an SLA escalation of the resolution stage.
definition-answers = Rating: the average of the stars (1–5) of complaints closed and rated in the period. Reopened: of the complaints resolved, those reopened at least once because they were not fixed.
definition-privacy = Statistics count every complaint; the list and the map show public complaints only.

agencies-title = Agency league table
agencies-heading = Agency league table
agencies-lead = How fast and how thoroughly each agency handles the complaints sent to it. Click a column title to sort.
period-label = Period
period-year = Last 12 months
period-month = This month
league-caption = Agency performance
league-note = Default order: share resolved within SLA, highest first. Agencies with no data for a column come last.
no-agencies = No agencies yet.
col-name = Agency
col-received = Received
col-resolved = Resolved
col-in_time = Within SLA
col-response = First response (working h)
col-resolution = Resolution (working h)
col-rating = Rating
col-reopen = Reopened

complaints-title = Public complaints
complaints-heading = Public complaints
complaints-lead = Complaints whose reporters chose public and that were verified, newest first. Locations are rounded to about 100 m.
filter-category = Category
filter-agency = Agency
filter-status = Status
filter-period = Filed
filter-all = All
filter-apply = Show
filed-all = Any time
filed-month = This month
filed-30d = Last 30 days
filed-90d = Last 90 days
filed-365d = Last 12 months
complaints-count = { $n ->
    [0] No complaint matches.
    [one] 1 complaint
   *[other] { $n } complaints
}
map-label = Map of complaints
map-needs-script = The map needs JavaScript; the list below holds the same complaints.
no-complaints = No public complaint matches these choices yet.
pages-label = Pages
page-prev = Previous
page-next = Next
page-of = Page { $page } of { $pages }
group-waiting = Waiting for the agency
group-in_progress = Being handled
group-resolved = Resolved, awaiting confirmation
group-closed = Closed

complaint-heading = Complaint { $code }
fact-category = Category
fact-agency = Agency
fact-status = Status
fact-filed = Filed
fact-location = Location
location-rounded = rounded to about 100 m
complaint-description = Complaint
complaint-photos = Photos
photo-alt = Photo { $n }
photo-alt-agency = Photo { $n } from the agency
complaint-timeline = Timeline
supporters-heading = Others with the same problem
supporters-count = { $n } citizens support this complaint
supporters-soon = Coming soon: other citizens will be able to say "me too" to the same complaint.

status-submitted = Back with the complaint unit, to be sent to the right agency.
status-on_hold = The complaint unit is waiting for more details from the reporter.
status-dispatched = Sent to { $agencies }, waiting for a response.
status-in_progress = Being handled by { $agencies }.
status-need_info = { $agencies } is waiting for more details from the reporter.
status-resolved = { $agencies } says it is resolved; waiting for the reporter's confirmation.
status-closed = Closed.
status-rejected = Not processed.
status-cancelled = Cancelled by the reporter.

event-submit = Complaint filed.
event-verify = Verified and sent to { $agencies }.
event-dispatch = Sent to { $agencies }.
event-transfer = Transferred to { $agencies }.
event-claim = { $agencies } started working on it.
event-reply = { $agencies } replied:
event-request_info = { $agencies } asked the reporter for more details.
event-citizen_add_info = The reporter added details.
event-resolve = { $agencies } resolved it:
event-confirm = The reporter confirmed it is fixed{ $rating ->
    [0] .
   *[other] , rating it { $rating }/5.
}
event-reopen = The reporter reopened it: not fixed yet.
event-rate = The reporter rated it { $rating }/5.
event-auto_close = Closed automatically: the reporter did not answer within the confirmation window.

error-404-title = Page not found
error-404-body = This page or complaint does not exist, or is not public.
error-400-title = Bad request
error-400-body = One of the choices in this address is not valid.

api-title = Open311 API
api-heading = Open API (Open311 GeoReport v2)
api-lead = Other applications can read this city's public complaints in the Open311 standard, as JSON or XML (replace .json with .xml). The city's web form, call centre or a bridge to SP4N-LAPOR! can file complaints with an API key.
api-base = Base address:
api-read = Reading
api-window = Without start_date/end_date: the last 90 days; a range spans at most 90 days. page and page_size (max. 500) for further pages.
api-file = Filing a complaint
api-file-lead = Ask the complaint unit for an API key (aduan apikey add NAME). Complaints join the same verification queue as those filed in Telegram; the answer carries a token until the complaint is verified, then tokens/TOKEN.json gives the tracking code.
api-errors = Errors come in Open311's format: a list of code and description.

open311-contact = { $city } complaint unit
open311-key-service = API keys are issued by the city's complaint unit (aduan apikey add NAME).
open311-yes-no = yes or no (default: no)
open311-attribute-public = Show this complaint in public reports (without the reporter's name)?
open311-attribute-share_name = May the agency see the reporter's name?
open311-yes = Yes
open311-no = No
open311-notice-pending = Complaint received; the complaint unit verifies it within 1 working day.
open311-notice-verified = Complaint received and sent straight to the responsible agency.

poster-service = Citizens' Complaint Service
poster-headline = A problem with a public service? Report it on Telegram.
poster-headline-category = { $category }: a problem? Report it on Telegram.
poster-step-1 = Scan the QR code with your phone's camera.
poster-step-2 = Press Start, tell us the problem, add photos and the location.
poster-step-3 = Keep your tracking code: we tell you every step until it is fixed.
poster-footer = Free and official. Your name is never published.
