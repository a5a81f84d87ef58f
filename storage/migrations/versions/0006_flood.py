"""flood_count: the citizens' burst counts, shared by every worker on PostgreSQL.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "flood_count",
        sa.Column("sender_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column(
            "times",
            postgresql.ARRAY(sa.Float()).with_variant(sa.JSON(), "sqlite"),
            nullable=False,
        ),
        sa.Column("warned_at", sa.Float(), nullable=True),
        sa.Column("verdict", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("touched_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sender_id", name=op.f("pk_flood_count")),
    )


def downgrade() -> None:
    op.drop_table("flood_count")
