"""Post to the guests: address labels, letters (mail merge) and envelopes of the chosen customers.

The customers are chosen as for printing cards (ids, a filter, everyone); for labels and
envelopes those without an address are left out and counted, since nothing can be posted to them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from guestcard.domain.messages import Code, Refusal
from guestcard.domain.model import Customer
from guestcard.printing.labels import SHEETS, Label, LabelSheet, Placed, render_labels
from guestcard.printing.letters import Envelope, Letterhead, fill_letter, load_letter, render_envelopes, render_letters
from guestcard.services.greetings import card_values
from guestcard.services.printing import choose_customers
from guestcard.storage import CustomerFilter, Database

_POSTCODE = re.compile(r"(?<!\d)(\d{6})(?!\d)")


class MailingError(Refusal, ValueError):
    """A label sheet or letter that cannot be made: raised with a ``Code`` and its pieces for
    each shell to word in its language (``str()`` is the English of the command line and the log)."""


@dataclass(frozen=True)
class LabelReport:
    out: Path
    labels: int
    without_address: list[int]  # customer ids left out
    placed: list[Placed]


def parse_sheet(text: str) -> LabelSheet:
    """A sheet by name (``A4-3x8``) or a custom one: ``ROWSxCOLS [TOP LEFT [GAP_X [GAP_Y]]]`` in mm
    (``8x3 10 7 2.5 0``), as the settings keep it."""
    if text in SHEETS:
        return SHEETS[text]
    match = re.fullmatch(r"\s*(\d+)\s*[x×]\s*(\d+)((?:\s+\d+(?:\.\d+)?){0,4})\s*", text)
    if not match:
        raise MailingError(Code.NOT_A_LABEL_SHEET, repr(text), ", ".join(SHEETS))
    numbers = [float(n) for n in match.group(3).split()]
    keys = ("top", "left", "gap_x", "gap_y")
    sheet = LabelSheet("custom", int(match.group(1)), int(match.group(2)), **dict(zip(keys, numbers, strict=False)))
    try:
        sheet.check()
    except ValueError as exc:
        raise MailingError(str(exc)) from None
    return sheet


def postcode_of(customer: Customer) -> str:
    """The postcode: the field, else six digits in the address."""
    kept = str(customer.get("postcode") or "").strip()
    if kept:
        return kept
    found = _POSTCODE.search(customer.address or "")
    return found.group(1) if found else ""


def label_of(customer: Customer, lang: str = "zh") -> Label:
    postcode = postcode_of(customer)
    address = (customer.address or "").replace(postcode, "").strip(" ,，") if postcode else (customer.address or "")
    company = customer.company or ""
    if lang == "en":
        name = customer.name + (f" ({customer.honorific})" if customer.honorific else "")
        return Label(name, (company, address, postcode), name_last=False)
    name = f"{customer.name}{(' ' + customer.honorific) if customer.honorific else ''} 收"
    return Label(name, (f"邮编 {postcode}" if postcode else "", address, company), name_last=True)


def print_labels(
    db: Database,
    out: Path,
    sheet: LabelSheet,
    *,
    ids: Sequence[int] | None = None,
    flt: CustomerFilter | None = None,
    lang: str = "zh",
) -> LabelReport:
    chosen = choose_customers(db, ids=ids, flt=flt)
    with_address = [c for c in chosen if (c.address or "").strip()]
    missing = [c.id for c in chosen if c.id is not None and not (c.address or "").strip()]
    if not with_address:
        raise MailingError(Code.NO_ADDRESS)
    placed = render_labels([label_of(c, lang) for c in with_address], sheet, out, title="guestcard")
    return LabelReport(out, len(with_address), missing, placed)


def letterhead_from(settings: Any) -> Letterhead:
    """The letterhead of the settings (the cards' own): the restaurant's name, address, phone and
    logo; the postcode is read from the address (six digits), as for the guests."""
    found = _POSTCODE.search(settings.hotel_address or "")
    return Letterhead(
        name=settings.restaurant_name,
        address=settings.hotel_address,
        phone=settings.hotel_phone,
        postcode=found.group(1) if found else "",
        logo=Path(settings.logo_path).expanduser() if settings.logo_path else None,
    )


def _date_words(day: dt.date, lang: str) -> str:
    return day.strftime("%d %B %Y").lstrip("0") if lang == "en" else f"{day.year}年{day.month}月{day.day}日"


def print_letters(db: Database, out: Path, template: Path, head: Letterhead, *, ids: Sequence[int] | None = None,
                  flt: CustomerFilter | None = None, lang: str = "zh", manager: str = "",
                  today: dt.date | None = None) -> tuple[int, int]:
    """One letter per chosen customer; returns (letters, pages)."""
    letter = load_letter(template)  # a bad template is refused before anything is read
    chosen = choose_customers(db, ids=ids, flt=flt)
    if not chosen:
        raise MailingError(Code.NO_CUSTOMER_CHOSEN)
    date = _date_words(today or dt.date.today(), lang)
    letters = [fill_letter(letter, card_values(c, lang, hotel=head.name, manager=manager), date) for c in chosen]
    return len(letters), render_letters(letters, head, out)


def print_envelopes(db: Database, out: Path, size: str, head: Letterhead, *, ids: Sequence[int] | None = None,
                    flt: CustomerFilter | None = None) -> tuple[int, list[int]]:
    """One envelope per chosen customer with an address; returns (envelopes, ids left out)."""
    chosen = choose_customers(db, ids=ids, flt=flt)
    posted = [c for c in chosen if (c.address or "").strip()]
    missing = [c.id for c in chosen if c.id is not None and not (c.address or "").strip()]
    if not posted:
        raise MailingError(Code.NO_ADDRESS)
    envelopes = []
    for customer in posted:
        label = label_of(customer, "zh")
        envelopes.append(Envelope(postcode_of(customer), label.lines[1], label.name, customer.company or ""))
    try:
        return render_envelopes(envelopes, size, head, out), missing
    except ValueError as exc:
        raise MailingError(str(exc)) from None
