"""The customer list in a chosen order, for a window that fetches rows as they scroll into view.

``customers.list_customers`` gives search results best first and everyone else by name, a page
at a time. A table whose header was clicked wants a column's order instead: ``sorted_customer_ids``
gives the ordered ids once, and the window fetches the customers of the rows it shows.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from guestcard.storage import CustomerFilter, Database
from guestcard.storage.models import CustomerRow
from guestcard.storage.search import _filtered, name_order, search_ids

# Most search results ordered by a column at once (count_customers counts that far too).
MAX_SORTED_RESULTS = 10_000

SORT_COLUMNS: dict[str, Any] = {
    "id": CustomerRow.id,
    "name": CustomerRow.name_sort,  # pinyin order (storage.search.name_order)
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
    "owner": CustomerRow.owner,
    "created": CustomerRow.created_at,
    "updated": CustomerRow.updated_at,
}


def sorted_customer_ids(
    db: Database, flt: CustomerFilter = CustomerFilter(), *, sort: str = "name", descending: bool = False
) -> list[int]:
    """The ids of every matching customer ordered by ``sort`` (a key of ``SORT_COLUMNS``), empty
    values last, then by id. A search is ranked first and only its best ``MAX_SORTED_RESULTS`` are
    ordered. The caller fetches the customers of the rows it shows (``get_customers``); ids are
    cheap: 100,000 of them take a fifth of a second and a few megabytes."""
    try:
        column = SORT_COLUMNS[sort]
    except KeyError:
        raise ValueError(f"cannot sort by {sort!r} (use {', '.join(SORT_COLUMNS)})") from None
    with db.session() as session:
        key = name_order(session) if sort == "name" else column
        order = [key.desc() if descending else key, CustomerRow.id]
        if column.nullable:
            order.insert(0, column.is_(None))
        statement = _filtered(select(CustomerRow.id), flt)
        if flt.has_query:
            ids = search_ids(session, flt, limit=MAX_SORTED_RESULTS)
            if not ids:
                return []
            statement = select(CustomerRow.id).where(CustomerRow.id.in_(ids))
        return list(session.scalars(statement.order_by(*order)))
