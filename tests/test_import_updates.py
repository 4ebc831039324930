"""An old sheet never quietly overwrites newer data (issue 23.3): an update fills what the card
lacks, keeps what it says differently (the sheet's value in the card's history), and lists every
field it touches in the dry run; replacing is asked for (``overwrite``, ``--overwrite``)."""

import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from guestcard.cli.main import main
from guestcard.domain import Customer, PartialDate
from guestcard.forms import FormLibrary
from guestcard.services import customers
from guestcard.services.importing import ImportOptions, import_file
from guestcard.storage import Database


def old_sheet(path: Path) -> Path:
    book = Workbook()
    ws = book.active
    ws.title = "2019"
    ws.append(["2019年贵宾档案"])
    ws.merge_cells("A1:E1")
    ws.append(["姓名", "手机", "生日", "备注", "喜欢的包间"])
    ws.append(["王建国", "13812345678", "1985-03-02", "老客户", "牡丹厅"])
    ws.append(["李娜", "13900001111", "1990-03-02", "", ""])
    book.save(path)
    return path


def _vip(db: Database) -> tuple[Customer, Customer]:
    wang = customers.create_customer(db, Customer(name="王建国", phone="13812345678", birthday=PartialDate(12, 3),
                                                  notes="老客户；带司机", customer_class="A"))
    li = customers.create_customer(db, Customer(name="李娜", phone="13900001111", birthday=PartialDate(3, 2)))
    return wang, li


def test_an_old_sheet_fills_in_and_keeps_what_the_card_says(db: Database, library: FormLibrary,
                                                             tmp_path: Path) -> None:
    wang, li = _vip(db)
    path = old_sheet(tmp_path / "2019.xlsx")
    dry = import_file(db, library, path, ImportOptions(dry_run=True))
    changes = {(c.customer_id, c.field): (c.old, c.new, c.action) for c in dry.changes}
    assert changes == {
        (wang.id, "birthday"): ("--12-03", "1985-03-02", "keep"),
        (wang.id, "notes"): ("老客户；带司机", "老客户", "keep"),
        (wang.id, "preferred_seat"): (None, "牡丹厅", "fill"),
        (li.id, "birthday"): ("--03-02", "1990-03-02", "fill"),  # a year added to the same day
    }
    assert dry.kept == 2 and customers.get_customer(db, wang.id).fields == {}  # the dry run wrote nothing
    report = import_file(db, library, path)
    card = customers.get_customer(db, wang.id)
    assert (card.birthday, card.notes) == (PartialDate(12, 3), "老客户；带司机")
    assert card.fields == {"preferred_seat": "牡丹厅"}
    assert customers.get_customer(db, li.id).birthday == PartialDate(3, 2, 1990)
    noted = {(c.field, c.old, c.new) for c in customers.history_of(db, wang.id) if c.action == "import-kept"}
    assert noted == {("birthday", "--12-03", "1985-03-02"), ("notes", "老客户；带司机", "老客户")}
    assert report.batch is not None


def test_replacing_the_cards_values_is_asked_for(db: Database, library: FormLibrary, tmp_path: Path) -> None:
    wang, _li = _vip(db)
    report = import_file(db, library, old_sheet(tmp_path / "2019.xlsx"), ImportOptions(overwrite=True))
    assert {(c.field, c.action) for c in report.changes if c.customer_id == wang.id} == {
        ("birthday", "replace"), ("notes", "replace"), ("preferred_seat", "fill")}
    card = customers.get_customer(db, wang.id)
    assert (card.birthday, card.notes) == (PartialDate(3, 2, 1985), "老客户")


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_the_cli_dry_run_lists_every_field_old_to_new(capsys: pytest.CaptureFixture[str], sqlite_db: Database,
                                                      library: FormLibrary, tmp_path: Path) -> None:
    wang, _li = _vip(sqlite_db)
    path = old_sheet(tmp_path / "2019.xlsx")
    args = ["--db", sqlite_db.display_name, "import", str(path), "--dry-run"]
    assert main([*args, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"sheet": "2019", "row": 3, "customer": wang.id, "name": "王建国", "field": "birthday", "old": "--12-03",
            "new": "1985-03-02", "action": "keep"} in data["changes"]
    assert data["kept"] == 2
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "notes: '老客户；带司机' → '老客户'  [kept the card's; the sheet says]" in out
    assert main([*args, "--overwrite"]) == 0
    assert "notes: '老客户；带司机' → '老客户'  [replaced]" in capsys.readouterr().out
