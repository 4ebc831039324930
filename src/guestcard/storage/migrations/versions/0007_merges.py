"""Merging duplicate cards: the merges (with a snapshot for the undo) and the pairs marked
"not the same guest".

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "merges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("keep_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column("merged_at", sa.DateTime(), nullable=False),
        sa.Column("by", sa.String(length=80), nullable=True),
        sa.Column("took", sa.JSON(), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merges")),
    )
    op.create_index(op.f("ix_merges_keep_id"), "merges", ["keep_id"])
    op.create_index(op.f("ix_merges_other_id"), "merges", ["other_id"])
    op.create_table(
        "not_duplicates",
        sa.Column("low_id", sa.Integer(), nullable=False),
        sa.Column("high_id", sa.Integer(), nullable=False),
        sa.Column("marked_at", sa.DateTime(), nullable=False),
        sa.Column("by", sa.String(length=80), nullable=True),
        sa.PrimaryKeyConstraint("low_id", "high_id", name=op.f("pk_not_duplicates")),
    )


def downgrade() -> None:
    op.drop_table("not_duplicates")
    op.drop_index(op.f("ix_merges_other_id"), table_name="merges")
    op.drop_index(op.f("ix_merges_keep_id"), table_name="merges")
    op.drop_table("merges")
