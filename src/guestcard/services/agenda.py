"""What is coming up: birthdays and anniversaries, reservations, follow-ups due."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from guestcard.domain.model import Contact, Customer, Visit
from guestcard.domain.values import PartialDate
from guestcard.storage import Database, history
from guestcard.storage.search_index import name_sort_key


@dataclass(frozen=True)
class Occasion:
    customer: Customer
    kind: str  # "birthday" | "anniversary"
    date: dt.date  # the day it falls on in the window
    years: int | None  # the age turned or years married, when the year is known

    @property
    def days_away(self) -> int:
        return (self.date - dt.date.today()).days


@dataclass(frozen=True)
class Agenda:
    start: dt.date
    end: dt.date  # inclusive
    occasions: list[Occasion]
    reservations: list[tuple[Visit, Customer]]
    follow_ups: list[tuple[Contact, Customer]]


def _window(start: dt.date, end: dt.date) -> dict[str, dt.date]:
    """``MM-DD`` → the date it is celebrated on within [start, end].

    In a year without 29 February, those born on it are greeted on 28 February.
    """
    days: dict[str, dt.date] = {}
    day = start
    while day <= end:
        days[day.strftime("%m-%d")] = day
        if day.month == 2 and day.day == 28 and not calendar.isleap(day.year):
            days["02-29"] = day
        day += dt.timedelta(days=1)
    return days


def occasions_between(db: Database, start: dt.date, end: dt.date) -> list[Occasion]:
    window = _window(start, end)
    with db.session() as session:
        customers = history.customers_with_days(session, window)
    found = []
    for customer in customers:
        for kind, when in (("birthday", customer.birthday), ("anniversary", customer.anniversary)):
            if isinstance(when, PartialDate) and when.month_day in window:
                day = window[when.month_day]
                years = day.year - when.year if when.year else None
                found.append(Occasion(customer, kind, day, years))
    found.sort(key=lambda o: (o.date, name_sort_key(o.customer.name)))  # same day: address-book order
    return found


def agenda(db: Database, days: int = 7, today: dt.date | None = None) -> Agenda:
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
    return Agenda(start, end, occasions_between(db, start, end), reservations, follow_ups)
