"""Printing customers' cards: which customers, in which order, with their history and photo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from guestcard.domain import Customer, Visit
from guestcard.domain.messages import Code
from guestcard.forms import FormLibrary
from guestcard.printing import CardData, PrintError, PrintOptions, render_cards
from guestcard.settings import Settings, load_settings
from guestcard.storage import CustomerFilter, Database, history
from guestcard.storage import customers as store


def customers_for_day(db: Database, day: dt.date) -> list[Customer]:
    """Everyone with a reservation (or visit) that day, in reservation-time order, once each."""
    start = dt.datetime.combine(day, dt.time())
    with db.session() as session:
        visits = history.visits_between(session, start, start + dt.timedelta(days=1))
    seen: dict[int, Customer] = {}
    for _, customer in visits:
        if customer.id is not None:
            seen.setdefault(customer.id, customer)
    return list(seen.values())


def choose_customers(
    db: Database,
    *,
    ids: Sequence[int] | None = None,
    flt: CustomerFilter | None = None,
    day: dt.date | None = None,
    limit: int | None = None,
) -> list[Customer]:
    """The customers a print job is for: given ids (in that order), a day's reservations, or a
    search/filter (everyone matching). Unknown ids are refused by name. ``limit``: only the first
    so many (a preview of a long list)."""
    if day is not None:
        chosen = customers_for_day(db, day)
        if flt is not None:
            wanted = {c.id for c in _matching(db, flt)}
            chosen = [c for c in chosen if c.id in wanted]
        return chosen[:limit] if limit is not None else chosen
    if ids is not None:
        with db.session() as session:
            found = store.get_customers(session, ids)
        missing = sorted(set(ids) - {c.id for c in found})
        if missing:
            raise PrintError(Code.NO_CUSTOMER, ", ".join(map(str, missing)))
        return found[:limit] if limit is not None else found
    return _matching(db, flt or CustomerFilter(), limit)


def _matching(db: Database, flt: CustomerFilter, limit: int | None = None) -> list[Customer]:
    with db.session() as session:
        return store.list_customers(session, flt, limit=limit or (1_000_000 if flt.has_query else None))


class NothingToPrint(PrintError):
    """No customer was chosen (an empty selection, nobody booked that day)."""


class FormNotForKind(PrintError):
    """Every customer chosen is of a kind the form is not for (a person's card for a company)."""

    def __init__(self, form_id: str, kind: str, ids: str) -> None:
        code = Code.FORM_NOT_FOR_ORGANISATIONS if kind == "corporate" else Code.FORM_NOT_FOR_INDIVIDUALS
        super().__init__(code, repr(form_id), ids)
        self.form_id, self.kind = form_id, kind


def not_for_form(library: FormLibrary, form_id: str, customers: Sequence[Customer]) -> list[Customer]:
    """The customers ``form_id`` is not for (a personal card for an organisation, or back)."""
    form = library.form(form_id)
    return [c for c in customers if not form.applies_to(c.kind)]


def skipped_ids(customers: Sequence[Customer], most: int = 5) -> str:
    """``29, 31, 40, …``: which cards are meant, by id (an error line names no guest)."""
    shown = ", ".join(str(c.id) for c in customers[:most])
    return f"{shown}, …" if len(customers) > most else shown


def skipped_names(customers: Sequence[Customer], most: int = 5) -> str:
    """``比亚迪 (29), 华为 (31) and 3 more``: who is meant, for the message on the screen."""
    shown = ", ".join(f"{c.name} ({c.id})" if c.id is not None else c.name for c in customers[:most])
    rest = len(customers) - most
    return f"{shown} and {rest} more" if rest > 0 else shown


def with_settings(options: PrintOptions, settings: Settings) -> PrintOptions:
    """``options`` with the letterhead and the spend choice filled in from ``settings``."""
    logo = options.logo
    if logo is None and settings.logo_path:
        logo = Path(settings.logo_path).expanduser()
    return replace(
        options,
        restaurant=options.restaurant or settings.restaurant_name,
        hotel_address=options.hotel_address or settings.hotel_address,
        hotel_phone=options.hotel_phone or settings.hotel_phone,
        logo=logo,
        show_spend=settings.show_spend_on_staff_copy if options.show_spend is None else options.show_spend,
    )


def _recent_visits(session: Any, customer_id: int, rows: int) -> list[Visit]:
    """The last ``rows`` visits and every reservation still to come (the card shows both): the
    newest-first list is fetched again, longer, while reservations take places among the first."""
    now = dt.datetime.now()
    limit = rows
    while True:
        visits = history.visits_of(session, customer_id, limit)
        past = sum(1 for v in visits if not v.is_reservation(now))
        if past >= rows or len(visits) < limit:
            return visits
        limit += rows - past


def print_cards(
    db: Database,
    library: FormLibrary,
    out: Path,
    customers: Sequence[Customer],
    options: PrintOptions,
    *,
    progress: Callable[[int], None] | None = None,
    title: str | None = None,
    on_skip: Callable[[list[Customer]], None] | None = None,
) -> int:
    """Render the customers' cards (with their last visits, contacts and photo) into one PDF.

    What the options leave open comes from the manager's settings: the letterhead (restaurant,
    address, phone, logo) and whether the staff copy shows spend amounts. Customers the form is
    not for (a person's card for a company) are skipped and handed to ``on_skip``."""
    options = with_settings(options, load_settings())
    try:
        form = library.form(options.form_id)
    except KeyError as exc:
        raise PrintError(str(exc.args[0])) from None
    if not options.blank:
        if not customers:
            raise NothingToPrint(Code.NOTHING_TO_PRINT)
        wrong = not_for_form(library, form.id, customers)
        if wrong and len(wrong) == len(customers):
            raise FormNotForKind(form.id, wrong[0].kind, skipped_ids(wrong))
        if wrong:
            customers = [c for c in customers if form.applies_to(c.kind)]
            if on_skip is not None:
                on_skip(wrong)

    def cards() -> Sequence[CardData]:
        rows = options.history_rows
        with db.session() as session:
            return [
                CardData(
                    customer=c,
                    visits=_recent_visits(session, c.id, rows) if c.id else (),
                    contacts=history.contacts_of(session, c.id, rows) if c.id else (),
                    photo=history.photo_of(session, c.id) if c.id else None,
                )
                for c in customers
            ]

    return render_cards(out, [] if options.blank else cards(), library, options, progress=progress, title=title)
