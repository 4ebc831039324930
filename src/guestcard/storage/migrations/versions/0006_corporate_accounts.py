"""Corporate accounts (协议单位挂账): credit accounts, their ledger of charges and payments, and
which charges each payment paid. Amounts are integer fen.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("limit_fen", sa.BigInteger(), nullable=False),
        sa.Column("terms", sa.String(length=20), nullable=False),
        sa.Column("signers", sa.JSON(), nullable=False),
        sa.Column("contract_start", sa.Date(), nullable=True),
        sa.Column("contract_end", sa.Date(), nullable=True),
        sa.Column("statement_contact", sa.Text(), nullable=True),
        sa.Column("opened_on", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], ondelete="CASCADE", name=op.f("fk_accounts_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
        sa.UniqueConstraint("customer_id", name=op.f("uq_accounts_customer_id")),
    )
    op.create_table(
        "account_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("entry_date", sa.Date(), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("signer", sa.String(length=80), nullable=True),
        sa.Column("bill_no", sa.String(length=40), nullable=True),
        sa.Column("visit_id", sa.Integer(), nullable=True),
        sa.Column("method", sa.String(length=10), nullable=True),
        sa.Column("reference", sa.String(length=80), nullable=True),
        sa.Column("reverses", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("by", sa.String(length=80), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], ondelete="CASCADE", name=op.f("fk_account_entries_account_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], ondelete="SET NULL", name=op.f("fk_account_entries_visit_id_visits")
        ),
        sa.ForeignKeyConstraint(
            ["reverses"], ["account_entries.id"], ondelete="CASCADE",
            name=op.f("fk_account_entries_reverses_account_entries"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_entries")),
        sa.UniqueConstraint("reverses", name=op.f("uq_account_entries_reverses")),
    )
    op.create_index(op.f("ix_account_entries_account_id"), "account_entries", ["account_id"])
    op.create_index(op.f("ix_account_entries_entry_date"), "account_entries", ["entry_date"])
    op.create_index(op.f("ix_account_entries_visit_id"), "account_entries", ["visit_id"])
    op.create_table(
        "account_allocations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=False),
        sa.Column("charge_id", sa.Integer(), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["payment_id"], ["account_entries.id"], ondelete="CASCADE",
            name=op.f("fk_account_allocations_payment_id_account_entries"),
        ),
        sa.ForeignKeyConstraint(
            ["charge_id"], ["account_entries.id"], ondelete="CASCADE",
            name=op.f("fk_account_allocations_charge_id_account_entries"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_allocations")),
    )
    op.create_index(op.f("ix_account_allocations_payment_id"), "account_allocations", ["payment_id"])
    op.create_index(op.f("ix_account_allocations_charge_id"), "account_allocations", ["charge_id"])


def downgrade() -> None:
    op.drop_table("account_allocations")
    op.drop_table("account_entries")
    op.drop_table("accounts")
