"""Lunar birthdays (农历): the value, its words, its stored form, and this year's solar day."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lunar_python import Lunar, LunarYear

from guestcard.domain import lunar
from guestcard.domain.values import PartialDate, parse_partial_date
from guestcard.forms.values import format_date


@st.composite
def lunar_dates(draw: st.DrawFn, with_year: bool | None = None) -> PartialDate:
    """Any lunar date: with a year, one that exists that year (leap months included)."""
    has_year = draw(st.booleans()) if with_year is None else with_year
    if not has_year:
        return PartialDate.lunar_date(draw(st.integers(1, 12)), draw(st.integers(1, 30)), leap=draw(st.booleans()))
    year = draw(st.integers(1901, 2099))
    months = LunarYear.fromYear(year).getMonthsInYear()
    month = draw(st.sampled_from(months))
    day = draw(st.integers(1, month.getDayCount()))
    return PartialDate.lunar_date(abs(month.getMonth()), day, year, leap=month.getMonth() < 0)


@pytest.mark.parametrize(
    ("text", "stored", "words"),
    [
        ("农历3月2日", "--L03-02", "农历三月初二"),
        ("阴历三月初二", "--L03-02", "农历三月初二"),
        ("农历腊月初八", "--L12-08", "农历腊月初八"),
        ("1958年农历八月十五", "1958L08-15", "1958年农历八月十五"),
        ("闰四月初一", "--L04R01", "农历闰四月初一"),
        ("农历正月十五", "--L01-15", "农历正月十五"),
        ("农历冬月廿九", "--L11-29", "农历冬月廿九"),
        ("农历十一月二十九日", "--L11-29", "农历冬月廿九"),
        ("農曆臘月初八", "--L12-08", "农历腊月初八"),
        ("农历1958年8月15日", "1958L08-15", "1958年农历八月十五"),
        ("农历　３月２日", "--L03-02", "农历三月初二"),
        ("lunar 3/2", "--L03-02", "农历三月初二"),
        ("Lunar leap 4/1/2020", "2020L04R01", "2020年农历闰四月初一"),
        ("农历三月初二（今年4月18日）", "--L03-02", "农历三月初二"),
        ("1958L08-15", "1958L08-15", "1958年农历八月十五"),
    ],
)
def test_the_ways_lunar_dates_are_written(text: str, stored: str, words: str) -> None:
    date = parse_partial_date(text)
    assert (date.lunar, date.iso(), date.words()) == (True, stored, words)
    assert PartialDate.from_iso(stored) == date


@pytest.mark.parametrize(
    "text",
    ["农历十三月初一", "农历三月三十一", "农历三月", "2026年农历闰四月初一", "2025年农历二月三十",
     "农历1958年八月十五/1958"],
)
def test_impossible_lunar_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_partial_date(text)


def test_solar_dates_read_as_before() -> None:
    assert parse_partial_date("1985年3月2日") == PartialDate(3, 2, 1985)
    assert parse_partial_date("3月2日").iso() == "--03-02"
    assert PartialDate.from_iso("--03-02") == PartialDate(3, 2)
    assert not PartialDate.from_iso("1985-03-02").lunar
    with pytest.raises(ValueError, match="leap month"):
        PartialDate(3, 2, leap_month=True)


@given(lunar_dates())
def test_words_stored_form_and_shown_text_read_back_unchanged(date: PartialDate) -> None:
    assert len(date.iso()) <= 10 and len(date.month_day) == 5  # the columns' widths
    assert PartialDate.from_iso(date.iso()) == date
    for lang in ("zh", "en"):
        assert parse_partial_date(date.words(lang)) == date
        assert parse_partial_date(format_date(date, lang, today=dt.date(2026, 6, 1))) == date


@given(lunar_dates(with_year=True), lunar_dates(with_year=True))
def test_stored_forms_sort_in_calendar_order(first: PartialDate, second: PartialDate) -> None:
    def order(d: PartialDate) -> tuple[int, int, bool, int]:
        return (d.year or 0, d.month, d.leap_month, d.day)

    assert (first.iso() < second.iso()) == (order(first) < order(second))
    assert (first.to_date() < second.to_date()) == (first.iso() < second.iso())  # type: ignore[operator]


@given(lunar_dates(with_year=True))
@settings(max_examples=60)
def test_the_solar_day_of_an_existing_date_is_the_librarys(date: PartialDate) -> None:
    month = -date.month if date.leap_month else date.month
    solar = Lunar.fromYmd(date.year, month, date.day).getSolar()
    assert date.to_date() == dt.date(solar.getYear(), solar.getMonth(), solar.getDay())
    assert lunar.from_solar(date.to_date()) == lunar.LunarDay(date.year, date.month, date.day, date.leap_month)  # type: ignore[arg-type]


def test_shown_with_this_years_solar_day() -> None:
    spring = dt.date(2026, 3, 1)
    assert format_date(parse_partial_date("农历三月初二"), "zh", today=spring) == "农历三月初二（今年4月18日）"
    assert format_date(parse_partial_date("农历三月初二"), "en", today=spring) == "lunar 3/2 (Apr 18 this year)"
    assert format_date("1958L08-15", "zh", today=spring) == "1958年农历八月十五（今年9月25日）"
    # 腊月初八 of lunar 2026 is in January 2027: this year's is that of lunar 2025.
    assert format_date("--L12-08", "zh", today=spring) == "农历腊月初八（今年1月26日）"


def test_missing_dates_are_kept_on_the_documented_day() -> None:
    assert lunar.leap_month_of(2025) == 6 and lunar.leap_month_of(2026) == 0
    # A leap month absent this year: the ordinary month of that number.
    assert lunar.observed_solar(2026, 6, 1, leap=True) == lunar.to_solar(2026, 6, 1)
    assert lunar.observed_solar(2025, 6, 1, leap=True) == lunar.to_solar(2025, 6, 1, leap=True)
    assert lunar.observed_solar(2025, 6, 1, leap=False) == lunar.to_solar(2025, 6, 1)
    # The 30th of a 29-day month: its 29th, the day before.
    assert lunar.month_length(2025, 2) == 29
    assert lunar.observed_solar(2025, 2, 30) == lunar.to_solar(2025, 2, 29)
    assert PartialDate.lunar_date(2, 30).occurrence_in(2025) == lunar.to_solar(2025, 2, 29)


def test_years_turned_are_lunar_years() -> None:
    born = PartialDate.lunar_date(12, 8, 1958)
    assert born.years_at(dt.date(2026, 1, 26)) == 67  # 腊月初八 of lunar 2025
    assert PartialDate(3, 2, 1985).years_at(dt.date(2026, 3, 2)) == 41
