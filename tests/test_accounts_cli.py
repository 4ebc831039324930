"""The accounts from the command line: open, charge (the over-limit confirm), visit on account,
pay, reverse, show, list, the statement PDF read back with pdftotext, the ledger workbook."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from guestcard.cli.main import main

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")


def run(db_args: list[str], *argv: str) -> int:
    return main([*db_args, *argv])


def text_of(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def ledger(db_args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db_args, "add", "--name", "华夏银行北京分行", "--kind", "corporate", "--class", "B") == 0
    assert run(db_args, "add", "--name", "王建国", "--honorific", "王总") == 0
    assert run(db_args, "account", "open", "华夏银行北京分行", "--limit", "20000", "--terms", "monthly:10",
               "--signer-card", "2", "--signer", "李主任", "--contact", "财务部 张会计") == 0
    assert run(db_args, "account", "charge", "1", "3000", "--signer", "李主任", "--bill", "N-1015",
               "--date", "2026-10-15") == 0
    assert run(db_args, "visit", "2", "--date", "2026-11-20 18:30", "--party", "8", "--spend", "2,680.50",
               "--on-account", "1", "--signer", "王建国", "--bill", "N-1120") == 0
    capsys.readouterr()
    # 3000 + 2680.50 + 15000 passes 20000: refused, then confirmed.
    assert run(db_args, "account", "charge", "1", "15000", "--signer", "李主任", "--bill", "N-1125",
               "--date", "2026-11-25") == 2
    assert "past the credit limit of 20000" in capsys.readouterr().err
    assert run(db_args, "account", "charge", "1", "15000", "--signer", "李主任", "--bill", "N-1125",
               "--date", "2026-11-25", "--over-limit") == 0
    assert run(db_args, "account", "charge", "1", "99", "--signer", "路人", "--date", "2026-11-26",
               "--over-limit") == 2
    assert "signer: not one of" in capsys.readouterr().err
    assert run(db_args, "account", "charge", "1", "120", "--signer", "李主任", "--bill", "N-1126",
               "--date", "2026-11-26", "--over-limit") == 0
    assert run(db_args, "account", "reverse", "1", "4", "--note", "entered twice", "--date", "2026-11-27") == 0
    assert run(db_args, "account", "pay", "1", "5000", "--method", "transfer", "--reference", "HX-1110",
               "--date", "2026-11-10") == 0
    capsys.readouterr()


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_the_whole_month_from_the_command_line(db_args: list[str], capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    ledger(db_args, capsys)
    assert run(db_args, "account", "show", "1", "--date", "2026-12-02", "--json") == 0
    shown = json.loads(capsys.readouterr().out)
    # 3000 + 2680.50 + 15000 + 120 − 120 − 5000; October's 3000 paid by the payment (oldest first).
    assert shown["balance"] == "15680.50"
    assert shown["ageing"] == {"current": "15680.50", "30": "0", "60": "0", "90+": "0", "credit": "0"}
    assert shown["days_overdue"] == 0 and shown["paid_on_time"] == 1
    assert [e["kind"] for e in shown["entries"]] == ["charge", "payment", "charge", "charge", "charge", "charge"]
    assert run(db_args, "account", "list", "--json", "--date", "2027-01-15") == 0
    listed = json.loads(capsys.readouterr().out)
    # November's bills were due on 10 December: 36 days late on 15 January.
    assert listed["accounts"][0]["days_overdue"] == 36 and listed["accounts"][0]["overdue"] == "15680.50"

    out = tmp_path / "nov.pdf"
    assert run(db_args, "statement", "1", "--month", "2026-11", str(out), "--restaurant", "北京国际饭店",
               "--lang", "zh") == 0
    text = text_of(out)
    assert "北京国际饭店" in text and "对账单" in text and "华夏银行北京分行" in text
    for bill, amount in (("N-1120", "2,680.50"), ("N-1125", "15,000.00"), ("N-1126", "120.00")):
        assert re.search(rf"{bill}\s+{re.escape(amount)}", text), bill
    assert re.search(r"N-1126 冲销 #4\s+-120.00", text)
    assert "N-1015" not in text  # October's bill is in the opening balance, not listed
    assert re.search(r"HX-1110\s+5,000.00", text)
    for label, amount in (("上期结欠", "3,000.00"), ("本期签单", "17,680.50"), ("本期付款", "-5,000.00"),
                          ("本期结欠", "15,680.50")):
        assert re.search(rf"{label}\s+{re.escape(amount)}", text), label
    assert "请于 2026年12月10日 前付清" in text

    english = tmp_path / "nov-en.pdf"
    assert run(db_args, "statement", "1", "--month", "2026-11", str(english), "--lang", "en") == 0
    text = text_of(english)
    assert "Statement of account" in text and "bank transfer" in text and "Please pay by 2026-12-10" in text
    assert re.search(r"Closing balance\s+15,680.50", text)

    folder = tmp_path / "each"
    assert run(db_args, "statement", "--all", "--each", "--month", "2026-11", str(folder)) == 0
    assert [p.name for p in folder.iterdir()] == ["2026-11_1_华夏银行北京分行.pdf"]
    assert run(db_args, "statement", "--all", "--month", "2026-09", str(tmp_path / "none.pdf")) == 2
    assert "nothing to print" in capsys.readouterr().err
    assert not (tmp_path / "none.pdf").exists()

    book = tmp_path / "ledger.xlsx"
    assert run(db_args, "account", "export", str(book), "--lang", "zh") == 0
    sheets = load_workbook(book, read_only=True)
    rows = list(sheets["账目"].iter_rows(values_only=True))
    assert len(rows) == 7 and rows[0][:6] == ("单位", "账户号", "编号", "日期", "类别", "金额")
    assert sum(r[5] if r[4] == "签单" else -r[5] for r in rows[1:]) == pytest.approx(15680.50)
    ageing = list(sheets["账龄"].iter_rows(values_only=True))
    assert ageing[1][3] == pytest.approx(15680.50)
    sheets.close()


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_bad_input_is_one_line_and_exit_2(db_args: list[str], capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    assert run(db_args, "add", "--name", "远洋集团", "--kind", "corporate") == 0
    capsys.readouterr()
    for argv, message in (
        (("account", "open", "1", "--limit", "abc"), "--limit:"),
        (("account", "open", "1", "--limit", "100", "--terms", "weekly"), "terms:"),
        (("account", "charge", "1", "100", "--signer", "a"), "has no account"),
        (("account", "show", "不存在的公司"), "no corporate customer"),
        (("statement", "1", "--month", "2026-13", str(tmp_path / "x.pdf")), "month:"),
        (("statement", "--all", "1", "--month", "2026-11", str(tmp_path / "x.pdf")), "give CORP OUT.pdf"),
        (("visit", "1", "--date", "2026-11-01", "--spend", "10", "--on-account", "1"), "--signer"),
    ):
        assert run(db_args, *argv) == 2, argv
        err = capsys.readouterr().err
        assert message in err and err.count("\n") == 1 and "Traceback" not in err, (argv, err)


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_limit_suggestions_and_accepting_one(db_args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    ledger(db_args, capsys)
    # On 1 March November's bills are 81 days late: half the limit, but not below the 15,680.50 owed.
    assert run(db_args, "account", "suggestions", "--date", "2027-03-01", "--json", "--lang", "en") == 0
    (suggestion,) = json.loads(capsys.readouterr().out)
    assert (suggestion["limit"], suggestion["suggested"], suggestion["reason"]) == ("20000", "15000", "late")
    assert "81 days overdue" in suggestion["why"]
    # On 2 December nothing was late yet: nothing to accept, and the limit stays.
    assert run(db_args, "account", "accept", "1", "--date", "2026-12-02") == 2
    assert "no change of limit" in capsys.readouterr().err
    assert run(db_args, "account", "show", "1", "--json") == 0
    assert json.loads(capsys.readouterr().out)["limit"] == "20000"
    assert run(db_args, "account", "accept", "1", "--date", "2027-03-01") == 0
    assert "from 20,000.00 to 15,000.00" in capsys.readouterr().out
    assert run(db_args, "account", "show", "1", "--json") == 0
    assert json.loads(capsys.readouterr().out)["limit"] == "15000"
