"""Citizen intake as a typed, channel-neutral state machine.

- `draft`: what the citizen has answered so far (`IntakeDraft`) and a follow-up that may
  interrupt it (`Detour`), stored as versioned JSON in the `draft` row;
- `steps`: the one step table: what each step asks, what it accepts, its limits;
- `question`: what a step asks, in no messenger's terms (`Question`);
- `telegram`: the Telegram renderer (inline and reply keyboards, edits in place);
- `diagram`: handlers/citizen/intake.mmd, generated from the table.

The engine that loads, advances and saves the draft is handlers/citizen/intake.py. A second
messenger adds its own renderer next to `telegram` and leaves the rest alone.
"""
