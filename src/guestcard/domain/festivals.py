"""The festivals a hotel sends greetings at, and the days they fall on.

Lunar ones (春节, 元宵, 端午, 中秋, 重阳) are days of the Chinese calendar, found with
``guestcard.domain.lunar`` (the ``lunar-python`` library); solar ones are fixed days or, for
Mother's and Father's Day, the 2nd Sunday of May and the 3rd Sunday of June. ``gender`` narrows
the greeting to the guests it is for (a Mother's Day card goes to women on file, not to men).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from guestcard.domain import lunar

__all__ = ["FESTIVALS", "Festival", "festivals_between"]


@dataclass(frozen=True, slots=True)
class Festival:
    key: str
    zh: str
    en: str
    calendar: str  # "lunar" | "solar"
    month: int
    day: int = 0  # the day of the month; 0 with ``sunday`` set
    sunday: int = 0  # the n-th Sunday of the month (solar only)
    gender: str | None = None  # "female" | "male": only guests recorded so

    def name(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def day_in(self, year: int) -> dt.date:
        """The solar day of the festival in solar ``year``."""
        if self.calendar == "lunar":
            return lunar.solar_in_year(self.month, self.day, False, year)
        if self.sunday:
            first = dt.date(year, self.month, 1)
            to_sunday = (6 - first.weekday()) % 7
            return first + dt.timedelta(days=to_sunday + 7 * (self.sunday - 1))
        return dt.date(year, self.month, self.day)


FESTIVALS: tuple[Festival, ...] = (
    Festival("new_year", "元旦", "New Year's Day", "solar", 1, 1),
    Festival("spring", "春节", "Spring Festival", "lunar", 1, 1),
    Festival("lantern", "元宵节", "Lantern Festival", "lunar", 1, 15),
    Festival("womens_day", "妇女节", "Women's Day", "solar", 3, 8, gender="female"),
    Festival("mothers_day", "母亲节", "Mother's Day", "solar", 5, sunday=2, gender="female"),
    Festival("dragon_boat", "端午节", "Dragon Boat Festival", "lunar", 5, 5),
    Festival("fathers_day", "父亲节", "Father's Day", "solar", 6, sunday=3, gender="male"),
    Festival("teachers_day", "教师节", "Teachers' Day", "solar", 9, 10),
    Festival("mid_autumn", "中秋节", "Mid-Autumn Festival", "lunar", 8, 15),
    Festival("national_day", "国庆节", "National Day", "solar", 10, 1),
    Festival("double_ninth", "重阳节", "Double Ninth Festival", "lunar", 9, 9),
)
FESTIVAL_KEYS = tuple(f.key for f in FESTIVALS)


def festivals_between(start: dt.date, end: dt.date) -> list[tuple[Festival, dt.date]]:
    """The festivals falling within [start, end], by date."""
    found = []
    for year in range(start.year, end.year + 1):
        for festival in FESTIVALS:
            day = festival.day_in(year)
            if start <= day <= end:
                found.append((festival, day))
    found.sort(key=lambda pair: (pair[1], FESTIVAL_KEYS.index(pair[0].key)))
    return found
