"""The Chinese (lunar) calendar of birthdays: conversion, the words people write, the words we show.

Every fact about the calendar — which months a lunar year has, how long each is, which is the
leap month, when each begins — comes from the ``lunar-python`` library; nothing here is a table
of our own. A lunar year's months are read once and kept (``_months``); everything else is
arithmetic on them.

**A lunar date that does not exist in a given year** is kept on a documented day:

- a leap-month date (``闰四月初一``) in a year without that leap month falls in the ordinary month
  of the same number (``四月初一``); an ordinary-month date always falls in the ordinary month;
- the 30th of a month that has 29 days that year falls on its 29th, the day before (the month's
  last day).

**"This year"** of a lunar birthday is the solar year: ``solar_in_year(…, 2026)`` is the day in
2026 it falls on — that of lunar year 2026 when it falls within 2026, else that of lunar year 2025
(a 腊月 birthday falls in January or February of the next solar year). A few late-winter dates
miss a solar year altogether; then it is the day of lunar year 2026, early in 2027.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "LunarDay",
    "from_solar",
    "leap_month_of",
    "lunar_words",
    "month_length",
    "observed_solar",
    "parse_lunar_words",
    "solar_in_year",
    "to_solar",
]

# The years whose months the library gives and whose days stay within dt.date.
FIRST_YEAR, LAST_YEAR = 1, 9998


@dataclass(frozen=True, slots=True)
class LunarDay:
    """One day of the lunar calendar, as the library counts it."""

    year: int
    month: int  # 1..12
    day: int  # 1..30
    leap: bool = False


@dataclass(frozen=True, slots=True)
class _Month:
    number: int
    leap: bool
    first: dt.date
    days: int


def _date_of_julian(julian_day: float) -> dt.date:
    from lunar_python import Solar  # lazy: lunar_python costs ~35 ms at import, which guestcard --help need not pay

    solar = Solar.fromJulianDay(julian_day)
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())


@lru_cache(maxsize=256)
def _months(year: int) -> tuple[_Month, ...]:
    """The months of lunar year ``year`` in order (a leap month after its ordinary namesake)."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"lunar year {year} is out of range")
    from lunar_python import LunarYear  # lazy: lunar_python costs ~35 ms at import, which guestcard --help need not pay

    return tuple(
        _Month(abs(m.getMonth()), m.getMonth() < 0, _date_of_julian(m.getFirstJulianDay()), m.getDayCount())
        for m in LunarYear.fromYear(year).getMonthsInYear()
    )


def _month(year: int, month: int, leap: bool) -> _Month | None:
    for candidate in _months(year):
        if candidate.number == month and candidate.leap == leap:
            return candidate
    return None


def leap_month_of(year: int) -> int:
    """The number of lunar year ``year``'s leap month, 0 when it has none."""
    return next((m.number for m in _months(year) if m.leap), 0)


def month_length(year: int, month: int, leap: bool = False) -> int | None:
    """29 or 30; ``None`` when lunar year ``year`` has no such (leap) month."""
    found = _month(year, month, leap)
    return found.days if found else None


def to_solar(year: int, month: int, day: int, leap: bool = False) -> dt.date:
    """The solar day of an existing lunar date; ``ValueError`` when it does not exist."""
    found = _month(year, month, leap)
    if found is None or not 1 <= day <= found.days:
        raise ValueError(f"{lunar_words(month, day, leap, year)} does not exist")
    return found.first + dt.timedelta(days=day - 1)


def observed_solar(year: int, month: int, day: int, leap: bool = False) -> dt.date:
    """The solar day lunar year ``year`` keeps the date on, with the rules of the module doc:
    an absent leap month → the ordinary month; a 30th in a 29-day month → its 29th."""
    found = _month(year, month, leap) if leap else None
    found = found or _month(year, month, False)
    if found is None:  # every lunar year has its twelve ordinary months
        raise ValueError(f"lunar year {year} has no month {month}")
    return found.first + dt.timedelta(days=min(day, found.days) - 1)


def from_solar(day: dt.date) -> LunarDay:
    """The lunar date of a solar day."""
    for year in (day.year, day.year - 1):
        months = _months(year)
        starts = [m.first for m in months]
        at = bisect.bisect_right(starts, day) - 1
        if at >= 0 and day < months[at].first + dt.timedelta(days=months[at].days):
            found = months[at]
            return LunarDay(year, found.number, (day - found.first).days + 1, found.leap)
    raise ValueError(f"{day} is outside the lunar calendar's range")


