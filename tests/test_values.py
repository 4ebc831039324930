import datetime as dt
from decimal import Decimal

import pytest

from guestcard.domain.values import (
    PartialDate,
    format_phone,
    normalize_phone,
    parse_bool,
    parse_class,
    parse_gender,
    parse_money,
    parse_partial_date,
)

TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1985-03-02", "1985-03-02"),
        ("1985/3/2", "1985-03-02"),
        ("1985.03.02", "1985-03-02"),
        ("19850302", "1985-03-02"),
        ("1985年3月2日", "1985-03-02"),
        ("1985 年 3 月 2 日", "1985-03-02"),
        ("１９８５年３月２日", "1985-03-02"),
        ("85-3-2", "1985-03-02"),
        ("05/3/2", "2005-03-02"),
        ("3月2日", "--03-02"),
        ("3月2号", "--03-02"),
        ("03-02", "--03-02"),
        ("--03-02", "--03-02"),
        ("2月29日", "--02-29"),
        ("2000-02-29", "2000-02-29"),
        ("1985-03-02 00:00:00", "1985-03-02"),
        (dt.date(1985, 3, 2), "1985-03-02"),
        (dt.datetime(1985, 3, 2, 10, 0), "1985-03-02"),
    ],
)
def test_dates_are_read_as_written(text: object, expected: str) -> None:
    assert parse_partial_date(text, today=TODAY).iso() == expected


@pytest.mark.parametrize("text", ["1985-02-30", "1985-13-01", "2月30日", "1900-02-29", "", "生日", "32/3", "1985-3"])
def test_impossible_dates_are_not_guessed(text: str) -> None:
    with pytest.raises(ValueError):
        parse_partial_date(text, today=TODAY)


def test_two_digit_years_are_in_the_past() -> None:
    assert parse_partial_date("30-01-01", today=TODAY).year == 1930
    assert parse_partial_date("26-01-01", today=TODAY).year == 2026


def test_partial_date_round_trip_and_leap_day() -> None:
    leap = PartialDate(2, 29)
    assert PartialDate.from_iso(leap.iso()) == leap
    assert leap.occurrence_in(2027) == dt.date(2027, 2, 28)
    assert leap.occurrence_in(2028) == dt.date(2028, 2, 29)
    assert PartialDate.from_iso("1985-03-02").to_date() == dt.date(1985, 3, 2)


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("13812345678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("(138)1234-5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("+86-13812345678", "13812345678"),
        ("008613812345678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("1.3812345678E10", "13812345678"),
        ("13812345678.0", "13812345678"),
        (13812345678.0, "13812345678"),
        (13812345678, "13812345678"),
        ("010-12345678", "01012345678"),
        ("(0755) 8765 4321", "075587654321"),
        ("+86 10 1234 5678", "01012345678"),
        ("010-12345678转808", "01012345678-808"),
        ("+1 415 555 0100", "+14155550100"),
    ],
)
def test_phones_are_normalised(text: object, digits: str) -> None:
    assert normalize_phone(text) == digits


@pytest.mark.parametrize("text", ["", "无", "abc", "12", "1234567890123456"])
def test_non_phones_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        normalize_phone(text)


def test_phones_are_shown_grouped() -> None:
    assert format_phone("13812345678") == "138 1234 5678"
    assert format_phone("01012345678") == "010 1234 5678"
    assert format_phone("075587654321") == "0755 8765 4321"


@pytest.mark.parametrize(
    ("text", "cls"),
    [
        ("A", "A"),
        ("a类", "A"),
        ("VIP", "A"),
        ("大客户", "A"),
        ("重要客户", "A"),
        ("B", "B"),
        ("B类", "B"),
        ("单位客户", "B"),
        ("普通客户", "B"),
        ("C", "C"),
        ("c类", "C"),
        ("散客", "C"),
        ("普通散客", "C"),
        ("新客户", "C"),
        ("Ａ类", "A"),
    ],
)
def test_classes(text: str, cls: str) -> None:
    assert parse_class(text) == cls


def test_unknown_class_is_refused() -> None:
    with pytest.raises(ValueError, match="not a customer class"):
        parse_class("D")


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("¥12,800.00", Decimal(12800)),
        ("12800元", Decimal(12800)),
        ("1.28万", Decimal(12800)),
        ("RMB 3,680.5", Decimal("3680.50")),
        (1280, Decimal(1280)),
        ("０", Decimal(0)),
    ],
)
def test_money(text: object, amount: Decimal) -> None:
    assert parse_money(text) == amount


@pytest.mark.parametrize("text", ["很多", "¥", "nan", "inf"])
def test_bad_money_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_money(text)


def test_gender_and_bool() -> None:
    assert [parse_gender(t) for t in ("男", "F", "Male", "先生", "女士")] == [
        "male",
        "female",
        "male",
        "male",
        "female",
    ]
    assert parse_bool("是") is True and parse_bool("否") is False and parse_bool("√") is True
    with pytest.raises(ValueError):
        parse_gender("?")
    with pytest.raises(ValueError):
        parse_bool("maybe")
