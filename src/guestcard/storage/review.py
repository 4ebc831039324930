"""What the periodic review reads: every customer's owner, creation day and source, the contacts
up to a day, the visits up to a day — as plain dataclasses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from guestcard.domain.model import Contact
from guestcard.storage.convert import row_to_contact
from guestcard.storage.models import ContactRow, CustomerRow, VisitRow


@dataclass(frozen=True, slots=True)
class ReviewCustomer:
    id: int
    owner: str | None
    created: dt.date
    sources: tuple[str, ...]  # the card's 客户来源 choices


@dataclass(frozen=True, slots=True)
class ReviewVisit:
    customer_id: int
    at: dt.datetime
    spend_cents: int


def review_customers(session: Session) -> list[ReviewCustomer]:
    statement = select(CustomerRow.id, CustomerRow.owner, CustomerRow.created_at, CustomerRow.fields).order_by(
        CustomerRow.id)
    found = []
    for customer_id, owner, created, fields in session.execute(statement):
        source = (fields or {}).get("source")
        sources = tuple(source) if isinstance(source, list) else (str(source),) if source else ()
        found.append(ReviewCustomer(customer_id, owner, created.date(), sources))
    return found


def contacts_until(session: Session, end: dt.date) -> list[Contact]:
    statement = select(ContactRow).where(ContactRow.date <= end).order_by(
        ContactRow.customer_id, ContactRow.date, ContactRow.id)
    return [row_to_contact(row) for row in session.scalars(statement)]


def visits_until(session: Session, end: dt.datetime) -> list[ReviewVisit]:
    statement = select(VisitRow.customer_id, VisitRow.at, VisitRow.spend_cents).where(VisitRow.at < end).order_by(
        VisitRow.customer_id, VisitRow.at)
    return [ReviewVisit(c, at, spend or 0) for c, at, spend in session.execute(statement)]
