"""Register entries (walk-ins and calls) in and out, as ``RegisterEntry`` dataclasses."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from guestcard.domain.messages import Code
from guestcard.domain.staff import RegisterEntry
from guestcard.storage.customers import NotFound
from guestcard.storage.models import CustomerRow
from guestcard.storage.models_staff import RegisterEntryRow

_COLUMNS = ("at", "name", "phone", "party_size", "purpose", "source", "taken_by", "outcome", "customer_id")


def _entry(row: RegisterEntryRow) -> RegisterEntry:
    return RegisterEntry(id=row.id, **{name: getattr(row, name) for name in _COLUMNS})


def insert_entry(session: Session, entry: RegisterEntry) -> RegisterEntry:
    if entry.customer_id is not None and session.get(CustomerRow, entry.customer_id) is None:
        raise NotFound(Code.NO_CUSTOMER, entry.customer_id)
    row = RegisterEntryRow(**{name: getattr(entry, name) for name in _COLUMNS})
    session.add(row)
    session.flush()
    return _entry(row)


def link_entry(session: Session, entry_id: int, customer_id: int) -> RegisterEntry:
    row = session.get(RegisterEntryRow, entry_id)
    if row is None:
        raise NotFound(Code.NO_REGISTER_ENTRY, entry_id)
    if session.get(CustomerRow, customer_id) is None:
        raise NotFound(Code.NO_CUSTOMER, customer_id)
    row.customer_id = customer_id
    session.flush()
    return _entry(row)


def entries_between(
    session: Session, start: dt.datetime | None, end: dt.datetime | None, *, source: str | None = None,
    taken_by: str | None = None,
) -> list[RegisterEntry]:
    """Entries in [start, end), newest first."""
    statement = select(RegisterEntryRow).order_by(RegisterEntryRow.at.desc(), RegisterEntryRow.id.desc())
    if start is not None:
        statement = statement.where(RegisterEntryRow.at >= start)
    if end is not None:
        statement = statement.where(RegisterEntryRow.at < end)
    if source:
        statement = statement.where(RegisterEntryRow.source == source)
    if taken_by:
        statement = statement.where(RegisterEntryRow.taken_by == taken_by)
    return [_entry(row) for row in session.scalars(statement)]


def counts_by_source(session: Session, start: dt.datetime | None, end: dt.datetime | None) -> dict[str, int]:
    statement = select(RegisterEntryRow.source, func.count(RegisterEntryRow.id)).group_by(RegisterEntryRow.source)
    if start is not None:
        statement = statement.where(RegisterEntryRow.at >= start)
    if end is not None:
        statement = statement.where(RegisterEntryRow.at < end)
    return {source: count for source, count in session.execute(statement)}


def first_sources(session: Session) -> dict[int, str]:
    """Each linked customer's source channel: that of their first register entry."""
    first = (
        select(RegisterEntryRow.customer_id, func.min(RegisterEntryRow.id).label("first_id"))
        .where(RegisterEntryRow.customer_id.is_not(None))
        .group_by(RegisterEntryRow.customer_id)
        .subquery()
    )
    statement = select(RegisterEntryRow.customer_id, RegisterEntryRow.source).join(
        first, first.c.first_id == RegisterEntryRow.id)
    return {customer_id: source for customer_id, source in session.execute(statement)}
