"""Intent levels in and out, as ``IntentLevel`` dataclasses; the last contact of each customer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Text, cast, delete, exists, func, select
from sqlalchemy.orm import Session

from guestcard.domain.model import Contact, Customer
from guestcard.domain.staff import IntentLevel
from guestcard.storage.convert import row_to_contact, row_to_customer
from guestcard.storage.models import ContactRow, CustomerRow
from guestcard.storage.models_staff import IntentLevelRow


def stored_levels(session: Session) -> list[IntentLevel]:
    """The levels as edited; empty until they first are (the program's defaults apply then)."""
    rows = session.scalars(select(IntentLevelRow).order_by(IntentLevelRow.position, IntentLevelRow.code))
    return [
        IntentLevel(code=r.code, label_zh=r.label_zh, label_en=r.label_en, color=r.color,
                    follow_up_days=r.follow_up_days, position=r.position)
        for r in rows
    ]


def replace_levels(session: Session, levels: Sequence[IntentLevel]) -> None:
    session.execute(delete(IntentLevelRow))
    session.add_all(
        IntentLevelRow(code=level.code, label_zh=level.label_zh, label_en=level.label_en, color=level.color,
                       follow_up_days=level.follow_up_days, position=position)
        for position, level in enumerate(levels)
    )
    session.flush()


def last_contacts(session: Session, owner: str | None = None) -> list[tuple[Contact, Customer]]:
    """Each customer's latest contact (by date, then id), with the customer; of one owner's guests."""
    newest_day = (
        select(ContactRow.customer_id, func.max(ContactRow.date).label("day"))
        .group_by(ContactRow.customer_id)
        .subquery()
    )
    newest_id = (
        select(ContactRow.customer_id, func.max(ContactRow.id).label("contact_id"))
        .join(newest_day, (newest_day.c.customer_id == ContactRow.customer_id) & (newest_day.c.day == ContactRow.date))
        .group_by(ContactRow.customer_id)
        .subquery()
    )
    statement = (
        select(ContactRow, CustomerRow)
        .join(newest_id, newest_id.c.contact_id == ContactRow.id)
        .join(CustomerRow, CustomerRow.id == ContactRow.customer_id)
        .order_by(ContactRow.date, ContactRow.id)
    )
    if owner:
        statement = statement.where(CustomerRow.owner == owner)
    return [(row_to_contact(c), row_to_customer(r)) for c, r in session.execute(statement)]


def open_follow_up_customers(session: Session) -> set[int]:
    """Customers with a follow-up planned and not done (they are on the follow-up list already)."""
    statement = select(ContactRow.customer_id).where(
        ContactRow.next_follow_up.is_not(None), ContactRow.follow_up_done.is_(False)
    ).distinct()
    return set(session.scalars(statement))


def contacts_between(session: Session, start: dt.date, end: dt.date) -> list[Contact]:
    statement = select(ContactRow).where(ContactRow.date >= start, ContactRow.date <= end).order_by(ContactRow.id)
    return [row_to_contact(r) for r in session.scalars(statement)]


def uncontacted_with_level(session: Session, owner: str | None = None) -> list[Customer]:
    """Customers never contacted whose card gives an intent level (a prospect card filled in)."""
    statement = select(CustomerRow).where(
        cast(CustomerRow.fields, Text).like('%"intent_level"%'),
        ~exists().where(ContactRow.customer_id == CustomerRow.id),
    ).order_by(CustomerRow.id)
    if owner:
        statement = statement.where(CustomerRow.owner == owner)
    return [row_to_customer(r) for r in session.scalars(statement)]
