"""Letters and envelopes (issue 17): each letter holds its guest's filled text, inside the page."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from guestcard.cli.main import main
from guestcard.domain import Customer
from guestcard.forms.greetings import TemplateError
from guestcard.paths import shipped_dir
from guestcard.printing.letters import ENVELOPES, Letterhead, load_letter
from guestcard.services import customers
from guestcard.services.mailing import print_envelopes, print_letters
from guestcard.storage import Database

INVITATION = shipped_dir("forms") / "letters" / "invitation.toml"


def _text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _positions(path: Path) -> list[tuple[int, float, float]]:
    found: list[tuple[int, float, float]] = []
    for number, page in enumerate(PdfReader(path).pages):
        def visit(text: str, _cm: object, tm: list[float], *_rest: object, n: int = number) -> None:
            if text.strip():
                found.append((n, tm[4], tm[5]))

        page.extract_text(visitor_text=visit)
    return found


def test_one_letter_per_guest_with_their_words(db: Database, tmp_path: Path) -> None:
    wang = customers.create_customer(db, Customer(name="王建国", honorific="王总", favorite_dishes="佛跳墙"))
    li = customers.create_customer(db, Customer(name="李娜", gender="female"))
    out = tmp_path / "letters.pdf"
    head = Letterhead(name="丽晶酒店中餐厅", address="北京市建国路1号", phone="010-12345678", postcode="100022")
    count, pages = print_letters(db, out, INVITATION, head, ids=[wang.id, li.id], manager="张经理")
    assert (count, pages) == (2, 2)
    reader = PdfReader(out)
    first, second = (page.extract_text() for page in reader.pages)
    assert "尊敬的王总" in first and "佛跳墙" in first and "丽晶酒店中餐厅" in first and "张经理" in first
    assert "尊敬的李女士" in second and "您喜爱的" not in second  # no dish: that part left out
    assert "{" not in first + second and "[" not in first + second
    for _page, x, y in _positions(out):
        assert 0 < x < A4[0] - 15 * mm and 15 * mm < y < A4[1]


def test_a_long_letter_goes_on_to_a_second_page_never_off_the_first(db: Database, tmp_path: Path) -> None:
    customers.create_customer(db, Customer(name="王建国"))
    template = tmp_path / "long.toml"
    template.write_text('title = "长信"\nbody = """\n' + "\n\n".join(["{称呼}，感谢您多年的支持。" * 12] * 12) +
                        '\n"""\n', encoding="utf-8")
    out = tmp_path / "long.pdf"
    _count, pages = print_letters(db, out, template, Letterhead(name="丽晶"))
    assert pages == len(PdfReader(out).pages) >= 2
    for _page, _x, y in _positions(out):
        assert y > 20 * mm


def test_a_template_naming_an_unknown_placeholder_is_refused(tmp_path: Path, db: Database) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('body = "{称呼}，您的{生肖}年快乐"\n', encoding="utf-8")
    with pytest.raises(TemplateError, match=r"bad.toml: body: unknown placeholder \{生肖\}"):
        load_letter(bad)
    with pytest.raises(TemplateError, match="body is missing"):
        (tmp_path / "empty.toml").write_text('title = "空"\n', encoding="utf-8")
        load_letter(tmp_path / "empty.toml")
    customers.create_customer(db, Customer(name="王建国"))
    with pytest.raises(TemplateError):
        print_letters(db, tmp_path / "x.pdf", bad, Letterhead())
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("size", ["DL", "C5", "7"])
def test_envelopes_have_the_postcode_in_its_boxes(db: Database, tmp_path: Path, size: str) -> None:
    customers.create_customer(db, Customer(name="王建国", honorific="王总", address="北京市朝阳区建国路88号 100022"))
    customers.create_customer(db, Customer(name="无地址"))
    out = tmp_path / "env.pdf"
    count, missing = print_envelopes(db, out, size, Letterhead(name="丽晶", address="北京市建国路1号",
                                                                 postcode="100001"))
    assert count == 1 and len(missing) == 1
    page = PdfReader(out).pages[0]
    width, height = (float(v) / mm for v in page.mediabox.upper_right)
    assert (round(width), round(height)) == ENVELOPES[size]
    text = _text(out)
    assert "王建国 王总 收" in text and "北京市朝阳区建国路88号" in text and "邮政编码：100001" in text
    digits = [(x, y) for _p, x, y in _positions(out) if y > page.mediabox.height - 21 * mm]
    assert len(digits) == 6  # one digit in each box, top left
    assert all(x < 75 * mm for x, _y in digits)


def test_letters_and_envelopes_from_the_command_line(db_args: list[str], tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    added = ["add", "--name", "王建国", "--honorific", "王总", "--address", "北京市建国路88号 100022"]
    assert main([*db_args, *added]) == 0
    capsys.readouterr()
    out = tmp_path / "l.pdf"
    assert main([*db_args, "letters", str(out), "--template", str(INVITATION)]) == 0
    assert "printed 1 letters (1 pages)" in capsys.readouterr().out and "尊敬的王总" in _text(out)
    assert main([*db_args, "envelopes", str(tmp_path / "e.pdf"), "--size", "C5"]) == 0
    assert main([*db_args, "envelopes", str(tmp_path / "e.pdf"), "--size", "B4"]) == 2
    assert "not an envelope size" in capsys.readouterr().err
    assert main([*db_args, "letters", str(out), "--template", str(tmp_path / "none.toml")]) == 2
    assert "no such template file" in capsys.readouterr().err


def test_the_letterhead_comes_from_the_settings(tmp_path: Path) -> None:
    from guestcard.services.mailing import letterhead_from
    from guestcard.settings import Settings

    logo = tmp_path / "logo.png"
    head = letterhead_from(Settings(restaurant_name="丽晶酒店", hotel_address="北京市建国路1号 100022",
                                    hotel_phone="010-1234", logo_path=str(logo)))
    assert (head.name, head.phone, head.postcode, head.logo) == ("丽晶酒店", "010-1234", "100022", logo)
