"""The pre-shift briefing (顾客信息传递表): every guest booked for a service, with what the staff
must know before they walk in — the room, the party, how to address them, what they must not eat,
what they like, the occasion (a birthday today), the notes that matter, their account manager.

Staff copy rules as for cards: a field marked confidential is left out unless ``full``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from guestcard.domain.messages import Code
from guestcard.domain.model import Customer, Visit
from guestcard.forms import FormLibrary, format_value
from guestcard.printing.briefing import BriefingRow, BriefingSheet, render_briefing
from guestcard.services.agenda import occasions_between
from guestcard.services.printing import NothingToPrint
from guestcard.storage import Database, history

# A service's hours: lunch before three in the afternoon, dinner from then on.
DINNER_FROM = dt.time(15, 0)
SERVICES = ("lunch", "dinner")
_WEEKDAYS = {"zh": "一二三四五六日", "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}
_OCCASION = {
    "zh": {"birthday": "今天生日！", "birthday_years": "今天{0}岁生日！", "anniversary": "今天纪念日！",
           "anniversary_years": "今天结婚{0}周年！", "prefer": "爱坐", "drinks": "酒水"},
    "en": {"birthday": "Birthday today!", "birthday_years": "Turns {0} today!", "anniversary": "Anniversary today!",
           "anniversary_years": "{0}th anniversary today!", "prefer": "likes to sit at", "drinks": "drinks"},
}


def service_of(at: dt.datetime) -> str:
    return "dinner" if at.time() >= DINNER_FROM else "lunch"


def default_service(now: dt.datetime | None = None) -> str:
    """The next service: lunch in the morning, dinner from lunch's end on."""
    return service_of(now or dt.datetime.now())


def _day_text(day: dt.date, lang: str) -> str:
    weekday = _WEEKDAYS[lang][day.weekday()]
    return f"{day.isoformat()} （周{weekday}）" if lang == "zh" else f"{weekday} {day.isoformat()}"


class _Copy:
    """What the staff copy may show: the value of a field unless it is confidential (or ``full``)."""

    def __init__(self, library: FormLibrary, full: bool, lang: str) -> None:
        self.library, self.full, self.lang = library, full, lang

    def value(self, customer: Customer, key: str) -> str:
        try:
            spec = self.library.field(key)
        except KeyError:
            return ""
        if spec.confidential and not self.full:
            return ""
        return format_value(spec, customer.get(key), self.lang).strip()


def briefing_rows(db: Database, library: FormLibrary, day: dt.date, service: str | None = None, *,
                  full: bool = False, lang: str = "zh") -> list[BriefingRow]:
    """The day's booked guests of ``service`` (both with ``None``), in time order."""
    if service is not None and service not in SERVICES:
        raise ValueError(f"service: {service!r} is not lunch or dinner")
    start = dt.datetime.combine(day, dt.time())
    with db.session() as session:
        booked = history.visits_between(session, start, start + dt.timedelta(days=1))
    booked = [(v, c) for v, c in booked if service is None or service_of(v.at) == service]
    occasions = {(o.customer.id, o.kind): o for o in occasions_between(db, day, day)} if booked else {}
    copy = _Copy(library, full, lang)
    words = _OCCASION[lang]
    return [_row(visit, customer, occasions, copy, words) for visit, customer in booked]


def _row(visit: Visit, customer: Customer, occasions: dict, copy: _Copy, words: dict[str, str]) -> BriefingRow:
    today = []
    for kind in ("birthday", "anniversary"):
        found = occasions.get((customer.id, kind))
        if found is not None:
            today.append(words[f"{kind}_years"].format(found.years) if found.years else words[kind])
    occasion = " ".join(part for part in (*today, visit.occasion or "") if part)
    dishes, drinks = copy.value(customer, "favorite_dishes"), copy.value(customer, "favorite_drinks")
    favourites = "；".join(p for p in (dishes, f"{words['drinks']}: {drinks}" if drinks else "") if p)
    seat = copy.value(customer, "preferred_seat")
    notes = [visit.notes or "", copy.value(customer, "special_preferences"), copy.value(customer, "notes")]
    if seat and seat != (visit.room or ""):
        notes.append(f"{words['prefer']} {seat}")
    return BriefingRow(
        time=f"{visit.at:%H:%M}",
        room=visit.room or "",
        party=str(visit.party_size or ""),
        guest=customer.display_name,
        customer_class=customer.customer_class or "",
        allergies=copy.value(customer, "allergies"),
        favourites=favourites,
        occasion=occasion,
        notes="；".join(dict.fromkeys(n for n in notes if n)),
        owner=customer.owner or "",
        highlight=bool(today),
    )


def print_briefing(db: Database, library: FormLibrary, out: Path, day: dt.date, service: str | None = None, *,
                   lang: str = "zh", restaurant: str = "", full: bool = False) -> int:
    """The briefing sheet of ``day``'s ``service`` into ``out`` (PDF); returns how many guests it
    lists. ``NothingToPrint`` when nobody is booked."""
    rows = briefing_rows(db, library, day, service, full=full, lang=lang)
    if not rows:
        if service:
            raise NothingToPrint(Code.NO_RESERVATIONS_FOR, day.isoformat(), service)
        raise NothingToPrint(Code.NO_RESERVATIONS, day.isoformat())
    render_briefing(out, BriefingSheet(_day_text(day, lang), service or "all", rows, restaurant, lang, full))
    return len(rows)
