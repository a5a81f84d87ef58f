"""queued message links: a card (or forum topic) is linked when it is queued, its message id
filled in by the sender when Telegram has it (message_link.message_id becomes nullable).

Cards and topics queued and not yet sent when this runs are linked here, so the next change to
their tickets still finds them (it no longer reads the outbox back).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 12:30:00
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

QUEUED_LINKS = ("card", "topic")


def upgrade() -> None:
    with op.batch_alter_table("message_link", schema=None) as batch_op:
        batch_op.alter_column("message_id", existing_type=sa.BigInteger(), nullable=True)
    if op.get_context().as_sql:
        return  # offline SQL (an empty schema): no queued cards to link
    outbox = sa.table(
        "outbox_message",
        sa.column("chat_id", sa.BigInteger()),
        sa.column("payload", sa.JSON()),
        sa.column("status", sa.String()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("ticket_id", sa.Integer()),
        sa.column("link_purpose", sa.String()),
    )
    links = sa.table(
        "message_link",
        sa.column("chat_id", sa.BigInteger()),
        sa.column("message_id", sa.BigInteger()),
        sa.column("ticket_id", sa.Integer()),
        sa.column("purpose", sa.String()),
        sa.column("agency_id", sa.Integer()),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    queued = op.get_bind().execute(
        sa.select(outbox).where(
            outbox.c.status.in_(("pending", "sending")),
            outbox.c.ticket_id.is_not(None),
            outbox.c.link_purpose.in_(QUEUED_LINKS),
        )
    )
    rows = [
        {
            "chat_id": r.chat_id,
            "message_id": None,
            "ticket_id": r.ticket_id,
            "purpose": r.link_purpose,
            "agency_id": _payload(r.payload).get("agency_id"),
            "created_at": r.created_at,
        }
        for r in queued
    ]
    if rows:
        op.bulk_insert(links, rows)


def downgrade() -> None:
    op.execute("DELETE FROM message_link WHERE message_id IS NULL")
    with op.batch_alter_table("message_link", schema=None) as batch_op:
        batch_op.alter_column("message_id", existing_type=sa.BigInteger(), nullable=False)


def _payload(raw: object) -> dict[str, object]:
    """The stored Outbound: a dict from PostgreSQL's JSON, a string from SQLite's."""
    found = json.loads(raw) if isinstance(raw, str | bytes) else raw
    return found if isinstance(found, dict) else {}
