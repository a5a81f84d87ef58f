"""End-to-end tests of the citizen conversation (handlers/citizen) against the emulator."""