def solar_in_year(month: int, day: int, leap: bool, year: int) -> dt.date:
    """The day of solar year ``year`` a lunar month-day falls on (see "this year" in the module doc)."""
    this = observed_solar(year, month, day, leap)
    if this.year == year or year - 1 < FIRST_YEAR:
        return this
    before = observed_solar(year - 1, month, day, leap)
    return before if before.year == year else this


# --- words ------------------------------------------------------------------------------------


def _library_names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    from lunar_python.util import LunarUtil  # lazy: see _date_of_julian

    return tuple(LunarUtil.MONTH), tuple(LunarUtil.DAY)  # ("", "正", "二", … "冬", "腊"), ("", "初一", … "三十")


def month_name(month: int, leap: bool = False) -> str:
    """``正月``, ``闰四月``, ``冬月``, ``腊月`` (the library's names)."""
    return ("闰" if leap else "") + _library_names()[0][month] + "月"


def day_name(day: int) -> str:
    """``初二``, ``十五``, ``廿八``, ``三十``."""
    return _library_names()[1][day]


def lunar_words(month: int, day: int, leap: bool = False, year: int | None = None, lang: str = "zh") -> str:
    """``农历三月初二``, ``1958年农历八月十五``, ``农历闰四月初一``; English ``lunar 3/2``,
    ``lunar 8/15/1958``, ``lunar leap 4/1``. Both read back with ``parse_lunar_words``."""
    if lang == "en":
        text = f"lunar {'leap ' if leap else ''}{month}/{day}"
        return f"{text}/{year}" if year is not None else text
    text = f"农历{month_name(month, leap)}{day_name(day)}"
    return f"{year}年{text}" if year is not None else text


_MARKER = r"(?:农历|阴历|旧历|夏历|農曆|陰曆|舊曆|lunar)"
_LEAP = r"(?:闰|閏|leap\s*)"
_CN_DIGITS = dict(zip("一二三四五六七八九", range(1, 10), strict=True))
_MONTH_WORD = r"(?:\d{1,2}|正|冬|腊|臘|十[一二]?|[一二三四五六七八九])"
_ONES = "[一二三四五六七八九]"
_DAY_WORD = rf"(?:\d{{1,2}}|初(?:{_ONES}|十)|[一二三]?十{_ONES}?|廿{_ONES}?|卅|{_ONES})"
# 1958年农历八月十五 · 农历1958年8月15日 · 农历1958-08-15 · 农历闰四月初一 · 闰四月初一 · lunar leap 4/1/1958
_ZH_FORM = re.compile(
    rf"(?:(?P<y1>\d{{4}})\s*年?\s*)?(?P<marker>{_MARKER})?\s*(?:(?P<y2>\d{{4}})\s*[年/.-]\s*)?"
    rf"(?P<leap>{_LEAP})?\s*(?P<month>{_MONTH_WORD})\s*(?:月份?|[-/.])\s*(?P<day>{_DAY_WORD})\s*[日号]?"
    rf"(?:\s*/\s*(?P<y3>\d{{4}}))?",
    re.IGNORECASE,
)
# What we show after the words — （今年4月10日）, (Apr 10 this year) — is a reminder, not data.
_SHOWN_TAIL = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")


def _number(word: str) -> int:
    if word.isdigit():
        return int(word)
    word = word.removeprefix("初").replace("廿", "二十").replace("卅", "三十")
    if word in {"正"}:
        return 1
    if word in {"冬"}:
        return 11
    if word in {"腊", "臘"}:
        return 12
    if "十" in word:
        tens, _, ones = word.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return _CN_DIGITS[word]


def parse_lunar_words(text: str) -> tuple[int | None, int, int, bool] | None:
    """``(year, month, day, leap)`` of a lunar date as written, ``None`` when the text is not one.

    A text is lunar when it says so (农历, 阴历, 旧历, lunar) or names a leap month (闰). Numbers
    are digits or Chinese (正月, 冬月, 腊月, 初二, 十五, 廿八, 三十); the year, when given, comes
    before (``1958年农历八月十五``) or after the marker, or last in the English form. The range
    of month and day is the caller's to check (``PartialDate``).
    """
    folded = unicodedata.normalize("NFKC", text).strip()
    folded = _SHOWN_TAIL.sub("", folded)
    match = _ZH_FORM.fullmatch(folded)
    if match is None or not (match["marker"] or match["leap"]):
        return None
    years = [int(y) for y in (match["y1"], match["y2"], match["y3"]) if y]
    if len(years) > 1:
        return None
    return (years[0] if years else None, _number(match["month"]), _number(match["day"]), bool(match["leap"]))
