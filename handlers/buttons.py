"""Every inline button's callback data spec, in one registry so routes can't clash."""

from handlers.callbacks import CALLBACKS, Field

# Citizen side
STATUS = CALLBACKS.spec("st", 1, Field.CODE)  # open one of my tickets
FEEDBACK = CALLBACKS.spec("fb", 1, Field.CODE, Field.WORD)  # solved? yes | no

# Staff side (cards in the admin and agency groups). Every press re-checks the presser in the
# database; the data only says what was pressed, never who may press it.
QUEUE = CALLBACKS.spec("tq", 1, Field.WORD, Field.INT)  # verify | hold | reject | back, ticket
PICK = CALLBACKS.spec("tp", 1, Field.INT, Field.WORD, Field.INT)  # ticket, picked, toggled agency
PICK_SEND = CALLBACKS.spec("ts", 1, Field.INT, Field.WORD)  # ticket, picked agencies
REJECT = CALLBACKS.spec("tr", 1, Field.WORD, Field.INT)  # reason, ticket
WORK = CALLBACKS.spec("tw", 1, Field.WORD, Field.INT)  # claim | reply | info | resolve | notours
