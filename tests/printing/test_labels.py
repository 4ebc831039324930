"""Address labels (issue 17): every label holds its customer's text, and nothing leaves its label."""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from guestcard.cli.main import main
from guestcard.domain import Customer
from guestcard.printing.labels import SHEETS, LabelSheet, render_labels
from guestcard.services import customers
from guestcard.services.mailing import MailingError, label_of, parse_sheet, print_labels
from guestcard.storage import Database

LONG = ("广东省深圳市南山区科技园南区高新南七道数字技术园B2栋3楼301-305室（近深大地铁站A出口，"
        "转乘公交至高新南站下车步行两百米）518057")


def _guests(count: int, seed: int = 7) -> list[Customer]:
    rng = random.Random(seed)
    found = []
    for i in range(count):
        address = LONG if i % 5 == 0 else f"北京市朝阳区建国路{rng.randrange(1, 999)}号{rng.randrange(1, 30)}层 100022"
        name = "Michael Christopher Anderson-Whitfield" if i % 7 == 3 else f"王{'建国明华'[i % 4]}{i}"
        found.append(Customer(id=i + 1, name=name, honorific="王总" if i % 2 else None, address=address,
                              company="丽晶国际酒店管理集团有限公司北京分公司" if i % 3 == 0 else None))
    return found


def _inside(placed: list, sheet: LabelSheet) -> None:
    for line in placed:
        x, y, w, h = sheet.rect(line.label)
        assert x <= line.x and line.x + line.width <= x + w + 0.01, (line.text, sheet.name)
        assert y <= line.y - line.size * 0.25 and line.y + line.size <= y + h + 0.01, (line.text, sheet.name)


@pytest.mark.parametrize("sheet_name", sorted(SHEETS))
def test_every_line_stays_inside_its_label(tmp_path: Path, sheet_name: str) -> None:
    sheet = SHEETS[sheet_name]
    guests = _guests(sheet.rows * sheet.cols + 3)
    out = tmp_path / "labels.pdf"
    placed = render_labels([label_of(c) for c in guests], sheet, out)
    _inside(placed, sheet)
    reader = PdfReader(out)
    assert len(reader.pages) == 2  # a full sheet and three more
    # Read back from the PDF itself: every text run starts inside some label of its page.
    positions: list[tuple[float, float]] = []

    def visit(text: str, _cm: object, tm: list[float], *_rest: object) -> None:
        if text.strip():
            positions.append((tm[4], tm[5]))

    reader.pages[0].extract_text(visitor_text=visit)
    rects = [sheet.rect(i) for i in range(sheet.rows * sheet.cols)]
    for px, py in positions:
        assert any(x <= px <= x + w and y <= py <= y + h for x, y, w, h in rects), (px, py)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    for guest in guests[:5]:
        assert guest.name.split()[0] in text


def test_a_label_shrinks_before_it_cuts_and_never_cuts_the_name(tmp_path: Path) -> None:
    tiny = parse_sheet("10x4 5 5 1 0")
    huge = Customer(id=1, name="欧阳明华", honorific="欧阳董事长", address=LONG * 3, company="某某" * 40)
    placed = render_labels([label_of(huge)], tiny, tmp_path / "t.pdf")
    _inside(placed, tiny)
    assert placed[-1].text.startswith("欧阳明华")  # the name line is there, last (Chinese order)
    assert any(line.text.endswith("…") for line in placed)  # the address was cut…
    assert min(line.size for line in placed) == 5.0  # …only at the smallest size


def test_labels_from_the_command_line(db_args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*db_args, "add", "--name", "王建国", "--honorific", "王总", "--address", "北京市建国路88号 100022",
                 "--class", "A"]) == 0
    assert main([*db_args, "add", "--name", "李娜", "--class", "A"]) == 0  # no address
    capsys.readouterr()
    out = tmp_path / "labels.pdf"
    assert main([*db_args, "labels", str(out), "--class", "A", "--sheet", "A4-2x7"]) == 0
    printed = capsys.readouterr().out
    assert "printed 1 labels (7×2 a page)" in printed and "1 without an address left out" in printed
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "邮编 100022" in text and "王建国 王总 收" in text
    assert main([*db_args, "labels", str(out), "--sheet", "0x3"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "1–30 rows" in err


def test_a_custom_sheet_and_bad_ones(tmp_path: Path, db: Database) -> None:
    sheet = parse_sheet("8x3 10 7 2.5 0")
    assert (sheet.rows, sheet.cols, sheet.top, sheet.gap_x) == (8, 3, 10.0, 2.5)
    for bad in ("3", "8x3 a", "40x3", "8x3 150 7"):
        with pytest.raises(MailingError):
            parse_sheet(bad)
    customers.create_customer(db, Customer(name="无地址"))
    with pytest.raises(MailingError, match="none of the chosen customers has an address"):
        print_labels(db, tmp_path / "x.pdf", sheet)
    assert not (tmp_path / "x.pdf").exists()
