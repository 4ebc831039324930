"""What is coming up: birthdays and anniversaries, festivals, reservations, follow-ups due.

A lunar birthday (农历三月初二) is found on the solar day it falls on this year: each day of the
window is turned into its lunar date (``guestcard.domain.lunar``) and the birthdays kept on that
day are looked up by their agenda key (``PartialDate.month_day``), with the calendar's rules for
dates missing that year (a leap month absent → the ordinary month; a 30th of a 29-day month → its
29th).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from guestcard.domain import lunar
from guestcard.domain.festivals import Festival, festivals_between
from guestcard.domain.model import Contact, Customer, Visit
from guestcard.domain.values import PartialDate
from guestcard.settings import DEFAULT_FESTIVAL_CLASSES
from guestcard.storage import CustomerFilter, Database, customers, history
from guestcard.storage.search import name_sort_key


@dataclass(frozen=True)
class Occasion:
    customer: Customer
    kind: str  # "birthday" | "anniversary"
    date: dt.date  # the (solar) day it falls on in the window
    years: int | None  # the age turned or years married, when the year is known
    kept: PartialDate | None = None  # the date as kept on the card (solar or lunar)

    @property
    def calendar(self) -> str:
        """``"lunar"`` for a date of the Chinese calendar, else ``"solar"``."""
        return "lunar" if self.kept is not None and self.kept.lunar else "solar"

    @property
    def days_away(self) -> int:
        return (self.date - dt.date.today()).days


@dataclass(frozen=True)
class FestivalDay:
    festival: Festival
    date: dt.date
    customers: list[Customer]  # the guests of the classes chosen for it, in address-book order
    classes: str  # the classes chosen ("AB")


@dataclass(frozen=True)
class Agenda:
    start: dt.date
    end: dt.date  # inclusive
    occasions: list[Occasion]
    reservations: list[tuple[Visit, Customer]]
    follow_ups: list[tuple[Contact, Customer]]
    festivals: list[FestivalDay] = field(default_factory=list)


def lunar_keys(day: dt.date) -> list[str]:
    """The agenda keys of the lunar dates kept on solar ``day`` (``L0302``, ``R0401``…)."""
    found = lunar.from_solar(day)
    length = lunar.month_length(found.year, found.month, found.leap) or 30
    days = [found.day, 30] if found.day == length == 29 else [found.day]
    keys = [f"{'R' if found.leap else 'L'}{found.month:02d}{d:02d}" for d in days]
    if not found.leap and lunar.leap_month_of(found.year) != found.month:
        keys += [f"R{found.month:02d}{d:02d}" for d in days]  # no leap month of this number this year
    return keys


def window_days(start: dt.date, end: dt.date) -> dict[str, dt.date]:
    """Agenda key → the date it is celebrated on within [start, end]: ``MM-DD`` for solar dates
    (in a year without 29 February, those born on it are greeted on 28 February) and the lunar
    keys of ``lunar_keys``."""
    days: dict[str, dt.date] = {}
    day = start
    while day <= end:
        days[day.strftime("%m-%d")] = day
        if day.month == 2 and day.day == 28 and not calendar.isleap(day.year):
            days["02-29"] = day
        for key in lunar_keys(day):
            days[key] = day
        day += dt.timedelta(days=1)
    return days


def occasions_between(db: Database, start: dt.date, end: dt.date) -> list[Occasion]:
    window = window_days(start, end)
    with db.session() as session:
        found_customers = history.customers_with_days(session, window)
    found = []
    for customer in found_customers:
        for kind, when in (("birthday", customer.birthday), ("anniversary", customer.anniversary)):
            if isinstance(when, PartialDate) and when.month_day in window:
                day = window[when.month_day]
                found.append(Occasion(customer, kind, day, when.years_at(day), when))
    found.sort(key=lambda o: (o.date, name_sort_key(o.customer.name)))  # same day: address-book order
    return found


def festival_days(
    db: Database, start: dt.date, end: dt.date, classes: Mapping[str, str] | None = None
) -> list[FestivalDay]:
    """The festivals within [start, end], each with the guests of the classes chosen for it
    (``classes``: festival key → ``"AB"``; the settings' defaults when not given)."""
    if classes is None:
        classes = DEFAULT_FESTIVAL_CLASSES
    festivals = festivals_between(start, end)
    wanted = sorted({c for festival, _day in festivals for c in classes.get(festival.key, "")})
    by_class: dict[str, list[Customer]] = {}
    if wanted:
        with db.session() as session:
            for customer_class in wanted:
                by_class[customer_class] = customers.list_customers(
                    session, CustomerFilter(customer_class=customer_class)
                )
    result = []
    for festival, day in festivals:
        chosen = classes.get(festival.key, "")
        guests = [c for k in chosen for c in by_class.get(k, ()) if festival.gender in (None, c.gender)]
        guests.sort(key=lambda c: name_sort_key(c.name))
        result.append(FestivalDay(festival, day, guests, chosen))
    return result


def agenda(
    db: Database, days: int = 7, today: dt.date | None = None, festival_classes: Mapping[str, str] | None = None
) -> Agenda:
    """Today and the next ``days`` days."""
    if days < 0:
        raise ValueError("days cannot be negative")
    start = today or dt.date.today()
    end = start + dt.timedelta(days=days)
    with db.session() as session:
        reservations = history.visits_between(
            session, dt.datetime.combine(start, dt.time()), dt.datetime.combine(end + dt.timedelta(days=1), dt.time())
        )
        follow_ups = history.follow_ups_due(session, end)
    return Agenda(
        start,
        end,
        occasions_between(db, start, end),
        reservations,
        follow_ups,
        festival_days(db, start, end, festival_classes),
    )
