"""Lunar birthdays through a real spreadsheet: import → show → export → import, unchanged."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from guestcard.domain import PartialDate
from guestcard.forms import FormLibrary, format_value
from guestcard.services import customers
from guestcard.services.exporting import export_customers
from guestcard.services.importing import import_file
from guestcard.storage import Database
from test_lunar import lunar_dates


@st.composite
def written(draw: st.DrawFn) -> tuple[PartialDate, str]:
    """A lunar date and one of the ways an old sheet writes it."""
    date = draw(lunar_dates())
    leap = "闰" if date.leap_month else ""
    year = f"{date.year}年" if date.year is not None else ""
    ways = [
        date.words("zh"),
        date.words("en"),
        f"{year}农历{leap}{date.month}月{date.day}日",
        f"{year}阴历{date.words('zh').split('农历')[1]}",
    ]
    if date.leap_month:
        ways.append(f"{year}{date.words('zh').split('农历')[1]}")  # 闰四月初一: 闰 says lunar
    return date, draw(st.sampled_from(ways))


def _sheet(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "出生年月日", "结婚纪念日"])
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


@given(st.lists(st.tuples(written(), written()), min_size=1, max_size=25))
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_lunar_dates_survive_import_show_export_import(library: FormLibrary, dates: list) -> None:
    birthday_spec = library.field("birthday")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        rows = [(f"客人{i:03d}", b[1], a[1]) for i, (b, a) in enumerate(dates)]
        first = Database.open(work / "first.sqlite3")
        report = import_file(first, library, _sheet(work / "old.xlsx", rows))
        assert report.imported == len(rows), report.errors
        kept = {c.name: c for c in customers.list_customers(first)}
        for i, (birthday, anniversary) in enumerate(dates):
            guest = kept[f"客人{i:03d}"]
            assert (guest.birthday, guest.anniversary) == (birthday[0], anniversary[0])
            shown = format_value(birthday_spec, guest.birthday, "zh")
            assert shown.startswith(birthday[0].words()) and ("（今年" in shown or "（明年" in shown)
        out = work / "export.xlsx"
        export_customers(first, library, out)
        cells = {str(c.value) for row in load_workbook(out).active.iter_rows() for c in row if c.value}
        assert {b[0].words() for b, _a in dates} <= cells  # exported in the words of the sheet
        second = Database.open(work / "second.sqlite3")
        assert import_file(second, library, out).imported == len(rows)
        again = {c.name: (c.birthday, c.anniversary) for c in customers.list_customers(second)}
        assert again == {name: (c.birthday, c.anniversary) for name, c in kept.items()}
        first.close()
        second.close()


def test_a_column_headed_lunar_reads_its_dates_as_lunar(tmp_path: Path, library: FormLibrary) -> None:
    import datetime as dt

    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "农历生日", "结婚纪念日（阴历）"])
    sheet.append(["王建国", "3月2日", "腊月初八"])
    sheet.append(["李梅", "1958年8月15日", "农历闰四月初一"])
    sheet.append(["张三", "二月三十", None])
    sheet.append(["赵四", dt.datetime(1958, 8, 15), None])
    sheet.append(["钱五", "13月1日", None])
    book.save(tmp_path / "lunar.xlsx")
    db = Database.open(tmp_path / "g.sqlite3")
    report = import_file(db, library, tmp_path / "lunar.xlsx")
    kept = {c.name: (c.birthday, c.anniversary) for c in customers.list_customers(db)}
    assert kept["王建国"] == (PartialDate.lunar_date(3, 2), PartialDate.lunar_date(12, 8))
    assert kept["李梅"] == (PartialDate.lunar_date(8, 15, 1958), PartialDate.lunar_date(4, 1, leap=True))
    assert kept["张三"][0] == PartialDate.lunar_date(2, 30)
    assert kept["赵四"][0] == PartialDate.lunar_date(8, 15, 1958)
    assert kept["钱五"][0] is None and any("13月1日" in str(e) for e in report.errors)
    db.close()
