"""Importing guestcard's own export restores its visits and contacts on the cards their exported
ids became, adds none twice, says what it leaves out (relations), and undo takes them away (23.8)."""

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from guestcard.cli.main import main
from guestcard.domain import Contact, Customer, Relation, Visit
from guestcard.forms import FormLibrary
from guestcard.services import customers
from guestcard.services.exporting import export_customers
from guestcard.services.importing import ImportOptions, import_file, undo_import
from guestcard.storage import Database


def _filled(db: Database) -> tuple[Customer, Customer]:
    wang = customers.create_customer(db, Customer(name="王建国", phone="13812345678"))
    li = customers.create_customer(db, Customer(name="李娜", phone="13900001111"))
    customers.add_visit(db, Visit(customer_id=wang.id, at=dt.datetime(2025, 5, 1, 18, 30), party_size=8,
                                  room="牡丹厅", spend=Decimal("3680.50"), dishes="佛跳墙"))
    customers.add_visit(db, Visit(customer_id=li.id, at=dt.datetime(2026, 12, 24, 19, 0), party_size=2))
    customers.add_contact(db, Contact(customer_id=li.id, date=dt.date(2026, 11, 2), channel="微信",
                                      key_points="询问年会套餐", next_follow_up=dt.date(2026, 12, 10)))
    customers.add_relation(db, Relation(customer_id=li.id, other_id=wang.id, kind="spouse"))
    return wang, li


def test_the_export_comes_back_with_its_visits_and_contacts(db: Database, library: FormLibrary,
                                                           tmp_path: Path) -> None:
    _filled(db)
    export_customers(db, library, tmp_path / "all.xlsx")
    other = Database.open(tmp_path / "other.sqlite3")
    try:
        dry = import_file(other, library, tmp_path / "all.xlsx", ImportOptions(dry_run=True))
        assert (dry.history.visits, dry.history.contacts, dry.history.left_out) == (2, 1, ("relations",))
        assert customers.count_customers(other) == 0
        report = import_file(other, library, tmp_path / "all.xlsx", ImportOptions(backup_dir=tmp_path / "bk"))
        assert (report.imported, report.history.visits, report.history.contacts) == (2, 2, 1)
        by_name = {c.name: c.id for c in customers.list_customers(other)}
        wang_file = customers.customer_file(other, by_name["王建国"])
        (visit,) = wang_file.visits
        assert (visit.at, visit.party_size, visit.room, visit.spend, visit.dishes) == (
            dt.datetime(2025, 5, 1, 18, 30), 8, "牡丹厅", Decimal("3680.50"), "佛跳墙")
        li_file = customers.customer_file(other, by_name["李娜"])
        assert [c.key_points for c in li_file.contacts] == ["询问年会套餐"]
        assert li_file.contacts[0].next_follow_up == dt.date(2026, 12, 10)
        assert [v.at for v in li_file.visits] == [dt.datetime(2026, 12, 24, 19, 0)]
        assert li_file.relations == []  # not in the export: said so, not restored
        undone = undo_import(other, report.batch, backup_dir=tmp_path / "bk")
        assert (undone.removed, undone.kept) == (2, ())  # the visits it added are no work done since
        assert customers.count_customers(other) == 0
    finally:
        other.close()


def test_importing_an_export_into_its_own_database_adds_nothing_twice(db: Database, library: FormLibrary,
                                                                     tmp_path: Path) -> None:
    wang, li = _filled(db)
    export_customers(db, library, tmp_path / "all.xlsx")
    report = import_file(db, library, tmp_path / "all.xlsx")
    assert (report.imported, report.history.visits, report.history.contacts, report.history.present) == (0, 0, 0, 3)
    assert len(customers.customer_file(db, wang.id).visits) == 1
    assert len(customers.customer_file(db, li.id).contacts) == 1


def test_a_sheet_of_someone_else_has_no_history_part(db: Database, library: FormLibrary, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("姓名,手机\n张三,13800000001\n", encoding="utf-8")
    assert import_file(db, library, path, ImportOptions(dry_run=True)).history is None


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_the_cli_dry_run_mentions_them(capsys: pytest.CaptureFixture[str], sqlite_db: Database,
                                       library: FormLibrary, tmp_path: Path) -> None:
    _filled(sqlite_db)
    export_customers(sqlite_db, library, tmp_path / "all.xlsx")
    target = ["--db", str(tmp_path / "fresh.sqlite3"), "--create", "import", str(tmp_path / "all.xlsx"), "--dry-run"]
    assert main([*target, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["history"] == {
        "visits": 2, "contacts": 1, "already_there": 0, "unmatched": 0, "unreadable": 0, "left_out": ["relations"]}
    assert main(target) == 0
    assert "would add 2 visits and 1 contacts" in capsys.readouterr().out
