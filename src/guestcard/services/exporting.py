"""Exporting customers to an xlsx workbook: cards, then their visits and contacts on own sheets."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from guestcard.forms import FormLibrary
from guestcard.io import write_customers_xlsx
from guestcard.io.vcard import write_vcards
from guestcard.storage import CustomerFilter, Database, history
from guestcard.storage import customers as store

# progress(stage, done, total): "reading" (the customers and their history, total None) then
# "writing" (customer rows). An exception it raises (the user cancelled) stops the export, no file left.
ExportProgress = Callable[[str, int, int | None], None]


def _writing(progress: ExportProgress | None) -> Callable[[int, int], None] | None:
    if progress is None:
        return None
    return lambda done, total: progress("writing", done, total)


def export_customers(
    db: Database,
    library: FormLibrary,
    out: Path,
    flt: CustomerFilter = CustomerFilter(),
    *,
    form_id: str | None = None,
    lang: str = "zh",
    include_confidential: bool = False,
    progress: ExportProgress | None = None,
) -> int:
    """Write the matching customers (everyone without a filter) to ``out``; returns how many.

    Confidential fields are left out unless ``include_confidential``. The file is written to a
    temporary name and renamed, so a failed export leaves no half-written workbook.
    """
    if form_id is not None:
        library.form(form_id)  # an unknown form is refused before anything is read
    if progress is not None:
        progress("reading", 0, None)
    with db.session() as session:
        if flt.has_query:
            customers = store.list_customers(session, flt, limit=1_000_000)
        else:
            customers = store.list_customers(session, flt)
        everyone = not flt.has_query and not (flt.customer_class or flt.kind or flt.tag)
        ids = None if everyone else [c.id for c in customers if c.id is not None]
        visits = history.visits_for(session, ids)
        contacts = history.contacts_for(session, ids)
    names = {c.id: c.name for c in customers if c.id is not None}
    return write_customers_xlsx(
        out,
        customers,
        library,
        form_id=form_id,
        lang=lang,
        include_confidential=include_confidential,
        visits=visits,
        contacts=contacts,
        names=names,
        progress=_writing(progress),
    )


def export_vcards(db: Database, out: Path, flt: CustomerFilter = CustomerFilter()) -> int:
    """The matching customers (everyone without a filter) as phone contacts in a .vcf file, so
    the manager's phone shows who is calling (see ``guestcard.io.vcard``); returns how many."""
    with db.session() as session:  # one read: the cards and their photos as they are now
        found = store.list_customers(session, flt, limit=1_000_000 if flt.has_query else None)
        return write_vcards(found, out, lambda customer_id: history.photo_of(session, customer_id))


def export_customer_ids(
    db: Database,
    library: FormLibrary,
    out: Path,
    ids: Sequence[int],
    *,
    form_id: str | None = None,
    lang: str = "zh",
    include_confidential: bool = False,
    progress: ExportProgress | None = None,
) -> int:
    """Like ``export_customers``, for the customers picked by hand (the window's selection)."""
    if form_id is not None:
        library.form(form_id)
    if progress is not None:
        progress("reading", 0, None)
    with db.session() as session:
        customers = store.get_customers(session, list(ids))
        found = [c.id for c in customers if c.id is not None]
        visits = history.visits_for(session, found)
        contacts = history.contacts_for(session, found)
    return write_customers_xlsx(
        out,
        customers,
        library,
        form_id=form_id,
        lang=lang,
        include_confidential=include_confidential,
        visits=visits,
        contacts=contacts,
        names={c.id: c.name for c in customers if c.id is not None},
        progress=_writing(progress),
    )
