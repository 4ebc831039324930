"""What the duplicate scan reads of every card, and the pairs marked "not the same guest"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import NamedTuple

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from guestcard.domain.messages import Code
from guestcard.storage.audit import acting_user

# What the services' duplicate rules use of the search material, offered from here (storage's
# convert and search_index modules are its own).
from guestcard.storage.convert import PHONE_FIELDS  # noqa: F401
from guestcard.storage.customers import NotFound
from guestcard.storage.models import CustomerRow
from guestcard.storage.models_merging import NotDuplicateRow
from guestcard.storage.search_index import is_han, phone_digits  # noqa: F401


class CardKeys(NamedTuple):
    """The values of a card the duplicate rules compare (``search_phones``: each number's digits)."""

    id: int
    name: str
    company: str | None
    email: str | None
    birthday: str | None  # ISO ("1985-03-02") or year-less ("--03-02")
    phones: str | None


_COLUMNS = (
    CustomerRow.id,
    CustomerRow.name,
    CustomerRow.company,
    CustomerRow.email,
    CustomerRow.birthday,
    CustomerRow.search_phones,
)


def all_card_keys(session: Session) -> Iterator[CardKeys]:
    """Every card's keys, streamed as the driver's tuples (100,000 rows: no ORM row objects)."""
    driver = session.connection().connection.dbapi_connection
    assert driver is not None
    cursor = driver.cursor()  # the driver's own cursor: SQLAlchemy's result rows cost a third of the scan
    try:
        cursor.execute("SELECT id, name, company, email, birthday, search_phones FROM customers")
        while rows := cursor.fetchmany(5000):
            yield from map(CardKeys._make, rows)
    finally:
        cursor.close()


def card_keys(session: Session, ids: list[int]) -> list[CardKeys]:
    found: list[CardKeys] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        found.extend(CardKeys(*row) for row in session.execute(select(*_COLUMNS).where(CustomerRow.id.in_(chunk))))
    return found


def _ordered(first: int, second: int) -> tuple[int, int]:
    return (first, second) if first < second else (second, first)


def mark_not_duplicate(session: Session, first: int, second: int) -> None:
    """Remember that the two cards are different guests (again is fine)."""
    for customer_id in (first, second):
        if session.get(CustomerRow, customer_id) is None:
            raise NotFound(Code.NO_CUSTOMER, customer_id)
    low, high = _ordered(first, second)
    if session.get(NotDuplicateRow, (low, high)) is None:
        session.add(NotDuplicateRow(low_id=low, high_id=high, marked_at=dt.datetime.now(), by=acting_user(session)))
        session.flush()


def unmark_not_duplicate(session: Session, first: int, second: int) -> None:
    low, high = _ordered(first, second)
    session.execute(delete(NotDuplicateRow).where(NotDuplicateRow.low_id == low, NotDuplicateRow.high_id == high))


def not_duplicate_pairs(session: Session) -> set[tuple[int, int]]:
    return {(low, high) for low, high in session.execute(select(NotDuplicateRow.low_id, NotDuplicateRow.high_id))}
