"""Index outbox_message.ticket_id: every staff notice looks up a ticket's queued cards.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_index(
        op.f("ix_outbox_message_ticket_id"), "outbox_message", ["ticket_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_outbox_message_ticket_id"), table_name="outbox_message")
