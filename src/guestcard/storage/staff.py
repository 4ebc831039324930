"""Staff rows in and out, as ``StaffMember`` dataclasses; the customers each one owns."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from guestcard.domain.messages import Code
from guestcard.domain.model import Customer
from guestcard.domain.staff import StaffMember
from guestcard.storage.convert import row_to_customer
from guestcard.storage.customers import NotFound
from guestcard.storage.models import CustomerRow
from guestcard.storage.models_staff import StaffRow


def _member(row: StaffRow) -> StaffMember:
    return StaffMember(
        id=row.id, name=row.name, role=row.role, active=row.active, left_on=row.left_on, login=row.login
    )


def _row(session: Session, name: str) -> StaffRow:
    row = session.scalar(select(StaffRow).where(StaffRow.name == name))
    if row is None:
        raise NotFound(Code.NO_STAFF_NAMED, repr(name))
    return row


def insert_staff(session: Session, member: StaffMember) -> StaffMember:
    row = StaffRow(name=member.name, role=member.role, active=member.active, left_on=member.left_on,
                   login=member.login)
    session.add(row)
    session.flush()
    return _member(row)


def find_staff(session: Session, name: str) -> StaffMember | None:
    row = session.scalar(select(StaffRow).where(StaffRow.name == name))
    return _member(row) if row is not None else None


def get_staff(session: Session, name: str) -> StaffMember:
    return _member(_row(session, name))


def staff_by_login(session: Session, login: str) -> StaffMember | None:
    row = session.scalar(select(StaffRow).where(StaffRow.login == login))
    return _member(row) if row is not None else None


def list_staff(session: Session, *, active_only: bool = False) -> list[StaffMember]:
    statement = select(StaffRow).order_by(StaffRow.active.desc(), StaffRow.name)
    if active_only:
        statement = statement.where(StaffRow.active.is_(True))
    return [_member(row) for row in session.scalars(statement)]


def mark_left(session: Session, name: str, on: dt.date) -> StaffMember:
    row = _row(session, name)
    row.active, row.left_on = False, on
    session.flush()
    return _member(row)


def owned_counts(session: Session) -> dict[str, int]:
    """How many customers each owner name has (names not on the staff list included)."""
    statement = (
        select(CustomerRow.owner, func.count(CustomerRow.id))
        .where(CustomerRow.owner.is_not(None))
        .group_by(CustomerRow.owner)
    )
    return {owner: count for owner, count in session.execute(statement)}


def customers_owned(
    session: Session, owner: str, *, customer_class: str | None = None, ids: list[int] | None = None
) -> list[Customer]:
    """The customers of ``owner`` (of one class; only these ids), by id."""
    statement = select(CustomerRow).where(CustomerRow.owner == owner).order_by(CustomerRow.id)
    if customer_class:
        statement = statement.where(CustomerRow.customer_class == customer_class)
    if ids is not None:
        statement = statement.where(CustomerRow.id.in_(ids))
    return [row_to_customer(row) for row in session.scalars(statement)]
