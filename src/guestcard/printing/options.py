"""What the caller asks for (``PrintOptions``), what it hands over (``CardData``), and the one error."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from guestcard.domain import Contact, Customer, Visit
from guestcard.domain.messages import Refusal

SIZES = ("A4", "A5", "A6", "A4-2up", "A4-4up")
LANGS = ("zh", "en")


class PrintError(Refusal):
    """A print that cannot be done; ``str()`` is one line a manager can read (in English; raised
    with a ``Code``, each shell words it in its language)."""


@dataclass(frozen=True)
class PrintOptions:
    form_id: str = "guest_history"
    size: str = "A4"  # A4 | A5 | A6 | A4-2up (two A5 cards per A4 sheet) | A4-4up (four A6 cards)
    landscape: bool = False  # turns the card; an n-up sheet is turned to hold the turned cards
    lang: str = "zh"  # zh | en
    full: bool = False  # include the fields marked confidential (manager's copy)
    blank: bool = False  # one empty form with writing lines, to fill in by hand
    restaurant: str = ""  # printed in every card's header
    history_rows: int = 5  # visits and contacts asked for (most recent first; the one-page card may show fewer)
    whole_file: bool = False  # every word of long notes, over as many pages as they need
    show_spend: bool | None = None  # spend on the staff copy (None: as the settings say; the full copy has it)
    hotel_address: str = ""  # letterhead: under the restaurant's name
    hotel_phone: str = ""
    logo: Path | None = None  # letterhead: the hotel's logo (PNG or JPEG)

    def check(self) -> None:
        if self.size not in SIZES:
            raise PrintError(f"unknown paper size {self.size!r} (use {', '.join(SIZES)})")
        if self.lang not in LANGS:
            raise PrintError(f"unknown language {self.lang!r} (use zh or en)")
        if not 0 <= self.history_rows <= 100:
            raise PrintError(f"history rows must be from 0 to 100, not {self.history_rows}")


@dataclass(frozen=True)
class CardData:
    customer: Customer
    visits: Sequence[Visit] = ()
    contacts: Sequence[Contact] = ()
    photo: bytes | Path | None = None  # the guest's photo: JPEG/PNG bytes or a file
