"""Pages of the customer list in a chosen order, for a window that fetches rows as they scroll in.

``customers.list_customers`` gives search results best first and everyone else by name; a table
whose header was clicked wants a column's order instead. ``customer_page`` gives either, one page
at a time (offset, limit), so a list over 100,000 customers never loads more than it shows.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from guestcard.domain.model import Customer
from guestcard.storage import CustomerFilter, Database
from guestcard.storage import customers as store
from guestcard.storage.convert import row_to_customer
from guestcard.storage.models import CustomerRow
from guestcard.storage.search import _filtered, search_ids

# Most search results ordered by a column at once (count_customers counts that far too).
MAX_SORTED_RESULTS = 10_000

SORT_COLUMNS: dict[str, Any] = {
    "id": CustomerRow.id,
    "name": CustomerRow.name,
    "honorific": CustomerRow.honorific,
    "kind": CustomerRow.kind,
    "gender": CustomerRow.gender,
    "class": CustomerRow.customer_class,
    "phone": CustomerRow.phone,
    "email": CustomerRow.email,
    "company": CustomerRow.company,
    "position": CustomerRow.position,
    "address": CustomerRow.address,
    # Birthdays and anniversaries in calendar order (month-day), whatever the year.
    "birthday": CustomerRow.birthday_md,
    "anniversary": CustomerRow.anniversary_md,
    "annual_spend": CustomerRow.annual_spend_cents,
    "favorite_dishes": CustomerRow.favorite_dishes,
    "favorite_drinks": CustomerRow.favorite_drinks,
    "allergies": CustomerRow.allergies,
    "notes": CustomerRow.notes,
    "created": CustomerRow.created_at,
    "updated": CustomerRow.updated_at,
}


def customer_page(
    db: Database,
    flt: CustomerFilter = CustomerFilter(),
    *,
    offset: int = 0,
    limit: int = 100,
    sort: str | None = None,
    descending: bool = False,
) -> list[Customer]:
    """One page of the matching customers.

    Without ``sort``: search results best first, everyone else by name (``list_customers``).
    With ``sort`` (a key of ``SORT_COLUMNS``): by that column, empty values last, then by id; a
    search is ranked first and its best ``MAX_SORTED_RESULTS`` are ordered.
    """
    if sort is None:
        with db.session() as session:
            return store.list_customers(session, flt, limit=limit, offset=offset)
    try:
        column = SORT_COLUMNS[sort]
    except KeyError:
        raise ValueError(f"cannot sort by {sort!r} (use {', '.join(SORT_COLUMNS)})") from None
    order = (column.is_(None), column.desc() if descending else column, CustomerRow.id)
    with db.session() as session:
        statement = _filtered(select(CustomerRow), flt)
        if flt.has_query:
            ids = search_ids(session, flt, limit=MAX_SORTED_RESULTS)
            if not ids:
                return []
            statement = select(CustomerRow).where(CustomerRow.id.in_(ids))
        statement = statement.order_by(*order).offset(offset).limit(limit)
        return [row_to_customer(row) for row in session.scalars(statement)]
