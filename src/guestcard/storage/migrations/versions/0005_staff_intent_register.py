"""The account managers' work: staff, who owns each customer, who made each change, intent
levels with their follow-up rules, and the register of walk-ins and calls.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

customers = sa.table(
    "customers", sa.column("id", sa.Integer), sa.column("fields", sa.JSON), sa.column("owner", sa.String)
)


def _move_salesperson_to_owner() -> None:
    """The prospect card's 销售员 (a form field until now) is the owner: moved to the column."""
    connection = op.get_bind()
    found = connection.execute(
        sa.select(customers.c.id, customers.c.fields).where(
            sa.cast(customers.c.fields, sa.Text).like('%"salesperson"%')
        )
    ).all()
    for customer_id, fields in found:
        values = dict(fields or {})
        name = str(values.pop("salesperson", "") or "").strip()[:80] or None
        connection.execute(
            sa.update(customers).where(customers.c.id == customer_id).values(fields=values, owner=name)
        )


def upgrade() -> None:
    op.create_table(
        "staff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("login", sa.String(length=80), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
        sa.UniqueConstraint("name", name=op.f("uq_staff_name")),
        sa.UniqueConstraint("login", name=op.f("uq_staff_login")),
    )
    # The owner by name (a staff member's): a plain column, so no table is rebuilt on SQLite;
    # the services only ever write names from the staff list.
    op.add_column("customers", sa.Column("owner", sa.String(length=80), nullable=True))
    op.create_index(op.f("ix_customers_owner"), "customers", ["owner"])
    op.add_column("customer_changes", sa.Column("by", sa.String(length=80), nullable=True))
    _move_salesperson_to_owner()

    # Empty until the levels are edited: until then the program's defaults (services.intent) apply.
    op.create_table(
        "intent_levels",
        sa.Column("code", sa.String(length=4), nullable=False),
        sa.Column("label_zh", sa.String(length=80), nullable=False),
        sa.Column("label_en", sa.String(length=80), nullable=False),
        sa.Column("color", sa.String(length=9), nullable=False),
        sa.Column("follow_up_days", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_intent_levels")),
    )

    op.create_table(
        "register_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("party_size", sa.Integer(), nullable=True),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("taken_by", sa.String(length=80), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            ondelete="SET NULL",
            name=op.f("fk_register_entries_customer_id_customers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_register_entries")),
    )
    op.create_index(op.f("ix_register_entries_at"), "register_entries", ["at"])
    op.create_index(op.f("ix_register_entries_phone"), "register_entries", ["phone"])
    op.create_index(op.f("ix_register_entries_customer_id"), "register_entries", ["customer_id"])


def downgrade() -> None:
    op.drop_table("register_entries")
    op.drop_table("intent_levels")
    op.drop_column("customer_changes", "by")
    op.drop_index(op.f("ix_customers_owner"), table_name="customers")
    op.drop_column("customers", "owner")
    op.drop_table("staff")
