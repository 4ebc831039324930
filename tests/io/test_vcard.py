"""Phone contacts in and out (issue 17): vCards through the same import as spreadsheets."""

from __future__ import annotations

from pathlib import Path

import pytest

from guestcard.cli.main import main
from guestcard.domain import Customer
from guestcard.domain.values import parse_partial_date
from guestcard.forms import FormLibrary
from guestcard.io import ImportRefused, read_customers
from guestcard.services import customers
from guestcard.services.exporting import export_vcards
from guestcard.services.importing import import_file
from guestcard.storage import Database

PHONE_EXPORT = """BEGIN:VCARD\r
VERSION:2.1\r
N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E7=8E=8B;=E5=BB=BA=E5=9B=BD;;;\r
FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E7=8E=8B=E5=BB=BA=E5=9B=BD\r
TEL;CELL:138-1234-5678\r
TEL;WORK:010-12345678\r
BDAY:--0302\r
X-WECHAT:wangjg\r
PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAP//////////////////////////////////////////\r
 ////////////////////////////////////////////wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAA\r
\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:3.0\r
FN:李娜\r
N:李;娜;;;\r
ORG:丽晶集团;餐饮部\r
TITLE:经理\r
EMAIL;TYPE=INTERNET:li@example.com\r
BDAY:19800615\r
NOTE:喜欢靠窗\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:4.0\r
FN:Anna Smith\r
TEL;VALUE=uri;TYPE=cell:tel:+1-415-555-0199\r
END:VCARD\r
"""



def test_a_phone_export_reads_as_customers(tmp_path: Path, library: FormLibrary) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_text(PHONE_EXPORT, encoding="utf-8")
    rows = [item for item in read_customers(path, library) if hasattr(item, "customer")]
    by_name = {row.customer.name: row.customer for row in rows}
    assert set(by_name) == {"王建国", "李娜", "Anna Smith"}
    wang = by_name["王建国"]
    assert wang.phone == "13812345678" and wang.birthday == parse_partial_date("--03-02")
    assert "010" in str(wang.get("other_phones")) and wang.extra.get("X-WECHAT") == "wangjg"
    li = by_name["李娜"]
    assert (li.company, li.position, li.email) == ("丽晶集团 餐饮部", "经理", "li@example.com")
    assert li.birthday == parse_partial_date("1980-06-15") and li.notes == "喜欢靠窗"
    assert by_name["Anna Smith"].phone and "555" in by_name["Anna Smith"].phone


def test_customers_round_trip_through_a_vcf_file(db: Database, tmp_path: Path, library: FormLibrary) -> None:
    originals = [
        Customer(name="王建国", honorific="王总", phone="13812345678", email="wang@example.com", company="丽晶集团",
                 position="董事长", birthday=parse_partial_date("1968-03-02"), favorite_dishes="佛跳墙、龙虾",
                 favorite_drinks="茅台", allergies="花生"),
        Customer(name="李娜", birthday=parse_partial_date("3月2日"), phone="13900001111"),
        Customer(name="欧阳明", birthday=parse_partial_date("农历八月十五"), allergies="海鲜"),
    ]
    for customer in originals:
        customers.create_customer(db, customer)
    out = tmp_path / "guests.vcf"
    assert export_vcards(db, out) == 3
    target = Database.open(tmp_path / "new.sqlite3")
    try:
        import_file(target, library, out)
        back = {c.name: c for c in customers.list_customers(target)}
    finally:
        target.close()
    core = ("name", "honorific", "phone", "email", "company", "position", "birthday", "favorite_dishes",
            "favorite_drinks", "allergies")
    for original in originals:
        for key in core:
            assert getattr(back[original.name], key) == getattr(original, key), (original.name, key)


@pytest.mark.parametrize("content", [
    b"BEGIN:VCARD\nVERSION:3.0\nFN:\xe7\x8e\x8b\x00\x01\x02\nEND:VCARD\n",  # binary
    b"BEGIN:VCARD\nVERSION:3.0\nFN;broken\n",  # no END, no value
    b"BEGIN:VCARD\n" + b"X-JUNK:" + b"a" * 200 + b"\n" * 3,
    b"BEGIN:VCARD\nEND:VCARD\n",
])
def test_a_broken_vcard_file_is_refused_in_one_line(
    tmp_path: Path, library: FormLibrary, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.vcf"
    path.write_bytes(content)
    code = main(["--db", str(tmp_path / "g.sqlite3"), "--create", "import", str(path)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    if code == 2:
        assert captured.err.count("\n") == 1 and str(path) in captured.err
    else:
        assert code == 0


def test_a_huge_vcard_file_is_refused_before_it_is_read(tmp_path: Path, library: FormLibrary,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from guestcard.io import vcard

    monkeypatch.setattr(vcard, "MAX_BYTES", 1000)
    path = tmp_path / "huge.vcf"
    path.write_text(PHONE_EXPORT * 10, encoding="utf-8")
    with pytest.raises(ImportRefused, match="too large"):
        list(read_customers(path, library))


def test_export_to_vcf_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_args = ["--db", str(tmp_path / "g.sqlite3")]
    assert main([*db_args, "--create", "add", "--name", "王建国", "--honorific", "王总", "--phone", "13812345678",
                 "--class", "A"]) == 0
    assert main([*db_args, "add", "--name", "李娜", "--class", "C"]) == 0
    capsys.readouterr()
    out = tmp_path / "vip.vcf"
    assert main([*db_args, "export", str(out), "--class", "A"]) == 0
    assert "exported 1 customer as phone contacts" in capsys.readouterr().out
    text = out.read_text(encoding="utf-8")
    assert "FN:王建国（王总）" in text and "李娜" not in text
