"""Every inline button's callback data spec, in one registry so routes can't clash."""

from handlers.callbacks import CALLBACKS, Field

# Citizen side
STATUS = CALLBACKS.spec("st", 1, Field.CODE)  # open one of my tickets
FEEDBACK = CALLBACKS.spec("fb", 1, Field.CODE, Field.WORD)  # solved? yes | no
