"""The pre-shift briefing sheet: the day's booked guests of a service, staff-copy rules, birthdays
today, read back from the PDF (pdftotext) in Chinese and English; the CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from print_helpers import needs_poppler, pdf_text, squeeze
from pypdf import PdfReader

from guestcard.cli.main import main
from guestcard.domain import Customer, PartialDate, Visit
from guestcard.forms import FormLibrary
from guestcard.services import customers
from guestcard.services.briefing import briefing_rows, print_briefing
from guestcard.services.printing import NothingToPrint
from guestcard.storage import Database

DAY = dt.date(2026, 12, 2)


def book(db: Database) -> dict[str, int]:
    wang = customers.create_customer(db, Customer(
        name="王建国", honorific="王总", customer_class="A", birthday=PartialDate(12, 2, 1976),
        allergies="海鲜、花生", favorite_dishes="佛跳墙", favorite_drinks="茅台", notes="不喜欢靠门的位置",
        owner="张经理", fields={"preferred_seat": "牡丹厅", "attitude_to_us": "满意"}))
    li = customers.create_customer(db, Customer(name="李女士", customer_class="B", allergies="不吃辣"))
    zhao = customers.create_customer(db, Customer(name="赵总"))
    customers.add_visit(db, Visit(customer_id=wang.id, at=dt.datetime(2026, 12, 2, 18, 30), party_size=12,
                                  room="兰亭", occasion="商务宴请", notes="带外宾"))
    customers.add_visit(db, Visit(customer_id=li.id, at=dt.datetime(2026, 12, 2, 11, 45), party_size=4,
                                  room="大厅8号桌"))
    customers.add_visit(db, Visit(customer_id=zhao.id, at=dt.datetime(2026, 12, 3, 18, 0), party_size=2))
    return {"wang": wang.id, "li": li.id, "zhao": zhao.id}


def test_rows_of_a_service_with_birthdays_today_and_staff_copy_rules(db: Database, library: FormLibrary) -> None:
    book(db)
    dinner = briefing_rows(db, library, DAY, "dinner")
    assert [r.guest for r in dinner] == ["王建国（王总）"]
    row = dinner[0]
    assert (row.time, row.room, row.party, row.customer_class, row.owner) == ("18:30", "兰亭", "12", "A", "张经理")
    assert row.allergies == "海鲜、花生" and row.occasion == "今天50岁生日！ 商务宴请" and row.highlight
    assert row.favourites == "佛跳墙；酒水: 茅台"
    assert row.notes == "带外宾；不喜欢靠门的位置；爱坐 牡丹厅"
    assert "满意" not in repr(row)  # a confidential field stays off the staff copy
    assert [r.guest for r in briefing_rows(db, library, DAY, "lunch")] == ["李女士"]
    assert [r.time for r in briefing_rows(db, library, DAY)] == ["11:45", "18:30"]
    assert briefing_rows(db, library, DAY, "lunch", lang="en")[0].allergies == "不吃辣"
    english = briefing_rows(db, library, DAY, "dinner", lang="en")[0]
    assert english.occasion == "Turns 50 today! 商务宴请"


@needs_poppler
def test_the_sheet_reads_back_in_chinese_and_english(db: Database, library: FormLibrary, tmp_path: Path) -> None:
    book(db)
    out = tmp_path / "briefing.pdf"
    assert print_briefing(db, library, out, DAY, "dinner", restaurant="金陵大酒店") == 1
    page = PdfReader(out).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    text = pdf_text(out)
    for expected in ("顾客信息传递表", "2026-12-02", "晚餐", "金陵大酒店", "王建国（王总）", "兰亭", "海鲜、花生",
                     "今天50岁生日！", "张经理", "员工版", "第1/1页", "共1桌12位"):
        assert squeeze(expected) in squeeze(text), expected  # a cell's text may wrap
    assert "李女士" not in text and "满意" not in text
    english = tmp_path / "briefing-en.pdf"
    print_briefing(db, library, english, DAY, None, lang="en")
    text = pdf_text(english)
    for expected in ("Guest briefing", "All day", "Must not eat", "Turns 50 today!", "不吃辣", "Staff copy",
                     "2 bookings, 16 guests"):
        assert squeeze(expected) in squeeze(text), expected


@needs_poppler
def test_a_long_list_goes_on_several_pages(db: Database, library: FormLibrary, tmp_path: Path) -> None:
    for number in range(40):
        guest = customers.create_customer(db, Customer(name=f"客人{number:02d}", allergies="海鲜"))
        customers.add_visit(db, Visit(customer_id=guest.id, at=dt.datetime(2026, 12, 2, 18, number % 60),
                                      party_size=2, notes="需要宝宝椅，靠窗，安静一些的位置" * 2))
    out = tmp_path / "many.pdf"
    print_briefing(db, library, out, DAY, "dinner")
    pages = len(PdfReader(out).pages)
    text = pdf_text(out)
    assert pages > 1 and f"第 {pages}/{pages} 页" in text and "第 1/" in text
    assert all(f"客人{n:02d}" in text for n in range(40))


def test_nobody_booked_is_said_and_nothing_written(db: Database, library: FormLibrary, tmp_path: Path) -> None:
    out = tmp_path / "out" / "none.pdf"
    out.parent.mkdir()
    with pytest.raises(NothingToPrint, match="no reservations on 2026-12-02"):
        print_briefing(db, library, out, DAY, "lunch")
    assert list(out.parent.iterdir()) == []


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_cli_briefing(capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path) -> None:
    assert main([*db_args, "add", "--name", "王建国", "--allergies", "海鲜"]) == 0
    assert main([*db_args, "visit", "1", "--date", "2026-12-02 18:30", "--party", "8"]) == 0
    capsys.readouterr()
    out = tmp_path / "b.pdf"
    assert main([*db_args, "briefing", str(out), "--date", "2026-12-02", "--service", "dinner"]) == 0
    assert "1 booked guests" in capsys.readouterr().out and out.stat().st_size > 1000
    assert main([*db_args, "briefing", str(out), "--date", "2026-12-02", "--service", "lunch"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no reservations" in err
