"""Customer ids in a column's order: what a table sorted by a header click shows, row by row.

A search is ranked first (``search.search_ids``) and only its best ``MAX_SORTED_RESULTS`` are
ordered; empty values sort last, then by id.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from guestcard.storage.models import CustomerRow
from guestcard.storage.search import CustomerFilter, _filtered, name_order, search_ids

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


def sorted_customer_ids(session: Session, flt: CustomerFilter, *, sort: str, descending: bool) -> list[int]:
    """The ids of every customer matching ``flt`` ordered by ``sort`` (a key of ``SORT_COLUMNS``)."""
    try:
        column = SORT_COLUMNS[sort]
    except KeyError:
        raise ValueError(f"cannot sort by {sort!r} (use {', '.join(SORT_COLUMNS)})") from None
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
