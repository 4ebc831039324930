"""Phone fragments found through a trigram index instead of rows of phone suffixes; names sorted
by pinyin.

Every phone used to write each of its suffixes of four or more digits as a row of
``search_terms`` (eight rows for a mobile number): 80 % of that table, and a third of the time
of a large import. Now the digits of a customer's phones are one column, ``search_phones``,
indexed by an FTS5 trigram index on SQLite and a pg_trgm index on PostgreSQL: any fragment of
three or more digits is an indexed substring match. ``search_terms`` keeps the pinyin terms.

``name_sort`` orders names as a Chinese address book does (李 li, 林 lin, 张 zhang), not by code
point (张 U+5F20 before 李 U+674E). Its key comes from the program's own pinyin function.

Revision ID: 0004
Revises: 0003
"""

import re
from typing import Any

import sqlalchemy as sa
from alembic import op

from guestcard.storage.migrate import trigram_ops
from guestcard.storage.search_index import name_sort_key

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TOKENIZE = "tokenize='unicode61 remove_diacritics 2'"
# index name → (its columns, its FTS5 options)
INDEXES = {
    "customer_name_fts": (("search_name", "search_pinyin"), f"{TOKENIZE}, prefix='2'"),
    "customer_other_fts": (("search_other",), TOKENIZE),
    "customer_phone_fts": (("search_phones",), "tokenize='trigram'"),
}
OLD_INDEXES = {name: spec for name, spec in INDEXES.items() if name != "customer_phone_fts"}
PHONE_FIELDS = ("other_phones",)
MIN_PHONE_FRAGMENT = 4
ENDING = "#"  # before a number's reversed digits in search_terms

customers = sa.table(
    "customers", sa.column("id", sa.Integer), sa.column("name", sa.String), sa.column("phone", sa.String),
    sa.column("fields", sa.JSON), sa.column("search_phones", sa.Text), sa.column("name_sort", sa.Text),
)
search_terms = sa.table("search_terms", sa.column("term", sa.String), sa.column("customer_id", sa.Integer))


def phone_digits(phone: str | None, fields: dict[str, Any] | None) -> str | None:
    """The digits of each of a customer's phones, space-separated (as storage.search_index does it)."""
    values = (phone, *(str((fields or {}).get(key) or "") for key in PHONE_FIELDS))
    digits = [re.sub(r"\D", "", value) for value in values if value]
    return " ".join(dict.fromkeys(d for d in digits if d)) or None


def trigger_statements(indexes: dict[str, tuple[tuple[str, ...], str]]) -> list[str]:
    """The statements creating the triggers that keep the indexes in step with ``customers``.
    (0003's function, taking the indexes: each migration keeps its own copy, frozen as it shipped.)"""
    inserts, deletes = [], []
    for index, (columns, _options) in indexes.items():
        names = ", ".join(columns)
        new = ", ".join(f"new.{c}" for c in columns)
        old = ", ".join(f"old.{c}" for c in columns)
        inserts.append(f"INSERT INTO {index}(rowid, {names}) VALUES (new.id, {new});")
        deletes.append(f"INSERT INTO {index}({index}, rowid, {names}) VALUES ('delete', old.id, {old});")
    watched = ", ".join(c for columns, _options in indexes.values() for c in columns)
    return [
        f"CREATE TRIGGER customers_search_insert AFTER INSERT ON customers BEGIN {' '.join(inserts)} END",
        f"CREATE TRIGGER customers_search_delete AFTER DELETE ON customers BEGIN {' '.join(deletes)} END",
        f"CREATE TRIGGER customers_search_update AFTER UPDATE OF {watched} ON customers BEGIN "
        f"{' '.join(deletes)} {' '.join(inserts)} END",
    ]


def _drop_triggers() -> None:
    for trigger in ("customers_search_insert", "customers_search_delete", "customers_search_update"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")


def _is_digit_term() -> sa.ColumnElement[bool]:
    # ":" sorts right after "9": the terms starting with a digit are the phone suffixes.
    return sa.and_(search_terms.c.term >= "0", search_terms.c.term < ":")


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    if sqlite:
        _drop_triggers()  # the column is filled below: no need to re-index names and notes

    op.add_column("customers", sa.Column("search_phones", sa.Text(), nullable=True))
    op.add_column("customers", sa.Column("name_sort", sa.Text(), nullable=True))
    by_id = customers.update().where(customers.c.id == sa.bindparam("key"))
    fill = by_id.values(search_phones=sa.bindparam("digits"), name_sort=sa.bindparam("sort"))
    last = 0
    while True:  # a few thousand cards at a time: a large file is not held in memory whole
        rows = bind.execute(
            sa.select(customers.c.id, customers.c.name, customers.c.phone, customers.c.fields)
            .where(customers.c.id > last).order_by(customers.c.id).limit(5000)
        ).all()
        if not rows:
            break
        last = rows[-1].id
        filled = [
            {"key": row.id, "digits": phone_digits(row.phone, row.fields), "sort": name_sort_key(row.name)}
            for row in rows
        ]
        bind.execute(fill, filled)
        endings = sorted({(ENDING + n[::-1][:39], r["key"]) for r in filled for n in (r["digits"] or "").split()})
        if endings:
            bind.execute(sa.insert(search_terms), [{"term": t, "customer_id": i} for t, i in endings])
    op.create_index("ix_customers_name_sort", "customers", ["name_sort"])
    bind.execute(search_terms.delete().where(_is_digit_term()))
    if sqlite:
        columns, options = INDEXES["customer_phone_fts"]
        op.execute(
            f"CREATE VIRTUAL TABLE customer_phone_fts USING fts5({', '.join(columns)}, content='customers', "
            f"content_rowid='id', {options})"
        )
        op.execute("INSERT INTO customer_phone_fts(customer_phone_fts) VALUES ('rebuild')")
        for statement in trigger_statements(INDEXES):
            op.execute(statement)
    elif bind.dialect.name == "postgresql":
        ops = trigram_ops(op.get_bind())
        op.execute(f"CREATE INDEX ix_customers_search_phones_trgm ON customers USING gin (search_phones {ops})")


def downgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    rows = bind.execute(sa.select(customers.c.id, customers.c.search_phones)).all()
    suffixes = sorted(
        {
            (digits[start:], row.id)
            for row in rows
            for digits in (row.search_phones or "").split()
            for start in range(0, len(digits) - MIN_PHONE_FRAGMENT + 1)
        }
    )
    bind.execute(search_terms.delete().where(search_terms.c.term >= ENDING, search_terms.c.term < "$"))
    if sqlite:
        _drop_triggers()
        op.execute("DROP TABLE IF EXISTS customer_phone_fts")
    elif bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_customers_search_phones_trgm")
    op.drop_index("ix_customers_name_sort", table_name="customers")
    op.drop_column("customers", "name_sort")
    op.drop_column("customers", "search_phones")
    if suffixes:
        bind.execute(sa.insert(search_terms), [{"term": t[:40], "customer_id": i} for t, i in suffixes])
    if sqlite:
        for statement in trigger_statements(OLD_INDEXES):
            op.execute(statement)
