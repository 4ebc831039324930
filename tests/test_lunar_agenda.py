"""The agenda: lunar birthdays on this year's solar day, and the festivals with their guests."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from lunar_python import LunarYear, Solar

from guestcard.cli.main import main
from guestcard.domain import Customer, PartialDate, lunar
from guestcard.domain.festivals import festivals_between
from guestcard.services import customers
from guestcard.services.agenda import agenda, lunar_keys, window_days
from guestcard.settings import Settings, load_settings, save_settings
from guestcard.storage import Database


def key_of(month: int, day: int, leap: bool) -> str:
    return PartialDate.lunar_date(month, day, leap=leap).month_day


@pytest.mark.slow  # 22,281 days asked of the library one by one: about 30 s
def test_every_day_of_2000_to_2060_is_found_on_the_librarys_day() -> None:
    """For each solar day, the birthday kept on the lunar date the library gives that day is
    celebrated on it, and on no other day of its lunar year."""
    day, last = dt.date(2000, 1, 1), dt.date(2060, 12, 31)
    checked = 0
    while day <= last:
        told = Solar.fromYmd(day.year, day.month, day.day).getLunar()
        month, leap = abs(told.getMonth()), told.getMonth() < 0
        assert key_of(month, told.getDay(), leap) in lunar_keys(day), day
        birthday = PartialDate.lunar_date(month, told.getDay(), leap=leap)
        assert lunar.observed_solar(told.getYear(), month, told.getDay(), leap) == day
        if told.getYear() == day.year:
            assert birthday.occurrence_in(day.year) == day
        day += dt.timedelta(days=1)
        checked += 1
    assert checked == 22_281


@pytest.mark.parametrize("year", [2001, 2004, 2020, 2023, 2025, 2033, 2057])
def test_each_lunar_year_keeps_every_birthday_on_exactly_one_day(year: int) -> None:
    months = LunarYear.fromYear(year).getMonthsInYear()
    first = Solar.fromJulianDay(months[0].getFirstJulianDay())
    start = dt.date(first.getYear(), first.getMonth(), first.getDay())
    end = start + dt.timedelta(days=sum(m.getDayCount() for m in months) - 1)
    keys = [k for k in window_days(start, end) if k[0] in "LR"]
    every = {key_of(m, d, leap) for m in range(1, 13) for d in range(1, 31) for leap in (False, True)}
    assert set(keys) == every  # each of the 720 ways to be born has its day
    per_day: dict[str, int] = {}
    day = start
    while day <= end:
        for key in lunar_keys(day):
            per_day[key] = per_day.get(key, 0) + 1
        day += dt.timedelta(days=1)
    assert set(per_day.values()) == {1}


def test_festivals_fall_on_their_days() -> None:
    days = {f.key: d for f, d in festivals_between(dt.date(2026, 1, 1), dt.date(2026, 12, 31))}
    assert days == {
        "new_year": dt.date(2026, 1, 1),
        "spring": dt.date(2026, 2, 17),
        "lantern": dt.date(2026, 3, 3),
        "womens_day": dt.date(2026, 3, 8),
        "mothers_day": dt.date(2026, 5, 10),
        "dragon_boat": dt.date(2026, 6, 19),
        "fathers_day": dt.date(2026, 6, 21),
        "teachers_day": dt.date(2026, 9, 10),
        "mid_autumn": dt.date(2026, 9, 25),
        "national_day": dt.date(2026, 10, 1),
        "double_ninth": dt.date(2026, 10, 18),
    }


def _guest(db: Database, name: str, birthday: str, customer_class: str = "C", gender: str | None = None) -> Customer:
    from guestcard.domain.values import parse_partial_date

    return customers.create_customer(
        db, Customer(name=name, birthday=parse_partial_date(birthday), customer_class=customer_class, gender=gender)
    )


def test_the_agenda_lists_lunar_birthdays_and_festivals(db: Database) -> None:
    _guest(db, "王建国", "1958年农历八月十五", "A", "male")
    _guest(db, "李梅", "农历闰六月初一", "B", "female")  # 2026 has no leap 6th month: 六月初一
    _guest(db, "张三", "9月26日", "C")
    _guest(db, "赵四", "农历八月三十", "A")  # 2026's 八月 has 29 days: on its 29th
    week = agenda(db, days=30, today=dt.date(2026, 9, 20), festival_classes={"mid_autumn": "AB"})
    found = [(o.customer.name, o.date, o.calendar, o.years) for o in week.occasions]
    assert found == [
        ("王建国", dt.date(2026, 9, 25), "lunar", 68),
        ("张三", dt.date(2026, 9, 26), "solar", None),
        ("赵四", lunar.to_solar(2026, 8, 29), "lunar", None),
    ]
    assert [(f.festival.key, f.date, [c.name for c in f.customers]) for f in week.festivals] == [
        ("mid_autumn", dt.date(2026, 9, 25), ["李梅", "王建国", "赵四"]),
        ("national_day", dt.date(2026, 10, 1), []),
        ("double_ninth", dt.date(2026, 10, 18), []),
    ]
    summer = agenda(db, days=3, today=lunar.to_solar(2026, 6, 1))
    assert [o.customer.name for o in summer.occasions] == ["李梅"]
    women = agenda(db, days=0, today=dt.date(2026, 3, 8), festival_classes={"womens_day": "ABC"})
    assert [c.name for c in women.festivals[0].customers] == ["李梅"]  # a women's day card to women


def test_settings_keep_the_festival_classes(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    assert load_settings(path).festival_classes["mid_autumn"] == "AB"
    save_settings(Settings(festival_classes={"mid_autumn": "C", "spring": "ABC"}), path)
    chosen = load_settings(path).festival_classes
    assert (chosen["mid_autumn"], chosen["spring"], chosen["new_year"]) == ("C", "ABC", "A")
    path.write_text(json.dumps({"festival_classes": {"mid_autumn": "xyz B", "bogus": "A"}}), encoding="utf-8")
    chosen = load_settings(path).festival_classes
    assert chosen["mid_autumn"] == "B" and "bogus" not in chosen


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_add_set_and_agenda_json(capsys: pytest.CaptureFixture[str], db_args: list[str]) -> None:
    code, out, err = run(capsys, *db_args, "add", "--name", "王建国", "--birthday", "农历三月初二", "--class", "A",
                         "--json")
    assert code == 0, err
    created = json.loads(out)
    assert created["birthday"] == "--L03-02"
    code, out, err = run(capsys, *db_args, "show", str(created["id"]))
    assert "农历三月初二（今年" in out
    code, out, err = run(capsys, *db_args, "set", str(created["id"]), "birthday=阴历腊月初八")
    assert code == 0, err
    code, out, err = run(capsys, *db_args, "agenda", "--date", "2026-01-01", "--days", "60", "--json")
    assert code == 0, err
    result = json.loads(out)
    [occasion] = result["occasions"]
    assert occasion["calendar"] == "lunar" and occasion["solar_date"] == "2026-01-26"
    assert occasion["written"] == "农历腊月初八" and occasion["kept"] == "--L12-08"
    festivals = {f["festival"]: f for f in result["festivals"]}
    assert festivals["spring"]["date"] == "2026-02-17" and festivals["spring"]["calendar"] == "lunar"
    assert [c["name"] for c in festivals["spring"]["customers"]] == ["王建国"]
    code, out, err = run(capsys, *db_args, "agenda", "--date", "2026-01-01", "--days", "60")
    assert "01-26  生日  王建国  A  农历腊月初八" in out and "02-17  春节  A/B: 1  王建国" in out
    code, out, err = run(capsys, *db_args, "agenda", "--date", "2026-01-01", "--days", "60", "--lang", "en")
    assert "01-26  birthday  王建国  A  lunar 12/8" in out and "02-17  Spring Festival  A/B: 1" in out
    code, out, err = run(capsys, *db_args, "set", str(created["id"]), "birthday=2026年农历闰四月初一")
    assert code == 2 and "birthday" in err and "Traceback" not in err
