"""The customer list in a chosen order, for a window that fetches rows as they scroll into view.

``customers.list_customers`` gives search results best first and everyone else by name, a page
at a time. A table whose header was clicked wants a column's order instead: ``sorted_customer_ids``
gives the ordered ids once, and the window fetches the customers of the rows it shows.
"""

from __future__ import annotations

from guestcard.storage import CustomerFilter, Database
from guestcard.storage import sorting as store
from guestcard.storage.sorting import MAX_SORTED_RESULTS, SORT_COLUMNS

__all__ = ["MAX_SORTED_RESULTS", "SORT_COLUMNS", "sorted_customer_ids"]


def sorted_customer_ids(
    db: Database, flt: CustomerFilter = CustomerFilter(), *, sort: str = "name", descending: bool = False
) -> list[int]:
    """The ids of every matching customer ordered by ``sort`` (a key of ``SORT_COLUMNS``), empty
    values last, then by id. A search is ranked first and only its best ``MAX_SORTED_RESULTS`` are
    ordered. The caller fetches the customers of the rows it shows (``get_customers``); ids are
    cheap: 100,000 of them take a fifth of a second and a few megabytes."""
    with db.session() as session:
        return store.sorted_customer_ids(session, flt, sort=sort, descending=descending)
