"""Every inline button's callback data spec, in one registry so routes can't clash."""

from handlers.callbacks import CALLBACKS, Field

# Citizen side
STATUS = CALLBACKS.spec("st", 1, Field.CODE)  # open one of my tickets
FEEDBACK = CALLBACKS.spec("fb", 1, Field.CODE, Field.WORD)  # solved? yes | no
RATING = CALLBACKS.spec("rt", 1, Field.CODE, Field.INT)  # 1-5 stars after confirming
TICKET_ACTION = CALLBACKS.spec("ct", 1, Field.CODE, Field.WORD)  # see handlers/citizen/followup
MY_PAGE = CALLBACKS.spec("mp", 1, Field.INT)  # /my, page n
LANGUAGE = CALLBACKS.spec("lg", 1, Field.WORD)  # /lang: id | en
# /forget: minute asked, complaints then, yes | no (stale once the minute or the count moved on)
FORGET = CALLBACKS.spec("fg", 1, Field.INT, Field.INT, Field.WORD)
# The intake conversation. The first field is the draft's step token (`seq`): it changes
# whenever the bot asks a new question, so a button from an earlier question is stale.
INTAKE_CATEGORY = CALLBACKS.spec("ic", 1, Field.INT, Field.WORD)  # seq, category code
INTAKE_PAGE = CALLBACKS.spec("ip", 1, Field.INT, Field.INT)  # seq, category page
INTAKE_ACTION = CALLBACKS.spec("ia", 1, Field.INT, Field.WORD)  # seq, done | skip | submit ...
INTAKE_EDIT = CALLBACKS.spec("ie", 1, Field.INT, Field.WORD)  # seq, step to change

# Staff side (cards in the admin and agency groups). Every press re-checks the presser in the
# database; the data only says what was pressed, never who may press it.
QUEUE = CALLBACKS.spec("tq", 1, Field.WORD, Field.INT)  # verify | hold | reject | back, ticket
PICK = CALLBACKS.spec("tp", 1, Field.INT, Field.WORD, Field.INT)  # ticket, picked, toggled agency
PICK_SEND = CALLBACKS.spec("ts", 1, Field.INT, Field.WORD)  # ticket, picked agencies
REJECT = CALLBACKS.spec("tr", 1, Field.WORD, Field.INT)  # reason, ticket
# A superadmin's /forget <reporter>: citizen id, minute asked, complaints then, yes | no
FORGET_FOR = CALLBACKS.spec("fo", 1, Field.INT, Field.INT, Field.INT, Field.WORD)
WORK = CALLBACKS.spec("tw", 1, Field.WORD, Field.INT)  # claim | reply | info | resolve | notours
