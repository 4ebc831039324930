"""The periodic review, checked against figures worked out by hand on a small fixed data set;
the xlsx and the PDF read back; SQLite and PostgreSQL; the CLI."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from guestcard.cli.main import main
from guestcard.domain import Contact, Customer, Visit
from guestcard.domain.staff import RegisterEntry
from guestcard.services import customers, register
from guestcard.services import review as service
from guestcard.storage import Database

START, END = dt.date(2026, 11, 1), dt.date(2026, 11, 30)
NOW = dt.datetime(2026, 12, 2, 12, 0)


def d(month: int, day: int, hour: int = 18) -> dt.datetime:
    return dt.datetime(2026, month, day, hour)


def fixed(db: Database) -> dict[str, int]:
    c1 = customers.create_customer(db, Customer(name="一号", owner="张经理", created_at=d(10, 1),
                                                fields={"source": ["phone"]}))
    c2 = customers.create_customer(db, Customer(name="二号", owner="张经理", created_at=d(11, 10),
                                                fields={"source": ["wechat"]}))
    c3 = customers.create_customer(db, Customer(name="三号", owner="李经理", created_at=d(11, 15)))
    c4 = customers.create_customer(db, Customer(name="四号", created_at=d(1, 1)))
    register.register(db, RegisterEntry(at=d(11, 15), purpose="咨询", source="介绍", customer_id=c3.id))
    for customer, day, intent, planned, done in (
        (c1, (11, 2), "B", (11, 9), False),   # next contact 11-08: on time
        (c1, (11, 8), "A", (11, 11), False),  # next contact 11-20: late
        (c1, (11, 20), "O", None, False),     # won after B and A: converted
        (c2, (11, 12), "C", (11, 25), False),  # nobody called again: missed
        (c3, (10, 20), "B", (11, 3), True),   # before the period, its follow-up marked done in it: on time
        (c4, (11, 5), "O", (12, 10), False),  # won at the first contact: not a conversion; due after the period
    ):
        customers.add_contact(db, Contact(customer_id=customer.id, date=dt.date(2026, *day), intent=intent,
                                          next_follow_up=dt.date(2026, *planned) if planned else None,
                                          follow_up_done=done))
    for customer, at, spend in (
        (c1, d(11, 5), "1000.00"), (c1, d(11, 21), "2500.50"), (c2, d(11, 28), "800"),
        (c3, d(4, 1), "300"),   # last came in April: lost (no visit in the 6 months to 11-30)
        (c4, d(3, 1), "500"),   # lost too; its 12-01 visit is after the period
        (c4, d(12, 1), "999"), (c2, d(12, 5), "0"),  # after the period (the second a reservation)
    ):
        customers.add_visit(db, Visit(customer_id=customer.id, at=at, spend=Decimal(spend)))
    return {"c1": c1.id, "c2": c2.id, "c3": c3.id, "c4": c4.id}


def figures(f: service.Figures) -> tuple:
    return (f.customers, f.new, f.contacts, f.follow_ups_on_time, f.follow_ups_late, f.follow_ups_missed,
            f.converted, f.visits, f.spend, f.lost)


def test_the_figures_are_the_ones_worked_out_by_hand(db: Database) -> None:
    fixed(db)
    result = service.review(db, START, END, now=NOW)
    by_owner = {f.owner: figures(f) for f in result.owners}
    assert by_owner == {
        "张经理": (2, 1, 4, 1, 1, 1, 1, 3, Decimal("4300.50"), 0),
        "李经理": (1, 1, 0, 1, 0, 0, 0, 0, Decimal(0), 1),
        service.NO_OWNER: (1, 0, 1, 0, 0, 0, 0, 0, Decimal(0), 1),
    }
    assert figures(result.total) == (4, 2, 5, 2, 1, 1, 1, 3, Decimal("4300.50"), 2)
    assert [(s.source, s.customers, s.visits, s.spend) for s in result.sources] == [
        ("phone", 1, 2, Decimal("3500.50")), ("wechat", 1, 1, Decimal(800)), ("", 1, 0, Decimal(0)),
        ("referral", 1, 0, Decimal(0))]
    one = service.review(db, START, END, owner="李经理", now=NOW)
    assert [figures(f) for f in one.owners] == [by_owner["李经理"]]
    assert [(s.source, s.customers) for s in one.sources] == [("referral", 1)]
    shorter = service.review(db, START, END, lost_months=9, now=NOW)
    assert shorter.total.lost == 0  # April and March are within nine months


def test_exported_to_xlsx_and_pdf(db: Database, tmp_path: Path) -> None:
    fixed(db)
    result = service.review(db, START, END, now=NOW)
    book = load_workbook(service.export_review(result, tmp_path / "review.xlsx"))
    try:
        rows = list(book["盘点"].values)
        assert rows[0][:4] == ("客户经理", "客户数", "新增", "联系次数")
        assert rows[-1] == ("合计", 4, 2, 5, 2, 1, 1, 1, 3, 4300.5, 2)
        assert list(book["按来源"].values)[1] == ("来电", 1, 2, 3500.5)
    finally:
        book.close()
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils not installed")
    for lang, words in (("zh", ("客户盘点与分析", "2026-11-01 – 2026-11-30", "张经理", "¥4,300.50", "合计",
                                "按来源渠道")),
                        ("en", ("Account review", "Follow-ups on time", "(no owner)", "All", "Phoned us"))):
        out = tmp_path / f"review-{lang}.pdf"
        assert service.print_review(result, out, lang) == 1
        text = subprocess.run(["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True,
                              check=True).stdout
        for word in words:
            assert word in text, (lang, word)


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_cli_review(capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path) -> None:
    assert main([*db_args, "add", "--name", "王建国", "--owner", "张经理"]) == 0
    assert main([*db_args, "visit", "1", "--date", "2026-11-05 18:00", "--spend", "1280"]) == 0
    assert main([*db_args, "contact", "1", "--date", "2026-11-02", "--intent", "B"]) == 0
    capsys.readouterr()
    code = main([*db_args, "review", "--from", "2026-11-01", "--to", "2026-11-30", "--owner", "张经理", "--json",
                 "--xlsx", str(tmp_path / "r.xlsx"), "--pdf", str(tmp_path / "r.pdf")])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["owners"][0]["visits"] == 1 and data["owners"][0]["spend"] == "1280"
    assert data["owners"][0]["follow_ups_missed"] == 1  # B: every 7 days → due 11-09, nobody called
    assert (tmp_path / "r.xlsx").exists() and (tmp_path / "r.pdf").exists()
    assert main([*db_args, "review", "--from", "2026-11-30", "--to", "2026-11-01"]) == 2
    assert "ends before it starts" in capsys.readouterr().err


def test_every_column_holds_its_widest_value_and_headers_wrap_when_they_must() -> None:
    """On the demo's figures ¥61,221,700.00 ran into the visits beside it (equal columns)."""
    from guestcard.printing.fonts import load_font
    from guestcard.printing.review import PAD, SIZE, plan_columns

    font = load_font()
    head = service.COLUMNS["en"]
    rows = [["陈晓东", "56", "56", "58", "15", "4", "27", "2", "116", "¥61,221,700.00", "21"]]
    for room in (778.0, 560.0):  # landscape A4, and narrower: the long headers wrap at their spaces
        widths, lines = plan_columns(head, rows, room, font.width)
        assert sum(widths) == pytest.approx(room)
        for i, width in enumerate(widths):
            assert font.width(rows[0][i], SIZE) + PAD <= width + 0.01, head[i]
            assert all(font.width(part, SIZE - 1) <= width - PAD + 0.01 for part in lines[i]), head[i]
            assert " ".join(lines[i]) == head[i]
    assert max(len(parts) for parts in lines) > 1
