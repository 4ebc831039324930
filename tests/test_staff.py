"""Staff and ownership: the staff list, owners on cards, hand-over, who made each change."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy.engine import make_url

from guestcard.cli.main import main
from guestcard.domain.model import Customer
from guestcard.forms import FormLibrary
from guestcard.services import customers
from guestcard.services import staff as service
from guestcard.services.customers import InvalidInput
from guestcard.services.importing import import_file
from guestcard.storage import CustomerFilter, Database, NotFound

DATA = Path(__file__).parent / "data"


def team(db: Database) -> None:
    service.add_staff(db, "张经理", "客户经理")
    service.add_staff(db, "李经理", "account_manager")
    service.add_staff(db, "王前台", "front desk")


def guests(db: Database) -> list[Customer]:
    return [
        customers.create_customer(db, Customer(name=name, customer_class=cls, owner=owner))
        for name, cls, owner in (
            ("王建国", "A", "张经理"), ("李女士", "B", "张经理"), ("赵总", "A", "张经理"),
            ("钱先生", "C", "李经理"), ("孙女士", "A", None),
        )
    ]


def test_staff_list_roles_and_refusals(db: Database) -> None:
    team(db)
    listed = service.list_staff(db)
    assert {m.name: (m.role, m.active) for m in listed} == {
        "张经理": ("account_manager", True), "李经理": ("account_manager", True), "王前台": ("front_desk", True),
    }
    with pytest.raises(InvalidInput, match="already"):
        service.add_staff(db, " 张经理 ")
    with pytest.raises(InvalidInput, match="role"):
        service.add_staff(db, "周", "chef")
    with pytest.raises(InvalidInput, match="name"):
        service.add_staff(db, "  ")
    left = service.leave(db, "王前台")
    assert not left.active and left.left_on is not None
    assert {m.name for m in service.list_staff(db, active_only=True)} == {"张经理", "李经理"}
    assert service.list_staff(db)[-1].name == "王前台"  # who left comes last
    with pytest.raises(InvalidInput, match="left already"):
        service.leave(db, "王前台")


def test_the_list_filters_by_owner(db: Database) -> None:
    team(db)
    made = guests(db)
    mine = customers.list_customers(db, CustomerFilter(owner="张经理"))
    assert sorted(c.id for c in mine) == [made[0].id, made[1].id, made[2].id]
    assert customers.count_customers(db, CustomerFilter(owner="李经理")) == 1
    searched = customers.list_customers(db, CustomerFilter(query="王建国", owner="李经理"))
    assert searched == []
    assert [c.id for c in customers.list_customers(db, CustomerFilter(query="王建国", owner="张经理"))] == [made[0].id]


def test_handover_moves_exactly_the_chosen_cards_and_records_it(db: Database) -> None:
    team(db)
    made = guests(db)
    service.choose_user(db, "王前台")
    dry = service.handover(db, "张经理", "李经理", customer_class="A", dry_run=True)
    assert sorted(dry.customer_ids) == sorted([made[0].id, made[2].id]) and dry.dry_run
    assert customers.get_customer(db, made[0].id).owner == "张经理"  # a dry run changes nothing

    moved = service.handover(db, "张经理", "李经理", customer_class="A")
    assert sorted(moved.customer_ids) == sorted([made[0].id, made[2].id])
    owners = {c.id: c.owner for c in customers.list_customers(db)}
    assert owners == {made[0].id: "李经理", made[1].id: "张经理", made[2].id: "李经理",
                      made[3].id: "李经理", made[4].id: None}
    change = customers.history_of(db, made[0].id)[0]
    assert (change.action, change.field, change.old, change.new, change.by) == (
        "handover", "owner", "张经理", "李经理", "王前台")
    assert all(c.action != "handover" for c in customers.history_of(db, made[1].id))

    service.handover(db, "张经理", "李经理", ids=[made[1].id])
    assert customers.get_customer(db, made[1].id).owner == "李经理"
    with pytest.raises(InvalidInput, match="not a guest"):
        service.handover(db, "李经理", "张经理", ids=[made[4].id])
    service.leave(db, "张经理")
    with pytest.raises(InvalidInput, match="has left"):
        service.handover(db, "李经理", "张经理")
    with pytest.raises(NotFound):
        service.handover(db, "李经理", "无此人")


def test_every_change_is_recorded_with_the_current_user(db: Database) -> None:
    team(db)
    assert service.choose_user(db, None) is None
    first = customers.create_customer(db, Customer(name="王建国"))
    assert customers.history_of(db, first.id)[0].by is None
    assert service.choose_user(db, "李经理") == "李经理"
    customers.update_customer(db, first.id, {"phone": "13812345678"})
    assert customers.history_of(db, first.id)[0].by == "李经理"
    with pytest.raises(InvalidInput, match="no staff member"):
        service.choose_user(db, "无此人")
    service.leave(db, "王前台")
    with pytest.raises(InvalidInput, match="has left"):
        service.choose_user(db, "王前台")


def test_on_a_server_the_connection_user_is_the_staff_member(server_url: str) -> None:
    login = make_url(server_url).username
    with Database.open(server_url) as db:
        service.add_staff(db, "周经理", "manager", login=login)
        assert service.choose_user(db, None) == "周经理"
        made = customers.create_customer(db, Customer(name="王建国"))
        assert customers.history_of(db, made.id)[0].by == "周经理"


def test_import_maps_the_account_manager_column(db: Database, library: FormLibrary, tmp_path: Path) -> None:
    for header in ("客户经理", "销售", "归属", "负责人", "Owner"):
        book = Workbook()
        book.active.append(["客户姓名", "手机", header])
        book.active.append(["王建国", "13812345678", "张经理"])
        book.save(tmp_path / f"{header}.xlsx")
        import_file(db, library, tmp_path / f"{header}.xlsx")
        assert customers.list_customers(db)[0].owner == "张经理", header


def test_the_prospect_salesperson_of_an_older_database_becomes_the_owner(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    shutil.copy(DATA / "schema_0004.sqlite3", path)
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.execute("""UPDATE customers SET fields = json_set(fields, '$.salesperson', '张经理')
                                  WHERE id = (SELECT min(id) FROM customers)""")
    finally:
        connection.close()
    with Database.open(path) as db:
        first = customers.list_customers(db, CustomerFilter(owner="张经理"))
        assert len(first) == 1 and "salesperson" not in first[0].fields


def run(capsys: pytest.CaptureFixture[str], db_args: list[str], *args: str) -> tuple[int, str, str]:
    code = main([*db_args, *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_cli_staff_handover_and_user(capsys: pytest.CaptureFixture[str], db_args: list[str]) -> None:
    assert run(capsys, db_args, "staff", "add", "张经理", "--role", "客户经理")[0] == 0
    assert run(capsys, db_args, "staff", "add", "李经理")[0] == 0
    assert run(capsys, db_args, "add", "--name", "王建国", "--class", "A", "--field", "owner=张经理")[0] == 0
    assert run(capsys, db_args, "add", "--name", "李女士", "--class", "B", "--field", "owner=张经理")[0] == 0
    code, out, _ = run(capsys, db_args, "staff", "leave", "张经理")
    assert code == 0 and "2 guests still belong" in out
    code, out, _ = run(capsys, db_args, "--user", "李经理", "handover", "张经理", "李经理", "--class", "B", "--json")
    assert code == 0 and json.loads(out)["customers"] == [2]
    code, out, _ = run(capsys, db_args, "--user", "李经理", "list", "--mine", "--json")
    assert [c["name"] for c in json.loads(out)] == ["李女士"] and json.loads(out)[0]["owner"] == "李经理"
    code, out, _ = run(capsys, db_args, "history", "2", "--json")
    assert json.loads(out)[0] == {**json.loads(out)[0], "action": "handover", "by": "李经理", "new": "李经理"}
    listed = json.loads(run(capsys, db_args, "staff", "list", "--json")[1])
    assert {s["name"]: s["customers"] for s in listed["staff"]} == {"张经理": 1, "李经理": 1}
    code, _, err = run(capsys, db_args, "--user", "无此人", "list")
    assert code == 2 and err.count("\n") == 1 and "no staff member" in err
    code, _, err = run(capsys, db_args, "list", "--mine")
    assert code == 2 and "--user" in err
    code, _, err = run(capsys, db_args, "handover", "张经理", "张经理")
    assert code == 2 and err.startswith("guestcard: to:")
