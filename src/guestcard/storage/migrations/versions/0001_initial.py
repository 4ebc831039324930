"""The first schema: customers, tags, visits, contacts, relations, and the SQLite search index.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from guestcard.storage.migrate import trigram_ops

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

SEARCH_COLUMNS = ("search_name", "search_other", "search_pinyin")


def _sqlite_search_index() -> None:
    columns = ", ".join(SEARCH_COLUMNS)
    new_values = ", ".join(f"new.{c}" for c in SEARCH_COLUMNS)
    old_values = ", ".join(f"old.{c}" for c in SEARCH_COLUMNS)
    # External content: the text lives once, in customers; FTS5 keeps only the index.
    op.execute(
        f"CREATE VIRTUAL TABLE customer_fts USING fts5({columns}, content='customers', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2', prefix='2')"
    )
    op.execute(
        f"CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers BEGIN "
        f"INSERT INTO customer_fts(rowid, {columns}) VALUES (new.id, {new_values}); END"
    )
    op.execute(
        f"CREATE TRIGGER customers_fts_delete AFTER DELETE ON customers BEGIN "
        f"INSERT INTO customer_fts(customer_fts, rowid, {columns}) VALUES ('delete', old.id, {old_values}); END"
    )
    op.execute(
        f"CREATE TRIGGER customers_fts_update AFTER UPDATE OF {columns} ON customers BEGIN "
        f"INSERT INTO customer_fts(customer_fts, rowid, {columns}) VALUES ('delete', old.id, {old_values}); "
        f"INSERT INTO customer_fts(rowid, {columns}) VALUES (new.id, {new_values}); END"
    )


def upgrade() -> None:
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("honorific", sa.String(length=200), nullable=True),
        sa.Column("gender", sa.String(length=8), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("birthday", sa.String(length=10), nullable=True),
        sa.Column("birthday_md", sa.String(length=5), nullable=True),
        sa.Column("anniversary", sa.String(length=10), nullable=True),
        sa.Column("anniversary_md", sa.String(length=5), nullable=True),
        sa.Column("company", sa.String(length=200), nullable=True),
        sa.Column("position", sa.String(length=200), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("class", sa.String(length=1), nullable=True),
        sa.Column("annual_spend_cents", sa.Integer(), nullable=True),
        sa.Column("favorite_dishes", sa.Text(), nullable=True),
        sa.Column("favorite_drinks", sa.Text(), nullable=True),
        sa.Column("allergies", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.Column("raw", sa.JSON(), nullable=False),
        sa.Column("search_name", sa.Text(), nullable=True),
        sa.Column("search_other", sa.Text(), nullable=True),
        sa.Column("search_pinyin", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
    )
    for column in ("name", "phone", "birthday_md", "anniversary_md", "class", "company"):
        op.create_index(op.f(f"ix_customers_{column}"), "customers", [column])
    op.create_table(
        "search_terms",
        sa.Column("term", sa.String(length=40), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], ondelete="CASCADE", name=op.f("fk_search_terms_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("term", "customer_id", name=op.f("pk_search_terms")),
        sqlite_with_rowid=False,
    )
    op.create_index(op.f("ix_search_terms_customer_id"), "search_terms", ["customer_id"])
    op.create_table(
        "tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tags")),
        sa.UniqueConstraint("name", name=op.f("uq_tags_name")),
    )
    op.create_table(
        "customer_tags",
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], ondelete="CASCADE", name=op.f("fk_customer_tags_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(["tag_id"], ["tags.id"], ondelete="CASCADE", name=op.f("fk_customer_tags_tag_id_tags")),
        sa.PrimaryKeyConstraint("customer_id", "tag_id", name=op.f("pk_customer_tags")),
    )
    op.create_index(op.f("ix_customer_tags_tag_id"), "customer_tags", ["tag_id"])
    op.create_table(
        "visits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("party_size", sa.Integer(), nullable=True),
        sa.Column("room", sa.String(length=80), nullable=True),
        sa.Column("occasion", sa.String(length=200), nullable=True),
        sa.Column("spend_cents", sa.Integer(), nullable=True),
        sa.Column("dishes", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], ondelete="CASCADE", name=op.f("fk_visits_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visits")),
    )
    op.create_index(op.f("ix_visits_customer_id"), "visits", ["customer_id"])
    op.create_index(op.f("ix_visits_at"), "visits", ["at"])
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=40), nullable=True),
        sa.Column("key_points", sa.Text(), nullable=True),
        sa.Column("intent", sa.String(length=80), nullable=True),
        sa.Column("next_follow_up", sa.Date(), nullable=True),
        sa.Column("follow_up_done", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], ondelete="CASCADE", name=op.f("fk_contacts_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    op.create_index(op.f("ix_contacts_customer_id"), "contacts", ["customer_id"])
    op.create_index(op.f("ix_contacts_next_follow_up"), "contacts", ["next_follow_up"])
    op.create_table(
        "relations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], ondelete="CASCADE", name=op.f("fk_relations_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["other_id"], ["customers.id"], ondelete="CASCADE", name=op.f("fk_relations_other_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relations")),
    )
    op.create_index(op.f("ix_relations_customer_id"), "relations", ["customer_id"])
    op.create_index(op.f("ix_relations_other_id"), "relations", ["other_id"])
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_search_index()
    elif op.get_bind().dialect.name == "postgresql":
        _postgresql_search_index()


def _postgresql_search_index() -> None:
    # Trigram indexes answer the LIKE '%…%' search steps (pg_trgm is a trusted extension: the
    # database owner may create it).
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    ops = trigram_ops(op.get_bind())
    for column in SEARCH_COLUMNS:
        op.execute(f"CREATE INDEX ix_customers_{column}_trgm ON customers USING gin ({column} {ops})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE customer_fts")
    elif op.get_bind().dialect.name == "postgresql":
        for column in SEARCH_COLUMNS:
            op.execute(f"DROP INDEX IF EXISTS ix_customers_{column}_trgm")
    for table in ("relations", "contacts", "visits", "customer_tags", "tags", "search_terms", "customers"):
        op.drop_table(table)
