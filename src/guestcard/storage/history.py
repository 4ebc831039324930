"""Visits (and reservations), contact records and relations between customers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import cast

from sqlalchemy import Table, and_, or_, select
from sqlalchemy.orm import Session, aliased

from guestcard.domain.messages import Code
from guestcard.domain.model import Contact, Customer, Relation, Visit
from guestcard.storage.convert import (
    contact_columns,
    row_to_contact,
    row_to_customer,
    row_to_relation,
    row_to_visit,
    visit_columns,
)
from guestcard.storage.customers import NotFound
from guestcard.storage.fast_insert import insert_many
from guestcard.storage.models import ContactRow, CustomerRow, PhotoRow, RelationRow, VisitRow


def _require_customer(session: Session, customer_id: int) -> None:
    if session.get(CustomerRow, customer_id) is None:
        raise NotFound(Code.NO_CUSTOMER, customer_id)


# --- visits -----------------------------------------------------------------------------------


def insert_visit(session: Session, visit: Visit) -> Visit:
    _require_customer(session, visit.customer_id)
    row = VisitRow(**visit_columns(visit))
    session.add(row)
    session.flush()
    return row_to_visit(row)


def bulk_insert_visits(session: Session, visits: Iterable[Visit]) -> int:
    rows = [visit_columns(v) for v in visits]
    insert_many(session, cast(Table, VisitRow.__table__), rows)
    return len(rows)


def update_visit(session: Session, visit: Visit) -> Visit:
    row = session.get(VisitRow, visit.id)
    if row is None:
        raise NotFound(Code.NO_VISIT, visit.id)
    for column, value in visit_columns(visit).items():
        setattr(row, column, value)
    session.flush()
    return row_to_visit(row)


def delete_visit(session: Session, visit_id: int) -> None:
    row = session.get(VisitRow, visit_id)
    if row is None:
        raise NotFound(Code.NO_VISIT, visit_id)
    session.delete(row)


def visits_of(session: Session, customer_id: int, limit: int | None = None) -> list[Visit]:
    statement = select(VisitRow).where(VisitRow.customer_id == customer_id).order_by(VisitRow.at.desc()).limit(limit)
    return [row_to_visit(r) for r in session.scalars(statement)]


def visits_between(session: Session, start: dt.datetime, end: dt.datetime) -> list[tuple[Visit, Customer]]:
    """Visits (reservations, when in the future) in [start, end), in time order, with their customer."""
    statement = (
        select(VisitRow, CustomerRow)
        .join(CustomerRow, CustomerRow.id == VisitRow.customer_id)
        .where(VisitRow.at >= start, VisitRow.at < end)
        .order_by(VisitRow.at, VisitRow.id)
    )
    return [(row_to_visit(v), row_to_customer(c)) for v, c in session.execute(statement)]


def visits_for(session: Session, customer_ids: Iterable[int] | None) -> list[Visit]:
    """Every visit of these customers (of everyone with ``None``), by customer and time."""
    return [row_to_visit(r) for r in _rows_for(session, VisitRow, customer_ids, (VisitRow.customer_id, VisitRow.at))]


def _rows_for(session: Session, model: type, customer_ids: Iterable[int] | None, order: tuple) -> list:
    if customer_ids is None:
        return list(session.scalars(select(model).order_by(*order)))
    ids = list(customer_ids)
    rows: list = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows.extend(session.scalars(select(model).where(model.customer_id.in_(chunk)).order_by(*order)))
    return rows


# --- contacts ---------------------------------------------------------------------------------


def insert_contact(session: Session, contact: Contact) -> Contact:
    _require_customer(session, contact.customer_id)
    row = ContactRow(**contact_columns(contact))
    session.add(row)
    session.flush()
    return row_to_contact(row)


def bulk_insert_contacts(session: Session, contacts: Iterable[Contact]) -> int:
    rows = [contact_columns(c) for c in contacts]
    insert_many(session, cast(Table, ContactRow.__table__), rows)
    return len(rows)


def get_contact(session: Session, contact_id: int) -> Contact:
    row = session.get(ContactRow, contact_id)
    if row is None:
        raise NotFound(Code.NO_CONTACT, contact_id)
    return row_to_contact(row)


def update_contact(session: Session, contact: Contact) -> Contact:
    row = session.get(ContactRow, contact.id)
    if row is None:
        raise NotFound(Code.NO_CONTACT, contact.id)
    for column, value in contact_columns(contact).items():
        setattr(row, column, value)
    session.flush()
    return row_to_contact(row)


def delete_contact(session: Session, contact_id: int) -> None:
    row = session.get(ContactRow, contact_id)
    if row is None:
        raise NotFound(Code.NO_CONTACT, contact_id)
    session.delete(row)


def contacts_of(session: Session, customer_id: int, limit: int | None = None) -> list[Contact]:
    statement = (
        select(ContactRow)
        .where(ContactRow.customer_id == customer_id)
        .order_by(ContactRow.date.desc(), ContactRow.id.desc())
        .limit(limit)
    )
    return [row_to_contact(r) for r in session.scalars(statement)]


def contacts_for(session: Session, customer_ids: Iterable[int] | None) -> list[Contact]:
    order = (ContactRow.customer_id, ContactRow.date, ContactRow.id)
    return [row_to_contact(r) for r in _rows_for(session, ContactRow, customer_ids, order)]


def contacts_noted(session: Session, since: dt.date, prefix: str) -> list[Contact]:
    """Contacts on or after ``since`` whose key points start with ``prefix`` (the greetings
    logged as sent: ``已发祝福：…``)."""
    statement = (
        select(ContactRow)
        .where(ContactRow.date >= since, ContactRow.key_points.startswith(prefix, autoescape=True))
        .order_by(ContactRow.id)
    )
    return [row_to_contact(r) for r in session.scalars(statement)]


def follow_ups_due(session: Session, until: dt.date) -> list[tuple[Contact, Customer]]:
    """Open follow-ups planned on or before ``until`` (overdue ones included), soonest first."""
    statement = (
        select(ContactRow, CustomerRow)
        .join(CustomerRow, CustomerRow.id == ContactRow.customer_id)
        .where(
            ContactRow.next_follow_up.is_not(None),
            ContactRow.next_follow_up <= until,
            ContactRow.follow_up_done.is_(False),
        )
        .order_by(ContactRow.next_follow_up, ContactRow.id)
    )
    return [(row_to_contact(c), row_to_customer(r)) for c, r in session.execute(statement)]


# --- relations --------------------------------------------------------------------------------


def insert_relation(session: Session, relation: Relation) -> Relation:
    _require_customer(session, relation.customer_id)
    _require_customer(session, relation.other_id)
    row = RelationRow(
        customer_id=relation.customer_id, other_id=relation.other_id, kind=relation.kind, note=relation.note
    )
    session.add(row)
    session.flush()
    return row_to_relation(row)


def delete_relation(session: Session, relation_id: int) -> None:
    row = session.get(RelationRow, relation_id)
    if row is None:
        raise NotFound(Code.NO_RELATION, relation_id)
    session.delete(row)


def relations_of(session: Session, customer_id: int) -> list[Relation]:
    """Relations from and to the customer; each is turned so that ``customer_id`` is this one's.

    A relation stored as "3 works_for 4" reads from 4's side with ``other_id`` 3 and
    ``inverse`` set: callers show it as "3 works for this customer".
    """
    other = aliased(CustomerRow)
    outgoing = (
        select(RelationRow, other.name)
        .join(other, other.id == RelationRow.other_id)
        .where(RelationRow.customer_id == customer_id)
    )
    incoming = (
        select(RelationRow, other.name)
        .join(other, other.id == RelationRow.customer_id)
        .where(RelationRow.other_id == customer_id)
    )
    result = [row_to_relation(r, name) for r, name in session.execute(outgoing)]
    for row, name in session.execute(incoming):
        relation = row_to_relation(row, name)
        result.append(
            Relation(
                id=relation.id,
                customer_id=customer_id,
                other_id=row.customer_id,
                kind=relation.kind,
                note=relation.note,
                other_name=name,
                inverse=True,
            )
        )
    return result


# --- occasions --------------------------------------------------------------------------------


def customers_with_days(session: Session, month_days: Iterable[str]) -> list[Customer]:
    """Customers whose birthday or anniversary falls on one of the ``MM-DD`` days."""
    days = list(month_days)
    statement = select(CustomerRow).where(
        or_(CustomerRow.birthday_md.in_(days), and_(CustomerRow.anniversary_md.in_(days)))
    )
    return [row_to_customer(r) for r in session.scalars(statement)]


# --- photos -----------------------------------------------------------------------------------


def set_photo(session: Session, customer_id: int, image: bytes | None, media_type: str = "image/jpeg") -> None:
    """Store (or with ``None`` remove) the customer's photo."""
    _require_customer(session, customer_id)
    row = session.get(PhotoRow, customer_id)
    if image is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(PhotoRow(customer_id=customer_id, image=image, media_type=media_type))
    else:
        row.image, row.media_type = image, media_type
    session.flush()


def photo_of(session: Session, customer_id: int) -> bytes | None:
    row = session.get(PhotoRow, customer_id)
    return row.image if row is not None else None
