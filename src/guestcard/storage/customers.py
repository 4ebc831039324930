"""Customer rows in and out, always as ``Customer`` dataclasses. Functions take the caller's session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import replace

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from guestcard.domain.model import Customer
from guestcard.storage.convert import customer_columns, row_to_customer
from guestcard.storage.models import CustomerRow, TagRow, customer_tags
from guestcard.storage.search import CustomerFilter, _filtered, search_ids


class NotFound(LookupError):
    """No customer (visit, contact…) with that id."""


class VersionConflict(RuntimeError):
    """The card was changed elsewhere since it was opened; saving would overwrite that change."""

    def __init__(self, customer_id: int, expected: int, current: Customer) -> None:
        self.customer_id, self.expected, self.current = customer_id, expected, current
        super().__init__(
            f"customer {customer_id} was changed elsewhere (version {current.version}, you opened {expected})"
        )


def _tag_rows(session: Session, names: Iterable[str]) -> list[TagRow]:
    wanted = list(dict.fromkeys(n.strip() for n in names if n and n.strip()))
    if not wanted:
        return []
    existing = {t.name: t for t in session.scalars(select(TagRow).where(TagRow.name.in_(wanted)))}
    rows = []
    for name in wanted:
        row = existing.get(name)
        if row is None:
            row = TagRow(name=name)
            session.add(row)
        rows.append(row)
    return rows


def _row(session: Session, customer_id: int) -> CustomerRow:
    row = session.get(CustomerRow, customer_id)
    if row is None:
        raise NotFound(f"no customer with id {customer_id}")
    return row


def insert_customer(session: Session, customer: Customer) -> Customer:
    row = CustomerRow(**customer_columns(customer))
    row.tags = _tag_rows(session, customer.tags)
    session.add(row)
    session.flush()
    return row_to_customer(row)


def update_customer(session: Session, customer: Customer, *, expected_version: int | None = None) -> Customer:
    """Write every field of ``customer`` over its row. With ``expected_version``, refuse to
    overwrite a change made elsewhere since the card was read (``VersionConflict``)."""
    assert customer.id is not None
    row = _row(session, customer.id)
    if expected_version is not None and row.version != expected_version:
        raise VersionConflict(customer.id, expected_version, row_to_customer(row))
    for column, value in customer_columns(customer).items():
        if column != "created_at":
            setattr(row, column, value)
    row.tags = _tag_rows(session, customer.tags)
    try:
        session.flush()
    except StaleDataError:  # another writer bumped the version between our read and our write
        session.rollback()
        raise VersionConflict(customer.id, row.version, get_customer(session, customer.id)) from None
    return row_to_customer(row)


def delete_customer(session: Session, customer_id: int) -> None:
    session.delete(_row(session, customer_id))
    session.flush()


def get_customer(session: Session, customer_id: int) -> Customer:
    return row_to_customer(_row(session, customer_id))


def get_customers(session: Session, ids: Sequence[int]) -> list[Customer]:
    """Customers in the order of ``ids`` (missing ids are skipped)."""
    rows = {r.id: r for r in session.scalars(select(CustomerRow).where(CustomerRow.id.in_(ids)))}
    return [row_to_customer(rows[i]) for i in ids if i in rows]


def list_customers(
    session: Session, flt: CustomerFilter = CustomerFilter(), *, limit: int | None = None, offset: int = 0
) -> list[Customer]:
    """Search results best first; without a query, every matching customer by name."""
    if flt.has_query:
        ids = search_ids(session, flt, limit=(limit or 200) + offset)[offset:]
        return get_customers(session, ids)
    statement = _filtered(select(CustomerRow), flt).order_by(CustomerRow.name, CustomerRow.id)
    statement = statement.offset(offset).limit(limit)
    return [row_to_customer(row) for row in session.scalars(statement)]


def count_customers(session: Session, flt: CustomerFilter = CustomerFilter()) -> int:
    if flt.has_query:
        return len(search_ids(session, flt, limit=10_000))
    return session.scalar(_filtered(select(func.count(CustomerRow.id)), flt)) or 0


def find_by_phone(session: Session, phone: str) -> list[Customer]:
    rows = session.scalars(select(CustomerRow).where(CustomerRow.phone == phone).order_by(CustomerRow.id))
    return [row_to_customer(row) for row in rows]


def _table_row(columns: dict) -> dict:
    """ORM attribute names to table column names (``customer_class`` is the column ``class``)."""
    columns["class"] = columns.pop("customer_class")
    columns["version"] = 1
    return columns


def bulk_insert_customers(session: Session, customers: Sequence[Customer], *, chunk: int = 5000) -> int:
    """Insert many customers fast (one executemany per chunk; no ORM objects). Returns the count."""
    now = dt.datetime.now()
    tagged: list[tuple[int, tuple[str, ...]]] = []
    connection = session.connection()
    table = CustomerRow.__table__
    for start in range(0, len(customers), chunk):
        batch = customers[start : start + chunk]
        rows = [_table_row(customer_columns(c, now)) for c in batch]
        connection.execute(insert(table), rows)
        if any(c.tags for c in batch):
            # Tags are rare in bulk input: look the new ids up by their (unique) insertion order.
            last = session.scalar(select(func.max(CustomerRow.id))) or 0
            first = last - len(batch) + 1
            tagged.extend((first + i, c.tags) for i, c in enumerate(batch) if c.tags)
    for customer_id, tags in tagged:
        for tag in _tag_rows(session, tags):
            session.flush()
            connection.execute(insert(customer_tags), {"customer_id": customer_id, "tag_id": tag.id})
    return len(customers)


def all_tags(session: Session) -> list[str]:
    return list(session.scalars(select(TagRow.name).order_by(TagRow.name)))


def delete_unused_tags(session: Session) -> None:
    used = select(customer_tags.c.tag_id)
    session.execute(delete(TagRow).where(TagRow.id.not_in(used)))


def merge_values(existing: Customer, incoming: Customer) -> Customer:
    """Incoming non-empty values fill and update the existing card; nothing existing is blanked."""
    changes = {}
    for attr in (
        "kind",
        "name",
        "honorific",
        "gender",
        "phone",
        "email",
        "birthday",
        "anniversary",
        "company",
        "position",
        "address",
        "customer_class",
        "annual_spend",
        "favorite_dishes",
        "favorite_drinks",
        "allergies",
        "notes",
    ):
        value = getattr(incoming, attr)
        if value not in (None, ""):
            changes[attr] = value
    return replace(
        existing,
        **changes,
        tags=tuple(dict.fromkeys((*existing.tags, *incoming.tags))),
        fields={**existing.fields, **{k: v for k, v in incoming.fields.items() if v not in (None, "", [])}},
        extra={**existing.extra, **{k: v for k, v in incoming.extra.items() if v not in (None, "")}},
        raw={**existing.raw, **incoming.raw},
    )
